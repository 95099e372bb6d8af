"""Country and state names as shops' files spell them, turned into the codes FinerWorks takes.

Etsy spells countries out ("United States", "The Netherlands") and states either way; a shop's
own sheet may say "USA", "U.K." or "Deutschland". The names live in geo.json (made once from
Qt's territory data, English and native names, plus common aliases) so this module needs
neither Qt nor a new dependency.

Names are compared by a key that ignores case, accents, spacing, punctuation, a "the" and the
word "and"/"&", and reads "Saint" as "St": "CÔTE D'IVOIRE", "St Kitts and Nevis" and "the
Bahamas" all match.
"""

from __future__ import annotations

import json
import re
import unicodedata
from functools import cache
from pathlib import Path

DATA = Path(__file__).with_name("geo.json")
SUBDIVIDED = ("US", "CA", "AU")
"""The countries whose states or provinces geo.json knows by name."""

_WORDS = re.compile(r"[^\W_]+")
_SKIPPED_WORDS = {"the", "and"}
_WORD_FORMS = {"saint": "st"}


def name_key(text: str) -> str:
    """The form two spellings of one name share."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    words = _WORDS.findall(plain.replace("&", " "))
    return "".join(_WORD_FORMS.get(w, w) for w in words if w not in _SKIPPED_WORDS)


def country_code(text: str) -> str | None:
    """The upper-case ISO 3166 alpha-2 code of a country given by code or name, else None."""
    return _countries().get(name_key(text))


def state_code(text: str, country: str) -> str | None:
    """The code of a US state (or DC, a territory, an armed-forces region), a Canadian
    province or territory or an Australian state, given by code or name; None for other
    countries and for names geo.json does not know."""
    names = _subdivisions().get(country.strip().upper(), {})
    return names.get(name_key(text))


def subdivisions(country: str) -> list[tuple[str, str]]:
    """(code, English name) of a Canadian or Australian province or state, or a US state,
    sorted by name: the choices the order form offers."""
    names = _data()["subdivisions"].get(country.strip().upper(), {})
    return sorted(((code, spelled[0]) for code, spelled in names.items()), key=lambda p: p[1])


@cache
def _data() -> dict:
    return json.loads(DATA.read_text(encoding="utf-8"))


@cache
def _countries() -> dict[str, str]:
    return _lookup(_data()["countries"])


@cache
def _subdivisions() -> dict[str, dict[str, str]]:
    return {country: _lookup(names) for country, names in _data()["subdivisions"].items()}


def _lookup(names_by_code: dict[str, list[str]]) -> dict[str, str]:
    """Key of every code and name -> code; the code itself is one of its names."""
    lookup: dict[str, str] = {}
    for code, names in names_by_code.items():
        for name in (code, *names):
            lookup[name_key(name)] = code
    return lookup
