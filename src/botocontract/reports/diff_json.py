"""The diff as JSON, version 1 (cli.md): a contract with users' scripts; add keys, never rename.

A far release pair has a hundred thousand changes: the document is written service by service as
bytes, so that it never exists as one string (orjson's bytes decoded to ``str`` would double).
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import IO, Any

import orjson

from ..rules.judge import JudgedService, Verdict


def _head(verdict: Verdict) -> dict[str, Any]:
    return {
        "format": "botocontract.diff/1",
        "old": verdict.old.as_json(),
        "new": verdict.new.as_json(),
        "services_compared": verdict.services_compared,
    }


def _service(service: JudgedService) -> dict[str, Any]:
    return {
        "service": service.service,
        "api_version": service.api_version,
        "old_api_version": service.diff.old_api_version,
        "status": service.status,
        "sdk_extras_merged": list(service.diff.extras),
        "changes": [c.as_json() for c in service.changes],
    }


def _tail(verdict: Verdict) -> dict[str, Any]:
    return {
        "ignored": [
            dict(c.as_json(), service=c.service, reason=reason) for c, reason in verdict.ignored
        ],
        "summary": verdict.summary(),
    }


def as_data(verdict: Verdict) -> dict[str, Any]:
    return {**_head(verdict), "services": [_service(s) for s in verdict.services], **_tail(verdict)}


def _nested(value: Any, depth: int) -> bytes:
    """``value`` as indented JSON that sits ``depth`` levels deep in the document."""
    return orjson.dumps(value, option=orjson.OPT_INDENT_2).replace(b"\n", b"\n" + b"  " * depth)


def _members(data: dict[str, Any]) -> list[bytes]:
    return [b'  "' + key.encode() + b'": ' + _nested(value, 1) for key, value in data.items()]


def chunks(verdict: Verdict) -> Iterator[bytes]:
    """The document of :func:`as_data`, laid out as ``orjson.OPT_INDENT_2`` would lay it out."""
    yield b"{\n" + b",\n".join(_members(_head(verdict))) + b',\n  "services": ['
    for index, service in enumerate(verdict.services):
        yield (b"\n    " if index == 0 else b",\n    ") + _nested(_service(service), 2)
    yield (b"\n  ]" if verdict.services else b"]") + b",\n"
    yield b",\n".join(_members(_tail(verdict))) + b"\n}\n"


def write(verdict: Verdict, out: IO[bytes]) -> None:
    for chunk in chunks(verdict):
        out.write(chunk)


def render(verdict: Verdict) -> str:
    buffer = io.BytesIO()
    write(verdict, buffer)
    return buffer.getvalue().decode()
