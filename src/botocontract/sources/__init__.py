"""Where a release comes from: one spec string (cli.md's grammar) becomes a :class:`Release`."""

from __future__ import annotations

import datetime as dt
import re
import zipfile
from pathlib import Path, PurePosixPath

from packaging.version import InvalidVersion, Version

from ..errors import CacheError, SourceError, SpecError
from ..inputfile import TEXT_LIMIT, read_bytes
from ..release_info import ReleaseInfo
from .archive import (
    API_VERSION,
    SERVICE_NAME,
    DamagedWheelError,
    DirArchive,
    FileArchive,
    ZipArchive,
)
from .cache import WheelCache
from .gitref import PREFIX as GIT_PREFIX
from .gitref import open_git_file
from .locks import Pin, is_lock_name, pinned
from .release import VERSION_LINE, Release, wheel_facts

__all__ = ["Release", "ReleaseInfo", "WheelCache", "open_release"]

BOTO3_FLOOR = "boto3-floor"
NAMED_SPEC = re.compile(r"^(?P<project>botocore|boto3|boto3-floor)==(?P<version>\S+)$")
PATHLIKE_SUFFIXES = (".whl", ".zip", ".json", ".json.gz", ".gz", ".lock")
FIRST_WHEELS = Version("1.0.0")


def open_release(
    spec: str,
    *,
    cache: WheelCache | None = None,
    service_name: str | None = None,
    date: dt.date | None = None,
) -> Release:
    """Open the release that ``spec`` names; ``date`` overrides whatever date it carries."""
    release = _open(spec, cache if cache is not None else WheelCache(), service_name)
    if date is not None:
        release.date = date
    return release


def _open(spec: str, cache: WheelCache, service_name: str | None) -> Release:
    if not spec or spec.startswith("-"):
        raise SpecError(spec=spec, hint="")
    if spec == "installed":
        return _installed()
    named = NAMED_SPEC.match(spec)
    if named:
        version = _version(spec, named.group("version"))
        return _pinned(spec, Pin(project=named.group("project"), version=version), cache)
    if spec.startswith(GIT_PREFIX):
        found = open_git_file(spec)
        return _locked(spec, pinned(found.path, found.read, label=spec), cache)
    # Only "~" and "~/..." are a home folder: "~=1.37" (a pip specifier) would ask for user "=1.37".
    path = Path(spec).expanduser() if spec == "~" or spec.startswith("~/") else Path(spec)
    if path.is_file() and is_lock_name(path.name):
        return _locked(spec, pinned(PurePosixPath(path.as_posix()), _read_file, label=spec), cache)
    if path.exists():
        return _from_path(spec, path, service_name)
    if "/" in spec or "\\" in spec or spec.endswith(PATHLIKE_SUFFIXES) or is_lock_name(spec):
        raise SourceError(path=spec, detail="no such file or folder")
    try:
        parsed = Version(spec)
    except InvalidVersion:
        raise SpecError(
            spec=spec,
            hint=" (expected installed, a version such as 1.37.22, botocore==VERSION, "
            "boto3==VERSION, boto3-floor==VERSION, a lock or requirements file, git:REF:PATH, "
            "or a path to a wheel, data folder or model file)",
        ) from None
    return _pinned(spec, Pin(project="botocore", version=str(parsed)), cache)


def _version(spec: str, text: str) -> str:
    try:
        return str(Version(text))
    except InvalidVersion:
        project = spec.partition("==")[0]
        raise SpecError(
            spec=spec, hint=f" ({project}==VERSION needs a version such as 1.37.22)"
        ) from None


