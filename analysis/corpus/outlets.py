"""The outlet register (`data/outlets.toml`): names, domains, groups and boilerplate profiles."""

from __future__ import annotations

import re
import tomllib
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from ._datafile import ConfigError

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["UNKNOWN", "Boilerplate", "ConfigError", "Group", "Outlet",
           "OutletRegister", "distinct_colours", "slug"]

UNKNOWN = "unknown"
#: colours of outlets and groups added from the data, in order of first appearance: Paul Tol's
#: colour-blind-safe "muted" palette (outlets) and Okabe-Ito (groups), as in the register
_OUTLET_COLOURS = ("#CC6677", "#332288", "#DDCC77", "#117733", "#88CCEE", "#882255",
                   "#44AA99", "#999933", "#AA4499")
_GROUP_COLOURS = ("#E69F00", "#56B4E9", "#009E73", "#0072B2", "#D55E00", "#CC79A7",
                  "#000000", "#8C6D00",
                  # then Paul Tol's "bright" scheme without its grey (grey is for pooled and
                  # unknown outlets), so that fourteen groups in one study get fourteen colours
                  "#4477AA", "#EE6677", "#228833", "#66CCEE", "#AA3377", "#CCBB44")
_HEX = re.compile(r"#[0-9A-Fa-f]{6}")
_KEY = re.compile(r"[a-z0-9][a-z0-9-]*")
_OWNERSHIP = {"state", "public", "private", "non-profit", "platform", "unknown"}
_LAYOUT_SLOTS = {"title", "date", "lede", "caption", "body"}


@dataclass(frozen=True)
class Boilerplate:
    """Compiled boilerplate profile of one outlet (see the header of `data/outlets.toml`)."""

    signatures: tuple[re.Pattern[str], ...] = ()
    drop_lines: tuple[re.Pattern[str], ...] = ()
    drop_blocks: tuple[tuple[re.Pattern[str], re.Pattern[str]], ...] = ()
    strip_fragments: tuple[re.Pattern[str], ...] = ()
    recirculation_marker: re.Pattern[str] | None = None
    caption_credit: re.Pattern[str] | None = None
    date_formats: tuple[tuple[re.Pattern[str], str], ...] = ()
    layout: tuple[str, ...] = ("title", "body")

    def strip(self, value: str) -> str:
        """Remove the outlet's inline boilerplate fragments from one text field."""
        for pattern in self.strip_fragments:
            value = pattern.sub("", value)
        return value.strip()


@dataclass(frozen=True)
class Group:
    key: str
    name: str
    description: str
    colour: str


@dataclass(frozen=True)
class Outlet:
    key: str
    name: str
    domains: tuple[str, ...]
    country: str
    language: str
    group: str
    ownership: str
    basis: str
    colour: str
    boilerplate: Boilerplate = field(default_factory=Boilerplate)
    aliases: tuple[str, ...] = ()


_UNKNOWN_OUTLET = Outlet(
    key=UNKNOWN, name="Unknown outlet", domains=(), country="", language="", group=UNKNOWN,
    ownership="unknown", basis="outlet not recognised", colour="#BBBBBB",
)


def slug(value: str) -> str:
    """Return a register key for a name: lower-case ASCII letters, digits and hyphens.

    Examples
    --------
    >>> slug("The Daily Planet (Metropolis)"), slug("Łódź News"), slug("***")
    ('the-daily-planet-metropolis', 'lodz-news', 'x')
    """
    text = unicodedata.normalize("NFKD", value.replace("ł", "l").replace("Ł", "L"))
    text = text.encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-") or "x"


def _name_key(value: str) -> str:
    """What a name is compared by: :func:`slug` less a leading "the" (The Guardian: guardian)."""
    return slug(value).removeprefix("the-")


