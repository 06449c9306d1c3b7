import gzip
import json

import pandas as pd
import pytest

from analysis.corpus import ConfigError, OutletRegister
from tests.conftest import DATA

RAW = DATA / "raw"


def test_hosts_resolve_to_outlets_including_subdomains(register):
    assert register.resolve("www.msnbc.com") == register.resolve("msnbc.com") != "unknown"
    assert register.resolve("edition.cnn.com") == register.resolve("cnn.com") != "unknown"
    assert register.resolve("cyfrowa.rp.pl") == register.resolve("rp.pl") != "unknown"
    assert register.resolve("https://www.rt.com/russia/564743-belarus/") == "rt"
    assert register.resolve("example.org") == "unknown"
    assert register.resolve(None) == "unknown"
    assert register.resolve("notrt.com") == "unknown"  # a suffix is not a subdomain


def test_every_outlet_in_the_corpus_is_registered(register):
    ruwa = pd.read_csv(RAW / "ruwa" / "RUWA_04.08.23.csv.gz", usecols=["Site"])
    with gzip.open(RAW / "rss-belarus" / "belarus_items_2021_2023.jsonl.gz", "rt") as fh:
        rss = {json.loads(line)["outlet"] for line in fh}
    hosts = set(ruwa["Site"]) | rss | {"themoscowtimes.com"}
    unresolved = sorted(h for h in hosts if register.resolve(h) == "unknown")
    assert unresolved == []


def test_register_entries_are_complete(register):
    frame = register.frame()
    assert frame["outlet"].is_unique
    assert frame["colour"].str.fullmatch(r"#[0-9A-Fa-f]{6}").all()
    assert set(frame["outlet_group"]) <= set(register.groups)
    assert (frame["basis"].str.len() > 10).all()


def _write(tmp_path, text):
    path = tmp_path / "outlets.toml"
    path.write_text(text, encoding="utf-8")
    return path


GROUP = '[groups.g]\nname = "G"\ndescription = "d"\ncolour = "#000000"\n'
OUTLET = ('[outlets.x]\nname = "X"\ndomains = ["x.com"]\ncountry = "GB"\nlanguage = "en"\n'
          'group = "{group}"\nownership = "private"\nbasis = "b"\ncolour = "#111111"\n')


def test_unknown_group_is_named(tmp_path):
    path = _write(tmp_path, GROUP + OUTLET.format(group="nope"))
    with pytest.raises(ConfigError, match=r"outlets\.toml: \[outlets\.x\]: group 'nope'"):
        OutletRegister(path)


def test_bad_regex_is_named(tmp_path):
    path = _write(tmp_path, GROUP + OUTLET.format(group="g")
                  + "[outlets.x.boilerplate]\ndrop_lines = ['(unclosed']\n")
    with pytest.raises(ConfigError, match=r"\[outlets\.x\]\.boilerplate\.drop_lines: bad regular"):
        OutletRegister(path)


def test_domain_listed_twice_is_named(tmp_path):
    second = OUTLET.format(group="g").replace("outlets.x", "outlets.y")
    text = GROUP + OUTLET.format(group="g") + second
    with pytest.raises(ConfigError, match=r"'x\.com' is listed by both \[outlets\.x\] and"):
        OutletRegister(_write(tmp_path, text))


def test_page_without_signatures_is_unknown(register):
    assert register.recognise_page("Some headline\n\nSome body text.") == "unknown"
