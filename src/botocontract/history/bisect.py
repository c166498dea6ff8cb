"""Find the release in which a path (or an enum value) first appeared, or stopped existing.

Binary search over the ordered releases assumes the path appears once and then stays. It probes
the newest end first, then halves the range with a virtual "before the first release" as its low
end: at most ceil(log2 N) + 1 wheels for N releases. Cached releases that were not probed are then
checked for free, and any that contradicts the answer is reported. ``search`` is the use case: it
opens the releases it probes (each once), runs the search and takes the answer's changelog.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from packaging.version import Version

from ..changelog.build import Changelog, Section, attach_deltas, build_changelog
from ..diff.release import compare_releases
from ..errors import (
    PathError,
    UnknownOperationError,
    UnknownServiceError,
    UsageError,
    did_you_mean,
)
from ..model.paths import ModelPath, parse_path, resolve
from ..model.service import Shape
from ..rules.judge import judge
from ..sources import WheelCache, open_release
from ..sources.index import ReleaseIndex
from ..sources.release import Release


@dataclass(frozen=True, slots=True, kw_only=True)
class Target:
    service: str
    path: ModelPath
    value: str | None  # an enum value, for PATH=VALUE

    @property
    def text(self) -> str:
        return self.path.text + (f"={self.value}" if self.value is not None else "")


def parse_target(service: str, text: str) -> Target:
    path_text, sep, value = text.partition("=")
    return Target(service=service, path=parse_path(path_text), value=value if sep else None)


def present(release: Release, target: Target) -> bool:
    """Whether ``target`` exists in ``release``."""
    shape = _resolved(release, target)
    if shape is None:
        return False
    return target.value is None or target.value in (shape.enum or ())


def check_names(releases: Sequence[Release], target: Target) -> None:
    """A service or operation found in no probed release is a typo, not an answer (exit 2); so is
    ``PATH=VALUE`` on a path that is no enum in any probed release that has it."""
    services = sorted({s for r in releases for s in r.services()})
    if target.service not in services:
        raise UnknownServiceError(
            service=target.service,
            release="the releases probed",
            suggestion=did_you_mean(target.service, services),
        )
    operations = sorted(
        {
            op
            for r in releases
            if target.service in r.services()
            for op in r.load_service(target.service).operations
        }
    )
    if target.path.operation not in operations:
        raise UnknownOperationError(
            operation=target.path.operation,
            service=target.service,
            release="the releases probed",
            suggestion=did_you_mean(target.path.operation, operations),
        )
    if target.value is not None:
        shapes = [shape for r in releases if (shape := _resolved(r, target)) is not None]
        if shapes and not any(shape.enum for shape in shapes):
            raise PathError(
                path=target.path.text,
                detail=f"is a {shapes[-1].type}, not an enum: {target.text} names no enum value",
            )


def _resolved(release: Release, target: Target) -> Shape | None:
    """The shape at the target's path in ``release``, if it has one there."""
    if target.service not in release.services():
        return None
    try:
        return resolve(release.load_service(target.service), target.path).shape
    except PathError:
        return None


@dataclass(frozen=True, slots=True, kw_only=True)
class Outcome:
    found: int | None  # index of the first release in the wanted state, None: not in the range
    probed: dict[int, bool]  # index -> present
    contradictions: list[int]  # cached releases whose state disagrees with the answer


def bisect(
    versions: Sequence[Version],
    probe: Callable[[int], bool],
    *,
    gone: bool,
    cached: Callable[[int], bool | None],
) -> Outcome:
    """Binary search for the first index whose state is the wanted one (present, or with
    ``gone`` absent). ``probe`` opens a release; ``cached`` answers without downloading, or
    None."""
    probed: dict[int, bool] = {}

    def wanted(index: int) -> bool:
        if index not in probed:
            probed[index] = probe(index)
        return probed[index] != gone

    last = len(versions) - 1
    if not wanted(last):
        return Outcome(found=None, probed=probed, contradictions=[])
    low, high = -1, last  # low: virtually before the range, in the other state
    while high - low > 1:
        middle = (low + high) // 2
        if wanted(middle):
            high = middle
        else:
            low = middle
    contradictions = []
    for index in range(len(versions)):
        state = probed.get(index)
        if state is None:
            state = cached(index)
        if state is not None and (state != gone) != (index >= high):
            contradictions.append(index)
    return Outcome(found=high, probed=probed, contradictions=contradictions)


