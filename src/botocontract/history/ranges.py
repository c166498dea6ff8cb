"""Changelogs over a range of releases: one per consecutive pair that changed a selected service.

Each pair goes through the same pipeline as a single changelog (each service judged where it is
compared), so unchanged models are skipped on their bytes and never parsed, and a release that
changed only documentation yields no section unless documentation is asked for.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from itertools import pairwise

from ..changelog.build import Changelog, attach_deltas, build_changelog
from ..errors import UnknownServiceError, did_you_mean
from ..release_info import ReleaseInfo
from ..rules.judge import judge_releases
from ..sources.release import Release


@dataclass(frozen=True, slots=True, kw_only=True)
class Growth:
    """The size of a service's model in one release."""

    version: str
    date: dt.date | None
    operations: int
    shapes: int


@dataclass(frozen=True, slots=True, kw_only=True)
class History:
    releases: tuple[ReleaseInfo, ...]  # the whole range, oldest first
    changelogs: tuple[Changelog, ...]  # newest first; only pairs that changed a selected service
    growth: dict[str, tuple[Growth, ...]]  # service -> one entry per release, oldest first
    # change fingerprint -> the ids of the contract clauses it touches; None: no contracts given
    touched: Mapping[str, tuple[str, ...]] | None = None


def _size(release: Release, service: str) -> tuple[int, int] | None:
    if service not in release.services():
        return None
    model = release.load_service(service)
    return len(model.operations), sum(1 for _ in model.shape_names())


def history(
    releases: Sequence[Release],
    services: Sequence[str] | None = None,
    *,
    show_docs: bool = False,
    growth: bool = False,
    jobs: int | None = None,
) -> History:
    everywhere = sorted({s for release in releases for s in release.services()})
    wanted = list(services or ())
    for service in wanted:
        if service not in everywhere:
            raise UnknownServiceError(
                service=service,
                release="any release of the range",
                suggestion=did_you_mean(service, everywhere),
            )
    changelogs: list[Changelog] = []
    sizes: dict[str, list[Growth]] = {}
    tracked = wanted or everywhere

    def record(release: Release, changed: dict[str, tuple[int, int] | None]) -> None:
        info = release.info
        for service in tracked:
            previous = sizes.get(service)
            if service in changed:
                size = changed[service]
            elif previous:
                size = (previous[-1].operations, previous[-1].shapes)
            else:
                size = _size(release, service)
            ops, shapes = size or (0, 0)
            sizes.setdefault(service, []).append(
                Growth(version=info.name, date=info.date, operations=ops, shapes=shapes)
            )

    if growth:
        record(releases[0], {})
    for before, after in pairwise(releases):
        present = set(before.services()) | set(after.services())
        selected = [s for s in wanted if s in present] if wanted else None
        if wanted and not selected:
            if growth:
                record(after, {})
            continue
        verdict = judge_releases(
            before, after, selected, show_docs=show_docs, attach=attach_deltas, jobs=jobs
        )
        changelog = build_changelog(verdict)
        if changelog.sections:
            changelogs.append(changelog)
        if growth:
            # Every service that differs has a change in the verdict: the only rule hidden
            # unless shown judges documentation, compared only when it is shown.
            record(
                after,
                {
                    s.service: (_size(after, s.service) if s.status != "removed" else None)
                    for s in verdict.services
                },
            )
    return History(
        releases=tuple(r.info for r in releases),
        changelogs=tuple(reversed(changelogs)),
        growth={service: tuple(entries) for service, entries in sizes.items()},
    )