def _pinned(spec: str, pin: Pin, cache: WheelCache, *, via: str = "") -> Release:
    """The published botocore a pin installs; ``via`` names the file the pin came from."""
    if pin.project == "botocore":
        if Version(pin.version) < FIRST_WHEELS:
            raise SpecError(spec=spec, hint=" (botocore 0.x was never published as a wheel)")
        release = _published(spec, pin.version, cache)
        if via:
            release.resolution = f"{via} → {release.label}"
        return release
    # boto3's requirement and the release index: only a boto3 pin reads them.
    from .pins import boto3_allows, floor, newest

    allowed = boto3_allows(cache, pin.version)
    floor_only = pin.project == BOTO3_FLOOR
    version = floor(allowed, pin.version) if floor_only else newest(cache, allowed, pin.version)
    release = _published(spec, version, cache)
    named = f"{'boto3-floor' if floor_only else 'boto3'}=={pin.version}"
    release.resolution = f"{via}{': ' if via else ''}{named} → {release.label}"
    return release


def _locked(spec: str, pin: Pin, cache: WheelCache) -> Release:
    return _pinned(spec, pin, cache, via=spec)


def _read_file(path: PurePosixPath) -> str:
    try:
        return read_bytes(Path(path), TEXT_LIMIT).decode("utf-8-sig")
    except FileNotFoundError:
        raise SourceError(
            path=path, detail="no such file (a requirements file includes it)"
        ) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise SourceError(path=path, detail=f"cannot read it ({exc})") from None


def _published(spec: str, version: str, cache: WheelCache) -> Release:
    def refetch(damaged: Path) -> Path:
        if cache.offline:
            raise CacheError(
                path=damaged, detail="a damaged wheel; run without --offline to fetch it again"
            )
        cache.evict(damaged)
        return cache.wheel("botocore", version)

    wheel = cache.wheel("botocore", version)
    try:
        archive = ZipArchive(wheel, refetch, remember=True)
    except DamagedWheelError:
        archive = ZipArchive(refetch(wheel), remember=True)
    found, date = wheel_facts(archive)
    return Release(spec, archive, botocore_version=found or version, date=date)


def _installed() -> Release:
    import botocore

    root = Path(botocore.__file__).parent
    return Release("installed", DirArchive(root / "data"), botocore_version=botocore.__version__)


def _from_path(spec: str, path: Path, service_name: str | None) -> Release:
    if not path.is_dir() and not path.is_file():
        # A FIFO would hang the read, a device would never end.
        raise SourceError(path=path, detail="not a regular file or a folder")
    if path.is_dir():
        data = _data_folder(path)
        if data is None:
            raise SourceError(path=path, detail="holds no botocore/data folder or service models")
        return Release(spec, DirArchive(data), botocore_version=_folder_version(data))
    if zipfile.is_zipfile(path):
        archive = ZipArchive(path)
        version, date = wheel_facts(archive)
        return Release(spec, archive, botocore_version=version, date=date)
    if path.name.endswith(".whl"):
        raise SourceError(path=path, detail="not a wheel (not a zip archive)")
    if path.name.endswith((".json", ".json.gz")):
        if API_VERSION.match(path.parent.name) and path.parent.parent.name:
            service, api_version = path.parent.parent.name, path.parent.name
        elif service_name:
            service, api_version = service_name, "unknown"
        else:
            raise SourceError(
                path=path,
                detail="cannot tell the service from the folders "
                "(expected <service>/<api-version>/); pass --service-name",
            )
        if service_name and service_name != service:
            service = service_name
        if not SERVICE_NAME.match(service):
            raise SourceError(
                path=path, detail=f"{service!r} is not a service name (lowercase, digits, -)"
            )
        return Release(spec, FileArchive(path, service, api_version))
    raise SourceError(path=path, detail="not a wheel, data folder or service-2 model file")


def _data_folder(path: Path) -> Path | None:
    for candidate in (path / "botocore" / "data", path / "data", path):
        if candidate.is_dir() and any(
            version.is_dir() and any(version.glob("service-2.json*"))
            for service in candidate.iterdir()
            if service.is_dir()
            for version in service.iterdir()
        ):
            return candidate
    return None


def _folder_version(data: Path) -> str | None:
    init = data.parent / "__init__.py"
    if data.name == "data" and init.is_file():
        match = VERSION_LINE.search(init.read_bytes())
        if match:
            return match.group(1).decode()
    return None
