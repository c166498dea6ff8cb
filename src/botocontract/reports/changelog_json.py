"""The changelog as JSON, version 1 (cli.md)."""

from __future__ import annotations

from typing import Any

import orjson

from ..changelog.build import Changelog
from ..changelog.delta import delta_as_json


def as_data(changelog: Changelog) -> dict[str, Any]:
    return {
        "format": "botocontract.changelog/1",
        "old": changelog.old.as_json(),
        "new": changelog.new.as_json(),
        "services": [
            {
                "service": s.service,
                "full_name": s.full_name,
                "date": s.date.isoformat() if s.date else None,
                "note": "\n".join(s.notes) if s.notes else None,
                "headline": s.headline,
                "methods": [
                    {
                        "name": m.name,
                        "status": m.status,
                        "request": delta_as_json(m.request) if m.request else None,
                        "response": delta_as_json(m.response) if m.response else None,
                        "changes": [c.as_json() for c in m.changes],
                    }
                    for m in s.methods
                ],
                "changes": [c.as_json() for c in s.changes],
                "not_in_published_format": [c.as_json() for c in s.unshown],
            }
            for s in changelog.sections
        ],
    }


def render(changelog: Changelog) -> str:
    return orjson.dumps(as_data(changelog), option=orjson.OPT_INDENT_2).decode() + "\n"
