"""A changelog: one section per changed service, one entry per changed method, built from a
judged release diff and the deltas computed beside it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from packaging.version import InvalidVersion, Version

from ..diff.facts import Kind
from ..errors import UsageError
from ..model.service import Service
from ..release_info import ReleaseInfo
from ..rules.judge import Change, JudgedService, Verdict
from .delta import Delta, build_deltas, shown_in_delta
from .notes import Notes

# What the method list itself says: the new methods (of a new service too).
_LISTED = frozenset({Kind.OPERATION_ADDED, Kind.SERVICE_ADDED})


@dataclass(frozen=True, slots=True, kw_only=True)
class Method:
    name: str
    status: str  # "new" or "updated" (a method is updated only when a delta is not empty)
    request: Delta | None
    response: Delta | None
    changes: tuple[Change, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class Section:
    service: str
    full_name: str
    date: dt.date | None
    when: str  # the headline's date: YYYY/MM/DD, or the release spec when no date is known
    notes: tuple[str, ...]
    methods: tuple[Method, ...]
    unshown: tuple[Change, ...]  # changes the published format cannot show (removals included)
    changes: tuple[Change, ...]

    @property
    def counts(self) -> str:
        parts = []
        for status in ("new", "updated"):
            count = sum(1 for m in self.methods if m.status == status)
            if count:
                parts.append(f"{count} {status}")
        return " ".join(parts) or "0 updated"

    @property
    def headline(self) -> str:
        return f"{self.when} - {self.full_name} - {self.counts} api methods"


@dataclass(frozen=True, slots=True, kw_only=True)
class Changelog:
    old: ReleaseInfo
    new: ReleaseInfo
    sections: tuple[Section, ...]


def attach_deltas(before: Service | None, after: Service, facts: Any) -> Any:
    """The ``attach`` hook of ``compare_releases``: deltas need the new model."""
    return build_deltas(after, facts)


def check_order(old: str | None, new: str | None, *, reverse: bool) -> None:
    """A changelog runs from an older release to a newer one; the other way only when asked."""
    if reverse or old is None or new is None:
        return
    try:
        backwards = Version(old) > Version(new)
    except InvalidVersion:
        return
    if backwards:
        raise UsageError(
            msg=f"OLD botocore {old} is newer than NEW {new}; "
            "pass --reverse if a changelog of the downgrade is meant"
        )


def headline_date(release: ReleaseInfo) -> str:
    return release.date.strftime("%Y/%m/%d") if release.date else release.spec


def build_changelog(verdict: Verdict, notes: Notes | None = None) -> Changelog:
    sections = tuple(_section(service, verdict.new, notes or {}) for service in verdict.services)
    return Changelog(old=verdict.old, new=verdict.new, sections=sections)


def _section(judged: JudgedService, release: ReleaseInfo, notes: Notes) -> Section:
    """The published layout: new methods, then those whose request or response delta is not
    empty (the only ones the published headline counts); every change no Changes block shows
    goes to ``unshown``."""
    deltas: Mapping[str, Mapping[str, Delta | None]] = judged.diff.attachments or {}
    methods: list[Method] = []
    by_operation: dict[str, list[Change]] = {}
    for change in judged.changes:
        if change.operation and (
            change.path == change.operation or change.path.startswith(change.operation + ".")
        ):
            by_operation.setdefault(change.operation, []).append(change)
    for op, changes in by_operation.items():
        if any(c.fact.kind is Kind.OPERATION_ADDED for c in changes):
            methods.append(
                Method(name=op, status="new", request=None, response=None, changes=tuple(changes))
            )
            continue
        sides = deltas.get(op, {})
        request, response = sides.get("request"), sides.get("response")
        if request or response:
            methods.append(
                Method(
                    name=op,
                    status="updated",
                    request=request,
                    response=response,
                    changes=tuple(changes),
                )
            )
    methods.sort(key=lambda m: (m.status != "new", m.name))
    unshown = tuple(
        c
        for c in judged.changes
        if c.fact.kind not in _LISTED
        # A new structure's form shows; that it replaced another kind (breaking) does not.
        and (not shown_in_delta(judged.service, c.fact) or c.fact.kind is Kind.TYPE_CHANGED)
    )
    return Section(
        service=judged.service,
        full_name=judged.full_name,
        date=release.date,
        when=headline_date(release),
        notes=tuple(notes.get(judged.service, ())),
        methods=tuple(methods),
        unshown=unshown,
        changes=tuple(judged.changes),
    )
