"""Sorting and paging as FinerWorks' list calls share them: ``sort_field`` with
``sort_direction`` (DESC unless ASC), and ``per_page``/``page_number`` with a per-call maximum,
answered beside ``count``, the number of matches on all pages."""

from __future__ import annotations

from typing import Any

from fwdesk.sandbox.envelope import Invalid
from fwdesk.sandbox.validation import Errors


def sorted_by(
    items: list[dict[str, Any]], body: dict[str, Any], aliases: dict[str, str]
) -> list[dict[str, Any]]:
    """`items` in the asked order; a field the records lack sorts by id, as the API's default."""
    field = str(body.get("sort_field") or "id")
    field = aliases.get(field, field)
    descending = str(body.get("sort_direction") or "DESC").upper() != "ASC"
    if not items or field not in items[0]:
        field = "id"
    return sorted(
        items, key=lambda item: (item.get(field) is None, item.get(field) or 0), reverse=descending
    )


def paged(items: list[Any], body: dict[str, Any], key: str, maximum: int) -> dict[str, Any]:
    per_page = body.get("per_page", 10)
    page_number = body.get("page_number", 1)
    errors: Errors = {}
    if isinstance(per_page, bool) or not isinstance(per_page, int) or not 1 <= per_page <= maximum:
        errors["per_page"] = [f"The field per_page must be between 1 and {maximum}."]
    if isinstance(page_number, bool) or not isinstance(page_number, int) or page_number < 1:
        errors["page_number"] = ["The field page_number must be 1 or more."]
    if errors:
        raise Invalid(errors)
    start = (page_number - 1) * per_page
    return {
        key: items[start : start + per_page],
        "page_number": page_number,
        "per_page": per_page,
        "count": len(items),
    }