@dataclass(frozen=True, slots=True, kw_only=True)
class BisectReport:
    target: Target
    gone: bool
    versions: list[str]  # the range, oldest first
    release: Release | None  # the answer; None: not found in the range
    downloads: int  # wheels fetched by this search
    probed: dict[str, bool]  # version -> present
    contradictions: list[str]  # releases whose state disagrees with the answer
    section: Changelog | None  # the changelog of the answer's release, for the target's service


class _Probes:
    """The releases of a range, each opened at most once, on first use."""

    def __init__(self, versions: Sequence[Version], cache: WheelCache) -> None:
        self.versions = versions
        self.cache = cache
        self.opened: dict[int, Release] = {}

    def release(self, position: int) -> Release:
        if position not in self.opened:
            self.opened[position] = open_release(str(self.versions[position]), cache=self.cache)
        return self.opened[position]

    def cached(self, position: int, target: Target) -> bool | None:
        """Whether ``target`` is present at ``position``, if that costs no download."""
        if self.cache.cached("botocore", str(self.versions[position])) is None:
            return None
        return present(self.release(position), target)


def search(
    service: str,
    path: str,
    index: ReleaseIndex,
    *,
    first: str | None = None,
    last: str | None = None,
    gone: bool = False,
) -> BisectReport:
    """The first release from ``first`` (default 1.0.0) to ``last`` (default the newest) where
    ``path`` of ``service`` exists (``gone``: no longer exists), with the changelog that says so."""
    target = parse_target(service, path)
    versions = index.between(first or "1.0.0", last or str(index.newest()))
    if not versions:
        raise UsageError(
            msg=f"no release from {first or '1.0.0'} to {last or 'the newest'} has a "
            "wheel (botocore 0.x had none): nothing to search"
        )
    probes = _Probes(versions, index.cache)
    fetched_before = len(index.cache.fetched)
    outcome = bisect(
        versions,
        lambda i: present(probes.release(i), target),
        gone=gone,
        cached=lambda i: probes.cached(i, target),
    )
    if outcome.found is None and 0 not in outcome.probed:
        # Not in the wanted state at the end: the start says whether it ever was (one wheel more,
        # still within the bound).
        outcome.probed[0] = present(probes.release(0), target)
    check_names([probes.opened[i] for i in outcome.probed], target)
    found = probes.opened[outcome.found] if outcome.found is not None else None
    section = None
    if found is not None and outcome.found:
        before = probes.release(outcome.found - 1)
        whole = build_changelog(
            judge(compare_releases(before, found, [service], attach=attach_deltas))
        )
        section = dataclasses.replace(
            whole, sections=tuple(_about(s, target) for s in whole.sections)
        )
    return BisectReport(
        target=target,
        gone=gone,
        versions=[str(v) for v in versions],
        release=found,
        downloads=len(index.cache.fetched) - fetched_before,
        probed={str(versions[i]): state for i, state in sorted(outcome.probed.items())},
        contradictions=[str(versions[i]) for i in outcome.contradictions],
        section=section,
    )


def _about(section: Section, target: Target) -> Section:
    """The part of a changelog section that speaks of the target's operation."""
    operation = target.path.operation
    return dataclasses.replace(
        section,
        methods=tuple(m for m in section.methods if m.name == operation),
        unshown=tuple(c for c in section.unshown if c.operation == operation),
        changes=tuple(c for c in section.changes if c.operation == operation),
    )
