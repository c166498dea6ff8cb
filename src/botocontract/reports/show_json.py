"""``show`` as JSON: the operation list, or one operation's trees."""

from __future__ import annotations

from typing import Any

import orjson

from ..show import ShowReport


def render(report: ShowReport) -> str:
    model = report.model
    data: dict[str, Any]
    if report.trees is None:
        data = {
            "service": model.name,
            "api_version": model.api_version,
            "full_name": model.full_name,
            "operations": {
                name: {"http": [op.http_method, op.request_uri], "deprecated": op.deprecated}
                for name, op in model.operations.items()
            },
            "sdk_extras_merged": list(model.extras),
        }
    else:
        data = dict(
            report.trees,
            service=model.name,
            api_version=model.api_version,
            sdk_extras_merged=list(model.extras),
        )
    return orjson.dumps(data, option=orjson.OPT_INDENT_2).decode() + "\n"
