"""The botocore release a boto3 pin installs.

``pip install boto3==1.35.0`` installs the newest botocore that boto3 release allows (its wheel's
``Requires-Dist: botocore<1.36.0,>=1.35.0``), not the lower bound: so does ``boto3==1.35.0`` here,
with the range read from the boto3 wheel and the candidates from the botocore release index.
``boto3-floor==1.35.0`` names the lower bound, for a gate that wants the release boto3 was built
against.
"""

from __future__ import annotations

import zipfile

from packaging.requirements import InvalidRequirement, Requirement
from packaging.specifiers import SpecifierSet
from packaging.version import Version

from ..errors import PipError, SourceError
from .cache import WheelCache
from .index import ReleaseIndex


def boto3_allows(cache: WheelCache, boto3_version: str) -> SpecifierSet:
    """The botocore releases a boto3 release accepts, from its wheel's metadata."""
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
        if requirement.name.lower() == "botocore" and requirement.marker is None:
            return requirement.specifier
    raise PipError(
        requirement=f"boto3=={boto3_version}", detail="its metadata names no botocore requirement"
    )


def floor(allowed: SpecifierSet, boto3_version: str) -> str:
    """The lowest botocore ``allowed`` names (``>=`` or ``==``)."""
    for spec in allowed:
        if spec.operator in (">=", "=="):
            return spec.version
    raise PipError(
        requirement=f"boto3=={boto3_version}", detail=f"botocore{allowed} has no lower bound"
    )


def newest(cache: WheelCache, allowed: SpecifierSet, boto3_version: str) -> str:
    """The newest published botocore in ``allowed``: the one pip installs today."""
    index = ReleaseIndex(cache)
    versions = index.versions()
    # botocore releases only go up, so a cached list that already holds a release above the range
    # holds every release in it; one whose newest release is still allowed may be missing newer.
    if not cache.offline and (not versions or versions[-1] in allowed):
        versions = index.versions(refresh=True)
    candidates: list[Version] = list(allowed.filter(versions))
    if not candidates:
        raise PipError(
            requirement=f"botocore{allowed} for boto3=={boto3_version}",
            detail=f"no published release in that range (the newest known is "
            f"{versions[-1] if versions else 'none'})",
        )
    return str(max(candidates))
