"""The one entry point both front ends call: the CLI and the pytest plugin hold no logic."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path
from typing import NamedTuple

from .changelog.build import Changelog, attach_deltas, build_changelog
from .changelog.notes import load_notes
from .diff.release import compare_releases
from .errors import UnknownOperationError, did_you_mean
from .model.service import Service
from .rules.judge import Verdict, judge
from .sources import Release, WheelCache, open_release
from .sources.cache import offline_from_env


class Settings(NamedTuple):
    """How releases are found: shared by every command that reads one."""

    cache_dir: Path | None = None
    offline: bool | None = None
    service_name: str | None = None
    date: dt.date | None = None

    def cache(self) -> WheelCache:
        offline = self.offline if self.offline is not None else offline_from_env()
        return WheelCache(self.cache_dir, offline=offline)


DEFAULTS = Settings()


def release(spec: str, settings: Settings = DEFAULTS, *, dated: bool = False) -> Release:
    """Open a release; ``dated``: the release the ``--date`` option speaks of."""
    return open_release(spec, cache=settings.cache(), service_name=settings.service_name,
                        date=settings.date if dated else None)


def diff(old: str, new: str, settings: Settings = DEFAULTS, *,
         services: Sequence[str] | None = None, show_docs: bool = False,
         overrides: dict[str, str] | None = None, ignore: Path | None = None,
         jobs: int | None = None) -> Verdict:
    ignored = None
    if ignore is not None:
        from .rules.ignore import load_ignore  # YAML and JSON Schema: only when asked for

        ignored = load_ignore(ignore)
    before, after = release(old, settings), release(new, settings, dated=True)
    found = compare_releases(before, after, services, docs=show_docs, jobs=jobs)
    return judge(found, overrides=overrides, ignore=ignored, show_docs=show_docs)


def changelog(old: str, new: str, settings: Settings = DEFAULTS, *,
              services: Sequence[str] | None = None, show_docs: bool = False,
              notes: Path | None = None, jobs: int | None = None) -> Changelog:
    before, after = release(old, settings), release(new, settings, dated=True)
    found = compare_releases(before, after, services, docs=show_docs, attach=attach_deltas,
                             jobs=jobs)
    verdict = judge(found, show_docs=show_docs)
    release_notes = None
    if notes is not None:
        release_notes = load_notes(notes, after.botocore_version or new)
    return build_changelog(verdict, release_notes)


def service(spec: str, name: str, settings: Settings = DEFAULTS, *,
            api_version: str | None = None) -> Service:
    return release(spec, settings, dated=True).load_service(name, api_version)


def check_operation(model: Service, operation: str, release_label: str) -> None:
    if operation not in model.operations:
        raise UnknownOperationError(operation=operation, service=model.name,
                                    release=release_label,
                                    suggestion=did_you_mean(operation, list(model.operations)))
