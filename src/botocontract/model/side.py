"""The two trees of an operation: what a caller sends and what it reads back."""

from __future__ import annotations

from enum import Enum


class Side(str, Enum):
    """A tree of an operation. A ``str`` so that paths, JSON and text carry the bare word, and a
    plain string compares (and hashes) equal to its member."""

    REQUEST = "request"
    RESPONSE = "response"

    # The bare word from str() and f-strings on every Python (3.11 changed the default).
    def __str__(self) -> str:
        return str.__str__(self)

    def __format__(self, spec: str) -> str:
        return str.__format__(self, spec)
