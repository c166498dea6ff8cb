"""Release notes from a botocore checkout: ``CHANGELOG.rst`` or its ``.changes/`` folder.

CHANGELOG.rst holds, under each version heading, lines like
``* api-change:``sagemaker``: add: recovery mode for SageMaker Studio apps``;
``.changes/1.37.22.json`` holds the same as a list of ``{"type", "category", "description"}``.
Neither ships in a wheel.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from ..errors import SourceError
from ..inputfile import TEXT_LIMIT, read_bytes, refused_value, where_refused

_HEADING = re.compile(r"^(\d+\.\d+\.\d+)\s*$")
_ENTRY = re.compile(r"^\*\s*api-change:\s*``(?P<service>[^`]+)``\s*:\s*(?P<note>.+?)\s*$")

Notes = dict[str, list[str]]  # service -> notes of one release


def load_notes(path: Path, version: str) -> Notes:
    """The api-change notes of ``version``, by service, from a CHANGELOG.rst, a ``.changes``
    folder, or a checkout holding either."""
    if path.is_dir():
        for candidate in (path / ".changes", path):
            if (candidate / f"{version}.json").is_file():
                return _from_changes(candidate / f"{version}.json")
        if (path / "CHANGELOG.rst").is_file():
            return _from_rst(path / "CHANGELOG.rst", version)
        if (path / ".changes").is_dir() or any(path.glob("*.json")):
            return {}
        raise SourceError(path=path, detail="holds no CHANGELOG.rst or .changes folder")
    if path.suffix == ".json":
        return _from_changes(path)
    return _from_rst(path, version)


def _from_rst(path: Path, version: str) -> Notes:
    try:
        lines = read_bytes(path, TEXT_LIMIT).decode("utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise SourceError(path=path, detail=f"unreadable ({exc})") from None
    notes: Notes = {}
    current = None
    for line in lines:
        heading = _HEADING.match(line)
        if heading:
            current = heading.group(1)
            continue
        entry = _ENTRY.match(line)
        if entry and current == version:
            notes.setdefault(entry.group("service"), []).append(entry.group("note"))
    return notes


def _from_changes(path: Path) -> Notes:
    try:
        text = read_bytes(path, TEXT_LIMIT).decode("utf-8")
        entries = json.loads(text)
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise SourceError(path=path, detail=f"not a botocore .changes file ({exc})") from None
    except ValueError as exc:  # JSON, but an integer of 5,000 digits
        raise SourceError(
            path=where_refused(path, text),
            detail=f"not a botocore .changes file: {refused_value(exc)}",
        ) from None
    except RecursionError:
        raise SourceError(
            path=path, detail="not a botocore .changes file: nests deeper than botocontract reads"
        ) from None
    notes: Notes = {}
    if not isinstance(entries, list):
        raise SourceError(path=path, detail="not a botocore .changes file (expected a list)")
    for entry in entries:
        if isinstance(entry, dict) and entry.get("type") == "api-change":
            service = str(entry.get("category", "")).strip("`")
            notes.setdefault(service, []).append(str(entry.get("description", "")).strip())
    return notes