class OutletRegister:
    """Outlets and groups in file order, with lookup by domain, URL, key, name or alias.

    Parameters
    ----------
    path : path of the TOML register.
    extra : further registers (a study's) read after it: their groups and outlets are
        added, and one with the key of an earlier one replaces it.
    """

    def __init__(self, path: Path, *extra: Path) -> None:
        self.path = Path(path)
        self.paths = (self.path, *map(Path, extra))
        self.groups: dict[str, Group] = {}
        self.outlets: dict[str, Outlet] = {}
        #: outlets and groups added from the data (:meth:`add`): key -> the value named
        self.added_outlets: dict[str, str] = {}
        self.added_groups: dict[str, str] = {}
        for source in self.paths:
            self._read(source)
        if not self.outlets:
            raise ConfigError(f"{self.path}: no [outlets.*] tables")
        self._index()

    def _read(self, path: Path) -> None:
        self.path = path  # named in the errors of the tables read from it
        try:
            raw = tomllib.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
            raise ConfigError(f"{path}: cannot read outlet register: {exc}") from exc
        for key, table in raw.get("groups", {}).items():
            where = f"{self.path}: [groups.{key}]"
            self.groups[key] = Group(
                key=key,
                name=_req_str(table, "name", where),
                description=_req_str(table, "description", where),
                colour=_colour(table, where),
            )
        for key, table in raw.get("outlets", {}).items():
            self.outlets[key] = self._outlet(key, table)
        self.path = self.paths[0]

    def _index(self) -> None:
        """Index domains (each listed once) and names, keys and aliases (case-blind)."""
        self._by_domain: dict[str, str] = {}
        self._by_name: dict[str, str] = {}
        for key, outlet in self.outlets.items():
            for domain in outlet.domains:
                if domain in self._by_domain:
                    raise ConfigError(
                        f"{', '.join(map(str, self.paths))}: domain {domain!r} is listed by "
                        f"both [outlets.{self._by_domain[domain]}] and [outlets.{key}]"
                    )
                self._by_domain[domain] = key
        for key in self.outlets:  # keys first: a key never means another outlet
            self._by_name.setdefault(_name_key(key), key)
        for key, outlet in self.outlets.items():
            for name in (outlet.name, *outlet.aliases):
                self._by_name.setdefault(_name_key(name), key)

    def _outlet(self, key: str, table: dict) -> Outlet:
        where = f"{self.path}: [outlets.{key}]"
        if not _KEY.fullmatch(key) or key == UNKNOWN:
            raise ConfigError(f"{where}: key must be lowercase ascii/hyphens and not {UNKNOWN!r}")
        group = _req_str(table, "group", where)
        if group not in self.groups:
            raise ConfigError(f"{where}: group {group!r} has no [groups.{group}] table")
        ownership = _req_str(table, "ownership", where)
        if ownership not in _OWNERSHIP:
            raise ConfigError(f"{where}: ownership {ownership!r} not one of {sorted(_OWNERSHIP)}")
        domains = table.get("domains", [])
        if not isinstance(domains, list) or not all(isinstance(d, str) for d in domains):
            raise ConfigError(f"{where}: domains must be a list of strings")
        aliases = table.get("aliases", [])
        if not isinstance(aliases, list) or not all(isinstance(a, str) for a in aliases):
            raise ConfigError(f"{where}: aliases must be a list of strings")
        return Outlet(
            key=key,
            name=_req_str(table, "name", where),
            domains=tuple(d.lower().removeprefix("www.") for d in domains),
            country=_req_str(table, "country", where),
            language=_req_str(table, "language", where),
            group=group,
            ownership=ownership,
            basis=_req_str(table, "basis", where),
            colour=_colour(table, where),
            boilerplate=_boilerplate(table.get("boilerplate", {}), f"{where}.boilerplate"),
            aliases=tuple(aliases),
        )

    def get(self, key: str) -> Outlet:
        """Return the outlet with canonical `key` (the unknown outlet for ``"unknown"``)."""
        return _UNKNOWN_OUTLET if key == UNKNOWN else self.outlets[key]

    def resolve(self, name_or_url: str | None) -> str:
        """Return the outlet key for a host, domain or URL; ``"unknown"`` when none matches.

        A host matches a listed domain or any subdomain of it; the most specific
        listed domain wins (``eurosport.tvn24.pl`` before ``tvn24.pl``).

        Examples
        --------
        ``resolve("www.msnbc.com")`` and ``resolve("https://edition.cnn.com/x")`` give the
        keys whose domains list ``msnbc.com`` and ``cnn.com``.
        """
        if not name_or_url:
            return UNKNOWN
        text = name_or_url.strip().lower()
        if text in self.outlets:
            return text
        host = urlsplit(text).hostname if "//" in text else text.split("/")[0]
        labels = (host or "").removeprefix("www.").split(".")
        for i in range(len(labels) - 1):
            key = self._by_domain.get(".".join(labels[i:]))
            if key:
                return key
        return UNKNOWN

    def identify(self, value: str | None, url: str | None = None) -> tuple[str, str]:
        """Return the outlet a record names, and how it was found.

        The `value` (an outlet column) is tried as a key, a display name or alias (case,
        punctuation and a leading "the" aside: "Fox News", "fox-news", "the guardian"), a
        domain, host or URL; then the record's `url` is tried by its host. ``("unknown",
        how)`` when nothing matches.

        Examples
        --------
        ``identify("Fox News")``, ``identify("foxnews.com")`` and ``identify("", "https://
        www.foxnews.com/x")`` all give the key whose domains list ``foxnews.com``.
        """
        if value and value.strip():
            key = self._by_name.get(_name_key(value))
            if key:
                return key, "name"
            key = self.resolve(value) if "." in value else UNKNOWN
            if key != UNKNOWN:
                return key, "domain"
        key = self.resolve(url) if url else UNKNOWN
        return key, ("url" if key != UNKNOWN else "none")

    def add(self, value: str, group: str | None = None) -> str:
        """Register an outlet the data names but no register lists; return its key.

        Its key is :func:`slug` of `value`, its display name `value` itself, its group the
        `group` named by the data (added the same way); an outlet with no group stands as a
        group of its own, so group-level comparisons compare it with the others. Colours
        follow the order of first appearance. Adding the same value twice gives one outlet.
        """
        key = _name_key(value) if _name_key(value) != UNKNOWN else "unknown-outlet"
        if key in self.outlets:
            return key
        group_key = self.add_group(group if group and group.strip() else value)
        n = len(self.added_outlets)
        self.outlets[key] = Outlet(
            key=key, name=value.strip(), domains=(), country="ZZ", language="", group=group_key,
            ownership="unknown", basis="named by the data; not in the outlet register",
            colour=_OUTLET_COLOURS[n % len(_OUTLET_COLOURS)])
        self.added_outlets[key] = value
        self._by_name.setdefault(key, key)
        return key

    def add_group(self, value: str) -> str:
        """Return the key of the group named `value`, registering it if new."""
        key = _name_key(value)
        for group in self.groups.values():
            if key in (group.key, _name_key(group.name)):
                return group.key
        n = len(self.added_groups)
        self.groups[key] = Group(key, value.strip(), "Named by the data (a group column, or "
                                 "an outlet that no register groups).",
                                 _GROUP_COLOURS[n % len(_GROUP_COLOURS)])
        self.added_groups[key] = value
        return key

    def recognise_page(self, text: str) -> str:
        """Return the outlet whose boilerplate signatures a scraped page shows most; else unknown.

        Signatures are searched line by line (``re.MULTILINE``). A tie between outlets is
        not guessed at: the page is unknown.
        """
        hits = {
            key: sum(1 for sig in outlet.boilerplate.signatures if sig.search(text))
            for key, outlet in self.outlets.items()
        }
        best = max(hits.values(), default=0)
        winners = [key for key, n in hits.items() if n == best]
        return winners[0] if best > 0 and len(winners) == 1 else UNKNOWN

    def frame(self, unknown: bool = False):
        """Return the register as a tidy DataFrame, in display order (for figures and
        notebooks); with `unknown`, a last row names the outlet :data:`UNKNOWN` (of
        articles whose outlet no name or URL told), its own group."""
        import pandas as pd

        outlets = [*self.outlets.values(), *([_UNKNOWN_OUTLET] if unknown else [])]
        rows = [
            {
                "outlet": o.key, "outlet_name": o.name, "outlet_group": o.group,
                "group_name": self.groups[o.group].name if o.key != UNKNOWN else o.name,
                "country": o.country, "language": o.language, "ownership": o.ownership,
                "colour": o.colour, "group_colour": (self.groups[o.group].colour
                                                     if o.key != UNKNOWN else o.colour),
                "domains": ", ".join(o.domains), "basis": o.basis, "order": i,
            }
            for i, o in enumerate(outlets)
        ]
        return pd.DataFrame(rows)


