"""Contract results as GitHub-flavoured Markdown: for a job's step summary or a pull request
comment.

A title with the release and the outcome, one summary line, then a table of the clauses: status,
clause id, ``file:line`` and the message, with the differences of a failing clause under it; with
``--code``, a list of what the code uses that no clause pins.
Everything taken from a contract or a model is escaped with the diff report's escaping.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from ..contracts import ClauseResult
from ..contracts.run import CheckReport
from ..scan.findings import Finding
from .diff_markdown import escape

PASSES = "✅ passes"
FAILS = "❌ fails"
DETAIL_LINES = 20  # differences shown under a failing clause; the rest are counted


def outcome(passed: bool) -> str:
    return PASSES if passed else FAILS


def where(result: ClauseResult) -> str:
    return f"{result.clause.file}:{result.line}"


def _text(result: ClauseResult) -> str:
    lines = [result.message]
    if not result.passed:  # the differences the message does not already say
        details = [d for d in result.details if d not in result.message]
        lines += details[:DETAIL_LINES]
        if len(details) > DETAIL_LINES:
            lines.append(f"... {len(details) - DETAIL_LINES} more")
    return escape("\n".join(lines))


def clause_table(results: Sequence[ClauseResult]) -> list[str]:
    rows = ["| status | clause | where | message |", "|---|---|---|---|"]
    for result in results:
        status = "✅ pass" if result.passed else "❌ **fail**"
        rows.append(
            f"| {status} | {escape(result.clause.id)} | {escape(where(result))} | {_text(result)} |"
        )
    return rows


def _listed(heading: str, items: Sequence[object]) -> list[str]:
    if not items:
        return []
    return [heading, "", *(f"- {escape(str(item))}" for item in items), ""]


def unused_lines(unused: Sequence[Path]) -> list[str]:
    return _listed(
        "Fixtures no clause uses (`botocontract snapshot --prune` deletes them):", unused
    )


def gap_lines(gaps: Sequence[Finding]) -> list[str]:
    return _listed("Uses of the code that no contract pins:", gaps)


def summary(report: CheckReport) -> str:
    failed = len(report.failed)
    gaps = f", {len(report.code_gaps)} use(s) of the code unpinned" if report.code_gaps else ""
    return f"{len(report.results) - failed} passed, {failed} failed{gaps}."


def render(report: CheckReport) -> str:
    lines = [
        f"## botocontract check on {escape(report.release.label)}: "
        f"{outcome(not report.failed and not report.code_gaps)}",
        "",
        summary(report),
        "",
        *clause_table(report.results),
        "",
        *gap_lines(report.code_gaps),
        *unused_lines(report.unused_fixtures),
    ]
    return "\n".join(lines).rstrip("\n") + "\n"
