"""The upgrade verdict as JSON, version 1."""

from __future__ import annotations

from typing import Any

import orjson

from ..gate import GateReport
from .check_json import as_data as check_data
from .diff_json import as_data as diff_data


def as_data(report: GateReport) -> dict[str, Any]:
    fatal = {c.fingerprint for c in report.fatal}
    diff = diff_data(report.verdict)
    for service in diff["services"]:
        for change in service["changes"]:
            change["touches"] = list(report.touched.get(change["fingerprint"], ()))
            change["breaks"] = [
                {"clause": b.clause, "key": b.key, "assertion": b.assertion}
                for b in report.breaches.get(change["fingerprint"], ())
            ]
            change["fatal"] = change["fingerprint"] in fatal
    return {
        "format": "botocontract.gate/1",
        "passed": report.passed,
        "strict": report.strict,
        "fail_on": report.fail_on,
        "check": check_data(report.check),
        "diff": diff,
        "stale_ignores": [
            {"file": str(e.file), "line": e.line, "entry": e.what} for e in report.stale_ignores
        ],
    }


def render(report: GateReport) -> str:
    return orjson.dumps(as_data(report), option=orjson.OPT_INDENT_2).decode() + "\n"
