"""Compare whole releases, service by service, without holding a release in memory.

Most services do not change between two releases, and finding that out must cost next to nothing:
the raw bytes of each model are compared first (for ``.json.gz`` the deflate body after the header,
whose build time differs in every release). Only models whose bytes differ are parsed, and only
those whose parsed content differs are compared shape by shape (some differ in whitespace alone).
Many changed models (a far pair) are shared out to worker processes; each parses, compares and drops
one service at a time, so memory stays at one service pair per process.
"""

from __future__ import annotations

import gc
import os
import signal
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, NamedTuple

from ..errors import ModelError, UnknownServiceError, did_you_mean
from ..release_info import ReleaseInfo
from ..sources.release import Release
from .facts import Fact, Kind
from .service import compare_services

# Below this many changed models, starting worker processes costs more than it saves.
PARALLEL_THRESHOLD = 12
ORPHAN_CHECK_S = 0.5  # how often a worker checks that its parent is alive


class ServiceDiff(NamedTuple):
    service: str
    api_version: str
    status: str  # "changed", "added" or "removed"
    full_name: str
    facts: tuple[Fact, ...]
    old_api_version: str | None = None
    extras: tuple[str, ...] = ()  # the sdk-extras files merged into the compared models
    operations: tuple[str, ...] = ()  # all operations of an added or removed service
    attachments: Any = None  # what a report asked to be computed beside the facts (deltas)


@dataclass(frozen=True, slots=True, kw_only=True)
class ReleaseDiff:
    old: ReleaseInfo
    new: ReleaseInfo
    services_compared: int
    services: tuple[ServiceDiff, ...]  # only services with at least one fact


# A hook run in the process that holds both models (a worker, or this one), so that a report can
# take what it needs from the models without them ever being sent between processes.
Attach = Callable[[Any, Any, tuple[Fact, ...]], Any]


@contextmanager
def _no_gc() -> Iterator[None]:
    # Parsing builds millions of acyclic objects; the cycle collector would only slow it down.
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def select_services(old: Release, new: Release, wanted: Sequence[str] | None) -> list[str]:
    everything = sorted(set(old.services()) | set(new.services()))
    if not wanted:
        return everything
    for service in wanted:
        if service not in everything:
            raise UnknownServiceError(
                service=service,
                release=f"{old.label} or {new.label}",
                suggestion=did_you_mean(service, everything),
            )
    return sorted(set(wanted))


def compare_releases(
    old: Release,
    new: Release,
    services: Sequence[str] | None = None,
    *,
    docs: bool = False,
    attach: Attach | None = None,
    keep_facts: bool = True,
    jobs: int | None = None,
) -> ReleaseDiff:
    """``attach``: see :data:`Attach`; ``keep_facts=False``: where ``attach`` ran, it took what
    it needed from the facts, which go no further (from a worker process, a far pair's facts
    would cost more to send over than to find)."""
    names = select_services(old, new, services)
    old_names, new_names = set(old.services()), set(new.services())
    results: dict[str, ServiceDiff] = {}
    work: list[tuple[str, str]] = []  # (service, "removed" | "added" | "changed")
    with _no_gc():
        for name in names:
            if name not in new_names:
                work.append((name, "removed"))
            elif name not in old_names:
                work.append((name, "added"))
            elif _bytes_differ(old, new, name):
                work.append((name, "changed"))
        for found in _diff_all(old, new, work, docs, attach, keep_facts, jobs):
            if found is not None:
                results[found.service] = found
    return ReleaseDiff(
        old=old.info,
        new=new.info,
        services_compared=len(names),
        services=tuple(results[name] for name in sorted(results)),
    )


def _bytes_differ(old: Release, new: Release, service: str) -> bool:
    old_version, new_version = old.api_version(service), new.api_version(service)
    if old_version != new_version:
        return True
    return any(
        a != b
        for a, b in zip(
            old.content_keys(service, old_version),
            new.content_keys(service, new_version),
            strict=True,
        )
    )


def _removed(old: Release, name: str) -> ServiceDiff:
    model = old.load_service(name)
    return ServiceDiff(
        name,
        model.api_version,
        "removed",
        model.full_name,
        (Fact(Kind.SERVICE_REMOVED, name),),
        old_api_version=model.api_version,
        extras=model.extras,
        operations=tuple(model.operations),
    )


def _added(new: Release, name: str, attach: Attach | None, keep_facts: bool) -> ServiceDiff:
    model = new.load_service(name)
    facts = (
        Fact(Kind.SERVICE_ADDED, name),
        *(Fact(Kind.OPERATION_ADDED, op, operation=op) for op in model.operations),
    )
    return ServiceDiff(
        name,
        model.api_version,
        "added",
        model.full_name,
        facts if keep_facts or not attach else (),
        extras=model.extras,
        operations=tuple(model.operations),
        attachments=attach(None, model, facts) if attach else None,
    )


