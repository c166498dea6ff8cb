"""``releases`` as JSON (format ``botocontract.releases/1``)."""

from __future__ import annotations

from typing import Any

import orjson

from ..sources.index import Published

FORMAT = "botocontract.releases/1"


def as_data(releases: list[Published]) -> list[dict[str, Any]]:
    return [
        {
            "version": str(item.version),
            "fetchable": item.fetchable,
            "cached": item.cached is not None,
            "date": item.date.isoformat() if item.date else None,
        }
        for item in releases
    ]


def render(releases: list[Published]) -> str:
    data = {"format": FORMAT, "releases": as_data(releases)}
    return orjson.dumps(data, option=orjson.OPT_INDENT_2).decode() + "\n"
