"""The two trees of an operation: what a caller sends and what it reads back."""

from __future__ import annotations

from .words import WordEnum


class Side(WordEnum):
    """A tree of an operation; a fact or path outside both has no side (None)."""

    REQUEST = "request"
    RESPONSE = "response"
