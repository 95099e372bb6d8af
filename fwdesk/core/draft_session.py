"""The order on the form and its way to disk.

It becomes a draft (with its PO) at the first edit and is saved as it is typed. When the disk
refuses (a full disk), what was typed stays here, `unsaved` says so, and the next save tries
again; until then nothing may switch it away, validate or send it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from fwdesk.core.drafts import Draft, DraftStore
from fwdesk.core.messages import explain
from fwdesk.core.store import STORAGE_ERRORS


@dataclass(frozen=True)
class Saved:
    ok: bool
    """The disk holds what is on the form (or there was nothing to save)."""
    po_problem: str = ""
    """The PO typed is taken: the rest was kept, the PO was not."""
    storage_problem: str = ""
    """Why the disk refused, in the shop's words."""


class DraftSession:
    def __init__(self, drafts: DraftStore, prefix: str) -> None:
        self.drafts = drafts
        self.prefix = prefix
        self.shipping = ""
        """The shipping code a new draft starts with (Preferences); "" leaves it to the
        quote and the account's shipping preferences."""
        self.draft: Draft | None = None
        self.unsaved = False
        """A save failed: what is on the form is newer than the disk."""

    def open(self, draft: Draft | None) -> None:
        self.draft = draft
        self.unsaved = False

    def begin(self) -> Saved:
        """A new draft with the next PO, saved before anything is typed into it."""
        try:
            start = {"shipping_code": self.shipping} if self.shipping else {}
            self.draft = self.drafts.create(self.prefix, **start)
        except STORAGE_ERRORS as error:
            return self._refused(error)
        return Saved(ok=True)

    def save(self, typed: Callable[[Draft], Draft]) -> Saved:
        """Writes the form to its draft: `typed` gives the draft with what the form holds.
        Only drafts not yet sent change; a draft whose creation the disk refused is created
        now."""
        if self.draft is None:
            if not self.unsaved:
                return Saved(ok=True)
            begun = self.begin()
            if not begun.ok:
                return begun
        if not self.draft.editable:
            return Saved(ok=True)
        self.draft = typed(self.draft)
        try:
            self.draft = self.drafts.save(self.draft)
        except ValueError as problem:
            return Saved(ok=True, po_problem=str(problem))
        except STORAGE_ERRORS as error:
            return self._refused(error)
        self.unsaved = False
        return Saved(ok=True)

    def _refused(self, error: BaseException) -> Saved:
        self.unsaved = True
        return Saved(ok=False, storage_problem=explain(error))
