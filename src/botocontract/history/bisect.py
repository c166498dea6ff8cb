"""Find the release in which a path (or an enum value) first appeared, or stopped existing.

Binary search over the ordered releases assumes the path appears once and then stays. It probes
the newest end first, then halves the range with a virtual "before the first release" as its low
end: at most ceil(log2 N) + 1 wheels for N releases. Cached releases that were not probed are then
checked for free, and any that contradicts the answer is reported.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from packaging.version import Version

from ..errors import UnknownOperationError, UnknownServiceError, did_you_mean
from ..model.paths import ModelPath, PathError, parse_path, resolve
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
    if target.service not in release.services():
        return False
    model = release.load_service(target.service)
    try:
        found = resolve(model, target.path)
    except PathError:
        return False
    return target.value is None or target.value in (found.shape.enum or ())


def check_names(releases: Sequence[Release], target: Target) -> None:
    """A service or operation found in no probed release is a typo, not an answer (exit 2)."""
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
