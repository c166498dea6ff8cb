"""Where a release comes from: one spec string (cli.md's grammar) becomes a :class:`Release`."""

from __future__ import annotations

import datetime as dt
import re
import zipfile
from pathlib import Path

from packaging.version import InvalidVersion, Version

from ..errors import CacheError, PipError, SourceError, SpecError
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
from .release import VERSION_LINE, Release, wheel_facts

__all__ = ["Release", "ReleaseInfo", "WheelCache", "open_release"]

BOTO3_SPEC = re.compile(r"^boto3==(?P<version>\S+)$")
PATHLIKE_SUFFIXES = (".whl", ".zip", ".json", ".json.gz", ".gz")
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
    boto3 = BOTO3_SPEC.match(spec)
    if boto3:
        try:
            boto3_version = str(Version(boto3.group("version")))
        except InvalidVersion:
            raise SpecError(
                spec=spec, hint=" (boto3==VERSION needs a version such as 1.37.22)"
            ) from None
        version = _botocore_of_boto3(cache, boto3_version)
        return _published(spec, version, cache)
    # Only "~" and "~/..." are a home folder: "~=1.37" (a pip specifier) would ask for user "=1.37".
    path = Path(spec).expanduser() if spec == "~" or spec.startswith("~/") else Path(spec)
    if path.exists():
        return _from_path(spec, path, service_name)
    if "/" in spec or "\\" in spec or spec.endswith(PATHLIKE_SUFFIXES):
        raise SourceError(path=spec, detail="no such file or folder")
    try:
        parsed = Version(spec)
    except InvalidVersion:
        raise SpecError(
            spec=spec,
            hint=" (expected installed, a version such as 1.37.22, "
            "boto3==VERSION, or a path to a wheel, data folder or model file)",
        ) from None
    if parsed < FIRST_WHEELS:
        raise SpecError(spec=spec, hint=" (botocore 0.x was never published as a wheel)")
    return _published(spec, str(parsed), cache)


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
        archive = ZipArchive(wheel, refetch)
    except DamagedWheelError:
        archive = ZipArchive(refetch(wheel))
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


def _botocore_of_boto3(cache: WheelCache, boto3_version: str) -> str:
    """The botocore a boto3 release requires: the lower bound of its Requires-Dist."""
    from packaging.requirements import InvalidRequirement, Requirement

    wheel = cache.wheel("boto3", boto3_version)
    with zipfile.ZipFile(wheel) as archive:
        metadata = next((n for n in archive.namelist() if n.endswith(".dist-info/METADATA")), None)
        if metadata is None:
            raise SourceError(path=wheel, detail="boto3 wheel without METADATA")
        text = archive.read(metadata).decode("utf-8", "replace")
    for line in text.splitlines():
        if not line.startswith("Requires-Dist:"):
            continue
        try:
            requirement = Requirement(line.split(":", 1)[1].strip())
        except InvalidRequirement:
            continue
        if requirement.name.lower() != "botocore":
            continue
        for spec in requirement.specifier:
            if spec.operator in (">=", "=="):
                return spec.version
    raise PipError(
        requirement=f"boto3=={boto3_version}", detail="its metadata names no botocore lower bound"
    )
