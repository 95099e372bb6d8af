"""Country and state names as shops write them, turned into the codes FinerWorks takes."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

import pytest

from fwdesk.core.imports import geo
from fwdesk.core.order_rules import US_STATES

ROOT = Path(__file__).parents[4]


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("US", "US"),
        ("us", "US"),
        ("United States", "US"),
        ("  united   STATES ", "US"),
        ("USA", "US"),
        ("U.S.A.", "US"),
        ("United States of America", "US"),
        ("United Kingdom", "GB"),
        ("UK", "GB"),
        ("U.K.", "GB"),
        ("Great Britain", "GB"),
        ("England", "GB"),
        ("Scotland", "GB"),
        ("Wales", "GB"),
        ("Northern Ireland", "GB"),
        ("Deutschland", "DE"),
        ("Holland", "NL"),
        ("The Netherlands", "NL"),
        ("Cote d'Ivoire", "CI"),
        ("CÔTE D’IVOIRE", "CI"),
        ("St Kitts and Nevis", "KN"),
        ("Saint Kitts & Nevis", "KN"),
        ("Bosnia and Herzegovina", "BA"),
        ("Czech Republic", "CZ"),
        ("Turkey", "TR"),
        ("Türkiye", "TR"),
        ("Canary Islands", "ES"),
        ("Puerto Rico", "PR"),
        ("España", "ES"),
        ("Österreich", "AT"),
    ],
)
def test_countries_by_code_or_name_in_any_spelling(text, code):
    assert geo.country_code(text) == code


@pytest.mark.parametrize("text", ["", "Narnia", "XX", "Europe", "European Union", "America del"])
def test_what_is_no_country_has_no_code(text):
    assert geo.country_code(text) is None


@pytest.mark.parametrize(
    ("text", "country", "code"),
    [
        ("New York", "US", "NY"),
        ("ny", "us", "NY"),
        ("N.Y.", "US", "NY"),
        ("district of columbia", "US", "DC"),
        ("Washington, D.C.", "US", "DC"),
        ("Puerto Rico", "US", "PR"),
        ("Virgin Islands", "US", "VI"),
        ("Guam", "US", "GU"),
        ("American Samoa", "US", "AS"),
        ("Northern Mariana Islands", "US", "MP"),
        ("Ontario", "CA", "ON"),
        ("Québec", "CA", "QC"),
        ("Quebec", "ca", "QC"),
        ("Newfoundland", "CA", "NL"),
        ("yt", "CA", "YT"),
        ("New South Wales", "AU", "NSW"),
        ("vic", "AU", "VIC"),
        ("Northern Territory", "AU", "NT"),
        ("Northwest Territories", "CA", "NT"),
    ],
)
def test_states_and_provinces_by_code_or_name(text, country, code):
    assert geo.state_code(text, country) == code


def test_states_are_known_only_in_their_country():
    assert geo.state_code("Ontario", "US") is None
    assert geo.state_code("NY", "CA") is None
    assert geo.state_code("Bavaria", "DE") is None
    assert geo.state_code("Nwe York", "US") is None
    assert geo.state_code("", "US") is None


def test_every_state_the_order_check_accepts_is_known_by_code_and_name():
    for code, name in US_STATES.items():
        assert geo.state_code(code, "US") == code
        assert geo.state_code(name, "US") == code


def test_no_name_stands_for_two_places():
    data = json.loads(geo.DATA.read_text(encoding="utf-8"))
    for places in (data["countries"], *data["subdivisions"].values()):
        owners: dict[str, str] = {}
        for code, names in places.items():
            for name in (code, *names):
                assert owners.setdefault(geo.name_key(name), code) == code, name


def test_the_names_file_ships_with_the_package_and_the_bundle():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert project["tool"]["setuptools"]["package-data"]["fwdesk.core.imports"] == ["*.json"]
    spec = (ROOT / "packaging" / "fwdesk.spec").read_text(encoding="utf-8")
    assert '(str(ROOT / "fwdesk" / "core" / "imports" / "*.json"), "fwdesk/core/imports")' in spec
    assert geo.DATA.parent == ROOT / "fwdesk" / "core" / "imports"
