"""How much a change matters to code that calls the API."""

from __future__ import annotations

from enum import Enum


class Severity(str, Enum):
    """A rule's level, in rising order. A ``str`` so that every report writes the bare word, and a
    plain string compares (and hashes) equal to its member."""

    INFO = "info"
    WARNING = "warning"
    BREAKING = "breaking"

    # The bare word from str() and f-strings on every Python (3.11 changed the default).
    def __str__(self) -> str:
        return str.__str__(self)

    def __format__(self, spec: str) -> str:
        return str.__format__(self, spec)

    @property
    def rank(self) -> int:
        """0 for the mildest level, rising with each level above it."""
        return _RANKS[self]


_RANKS = {level: rank for rank, level in enumerate(Severity)}
LEVELS = tuple(level.value for level in Severity)  # the words, for options and messages
