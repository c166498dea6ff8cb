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
```
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import YamlFileError
from ..yamlfile import line_of, load_yaml, shipped_schema, validate
from .table import RULES_BY_ID

if TYPE_CHECKING:
    from .judge import Change


@dataclass(frozen=True, slots=True, kw_only=True)
class IgnoreEntry:
    reason: str
    fingerprint: str | None = None
    rule: str | None = None
    path: str | None = None
    service: str | None = None

    def matches(self, change: Change) -> bool:
        if self.fingerprint is not None:
            return change.fingerprint == self.fingerprint
        return (
            change.rule == self.rule
            and change.path == self.path
            and (self.service is None or self.service == change.service)
        )


class IgnoreList:
    def __init__(self, entries: list[IgnoreEntry]) -> None:
        self.entries = entries

    def reason_for(self, change: Change) -> str | None:
        for entry in self.entries:
            if entry.matches(change):
                return entry.reason
        return None


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
        entries.append(
            IgnoreEntry(
                reason=item["reason"],
                fingerprint=item.get("fingerprint"),
                rule=rule,
                path=item.get("path"),
                service=item.get("service"),
            )
        )
    return IgnoreList(entries)
