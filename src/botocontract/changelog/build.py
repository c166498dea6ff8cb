"""A changelog: one section per changed service, one entry per changed method, built from a
judged release diff and the deltas computed beside it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any, NamedTuple

from ..diff.facts import Kind
from ..model.service import Service
from ..rules.judge import Change, JudgedService, Verdict
from ..sources.release import ReleaseInfo
from .delta import Delta, build_deltas, shown_in_delta
from .notes import Notes

_LISTED = frozenset(
    {Kind.OPERATION_ADDED, Kind.OPERATION_REMOVED, Kind.SERVICE_ADDED, Kind.SERVICE_REMOVED}
)


class Method(NamedTuple):
    name: str
    status: str  # "new", "updated" or "removed"
    request: Delta | None
    response: Delta | None
    changes: tuple[Change, ...]


class Section(NamedTuple):
    service: str
    full_name: str
    date: dt.date | None
    when: str  # the headline's date: YYYY/MM/DD, or the release spec when no date is known
    notes: tuple[str, ...]
    methods: tuple[Method, ...]
    unshown: tuple[Change, ...]  # changes the published format cannot show
    changes: tuple[Change, ...]

    @property
    def counts(self) -> str:
        parts = []
        for status in ("new", "updated", "removed"):
            count = sum(1 for m in self.methods if m.status == status)
            if count:
                parts.append(f"{count} {status}")
        return " ".join(parts) or "0 updated"

    @property
    def headline(self) -> str:
        return f"{self.when} - {self.full_name} - {self.counts} api methods"


class Changelog(NamedTuple):
    old: ReleaseInfo
    new: ReleaseInfo
    sections: tuple[Section, ...]


def attach_deltas(before: Service | None, after: Service, facts: Any) -> Any:
    """The ``attach`` hook of ``compare_releases``: deltas need the new model."""
    return build_deltas(after, facts)


def headline_date(release: ReleaseInfo) -> str:
    return release.date.strftime("%Y/%m/%d") if release.date else release.spec


def build_changelog(verdict: Verdict, notes: Notes | None = None) -> Changelog:
    sections = tuple(_section(service, verdict.new, notes or {}) for service in verdict.services)
    return Changelog(verdict.old, verdict.new, sections)


def _section(judged: JudgedService, release: ReleaseInfo, notes: Notes) -> Section:
    deltas: Mapping[str, Mapping[str, Delta | None]] = judged.diff.attachments or {}
    methods: list[Method] = []
    if judged.status in ("added", "removed"):
        status = "new" if judged.status == "added" else "removed"
        methods = [Method(op, status, None, None, ()) for op in judged.diff.operations]
    else:
        by_operation: dict[str, list[Change]] = {}
        for change in judged.changes:
            if change.operation and (
                change.path == change.operation or change.path.startswith(change.operation + ".")
            ):
                by_operation.setdefault(change.operation, []).append(change)
        for op, changes in by_operation.items():
            kinds = {c.fact.kind for c in changes}
            status = (
                "new"
                if Kind.OPERATION_ADDED in kinds
                else "removed"
                if Kind.OPERATION_REMOVED in kinds
                else "updated"
            )
            sides = deltas.get(op, {})
            methods.append(
                Method(op, status, sides.get("request"), sides.get("response"), tuple(changes))
            )
    order = {"new": 0, "updated": 1, "removed": 2}
    methods.sort(key=lambda m: (order[m.status], m.name))
    unshown = tuple(
        c
        for c in judged.changes
        if c.fact.kind not in _LISTED
        and (not shown_in_delta(c.fact) or c.fact.kind is Kind.TYPE_CHANGED)
    )
    return Section(
        judged.service,
        judged.full_name,
        release.date,
        headline_date(release),
        tuple(notes.get(judged.service, ())),
        tuple(methods),
        unshown,
        judged.changes,
    )
