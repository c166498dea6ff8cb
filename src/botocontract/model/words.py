"""Enums of words: a member is a ``str`` whose text is its value, written bare everywhere."""

from __future__ import annotations

from enum import Enum


class WordEnum(str, Enum):
    """Members render as the bare word in str(), f-strings, json and orjson, and a plain string
    compares and hashes equal to its member, so they can stand where a string stood."""

    # The bare word from str() and f-strings on every Python (3.11 changed the default).
    def __str__(self) -> str:
        return str.__str__(self)

    def __format__(self, spec: str) -> str:
        return str.__format__(self, spec)
