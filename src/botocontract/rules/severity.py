"""How much a change matters to code that calls the API."""

from __future__ import annotations

from ..model.words import WordEnum


class Severity(WordEnum):
    """A rule's level, in rising order."""

    INFO = "info"
    WARNING = "warning"
    BREAKING = "breaking"

    @property
    def rank(self) -> int:
        """0 for the mildest level, rising with each level above it."""
        return _RANKS[self]


_RANKS = {level: rank for rank, level in enumerate(Severity)}
LEVELS = tuple(level.value for level in Severity)  # the words, for options and messages
GRAVEST_FIRST = tuple(reversed(Severity))  # the order levels are counted and shown in
