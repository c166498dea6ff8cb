"""Published wheels, fetched once with pip into a cache shared safely between processes.

pip is run as ``python -m pip`` so that the user's pip configuration (index, mirrors, proxies,
certificates) applies: botocontract never names a package index itself. A wheel becomes visible in
the cache only by an atomic rename after it downloaded completely and opened as a zip, under a file
lock, so a killed download or a second process never leaves a half-written wheel behind.
"""

from __future__ import annotations

import os
import shlex
import sys
import time
import zipfile
from collections.abc import Sequence
from pathlib import Path

import platformdirs
from packaging.version import InvalidVersion, Version

from ..errors import (
    CacheError,
    OfflineError,
    PipError,
    SpecError,
    UsageError,
    VersionNotFoundError,
)
from .progress import Progress, shown
from .zipdirectory import forget

CACHE_ENV = "BOTOCONTRACT_CACHE_DIR"
OFFLINE_ENV = "BOTOCONTRACT_OFFLINE"
LOCK_TIMEOUT_S = 600.0


def default_cache_dir() -> Path:
    env = os.environ.get(CACHE_ENV)
    if env:
        return Path(env)
    return Path(platformdirs.user_cache_dir("botocontract"))


_TRUE = ("1", "true", "yes", "on")
_FALSE = ("", "0", "false", "no", "off")


def offline_from_env() -> bool:
    value = os.environ.get(OFFLINE_ENV, "")
    if value.strip().lower() in _TRUE + _FALSE:
        return value.strip().lower() in _TRUE
    # A spelling we do not know must not mean "run pip".
    raise UsageError(
        msg=f"{OFFLINE_ENV}={value!r}: expected one of {', '.join(_TRUE + _FALSE[1:])}"
    )


def canonical_version(text: str) -> str:
    """The PEP 440 form of a version string; anything else is not a spec.

    Only a string that parses as a version ever reaches pip, and always behind ``name==``, so no
    user text can be read by pip as an option or a URL.
    """
    try:
        version = Version(text)
    except InvalidVersion:
        raise SpecError(spec=text, hint="") from None
    return str(version)


class WheelCache:
    def __init__(
        self, root: Path | None = None, *, offline: bool = False, quiet: bool = False
    ) -> None:
        self.root = root if root is not None else default_cache_dir()
        self.offline = offline
        self.progress = Progress(shown(quiet=quiet))
        self.fetched: list[str] = []  # requirements this process downloaded (tests count them)

    def _slot(self, project: str, version: str) -> Path:
        return self.root / "wheels" / project / version

    def cached(self, project: str, version: str) -> Path | None:
        """The cached wheel, if one is there whole (a cut-off file is as good as none)."""
        slot = self._slot(project, version)
        wheels = sorted(slot.glob("*.whl")) if slot.is_dir() else []
        try:
            return next((wheel for wheel in wheels if _complete(wheel)), None)
        except OSError as exc:
            # Closed to us is not damaged: the wheel may be whole, and not ours to delete.
            raise CacheError(path=exc.filename, detail=f"unreadable ({exc.strerror})") from None

    def evict(self, wheel: Path) -> None:
        """Drop a cached wheel that proved unreadable, so that the next use fetches it again."""
        try:
            wheel.unlink(missing_ok=True)
            forget(wheel)
        except OSError as exc:
            raise CacheError(
                path=wheel,
                detail=f"damaged, and the cache is not writable to replace it ({exc.strerror})",
            ) from None

    def wheel(self, project: str, version: str) -> Path:
        """The path of the cached wheel ``project==version``, downloading it on first use."""
        version = canonical_version(version)
        requirement = f"{project}=={version}"
        path = self.cached(project, version)
        if path is not None:
            return path
        if self.offline:
            if any(self._slot(project, version).glob("*.whl")):
                raise CacheError(
                    path=self._slot(project, version),
                    detail="holds a damaged wheel; run without --offline to fetch it again",
                )
            slot = shlex.quote(str(self._slot(project, version)))
            raise OfflineError(
                requirement=requirement,
                cache_dir=self.root,
                # What _download runs, straight into the slot the cache reads.
                command=f"python -m pip download {requirement} --no-deps "
                f"--only-binary=:all: --dest {slot}",
            )
        from filelock import FileLock, Timeout  # only a download needs it

        try:
            (self.root / "locks").mkdir(parents=True, exist_ok=True)
            lock = FileLock(str(self.root / "locks" / f"{project}-{version}.lock"))
            lock.acquire(timeout=LOCK_TIMEOUT_S)
        except Timeout:
            raise CacheError(
                path=self.root / "locks", detail="still locked by another process"
            ) from None
        except OSError as exc:
            raise CacheError(path=self.root, detail=f"not writable ({exc.strerror})") from None
        try:
            # Another process may have fetched it while we waited for the lock.
            path = self.cached(project, version)
            if path is not None:
                return path
            for damaged in self._slot(project, version).glob("*.whl"):
                self.evict(damaged)  # cut off: fetch it again
            return self._download(project, version, requirement)
        finally:
            lock.release()

    def _download(self, project: str, version: str, requirement: str) -> Path:
        import shutil  # here, not at the top: most commands find every wheel cached
        import subprocess
        import tempfile

        tmp_root = self.root / "tmp"
        tmp_root.mkdir(parents=True, exist_ok=True)
        # What a killed download of this release left: ours to remove, as we hold its lock.
        for leftover in tmp_root.glob(f"{project}-{version}-*"):
            shutil.rmtree(leftover, ignore_errors=True)
        _sweep(tmp_root)
        with tempfile.TemporaryDirectory(dir=tmp_root, prefix=f"{project}-{version}-") as tmp:
            command = [
                sys.executable,
                "-m",
                "pip",
                "download",
                requirement,
                "--no-deps",
                "--only-binary=:all:",
                "--ignore-requires-python",
                "--dest",
                tmp,
                "--disable-pip-version-check",
                "--no-input",
                "--progress-bar",
                "off",
            ]
            with self.progress.fetching(f"{project} {version}") as fetched:
                try:
                    done = subprocess.run(
                        command,
                        capture_output=True,
                        text=True,
                        check=False,
                        stdin=subprocess.DEVNULL,
                    )
                except OSError as exc:
                    raise PipError(requirement=requirement, detail=str(exc)) from None
                if done.returncode != 0:
                    raise _pip_failure(project, version, requirement, done.stderr)
                wheels = sorted(Path(tmp).glob("*.whl"))
                if not wheels or not _is_zip(wheels[0]):
                    raise PipError(requirement=requirement, detail="pip produced no readable wheel")
                fetched(wheels[0].stat().st_size)
            slot = self._slot(project, version)
            slot.mkdir(parents=True, exist_ok=True)
            target = slot / wheels[0].name
            os.replace(wheels[0], target)
        self.fetched.append(requirement)
        return target

    def fetch_many(self, project: str, versions: Sequence[str], *, jobs: int = 4) -> list[Path]:
        """The wheels of several releases, fetching the missing ones a few at a time, under a
        progress bar (see :mod:`.progress` for when one is drawn)."""
        missing = [v for v in versions if self.cached(project, canonical_version(v)) is None]
        if missing and not self.offline:
            from concurrent.futures import ThreadPoolExecutor

            with (
                ThreadPoolExecutor(max_workers=max(1, min(jobs, len(missing)))) as pool,
                self.progress.batch(f"fetching {project} wheels", len(missing)) as advance,
            ):
                for _ in pool.map(lambda v: self.wheel(project, v), missing):
                    advance()
        return [self.wheel(project, v) for v in versions]


