"""Countries by name with their ISO 3166 alpha-2 codes, from Qt's own locale data (no extra
dependency), the United States first since most FinerWorks orders ship there."""

from __future__ import annotations

import functools

from PySide6.QtCore import QLocale


@functools.cache
def countries() -> list[tuple[str, str]]:
    by_code: dict[str, str] = {}
    for territory in QLocale.Country:
        code = QLocale.territoryToCode(territory)
        if len(code) == 2 and code.isalpha() and code not in by_code:
            by_code[code] = QLocale.territoryToString(territory)
    first = [("United States", "US"), ("Canada", "CA")]
    rest = sorted((name, code) for code, name in by_code.items() if code not in ("US", "CA"))
    return first + rest
