"""Contract results as GitHub Actions workflow commands: one ``::error`` per failing clause,
pointing at the contract line, then one plain summary line.

Contract and model text is escaped with the diff report's escaping, so that a newline in a message
can never start a command of its own.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from ..contracts import ClauseResult
from ..contracts.run import CheckReport
from .diff_github import escape_data, escape_property


def location(file: Path | str, line: int) -> str:
    """The ``file=...,line=...`` properties of an annotation."""
    return f"file={escape_property(str(file))},line={line}"


def clause_commands(results: Iterable[ClauseResult]) -> list[str]:
    return [
        f"::error {location(r.clause.file, r.line)},title={escape_property(r.clause.id)}"
        f"::{escape_data(r.message)}"
        for r in results
        if not r.passed
    ]


def one_line(text: str) -> str:
    """Plain output that no runner reads as a command: a release spec is user input."""
    return " ".join(text.splitlines())


def render(report: CheckReport) -> str:
    failed = len(report.failed)
    lines = clause_commands(report.results)
    lines += [
        f"::error {location(g.file, g.line)}::{escape_data(g.message)}" for g in report.code_gaps
    ]
    lines.append(
        one_line(
            f"botocontract check on {report.release.label}: "
            f"{len(report.results) - failed} passed, {failed} failed"
        )
    )
    return "\n".join(lines) + "\n"