STALE_S = 3600.0


def _sweep(tmp_root: Path) -> None:
    """Remove what downloads of other releases, killed long ago, left (one in progress is
    younger, and holds its own release's lock)."""
    import shutil

    now = time.time()
    for entry in tmp_root.iterdir():
        try:
            if now - entry.stat().st_mtime > STALE_S:
                shutil.rmtree(entry, ignore_errors=True)
        except OSError:
            continue


def _complete(path: Path) -> bool:
    """Whether a file ends as a zip archive ends (its end-of-directory record): cheap enough to
    ask of every cached wheel, and a download cut off or truncated never passes. A wheel that
    cannot be opened at all raises: that says nothing of its content."""
    with path.open("rb") as handle:
        size = handle.seek(0, os.SEEK_END)
        if size < 22:
            return False
        handle.seek(max(0, size - 65_557))
        return b"PK\x05\x06" in handle.read()


def _is_zip(path: Path) -> bool:
    try:
        with zipfile.ZipFile(path) as archive:
            return bool(archive.namelist())
    except (zipfile.BadZipFile, OSError):
        return False


def _pip_failure(project: str, version: str, requirement: str, stderr: str) -> Exception:
    lines = [line.strip() for line in stderr.splitlines() if line.strip()]
    if any("from versions: none" in line for line in lines):
        # Every project has versions: none at all means pip reached no index (or a wrong one).
        unreachable = next(
            (
                line
                for line in lines
                if "Retrying" in line
                or "connection" in line.lower()
                or "Could not fetch URL" in line
            ),
            None,
        )
        detail = "the package index offered no releases at all; is it reachable?"
        if unreachable:
            detail += f" ({unreachable.removeprefix('WARNING: ')[:200]})"
        return PipError(requirement=requirement, detail=detail)
    if any(
        "No matching distribution" in line or "Could not find a version" in line for line in lines
    ):
        if project == "botocore":
            return VersionNotFoundError(version=version, detail="pip found no such wheel")
        return PipError(requirement=requirement, detail="no such release")
    detail = lines[-1] if lines else "pip failed without a message"
    return PipError(requirement=requirement, detail=detail.removeprefix("ERROR: "))