def compare_one(
    old: Release,
    new: Release,
    name: str,
    docs: bool,
    attach: Attach | None,
    keep_facts: bool = True,
) -> ServiceDiff | None:
    """The diff of one service, or None where nothing differs."""
    before, after = old.load_service(name), new.load_service(name)
    if (
        before.raw == after.raw
        and before.paginators == after.paginators
        and before.waiters == after.waiters
    ):
        facts: tuple[Fact, ...] = ()
    else:
        try:
            facts = compare_services(before, after, docs=docs)
        except RecursionError:
            raise ModelError(
                path=after.source,
                detail="its shapes nest too deeply to compare "
                "(thousands of levels; real models have a few dozen)",
            ) from None
    if not facts:
        return None
    extras = tuple(sorted(set(before.extras) | set(after.extras)))
    return ServiceDiff(
        name,
        after.api_version,
        "changed",
        after.full_name,
        facts if keep_facts or not attach else (),
        old_api_version=before.api_version,
        extras=extras,
        attachments=attach(before, after, facts) if attach else None,
    )


def _diff_one(
    old: Release,
    new: Release,
    name: str,
    status: str,
    docs: bool,
    attach: Attach | None,
    keep_facts: bool,
) -> ServiceDiff | None:
    if status == "removed":
        return _removed(old, name)
    if status == "added":
        return _added(new, name, attach, keep_facts)
    return compare_one(old, new, name, docs, attach, keep_facts)


def _diff_all(
    old: Release,
    new: Release,
    work: list[tuple[str, str]],
    docs: bool,
    attach: Attach | None,
    keep_facts: bool,
    jobs: int | None,
) -> Iterator[ServiceDiff | None]:
    """The diff of each (service, status) of ``work``; many go to worker processes, added and
    removed services too (each is a model to parse)."""
    workers = min(jobs if jobs is not None else (os.cpu_count() or 1), len(work))
    if workers < 2 or len(work) < PARALLEL_THRESHOLD or not _can_fork():
        for name, status in work:
            yield _diff_one(old, new, name, status, docs, attach, keep_facts)
        return

    def size(item: tuple[str, str]) -> int:
        name, status = item
        return (old if status == "removed" else new).model_size(name)

    # Largest models first, so that no worker is left with ec2 at the end.
    yield from _in_workers(
        (old, new, docs, attach, keep_facts), sorted(work, key=size, reverse=True), workers
    )


def _can_fork() -> bool:
    # Imported here, as in _in_workers: a diff of a few models (the usual pair of releases) does
    # not load multiprocessing at all.
    import multiprocessing

    return "fork" in multiprocessing.get_all_start_methods()


def _in_workers(
    shared: tuple[Release, Release, bool, Attach | None, bool],
    work: list[tuple[str, str]],
    workers: int,
) -> Iterator[ServiceDiff | None]:
    import multiprocessing
    from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait

    global _WORK
    _WORK = shared  # what each forked worker inherits, rather than receives pickled
    # Not multiprocessing.Pool: on an error its terminate() kills workers that may be halfway
    # through sending a result, and the lock they held is never released, so the pool hangs for
    # good (seen under load on CPython 3.10). The executor cancels what has not started and lets
    # what has finish.
    pool = ProcessPoolExecutor(
        workers, mp_context=multiprocessing.get_context("fork"), initializer=_reopen
    )
    try:
        # A Ctrl-C is the parent's to answer (see _reopen). Blocked while the first submit forks
        # the workers, it waits for the parent rather than reaching a worker before the worker
        # ignores it (a traceback from the initializer); the workers start with it blocked.
        unblocked = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
        try:
            pending = {pool.submit(_diff_in_worker, item) for item in work}
        finally:
            signal.pthread_sigmask(signal.SIG_SETMASK, unblocked)
        while pending:
            # wait(), not as_completed(): a future is dropped once yielded, and its diff with it.
            done, pending = wait(pending, return_when=FIRST_COMPLETED)
            for future in done:
                yield future.result()
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
        _WORK = None


_WORK: tuple[Release, Release, bool, Attach | None, bool] | None = None


def _reopen() -> None:
    # A zip handle inherited through fork shares its file offset with the parent: open our own.
    global _WORK
    assert _WORK is not None
    old, new, docs, attach, keep_facts = _WORK
    _WORK = (old.reopen(), new.reopen(), docs, attach, keep_facts)
    gc.disable()
    # Ctrl-C reaches the whole process group: the parent answers it and shuts the workers down
    # (each finishes the service in hand), rather than each printing its own traceback.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})
    threading.Thread(target=_exit_with, args=(os.getppid(),), daemon=True).start()


def _exit_with(parent: int) -> None:
    # A parent killed outright (SIGKILL, or SIGTERM from a timeout) leaves its workers waiting on
    # their queue forever: a worker leaves as soon as it has another parent.
    while os.getppid() == parent:
        time.sleep(ORPHAN_CHECK_S)
    os._exit(1)


def _diff_in_worker(item: tuple[str, str]) -> ServiceDiff | None:
    assert _WORK is not None
    old, new, docs, attach, keep_facts = _WORK
    return _diff_one(old, new, *item, docs, attach, keep_facts)
