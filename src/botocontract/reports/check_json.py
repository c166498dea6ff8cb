"""Contract results as JSON, version 1 (cli.md)."""

from __future__ import annotations

from typing import Any

import orjson

from ..contracts import ClauseResult
from ..contracts.run import CheckReport


def clause_data(result: ClauseResult) -> dict[str, Any]:
    return {
        "file": str(result.clause.file),
        "line": result.line,
        "id": result.clause.id,
        "passed": result.passed,
        "message": result.message,
        "details": list(result.details),
    }


def as_data(report: CheckReport) -> dict[str, Any]:
    failed = len(report.failed)
    return {
        "format": "botocontract.check/1",
        "release": report.release.info.as_json(),
        "clauses": [clause_data(r) for r in report.results],
        "unused_fixtures": [str(f) for f in report.unused_fixtures],
        "code_gaps": [
            {"file": g.file, "line": g.line, "message": g.message} for g in report.code_gaps
        ],
        "summary": {"passed": len(report.results) - failed, "failed": failed},
    }


def render(report: CheckReport) -> str:
    return orjson.dumps(as_data(report), option=orjson.OPT_INDENT_2).decode() + "\n"
