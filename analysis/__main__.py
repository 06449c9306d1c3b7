"""Command line: ``python -m analysis run|study|ingest|features|compare|figures|report|bench``.

``run DIR`` builds a whole study (corpus, features, tables, figures, summary; ``--report``
adds the HTML reports); the other commands are its steps, each taking ``--study DIR``
(default: the embedded study, or ``$ANALYSIS_STUDY``).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .corpus import ConfigError, ingest_into, load_config
from .corpus.language import corpus_language_warning
from .corpus.readers import Limits, parse_size
from .study import Study, load_study


def _study(args: argparse.Namespace) -> Study:
    return load_study(getattr(args, "study", None))


def _ingest(args: argparse.Namespace) -> int:
    if args.paths and args.out is None:
        print("error: give --out DIR when ingesting your own files, so the study's processed "
              "corpus is not overwritten", file=sys.stderr)
        return 2
    study = _study(args)
    out = Path(args.out) if args.out else study.processed
    try:
        limits = Limits(parse_size(args.max_record_bytes), parse_size(args.max_file_bytes))
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    config = load_config(study, [Path(p) for p in args.paths] or None)
    try:
        corpus_path, report_path, report = ingest_into(
            config, out, progress=None if not args.quiet else False, limits=limits)
    except OSError as exc:
        print(f"error: cannot write to {out}: {exc}", file=sys.stderr)
        return 1
    print(f"{len(report)} input records: " + ", ".join(
        f"{n} {status}" for status, n in report["status"].value_counts().items()))
    warning = corpus_language_warning(corpus_path, config.languages)
    if warning:
        print(f"WARNING {warning}")
    rejected = report[report["status"] == "rejected"]
    if len(rejected):
        reasons = rejected["reason"].str.replace(r"^\S+?:\d+: |^\S+: ", "", regex=True)
        print("rejected, by reason:")
        for reason, n in reasons.value_counts().head(10).items():
            print(f"  {n:6d}  {reason}")
    corpus = _read_parquet(corpus_path, columns=["outlet", "outlet_group", "event_id"])
    added = config.register.added_outlets
    print(f"{corpus['outlet'].nunique()} outlets in {corpus['outlet_group'].nunique()} groups: "
          + ", ".join(f"{config.register.get(o).name} ({n})"
                      for o, n in corpus["outlet"].value_counts().head(12).items())
          + (" ..." if corpus["outlet"].nunique() > 12 else ""))
    if added:
        print(f"{len(added)} outlet(s) not in the register, kept as their own: "
              + ", ".join(f"{v!r} -> {k}" for k, v in list(added.items())[:12])
              + " (add them to an outlets.toml to give them a group; see the report's note)")
    unknown = int((corpus["outlet"] == "unknown").sum())
    if unknown:
        print(f"{unknown} kept article(s) with no outlet recognised (see the report's note)")
    n_events = corpus["event_id"].nunique()
    print(f"{n_events} events ({config.event_source}); "
          f"{int(corpus['event_id'].notna().sum()):,} of {len(corpus):,} articles have one")
    print(f"wrote {corpus_path} ({len(corpus)} articles) and {report_path}")
    return 0


def _read_parquet(path: Path, columns: list[str] | None = None):
    """Read a Parquet file (those `columns`, or all), or raise ConfigError naming it when
    it cannot be read."""
    import pandas as pd
    import pyarrow as pa

    try:
        return pd.read_parquet(path, columns=columns)
    except (OSError, ValueError, pa.ArrowException) as exc:
        raise ConfigError(f"{path}: not a readable Parquet file ({exc})") from exc


def _workers(args: argparse.Namespace) -> int:
    """--workers, else the cores this process may use."""
    if args.workers is not None:
        return args.workers
    from .features.parallel import default_workers

    return default_workers()


def _parallel_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--workers", type=int, metavar="N",
                   help="feature pass on N worker processes (default: every core this "
                   "process may use; the values are the same as on one)")
    p.add_argument("--scheduler", metavar="ADDRESS",
                   help="run the feature pass on the Dask distributed cluster at ADDRESS "
                   "(e.g. tcp://10.0.0.5:8786); the same values")


def _features(args: argparse.Namespace) -> int:
    from .features.pipeline import write_features

    study = _study(args)
    args.corpus = args.corpus or str(study.processed / "corpus.parquet")
    args.out = args.out or str(study.processed / "features.parquet")
    corpus_path = Path(args.corpus)
    if not corpus_path.exists():
        print(f"error: {corpus_path} does not exist: run `make data` first", file=sys.stderr)
        return 2
    _read_parquet(corpus_path, columns=[])  # a readable file, or an error naming it
    n, recomputed = write_features(corpus_path, Path(args.out),
                                   progress=None if not args.quiet else False,
                                   lexicon_dir=study.lexicons, engine=args.engine,
                                   workers=_workers(args), scheduler=args.scheduler)
    for prefix, k in recomputed.items():
        print(f"{prefix}__: computed for {k} of {n} articles"
              + (" (the rest unchanged)" if k < n else ""))
    import pyarrow.parquet as pq

    print(f"wrote {args.out} ({n} rows, {len(pq.read_schema(args.out).names) - 2} features)")
    return 0


def _bench(args: argparse.Namespace) -> int:
    from .bench import run_benchmark

    results = run_benchmark(sample=args.sample, scaling_articles=args.scaling,
                            million=not args.no_million)
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
    print(f"  CPU {results['full_pass_cpu_seconds']} s in those rounds; load average "
          f"{results['load_average']} (1, 5, 15 min)")
    print(f"  reference (pure-Python) pass: {results['reference_pass_mb_per_s']} MB/s; the "
          f"columnar pass is {results['columnar_vs_reference']}x faster, identical values: "
          f"{results['identical_to_reference']}")
    print(rf"  floor, re.findall(r'\w+') over the same texts: {results['floor_mb_per_s']} MB/s;"
          f" the whole pass is {results['ratio_to_floor']} of it")
    print("  start-up of a spawned worker (import + one small pass; a forked one inherits "
          f"both): {results['start_up_seconds']} s")
    article = results["article_length"]
    print(f"article-length documents ({article['what']}, mean {article['mean_bytes']:,} "
          f"bytes): {article['mb_per_s']} MB/s")
    skipped = results["without_target_polarity"]
    print(f"without target polarity (every actor mention's taken as 0, a diagnostic of its "
          f"cost): {skipped['mb_per_s']} MB/s on short texts, "
          f"{skipped['article_length_mb_per_s']} MB/s on article-length ones")
    scaling = results["scaling"]
    ceiling = results["two_process_ceiling"]
    print(f"scaling corpus: {scaling['articles']:,} articles, {scaling['mb']} MB in "
          f"{scaling['seconds']} s ({scaling['mb_per_s']} MB/s); 2 workers "
          f"{scaling['two_workers_seconds']} s ({results['workers_speedup']}x), Dask "
          f"LocalCluster of 2 {scaling['dask_two_workers_seconds']} s "
          f"({results['dask_speedup']}x) from a cold start, "
          f"{scaling['dask_two_warm_workers_seconds']} s ({results['dask_warm_speedup']}x) "
          f"with workers that have run a small pass; identical to one worker: "
          f"{scaling['identical_to_one_worker']}; peak RSS per process (MB): "
          f"{scaling['peak_rss_mb']}")
    print(f"  this machine's ceiling for 2 processes (a CPU-bound loop, 2 jobs on 2 "
          f"processes vs 1 after the other): {ceiling['speedup']}x; the pass reaches "
          f"{results['workers_speedup_of_ceiling']} of it")
    million = results["million"]
    if million:
        print(f"{million['articles']:,} articles ({million['mb']} MB) on {million['workers']} "
              f"workers: {million['seconds']} s; peak RSS per process (MB): "
              f"{million['peak_rss_mb']}")
    slowest = max(results["compare_seconds_per_table"].items(), key=lambda kv: kv[1])
    print(f"comparison pass (every table): {results['compare_seconds']} s on the real corpus; "
          f"slowest {slowest[0]} ({slowest[1]} s)")
    ingested = results["ingest"]
    print(f"ingest of a {ingested['rows']:,}-row CSV ({ingested['csv_mb']} MB): "
          f"{ingested['seconds']} s, peak RSS {results['ingest_peak_rss_mb']} MB; "
          f"{ingested['report_rows']:,} report rows, {ingested['kept']:,} kept")
    print("targets:")
    for name, met in results["targets_met"].items():
        print(f"  {'met    ' if met else 'NOT met'}  {name} = {results[name]}; bar: "
              f"{results['targets'][name]}")
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
    study = _study(args)
    args.corpus = args.corpus or str(study.processed / "corpus.parquet")
    args.features = args.features or str(study.processed / "features.parquet")
    args.out = args.out or str(study.tables)
    paths = [Path(args.corpus), Path(args.features)]
    for path in paths:
        if not path.exists():
            print(f"error: {path} does not exist: run `make features` first", file=sys.stderr)
            return 2
    inputs = Inputs(*map(_read_parquet, paths), study=study)
    if inputs.left_out_note:
        print(inputs.left_out_note)
    try:
        status = run_compare(inputs, args.names or None, Path(args.out),
                             progress=None if not args.quiet else False)
        failed = {}
    except CompareError as exc:
        status, failed = exc.status, exc.errors
    for name, state in status.items():
        print(f"ok      {args.out}/{name}.csv" if state == "ok" else f"skipped {name}: "
              + state.removeprefix("skipped: "))
    for name, error in failed.items():
        print(f"FAILED  {name}: {error}", file=sys.stderr)
    return 1 if failed else 0


def _figures(args: argparse.Namespace) -> int:
    from .build import Data, build_figures, figure_specs

    study = _study(args)
    if _unknown("figure", args.names, figure_specs(Data(study))):
        return 2
    results = build_figures(args.names or None, study=study, force=args.force)
    return _print_figures(results)


def _print_figures(results: dict[str, str]) -> int:
    for name, status in results.items():
        if status.startswith(("skipped: ", "removed: ")):
            print(f"{status.split(':')[0]} {name}:{status.split(':', 1)[1]}")
            continue
        label = {"ok": "built  ", "up to date": "fresh  "}.get(status, "FAILED ")
        print(f"{label} {name}" + ("" if status in ("ok", "up to date") else f": {status}"))
    return 0 if all(s in ("ok", "up to date") or s.startswith(("skipped: ", "removed: "))
                    for s in results.values()) else 1


def _report(args: argparse.Namespace) -> int:
    from .report import export_reports

    try:
        results = export_reports(args.names or None, study=_study(args),
                                 show_code=args.show_code)
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    for name, status in results.items():
        print(f"{'ok    ' if status == 'ok' else 'FAILED'} {name}.html"
              + ("" if status == "ok" else f": {status}"))
    return 0 if all(s == "ok" for s in results.values()) else 1


def _run(args: argparse.Namespace) -> int:
    from .run import run_study

    return run_study(load_study(args.folder), report=args.report, force=args.force,
                     quiet=args.quiet, workers=_workers(args), scheduler=args.scheduler)


def _study_init(args: argparse.Namespace) -> int:
    from .study import init_study

    config, said = init_study(Path(args.folder), [Path(f) for f in args.files], args.title)
    print(f"wrote {config}; what it guessed (check it, then edit study.toml):")
    for line in said:
        print(f"  {line}")
    print(f"next: make STUDY={args.folder}   (or: python -m analysis run {args.folder})")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m analysis", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    where = ("the study folder (with study.toml); default: $ANALYSIS_STUDY, else the "
             "embedded study")

    def command(name: str, func, help: str) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=help)
        p.set_defaults(func=func)
        if name not in ("run", "study", "bench"):
            p.add_argument("--study", help=where)
        return p

    p = command("run", _run, "build a whole study: corpus, features, tables, figures, summary")
    p.add_argument("folder", help="the study folder (with study.toml)")
    p.add_argument("--report", action="store_true", help="also write the HTML reports")
    _parallel_options(p)
    p.add_argument("--force", action="store_true", help="rebuild even what is up to date")
    p.add_argument("--quiet", action="store_true", help="no progress bars")
    p = command("study", None, "start a study: `study init DIR FILE...` writes DIR/study.toml")
    init = p.add_subparsers(dest="action", required=True).add_parser(
        "init", help="write DIR/study.toml from the files' columns; print what was guessed")
    init.add_argument("folder", help="the study folder (created if missing)")
    init.add_argument("files", nargs="+", help=".csv/.tsv/.jsonl files (optionally .gz) or "
                      "folders of scraped pages; files outside the folder are copied in")
    init.add_argument("--title", help="the study's title (default: the folder's name)")
    init.set_defaults(func=_study_init)
    p = command("ingest", _ingest, "build corpus.parquet and ingest_report.csv")
    p.add_argument("paths", nargs="*", help="files or folders (.txt pages, .csv, .jsonl, .gz); "
                   "default: the study's inputs")
    p.add_argument("--out", help="output folder (default: the study's processed folder)")
    p.add_argument("--max-record-bytes", default=str(Limits.max_record_bytes), metavar="SIZE",
                   help="reject a record (page, CSV row, JSON line) larger than this, with its "
                   "size (default 64MiB; units kB, MB, GB or KiB, MiB, GiB)")
    p.add_argument("--max-file-bytes", default=str(Limits.max_file_bytes), metavar="SIZE",
                   help="stop reading a file after this many bytes (decompressed), keeping the "
                   "records before and reporting the stop (default 4GiB)")
    p.add_argument("--quiet", action="store_true", help="no progress bars")
    p = command("features", _features, "compute features.parquet (incremental)")
    p.add_argument("--corpus", help="default: the study's processed/corpus.parquet")
    p.add_argument("--out", help="default: the study's processed/features.parquet")
    p.add_argument("--engine", help="columnar (batches over token-id arrays, compiled kernels; "
                   "the default) or python (the pure-Python reference pass); same values")
    _parallel_options(p)
    p.add_argument("--quiet", action="store_true", help="no progress bars")
    b = command("bench", _bench, "benchmark the feature pass; write benchmarks/results.json")
    b.add_argument("--sample", type=int, default=None,
                   help="time only this many English articles (default: all of them)")
    b.add_argument("--scaling", type=int, default=100_000, metavar="N",
                   help="articles of the scaling corpus timed on 1 and 2 workers and on "
                   "Dask (real texts resampled; default 100000)")
    b.add_argument("--no-million", action="store_true",
                   help="skip the pass over 1,000,000 articles on every core (its peak "
                   "memory per process is a target; about 4 minutes on 2 cores)")
    c = command("compare", _compare, "write the comparison tables to <tables>/<name>.csv")
    c.add_argument("names", nargs="*", help="tables to write (default: all)")
    c.add_argument("--corpus", help="default: the study's processed/corpus.parquet")
    c.add_argument("--features", help="default: the study's processed/features.parquet")
    c.add_argument("--out", help="output folder (default: the study's tables folder)")
    c.add_argument("--quiet", action="store_true", help="no progress bar")
    f = command("figures", _figures, "write <figures>/<name>.{pdf,png,svg} and the tables")
    f.add_argument("names", nargs="*", help="figures to build (default: all)")
    f.add_argument("--force", action="store_true", help="rebuild even what is up to date")
    r = command("report", _report, "execute the notebooks; write <reports>/<notebook>.html")
    r.add_argument("names", nargs="*", help="notebooks (e.g. 02-style-and-readability; "
                   "default: all)")
    r.add_argument("--show-code", action="store_true", help="keep the code cells in the HTML "
                   "(default: hidden; the outputs, figures and prose are shown)")
    args = parser.parse_args(argv)
    try:
        return args.func(args)
    except ConfigError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
