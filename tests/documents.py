"""Reading botocontract's JSON documents in tests: a diff (``botocontract.diff/2``, or the diff a
gate document holds) lists each change once, with the paths that reach it; tests that ask about
one path read one record per path."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any


def path_changes(services: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """One record per path of every change of ``services`` (the ``services`` of a diff): the
    change's keys, then the path's own (``path``, ``fingerprint``, and a gate's ``touches``,
    ``breaks``, ``fatal``)."""
    found = []
    for service in services:
        for change in service["changes"]:
            shared = {key: value for key, value in change.items() if key != "paths"}
            for path in change["paths"]:
                found.append({**shared, "service": service["service"], **path})
    return found
