"""Judge the facts of a release diff: each becomes a :class:`Change` with a rule, a severity, a
message and a fingerprint; severities may be overridden per rule, and accepted changes ignored."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, NamedTuple

from ..diff.release import Attach, ReleaseDiff, ServiceDiff, compare_releases
from ..errors import UsageError, did_you_mean
from ..release_info import ReleaseInfo
from .change import Change, fingerprint, judge_fact, message_at
from .grouped import GroupedChanges, JudgedGroup, judge_grouped, severity_counts
from .severity import GRAVEST_FIRST, LEVELS, Severity
from .table import RULES_BY_ID

if TYPE_CHECKING:
    from ..diff.facts import Fact
    from ..sources.release import Release

__all__ = [
    "Change",
    "JudgedService",
    "Verdict",
    "fingerprint",
    "judge",
    "judge_fact",
    "judge_releases",
    "message_at",
    "parse_overrides",
]


@dataclass(frozen=True, slots=True, kw_only=True)
class JudgedService:
    service: str
    api_version: str
    status: str
    full_name: str
    changes: Sequence[Change]  # in the order found; see ``rules.grouped``
    diff: ServiceDiff


@dataclass(frozen=True, slots=True, kw_only=True)
class Verdict:
    old: ReleaseInfo
    new: ReleaseInfo
    services_compared: int
    services: tuple[JudgedService, ...]  # services with at least one change left to report
    ignored: tuple[tuple[Change, str], ...]  # accepted changes, with the reason they were accepted

    def changes(self) -> Iterable[Change]:
        for service in self.services:
            yield from service.changes

    def counts(self) -> dict[Severity, int]:
        """The number of changes at each level, the gravest first, zeros included."""
        counts = dict.fromkeys(GRAVEST_FIRST, 0)
        for service in self.services:
            for level, count in severity_counts(service.changes).items():
                counts[level] += count
        return counts

    def summary(self) -> dict[str, int]:
        """:meth:`counts`, keyed by the level's word."""
        return {level.value: count for level, count in self.counts().items()}

    def fails(self, fail_on: str) -> bool:
        if fail_on == "never":
            return False
        threshold = Severity(fail_on).rank
        return any(level.rank >= threshold and n for level, n in self.counts().items())


def parse_overrides(pairs: Iterable[str]) -> dict[str, Severity]:
    """``--severity RULE=LEVEL`` options, checked against the table."""
    overrides: dict[str, Severity] = {}
    for pair in pairs:
        rule, sep, level = pair.partition("=")
        if not sep:
            raise UsageError(msg=f"--severity expects RULE=LEVEL, got {pair!r}")
        if rule not in RULES_BY_ID:
            raise UsageError(
                msg=f"--severity: unknown rule {rule!r}{did_you_mean(rule, list(RULES_BY_ID))}"
            )
        if level not in LEVELS:
            raise UsageError(
                msg=f"--severity: unknown level {level!r} (one of {', '.join(LEVELS)})"
            )
        overrides[rule] = Severity(level)
    return overrides


class _Judged(NamedTuple):
    """A service's changes as judged in the process that compared it, and what the caller's own
    ``attach`` hook made there."""

    groups: tuple[JudgedGroup, ...]
    attached: Any


def judge_releases(
    old: Release,
    new: Release,
    services: Sequence[str] | None = None,
    *,
    overrides: Mapping[str, Severity] | None = None,
    ignore: Callable[[Change], str | None] | None = None,
    show_docs: bool = False,
    attach: Attach | None = None,
    jobs: int | None = None,
) -> Verdict:
    """:func:`compare_releases`, then :func:`judge`, each service judged where it was compared:
    a far pair's worker processes judge their own facts, on every core, and send back groups
    (``rules.grouped``) instead of a hundred thousand facts to be judged here one by one."""
    severities = overrides or {}

    def judged_there(before: Any, after: Any, facts: tuple[Fact, ...]) -> _Judged:
        name = (after if after is not None else before).name
        attached = attach(before, after, facts) if attach else None
        return _Judged(judge_grouped(name, facts, severities, show_docs), attached)

    found = compare_releases(
        old, new, services, docs=show_docs, attach=judged_there, keep_facts=False, jobs=jobs
    )
    return judge(found, overrides=overrides, ignore=ignore, show_docs=show_docs)


def judge(
    diff: ReleaseDiff,
    *,
    overrides: Mapping[str, Severity] | None = None,
    ignore: Callable[[Change], str | None] | None = None,
    show_docs: bool = False,
) -> Verdict:
    overrides = overrides or {}
    services: list[JudgedService] = []
    ignored: list[tuple[Change, str]] = []
    for found in diff.services:
        if isinstance(found.attachments, _Judged):
            groups = found.attachments.groups
            found = found._replace(attachments=found.attachments.attached)
        else:
            groups = judge_grouped(found.service, found.facts, overrides, show_docs)
        changes: Sequence[Change] = GroupedChanges(found.service, groups)
        if ignore is not None:
            kept: list[Change] = []
            for change in changes:
                reason = ignore(change)
                if reason is None:
                    kept.append(change)
                else:
                    ignored.append((change, reason))
            changes = tuple(kept)
        if changes:
            services.append(
                JudgedService(
                    service=found.service,
                    api_version=found.api_version,
                    status=found.status,
                    full_name=found.full_name,
                    changes=changes,
                    diff=found,
                )
            )
    return Verdict(
        old=diff.old,
        new=diff.new,
        services_compared=diff.services_compared,
        services=tuple(services),
        ignored=tuple(ignored),
    )
