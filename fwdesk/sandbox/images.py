"""Image libraries: the catalogue's artwork plus the images each account registers.

FinerWorks keeps two libraries (API.md, image_library): ``inventory``, the account's lasting
one, which the catalogue's images belong to, and ``temporary``, tied to a browser session and
replaced after 14 days. add_images only records URLs; the files stay where the caller hosts
them.
"""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING, Any

from fwdesk.sandbox.catalog import Catalog, stamp
from fwdesk.sandbox.envelope import Call, Invalid
from fwdesk.sandbox.paging import paged, sorted_by
from fwdesk.sandbox.validation import Checker, Errors, Many, Obj, Text, Whole

if TYPE_CHECKING:
    from fwdesk.sandbox.store import Store

INVENTORY, TEMPORARY = "inventory", "temporary"
TEMPORARY_DAYS = 14
ADD_IMAGES_MAX = 5
LIST_PAGE_MAX = 50
FIRST_ADDED_ID = 900_001
_IMAGE_NAMESPACE = uuid.UUID("a4d2f0b1-7c3e-4e59-8b16-2f9d0c7e5a31")
ADD_IMAGE = {
    "title": Text(),
    "description": Text(),
    "file_name": Text(),
    "file_size": Whole(0),
    "thumbnail_file_name": Text(),
    "preview_file_name": Text(),
    "hires_file_name": Text(),
    "public_thumbnail_uri": Text(),
    "public_preview_uri": Text(),
    "private_hires_uri": Text(),
    "pix_w": Whole(1),
    "pix_h": Whole(1),
}


class ImageLibrary:
    def __init__(self, catalog: Catalog) -> None:
        self._packaged = catalog.images
        self.added: list[dict[str, Any]] = []
        self._next_id = FIRST_ADDED_ID

    def add(
        self, account: str, library: dict[str, Any], details: dict[str, Any], now: float
    ) -> dict[str, Any]:
        image_id = self._next_id
        self._next_id += 1
        name = library.get("name") or INVENTORY
        expires = stamp(now + TEMPORARY_DAYS * 86_400) if name == TEMPORARY else None
        image = {
            "id": image_id,
            "guid": str(uuid.uuid5(_IMAGE_NAMESPACE, f"{account}/{image_id}")),
            **{key: details.get(key) for key in ADD_IMAGE},
            "date_added": stamp(now),
            "date_updated": stamp(now),
            "date_expires": expires,
            "active": True,
            "products": [],
        }
        self.added.append(
            {
                "account": account,
                "library": name,
                "session_id": library.get("session_id"),
                "image": image,
            }
        )
        return image

    def listed(self, account: str, library: str, session_id: str | None) -> list[dict[str, Any]]:
        """The inventory library is the account's own; a temporary one belongs to a session."""
        mine = [entry for entry in self.added if entry["account"] == account]
        if library == TEMPORARY:
            return [
                e["image"]
                for e in mine
                if e["library"] == TEMPORARY and e["session_id"] == session_id
            ]
        return self._packaged + [e["image"] for e in mine if e["library"] == INVENTORY]

    def to_json(self) -> dict[str, Any]:
        return {"next_id": self._next_id, "added": self.added}

    def restore(self, data: dict[str, Any]) -> None:
        self._next_id = int(data.get("next_id", FIRST_ADDED_ID))
        self.added = [
            entry
            for entry in data.get("added") or []
            if isinstance(entry, dict) and {"account", "library", "image"} <= set(entry)
        ]


def check_library(library: Any) -> None:
    errors: Errors = {}
    if not isinstance(library, dict):
        raise Invalid({"library": ["The library field is required."]})
    if library.get("name", INVENTORY) not in (INVENTORY, TEMPORARY, None):
        errors["library.name"] = ["name must be inventory or temporary."]
    session = library.get("session_id")
    if not isinstance(session, str) or not 8 <= len(session) <= 50:
        errors["library.session_id"] = ["The field session_id must be 8 to 50 characters long."]
    if isinstance(library.get("site_id"), bool) or not isinstance(library.get("site_id"), int):
        errors["library.site_id"] = ["The site_id field is required."]
    if errors:
        raise Invalid(errors)


def add_images(store: Store, call: Call) -> dict[str, Any]:
    body = call.obj()
    checker = Checker()
    checker.value(
        body.get("images"),
        Many(Obj(ADD_IMAGE), min_items=1, max_items=ADD_IMAGES_MAX, required=True),
        "images",
        "images",
    )
    if checker.errors:
        raise Invalid(checker.errors)
    check_library(body.get("library"))
    now = store.book.now()
    return {
        "images": [
            store.images.add(call.account.key, body["library"], details, now)
            for details in body["images"]
        ]
    }


def list_images(store: Store, call: Call) -> dict[str, Any]:
    """Also takes the older production form with no library, ``{search_filter, session_id}``,
    which lists the inventory library."""
    body = call.obj()
    library = body.get("library")
    if library is None:
        name, session = INVENTORY, body.get("session_id")
    else:
        check_library(library)
        name, session = library.get("name") or INVENTORY, library["session_id"]
    images = store.images.listed(call.account.key, name, session)
    search = str(body.get("search_filter") or "").lower()
    if search:
        images = [
            i for i in images if search in f"{i['title'] or ''} {i['description'] or ''}".lower()
        ]
    guids = body.get("guid_filter")
    if isinstance(guids, list) and guids:
        images = [i for i in images if i["guid"] in guids]
    if isinstance(body.get("active"), bool):
        images = [i for i in images if i["active"] == body["active"]]
    if body.get("list_products"):
        inventory = store.inventory.listing(call.account.key)
        images = [
            {**i, "products": [p for p in inventory if p["image_guid"] == i["guid"]]}
            for i in images
        ]
    return paged(sorted_by(images, body, {}), body, "images", LIST_PAGE_MAX)