def distinct_colours(table: pd.DataFrame, added_outlets: Iterable[str],
                     added_groups: Iterable[str]) -> pd.DataFrame:
    """`table` (:meth:`OutletRegister.frame` rows of the outlets a corpus holds) with the
    outlets and groups added from the data coloured apart from the others in it: each
    added one, in display order, takes the first colour of its palette that no outlet (or
    group) of `table` has yet, so an added group never wears the colour of a register
    group in the same figure. Only when the palette is used up do colours repeat, from
    its first on.

    Examples
    --------
    >>> import pandas as pd
    >>> t = pd.DataFrame({"outlet": ["a", "b"], "outlet_group": ["g", "new"],
    ...                   "colour": ["#CC6677", "#CC6677"],
    ...                   "group_colour": ["#E69F00", "#E69F00"]})
    >>> distinct_colours(t, ["b"], ["new"])[["colour", "group_colour"]].values.tolist()
    [['#CC6677', '#E69F00'], ['#332288', '#56B4E9']]
    """
    out = table.copy()
    for key, colour, palette, added in (
            ("outlet", "colour", _OUTLET_COLOURS, set(added_outlets)),
            ("outlet_group", "group_colour", _GROUP_COLOURS, set(added_groups))):
        first = out.drop_duplicates(key)
        mine = first[key].isin(added)
        taken = {c.upper() for c in first.loc[~mine, colour]}
        given, over = {}, 0
        for unit in first.loc[mine, key]:
            free = [c for c in palette if c.upper() not in taken]
            if not free:
                free, over = [palette[over % len(palette)]], over + 1
            given[unit] = free[0]
            taken.add(free[0].upper())
        rows = out[key].isin(given)
        out.loc[rows, colour] = out.loc[rows, key].map(given)
    return out


