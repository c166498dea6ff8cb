"""What a scan finds in source code, before any release is consulted: client calls as written,
the request members they pass, the response members the code reads, and what could not be
followed. Every finding names its file and line."""

from __future__ import annotations

from typing import Any, NamedTuple

ITEM = "[]"  # a step into a list element: an index, a slice, an iteration

# How a call reaches AWS: a client method, a paginator, a waiter, or one of boto3's helpers.
KINDS = ("call", "paginator", "waiter", "helper")


class Member(NamedTuple):
    """A request member passed or a response member read, as dict keys: ``("Tags", ITEM, "Key")``.
    A key that is not a literal is ``None``. Whether a key names a structure member or a map key
    only the model can say, so that is decided when the scan is checked against a release."""

    steps: tuple[str | None, ...]
    line: int
    literal: bool = False  # a request member passed as a literal value
    value: Any = None  # that value


class Call(NamedTuple):
    file: str
    line: int
    service: str
    method: str  # as written: put_object, download_file, get_paginator("list_objects_v2").paginate
    kind: str  # one of KINDS
    name: str  # the operation, paginator, waiter or helper name as written (snake_case)
    request: tuple[Member, ...]
    response: tuple[Member, ...]
    params: dict[str, Any] | None  # every argument, when all of them are literals
    # The client came from ``client``/``create_client`` of something not known to be a session:
    # the call is one only if the release knows the service.
    guessed: bool = False


class Unresolved(NamedTuple):
    """Something that looks like a client call but cannot be read without running the code."""

    file: str
    line: int
    reason: str


class Finding(NamedTuple):
    """A line to report: a file (or part of one) not scanned, a call the release refutes."""

    file: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.message}"


class ScanResult(NamedTuple):
    files: int  # Python files read
    lines: int  # their lines
    calls: tuple[Call, ...]
    unresolved: tuple[Unresolved, ...]
    problems: tuple[Finding, ...]
