"""A range changelog as JSON: every release of the range, and the changelog of each release
pair that changed a selected service (``botocontract.changelog/1`` objects), newest first."""

from __future__ import annotations

from typing import Any

import orjson

from ..history.ranges import History
from .changelog_json import as_data as changelog_data


def as_data(history: History) -> dict[str, Any]:
    return {
        "format": "botocontract.history/1",
        "releases": [r.as_json() for r in history.releases],
        "changelogs": [changelog_data(c) for c in history.changelogs],
        "growth": {
            service: [
                {
                    "botocore": g.version,
                    "date": g.date.isoformat() if g.date else None,
                    "operations": g.operations,
                    "shapes": g.shapes,
                }
                for g in entries
            ]
            for service, entries in history.growth.items()
        },
    }


def render(history: History) -> str:
    return orjson.dumps(as_data(history), option=orjson.OPT_INDENT_2).decode() + "\n"
