"""The published botocore releases, from ``python -m pip index versions botocore``, cached.

Versions are ordered with ``packaging``, never as strings. pip says nothing of dates: the build date
of a release is read from its wheel, so only cached wheels have one here.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import shlex
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from packaging.version import InvalidVersion, Version

from ..errors import BotocontractError, OfflineError, PipError, VersionNotFoundError
from .archive import ZipArchive
from .cache import WheelCache
from .release import wheel_facts

FIRST_WHEELS = Version("1.0.0")
_AVAILABLE = re.compile(r"^Available versions:\s*(.+)$", re.MULTILINE)


@dataclass(frozen=True, slots=True, kw_only=True)
class Published:
    version: Version
    fetchable: bool  # 0.x releases have no wheels
    cached: Path | None  # the wheel, when the cache holds it
    date: dt.date | None = None  # the build date, read from the cached wheel


def _build_date(wheel: Path) -> dt.date | None:
    try:
        return wheel_facts(ZipArchive(wheel, remember=True))[1]
    except BotocontractError:  # damaged: it will be fetched again when used
        return None


class ReleaseIndex:
    def __init__(self, cache: WheelCache, project: str = "botocore") -> None:
        self.cache = cache
        self.project = project
        self.file = cache.root / "index" / f"{project}.json"

    def versions(self, *, refresh: bool = False) -> list[Version]:
        """Every published version, oldest first."""
        if not refresh and self.file.is_file():
            try:
                data = json.loads(self.file.read_text(encoding="utf-8"))
                return sorted(Version(v) for v in data["versions"])
            except (OSError, ValueError, KeyError, TypeError, InvalidVersion):
                pass  # a damaged index is fetched again
        if self.cache.offline:
            raise OfflineError(
                requirement=f"the {self.project} release index",
                cache_dir=self.cache.root,
                command="botocontract releases --refresh --cache-dir "
                f"{shlex.quote(str(self.cache.root))}",
            )
        versions = _pip_index_versions(self.project)
        try:
            self.file.parent.mkdir(parents=True, exist_ok=True)
            handle, temp = tempfile.mkstemp(dir=self.file.parent, suffix=".tmp")
            with os.fdopen(handle, "w", encoding="utf-8") as out:
                json.dump(
                    {
                        "versions": [str(v) for v in versions],
                        "fetched": dt.datetime.now(dt.timezone.utc).isoformat(),
                    },
                    out,
                )
            os.replace(temp, self.file)
        except OSError:
            pass  # a read-only cache: the list is right, only not kept for next time
        return versions

    def published(
        self, *, since: str | None = None, until: str | None = None, refresh: bool = False
    ) -> list[Published]:
        """The published releases from ``since`` to ``until``, oldest first; cached ones dated."""
        low, high = (_bound(self, since), _bound(self, until)) if since or until else (None, None)
        found = []
        for version in self.versions(refresh=refresh):
            if (low and version < low) or (high and version > high):
                continue
            fetchable = version >= FIRST_WHEELS
            cached = self.cache.cached(self.project, str(version)) if fetchable else None
            date = _build_date(cached) if cached else None
            found.append(Published(version=version, fetchable=fetchable, cached=cached, date=date))
        return found

    def between(self, first: str, last: str) -> list[Version]:
        """The fetchable releases from ``first`` to ``last``, both included, oldest first."""
        low, high = self.exact(first), self.exact(last)
        if low > high:
            low, high = high, low
        return [v for v in self.versions() if low <= v <= high and v >= FIRST_WHEELS]

    def exact(self, text: str) -> Version:
        """A published version; anything else is bad input, with the nearest ones named."""
        try:
            wanted = Version(text)
        except InvalidVersion:
            raise VersionNotFoundError(version=text, detail="not a version") from None
        versions = self.versions()
        if wanted not in versions:
            after = [v for v in versions if v > wanted][:1]
            before = [v for v in versions if v < wanted][-1:]
            near = ", ".join(str(v) for v in before + after)
            raise VersionNotFoundError(version=text, detail=f"the nearest are {near}")
        return wanted

    def newest(self) -> Version:
        return self.versions()[-1]


def _bound(index: ReleaseIndex, text: str | None) -> Version | None:
    if text is None:
        return None
    try:
        return Version(text)
    except InvalidVersion:
        raise VersionNotFoundError(version=text, detail="not a version") from None


def _pip_index_versions(project: str) -> list[Version]:
    command = [
        sys.executable,
        "-m",
        "pip",
        "index",
        "versions",
        project,
        "--disable-pip-version-check",
        "--no-input",
    ]
    try:
        done = subprocess.run(
            command, capture_output=True, text=True, check=False, stdin=subprocess.DEVNULL
        )
    except OSError as exc:
        raise PipError(requirement=f"the {project} release index", detail=str(exc)) from None
    match = _AVAILABLE.search(done.stdout)
    if done.returncode != 0 or not match:
        lines = [line for line in done.stderr.splitlines() if line.strip()]
        raise PipError(
            requirement=f"the {project} release index",
            detail=(lines[-1] if lines else "no versions listed").removeprefix("ERROR: "),
        )
    versions = []
    for text in match.group(1).split(","):
        try:
            versions.append(Version(text.strip()))
        except InvalidVersion:
            continue
    return sorted(versions)
