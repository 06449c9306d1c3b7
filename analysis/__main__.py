"""Command line: ``python -m analysis ingest|features|compare|figures|report|bench``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ._paths import DATA, PROCESSED
from .corpus import ConfigError, ingest, load_config, write_outputs
from .corpus.readers import Limits, parse_size


def _ingest(args: argparse.Namespace) -> int:
    if args.paths and args.out is None:
        print("error: give --out DIR when ingesting your own files, so the project's processed "
              "corpus is not overwritten", file=sys.stderr)
        return 2
    out = Path(args.out) if args.out else PROCESSED
    try:
        limits = Limits(parse_size(args.max_record_bytes), parse_size(args.max_file_bytes))
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    config = load_config(Path(args.data_dir), [Path(p) for p in args.paths] or None)
    result = ingest(config, progress=None if not args.quiet else False, limits=limits)
    try:
        corpus_path, report_path = write_outputs(result, out)
    except OSError as exc:
        print(f"error: cannot write to {out}: {exc}", file=sys.stderr)
        return 1
    report = result.report
    print(f"{len(report)} input records: " + ", ".join(
        f"{n} {status}" for status, n in report["status"].value_counts().items()))
    rejected = report[report["status"] == "rejected"]
    if len(rejected):
        reasons = rejected["reason"].str.replace(r"^\S+?:\d+: |^\S+: ", "", regex=True)
        print("rejected, by reason:")
        for reason, n in reasons.value_counts().head(10).items():
            print(f"  {n:6d}  {reason}")
    flagged = report[(report["status"] == "kept") & report["note"].fillna("").str.contains(
        "not recognised|not in data/outlets.toml")]
    if len(flagged):
        print(f"{len(flagged)} kept record(s) with an unknown outlet (see the report's note)")
    print(f"wrote {corpus_path} ({len(result.corpus)} articles) and {report_path}")
    return 0


def _read_parquet(path: Path):
    """Read a Parquet file, or raise ConfigError naming it when it cannot be read."""
    import pandas as pd
    import pyarrow as pa

    try:
        return pd.read_parquet(path)
    except (OSError, ValueError, pa.ArrowException) as exc:
        raise ConfigError(f"{path}: not a readable Parquet file ({exc})") from exc


def _features(args: argparse.Namespace) -> int:
    from .features.pipeline import update_features

    corpus_path = Path(args.corpus)
    if not corpus_path.exists():
        print(f"error: {corpus_path} does not exist: run `make data` first", file=sys.stderr)
        return 2
    corpus = _read_parquet(corpus_path)
    features, recomputed = update_features(corpus, Path(args.out),
                                           progress=None if not args.quiet else False,
                                           source=corpus_path)
    for prefix, n in recomputed.items():
        print(f"{prefix}__: computed for {n} of {len(corpus)} articles"
              + (" (the rest unchanged)" if n < len(corpus) else ""))
    print(f"wrote {args.out} ({len(features)} rows, {features.shape[1] - 2} features)")
    return 0


def _bench(args: argparse.Namespace) -> int:
    from .bench import run_benchmark

    results = run_benchmark(sample=args.sample)
    rounds = results["readability_rounds_seconds"]
    print(f"readability: {results['readability_speedup']}x faster than textstat per function "
          f"(fastest of {len(rounds['one_pass'])} cold rounds each: textstat "
          f"{rounds['textstat_per_function']} s, one pass {rounds['one_pass']} s; "
          f"identical values: {results['readability_identical_to_textstat']})")
    print(f"VADER: {results['vader_speedup']}x faster than vaderSentiment on "
          f"{results['vader_sentences']:,} sentences "
          f"(identical values: {results['vader_identical_to_reference']})")
    print(f"whole pass: {results['full_pass_mb_per_s']} MB/s on one core (fastest of "
          f"{len(results['full_pass_rounds_seconds']['this_package'])} cold rounds: "
          f"{results['full_pass_rounds_seconds']['this_package']} s); naive baseline "
          f"(textstat x8 + VADER per document): {results['naive_mb_per_s']} MB/s "
          f"-> {results['full_pass_vs_naive']}x; each family alone, summed: "
          f"{results['families_alone_seconds']} s against {results['full_pass_seconds']} s")
    sample = results["sample"]
    print(f"  {results['full_pass_docs_per_s']} docs/s "
          f"(mean {sample['mb'] * 1e6 / sample['articles']:.0f} bytes a document)")
    for prefix, rate in results["family_mb_per_s"].items():
        print(f"  {prefix}__: {rate} MB/s, {results['family_docs_per_s'][prefix]} docs/s")
    article = results["article_length"]
    print(f"article-length documents ({article['what']}, mean {article['mean_bytes']:,} "
          f"bytes): {article['mb_per_s']} MB/s")
    scaling = results["scaling"]
    print(f"scaling corpus: {scaling['articles']:,} articles, {scaling['mb']} MB in "
          f"{scaling['seconds']} s ({scaling['mb_per_s']} MB/s); peak RSS "
          f"{results['peak_rss_mb']} MB")
    slowest = max(results["compare_seconds_per_table"].items(), key=lambda kv: kv[1])
    print(f"comparison pass (every table): {results['compare_seconds']} s on the real corpus; "
          f"slowest {slowest[0]} ({slowest[1]} s)")
    ingested = results["ingest"]
    print(f"ingest of a {ingested['rows']:,}-row CSV ({ingested['csv_mb']} MB): "
          f"{ingested['seconds']} s, peak RSS {results['ingest_peak_rss_mb']} MB; "
          f"{ingested['report_rows']:,} report rows, {ingested['kept']:,} kept")
    print("targets: " + "; ".join(
        f"{name} {results['targets'][name]}: {'met' if met else 'NOT met'} "
        f"({results[name]})" for name, met in results["targets_met"].items()))
    print("wrote benchmarks/results.json")
    return 0


def _unknown(kind: str, names: list[str], known) -> bool:
    """Report names that are not in `known` (on stderr); return whether there were any."""
    unknown = [n for n in names if n not in known]
    if unknown:
        print(f"error: no {kind} named {', '.join(unknown)}; known: {', '.join(known)}",
              file=sys.stderr)
    return bool(unknown)


def _compare(args: argparse.Namespace) -> int:
    from .compare.run import TABLES, CompareError, Inputs, run_compare

    if _unknown("table", args.names, TABLES):
        return 2
    paths = [Path(args.corpus), Path(args.features)]
    for path in paths:
        if not path.exists():
            print(f"error: {path} does not exist: run `make features` first", file=sys.stderr)
            return 2
    inputs = Inputs(*map(_read_parquet, paths))
    try:
        seconds = run_compare(inputs, args.names or None, Path(args.out),
                              progress=None if not args.quiet else False)
    except CompareError as exc:
        for name, error in exc.errors.items():
            print(f"FAILED {name}: {error}", file=sys.stderr)
        return 1
    for name, s in seconds.items():
        print(f"ok     {args.out}/{name}.csv ({s:.1f} s)")
    return 0


def _figures(args: argparse.Namespace) -> int:
    from .build import FIGURES, build_figures

    if _unknown("figure", args.names, FIGURES):
        return 2
    results = build_figures(args.names or None, force=args.force)
    for name, status in results.items():
        label = {"ok": "built ", "up to date": "fresh "}.get(status, "FAILED")
        print(f"{label} {name}" + ("" if status in ("ok", "up to date") else f": {status}"))
    return 0 if all(s in ("ok", "up to date") for s in results.values()) else 1


def _report(args: argparse.Namespace) -> int:
    from .report import export_reports

    try:
        results = export_reports(args.names or None)
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    for name, status in results.items():
        print(f"{'ok    ' if status == 'ok' else 'FAILED'} reports/{name}.html"
              + ("" if status == "ok" else f": {status}"))
    return 0 if all(s == "ok" for s in results.values()) else 1


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m analysis", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("ingest", help="build corpus.parquet and ingest_report.csv")
    p.add_argument("paths", nargs="*", help="files or folders (.txt pages, .csv, .jsonl, .gz); "
                   "default: the sources in data/sources.toml")
    p.add_argument("--out", help=f"output folder (default {PROCESSED.relative_to(DATA.parent)})")
    p.add_argument("--data-dir", default=str(DATA), help="folder with sources.toml, outlets.toml, "
                   "events.csv and lexicons/")
    p.add_argument("--max-record-bytes", default=str(Limits.max_record_bytes), metavar="SIZE",
                   help="reject a record (page, CSV row, JSON line) larger than this, with its "
                   "size (default 64MiB; units kB, MB, GB or KiB, MiB, GiB)")
    p.add_argument("--max-file-bytes", default=str(Limits.max_file_bytes), metavar="SIZE",
                   help="stop reading a file after this many bytes (decompressed), keeping the "
                   "records before and reporting the stop (default 4GiB)")
    p.add_argument("--quiet", action="store_true", help="no progress bars")
    p.set_defaults(func=_ingest)
    p = sub.add_parser("features", help="compute features.parquet (incremental)")
    p.add_argument("--corpus", default=str(PROCESSED / "corpus.parquet"))
    p.add_argument("--out", default=str(PROCESSED / "features.parquet"))
    p.add_argument("--quiet", action="store_true", help="no progress bars")
    p.set_defaults(func=_features)
    b = sub.add_parser("bench", help="benchmark the feature pass; write benchmarks/results.json")
    b.add_argument("--sample", type=int, default=None,
                   help="time only this many English articles (default: all of them)")
    b.set_defaults(func=_bench)
    c = sub.add_parser("compare", help="write the comparison tables to tables/<name>.csv")
    c.add_argument("names", nargs="*", help="tables to write (default: all)")
    c.add_argument("--corpus", default=str(PROCESSED / "corpus.parquet"))
    c.add_argument("--features", default=str(PROCESSED / "features.parquet"))
    c.add_argument("--out", default="tables", help="output folder (default: tables)")
    c.add_argument("--quiet", action="store_true", help="no progress bar")
    c.set_defaults(func=_compare)
    f = sub.add_parser("figures", help="write figures/<name>.{pdf,png,svg} and tables/<name>.csv")
    f.add_argument("names", nargs="*", help="figures to build (default: all)")
    f.add_argument("--force", action="store_true", help="rebuild even what is up to date")
    f.set_defaults(func=_figures)
    r = sub.add_parser("report", help="execute the notebooks; write reports/<notebook>.html")
    r.add_argument("names", nargs="*", help="notebooks (e.g. 02-style-and-readability; "
                   "default: all)")
    r.set_defaults(func=_report)
    args = parser.parse_args(argv)
    try:
        return args.func(args)
    except ConfigError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
