"""One engine for every study: ``python -m analysis run DIR`` (``make STUDY=DIR``).

Builds the study's corpus, features, comparison tables, figures (with their manifest and
README) and, on request, the HTML reports, into the study's output folders. Each step is
skipped when what it reads is unchanged (the corpus and the tables by a hash of their
inputs and code, kept beside them; the features and figures by their own manifests), so a
second run with nothing changed does no work, as ``make`` does for the default study.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from ._atomic import atomic_write
from ._paths import ROOT
from .study import Study

__all__ = ["run_study"]

_STAMP = ".inputs.json"


def _digest(paths: list[Path], extra: str = "") -> str:
    digest = hashlib.sha256(extra.encode())
    for path in sorted(paths):
        digest.update(str(path).encode())
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def _code(*packages: str) -> list[Path]:
    return [p for name in packages for p in sorted((ROOT / "analysis" / name).glob("*.py"))]


def _fresh(stamp: Path, key: str, outputs: list[Path]) -> bool:
    try:
        return (json.loads(stamp.read_text(encoding="utf-8")).get("key") == key
                and all(p.exists() for p in outputs))
    except (OSError, ValueError):
        return False


def _stamp(stamp: Path, key: str) -> None:
    text = json.dumps({"key": key}) + "\n"
    atomic_write(stamp, lambda p: Path(p).write_text(text, encoding="utf-8"))


#: a contrast table of more rows than this is named after the tables are built, with how
#: to make it shorter (a study of sixty outlets of two to nine articles each compares
#: 1,770 pairs of outlets: 515,372 rows, 134 MB)
LONG_CONTRASTS = 100_000


def long_contrasts(study: Study) -> list[str]:
    """A note for each contrast table of `study` longer than :data:`LONG_CONTRASTS` rows
    (as its ``tables/MANIFEST.json`` counts them): why it is long, and what shortens it."""
    try:
        manifest = json.loads((study.tables / "MANIFEST.json").read_text(encoding="utf-8"))
        written = manifest["tables"]
    except (OSError, ValueError, KeyError):
        return []
    least = study.thresholds.contrast_min_articles
    notes = []
    for level in ("outlet_group", "outlet"):
        rows = written.get(f"contrasts_by_{level}", {}).get("rows") or 0
        if rows > LONG_CONTRASTS:
            how = "raise thresholds.contrast_min_articles"
            if not study.reference:
                how += (", or set [comparisons] reference to a group to contrast each "
                        + ("outlet group with it" if level == "outlet_group"
                           else "outlet with its outlets") + " only")
            notes.append(f"contrasts_by_{level} holds {rows:,} rows: every pair of "
                         f"{level.replace('_', ' ')}s with {least}+ articles each is "
                         f"contrasted; {how} to make it shorter")
    return notes


def run_study(study: Study, report: bool = False, force: bool = False,
              quiet: bool = False, workers: int = 1, scheduler: str | None = None) -> int:
    """Build every output of `study`; print what was made, skipped (and why) or failed.
    The feature pass runs on `workers` processes or the Dask cluster at `scheduler`.

    Returns the exit status: 0 when every output was made or skipped with a reason.
    """
    from . import __main__ as cli
    from .build import build_figures
    from .compare.run import CompareError, Inputs, run_compare
    from .corpus import ingest_into, load_config
    from .corpus.language import corpus_language_warning
    from .features.pipeline import write_features

    progress = False if quiet else None
    corpus_path = study.processed / "corpus.parquet"
    features_path = study.processed / "features.parquet"
    print(f"study: {study.title} ({study.root})")

    register = [ROOT / "data" / "outlets.toml"] if study.register_mode != "replace" else []
    key = _digest([*study.inputs_files(), *register, *_code("corpus"), ROOT / "analysis" /
                   "study.py"])
    stamp = study.processed / _STAMP
    outputs = [corpus_path, study.processed / "ingest_report.csv"]
    if force or not _fresh(stamp, key, outputs):
        outcomes = ingest_into(load_config(study), study.processed, progress=progress)[2]
        _stamp(stamp, key)
        statuses = outcomes["status"].value_counts()
        print(f"corpus: {len(outcomes):,} input records: "
              + ", ".join(f"{n:,} {s}" for s, n in statuses.items())
              + f" -> {corpus_path} (every record in ingest_report.csv)")
        warning = corpus_language_warning(corpus_path, study.languages)
        if warning:
            print(f"  WARNING {warning}")
    else:
        print(f"corpus: up to date ({corpus_path})")

    cli._read_parquet(corpus_path, columns=[])  # a readable file, or an error naming it
    recomputed = write_features(corpus_path, features_path, progress=progress,
                                lexicon_dir=study.lexicons, workers=workers,
                                scheduler=scheduler)[1]
    corpus, features = cli._read_parquet(corpus_path), cli._read_parquet(features_path)
    done = {p: n for p, n in recomputed.items() if n}
    print("features: " + (", ".join(f"{p}__ computed for {n:,}" for p, n in done.items())
                          if done else "up to date") + f" ({features.shape[1] - 2} features)")

    key = _digest([corpus_path, features_path, *_code("compare", "features"),
                   *study.config_files])
    stamp = study.tables / _STAMP
    failed = 0
    if force or not _fresh(stamp, key, [study.tables / "MANIFEST.json"]):
        inputs = Inputs(corpus, features, study=study)
        if inputs.left_out_note:
            print(f"tables: {inputs.left_out_note}")
        try:
            status = run_compare(inputs, out=study.tables, progress=progress)
            _stamp(stamp, key)
        except CompareError as exc:
            status = exc.status
            for name, error in exc.errors.items():
                print(f"FAILED table {name}: {error}")
            failed += len(exc.errors)
        made = [n for n, s in status.items() if s == "ok"]
        print(f"tables: {len(made)} written to {study.tables}")
        for name, state in status.items():
            if state != "ok":
                print(f"  skipped {name}: {state.removeprefix('skipped: ')}")
        for note in long_contrasts(study):
            print(f"  note: {note}")
    else:
        print(f"tables: up to date ({study.tables})")

    results = build_figures(study=study, force=force)
    built = sum(s == "ok" for s in results.values())
    fresh = sum(s == "up to date" for s in results.values())
    removed = sum(s.startswith("removed: ") for s in results.values())
    print(f"figures: {built} built, {fresh} up to date, in {study.figures} "
          f"(list, captions and n: {study.figures / 'README.md'})"
          + (f"; removed {removed} output(s) an earlier build wrote that the study no "
             "longer declares" if removed else ""))
    for name, state in results.items():
        if state.startswith("skipped: "):
            print(f"  skipped {name}: {state.removeprefix('skipped: ')}")
        elif state not in ("ok", "up to date") and not state.startswith("removed: "):
            print(f"  FAILED {name}: {state}")
            failed += 1

    if report:
        from .report import export_reports

        results = export_reports(study=study)
        ok = [n for n, s in results.items() if s == "ok"]
        print(f"report: {len(ok)} notebooks -> {study.reports}")
        for name, state in results.items():
            if state != "ok":
                print(f"  FAILED {name}: {state}")
                failed += 1
    return 1 if failed else 0
