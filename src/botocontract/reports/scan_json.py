"""A scan as JSON, ``botocontract.scan/1``: every call with the members it passes and reads, what
could not be followed, the errors against the release, and the files not read."""

from __future__ import annotations

from typing import Any

import orjson

from ..scan.check import CheckedCall, ScanReport, Site


def _site(site: Site, request: bool) -> dict[str, Any]:
    data: dict[str, Any] = {"path": site.path, "line": site.line}
    if request and site.literal:
        data["value"] = site.value
    return data


def call_data(checked: CheckedCall) -> dict[str, Any]:
    call = checked.call
    return {
        "file": call.file,
        "line": call.line,
        "service": call.service,
        "method": call.method,
        "operation": checked.operation,
        "operations": list(checked.operations),
        "request": [_site(s, True) for s in checked.request],
        "response": [_site(s, False) for s in checked.response],
    }


def as_data(report: ScanReport) -> dict[str, Any]:
    return {
        "format": "botocontract.scan/1",
        "release": report.release.info.as_json(),
        "calls": [call_data(c) for c in report.calls],
        "unresolved": [
            {"file": u.file, "line": u.line, "reason": u.reason} for u in report.unresolved
        ],
        "errors": [{"file": e.file, "line": e.line, "message": e.message} for e in report.errors],
        "problems": [
            {"file": p.file, "line": p.line, "message": p.message} for p in report.result.problems
        ],
        "summary": {
            "files": report.result.files,
            "lines": report.result.lines,
            "calls": len(report.calls),
            "errors": len(report.errors),
            "unresolved": len(report.unresolved),
        },
    }


def render(report: ScanReport) -> str:
    return orjson.dumps(as_data(report), option=orjson.OPT_INDENT_2).decode() + "\n"
