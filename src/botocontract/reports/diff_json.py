"""The diff as JSON, version 1 (cli.md): a contract with users' scripts; add keys, never rename."""

from __future__ import annotations

from typing import Any

import orjson

from ..rules.judge import Verdict


def as_data(verdict: Verdict) -> dict[str, Any]:
    return {
        "format": "botocontract.diff/1",
        "old": verdict.old.as_json(),
        "new": verdict.new.as_json(),
        "services_compared": verdict.services_compared,
        "services": [
            {"service": s.service, "api_version": s.api_version, "status": s.status,
             "sdk_extras_merged": list(s.diff.extras),
             "changes": [c.as_json() for c in s.changes]}
            for s in verdict.services
        ],
        "ignored": [dict(c.as_json(), service=c.service, reason=reason)
                    for c, reason in verdict.ignored],
        "summary": verdict.summary(),
    }


def render(verdict: Verdict) -> str:
    return orjson.dumps(as_data(verdict), option=orjson.OPT_INDENT_2).decode() + "\n"
