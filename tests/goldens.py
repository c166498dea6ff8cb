"""Golden files: long expected outputs kept in ``tests/golden/`` rather than inline, compared
byte for byte, and rewritten from the real output by ``pytest --update-goldens`` (see
tests/golden/README.md)."""

from __future__ import annotations

import difflib
from pathlib import Path

import pytest

GOLDEN_DIR = Path(__file__).resolve().parent / "golden"
UPDATE_OPTION = "--update-goldens"


class Goldens:
    """Compares an output with its golden file, or with ``update`` rewrites the file instead."""

    def __init__(self, folder: Path = GOLDEN_DIR, *, update: bool = False) -> None:
        self.folder = folder
        self.update = update

    def check(self, name: str, actual: str) -> None:
        file = self.folder / name
        if self.update:
            # Bytes, not text: the comparison is of exact newlines and trailing whitespace.
            if not file.is_file() or file.read_bytes() != actual.encode("utf-8"):
                file.write_bytes(actual.encode("utf-8"))
            return
        if not file.is_file():
            pytest.fail(f"no golden file {file} (write it with: pytest {UPDATE_OPTION})", False)
        expected = file.read_bytes().decode("utf-8")
        if actual != expected:
            pytest.fail(mismatch(name, expected, actual), False)


def mismatch(name: str, expected: str, actual: str) -> str:
    """A unified diff from the golden file to the output, with how to accept the output."""
    diff = difflib.unified_diff(
        expected.splitlines(keepends=True),
        actual.splitlines(keepends=True),
        fromfile=f"tests/golden/{name}",
        tofile="actual output",
    )
    # A last line without its newline would run into the next line of the message.
    shown = "".join(line if line.endswith("\n") else line + "\n\\ no newline\n" for line in diff)
    return (
        f"the output differs from tests/golden/{name}:\n{shown}"
        f"if the new output is right: pytest {UPDATE_OPTION}, then review the golden's diff"
    )