def _req_str(table: dict, name: str, where: str) -> str:
    value = table.get(name)
    if not isinstance(value, str) or not value.strip():
        raise ConfigError(f"{where}: needs a non-empty string {name!r}")
    return value


def _colour(table: dict, where: str) -> str:
    colour = _req_str(table, "colour", where)
    if not _HEX.fullmatch(colour):
        raise ConfigError(f"{where}: colour {colour!r} is not #RRGGBB")
    return colour


def _compile(pattern: object, where: str, flags: int = 0) -> re.Pattern[str]:
    if not isinstance(pattern, str):
        raise ConfigError(f"{where}: pattern must be a string, got {pattern!r}")
    try:
        return re.compile(pattern, flags)
    except re.error as exc:
        raise ConfigError(f"{where}: bad regular expression {pattern!r}: {exc}") from exc


def _patterns(table: dict, name: str, where: str, flags: int = 0) -> tuple[re.Pattern[str], ...]:
    values = table.get(name, [])
    if not isinstance(values, list):
        raise ConfigError(f"{where}: {name} must be a list")
    return tuple(_compile(v, f"{where}.{name}", flags) for v in values)


def _boilerplate(table: dict, where: str) -> Boilerplate:
    if not isinstance(table, dict):
        raise ConfigError(f"{where}: must be a table")
    blocks = []
    for i, block in enumerate(table.get("drop_blocks", [])):
        if not isinstance(block, dict) or not {"start", "end"} <= block.keys():
            raise ConfigError(f"{where}.drop_blocks[{i}]: needs start and end patterns")
        blocks.append((_compile(block["start"], where), _compile(block["end"], where)))
    dates = []
    for i, spec in enumerate(table.get("date_formats", [])):
        if not isinstance(spec, dict) or not {"pattern", "format"} <= spec.keys():
            raise ConfigError(f"{where}.date_formats[{i}]: needs pattern and format")
        dates.append((_compile(spec["pattern"], where), str(spec["format"])))
    layout = tuple(table.get("layout", ["title", "body"]))
    if not set(layout) <= _LAYOUT_SLOTS or layout[-1:] != ("body",):
        raise ConfigError(
            f"{where}.layout: slots must be among {sorted(_LAYOUT_SLOTS)} and end with 'body'"
        )
    marker = table.get("recirculation_marker")
    caption = table.get("caption_credit")
    return Boilerplate(
        signatures=_patterns(table, "signatures", where, re.MULTILINE),
        drop_lines=_patterns(table, "drop_lines", where),
        drop_blocks=tuple(blocks),
        strip_fragments=_patterns(table, "strip_fragments", where),
        recirculation_marker=_compile(marker, where) if marker else None,
        caption_credit=_compile(caption, where) if caption else None,
        date_formats=tuple(dates),
        layout=layout,
    )
