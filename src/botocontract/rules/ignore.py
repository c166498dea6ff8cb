"""Ignore files: changes a team has looked at and accepted, each with the reason why.

```yaml
botocontract-ignore: 1
ignore:
  - fingerprint: 9f2c4e1a7b3d
    reason: we never send ml.p3 instance types
  - rule: request-enum-value-removed
    path: CreateApp.request.ResourceSpec.InstanceType=ml.p3.2xlarge
    service: sagemaker          # optional
    reason: retired instance type
  - rule: request-enum-value-removed
    path: CreateApp.request.ResourceSpec.InstanceType=*
    reason: we pin the types we use with enum_contains
```

A ``path`` may be a glob over rules.md's path syntax: ``*`` is any run of characters inside one
step (a member name, a map key) or inside an enum value (which may hold dots: ``=ml.*``); ``.**``
is any number of steps below, the list, map and value steps included (``CreateApp.request.**``);
``**`` elsewhere is any run of characters. Nothing else is special: ``[]`` and ``{}`` are steps.
An entry that accepts no change is *stale*: ``gate`` and ``diff`` report it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import YamlFileError
from ..yamlfile import line_of, load_yaml, shipped_schema, validate
from .table import RULES_BY_ID

if TYPE_CHECKING:
    from .judge import Change


_STEP_CHARS = r"[^.\[\]{}=]*"  # what ``*`` matches inside a name step
_BELOW = r"(?:[.\[{=].*)?"  # what ``.**`` matches: nothing, or any steps below


def path_pattern(glob: str) -> re.Pattern[str]:
    """The compiled regex of an ignore ``path`` glob (see the module's docstring)."""
    parts: list[str] = []
    in_value = False  # after ``=``, ``*`` crosses dots: enum values hold them
    for token in re.split(r"(\.\*\*|\*\*|\*)", glob):
        if token == ".**":
            parts.append(_BELOW)
        elif token == "**":
            parts.append(".*")
        elif token == "*":
            parts.append(".*" if in_value else _STEP_CHARS)
        else:
            parts.append(re.escape(token))
            in_value = in_value or "=" in token
    return re.compile("".join(parts))


@dataclass(frozen=True, slots=True, kw_only=True)
class IgnoreEntry:
    reason: str
    fingerprint: str | None = None
    rule: str | None = None
    path: str | None = None  # a glob
    service: str | None = None
    file: Path = Path("ignore.yaml")
    line: int = 0
    pattern: re.Pattern[str] | None = field(default=None, compare=False, repr=False)

    def matches(self, change: Change) -> bool:
        if self.fingerprint is not None:
            return change.fingerprint == self.fingerprint
        pattern = self.pattern or path_pattern(self.path or "")
        return (
            change.rule == self.rule
            and (self.service is None or self.service == change.service)
            and pattern.fullmatch(change.path) is not None
        )

    @property
    def what(self) -> str:
        """What the entry names, for a reader: ``request-enum-value-removed at CreateApp...``."""
        if self.fingerprint is not None:
            return f"fingerprint {self.fingerprint}"
        return f"{self.rule} at {self.path}" + (f" in {self.service}" if self.service else "")

    @property
    def stale_warning(self) -> str:
        return f"{self.file}:{self.line}: ignore entry ({self.what}) accepted no change"


class IgnoreList:
    """The entries of an ignore file, and which of them accepted a change so far."""

    def __init__(self, entries: list[IgnoreEntry]) -> None:
        self.entries = entries
        self._used: set[int] = set()

    def reason_for(self, change: Change) -> str | None:
        for index, entry in enumerate(self.entries):
            if entry.matches(change):
                self._used.add(index)
                return entry.reason
        return None

    def stale(self, services: Iterable[str] | None) -> tuple[IgnoreEntry, ...]:
        """The entries that accepted no change so far, among those that may apply to
        ``services`` (the ones compared; None: every one): an entry for a service not compared
        is not stale here."""
        compared = None if services is None else set(services)
        return tuple(
            entry
            for index, entry in enumerate(self.entries)
            if index not in self._used
            and (entry.service is None or compared is None or entry.service in compared)
        )


def load_ignore(path: Path) -> IgnoreList:
    data, lines = load_yaml(path)
    validate(data, shipped_schema("ignore.schema.json"), path, lines)
    entries = []
    for index, item in enumerate(data.get("ignore") or []):
        rule = item.get("rule")
        if rule is not None and rule not in RULES_BY_ID:
            raise YamlFileError(
                path=path,
                line=line_of(lines, ("ignore", index, "rule")),
                detail=f"unknown rule {rule!r}",
            )
        glob = item.get("path")
        entries.append(
            IgnoreEntry(
                reason=item["reason"],
                fingerprint=item.get("fingerprint"),
                rule=rule,
                path=glob,
                service=item.get("service"),
                file=path,
                line=line_of(lines, ("ignore", index)),
                pattern=path_pattern(glob) if glob is not None else None,
            )
        )
    return IgnoreList(entries)
