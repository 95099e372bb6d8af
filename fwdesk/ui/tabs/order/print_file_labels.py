"""Labels of the items editor that wrap in place, however long what they say.

A word-wrapped QLabel is never narrower than its longest word, and FinerWorks' messages
hold long ones (``<type>M<media>M<style>S<width>X<height>``, a print file's URL): such a
message would widen the whole window. So a label here never asks for width, and a long word
gets invisible break points after its punctuation (and every few letters where it has none).
"""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QSizePolicy

SOFT_BREAK = "\u200b"
"""Zero-width space: a place a line may break, drawn as nothing."""
LONG_WORD = 20
_BREAK_AFTER = frozenset("/>_-.?&=,:")


def soft_breaks(text: str) -> str:
    return " ".join(_breakable(word) for word in text.split(" "))


def _breakable(word: str) -> str:
    if len(word) <= LONG_WORD:
        return word
    pieces, run = [], 0
    for letter in word:
        pieces.append(letter)
        run += 1
        if letter in _BREAK_AFTER or run >= LONG_WORD:
            pieces.append(SOFT_BREAK)
            run = 0
    return "".join(pieces).rstrip(SOFT_BREAK)


def never_widens(label: QLabel) -> QLabel:
    """`label` wrapping within whatever width its layout gives it, asking for none."""
    label.setWordWrap(True)
    policy = label.sizePolicy()
    policy.setHorizontalPolicy(QSizePolicy.Policy.Ignored)
    policy.setHeightForWidth(True)
    label.setSizePolicy(policy)
    return label


def wrapping_label(name: str, role: str = "") -> QLabel:
    label = never_widens(QLabel(objectName=name))
    if role:
        label.setProperty("role", role)
    return label
