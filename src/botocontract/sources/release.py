"""A botocore release: the service models of one archive, with its version and build date."""

from __future__ import annotations

import ast
import datetime as dt
import re
import zlib
from collections.abc import Hashable, Iterator
from typing import Any

import orjson

from ..errors import ModelError, UnknownApiVersionError, UnknownServiceError, did_you_mean
from ..inputfile import MODEL_LIMIT, inflate_gzip
from ..model.service import NEWEST_PROTOCOL_PRIORITY, Service
from ..release_info import ReleaseInfo
from .archive import Archive, ZipArchive

SERVICE_FILE = "service-2.json"
PAGINATORS_FILE = "paginators-1.json"
WAITERS_FILE = "waiters-2.json"
# botocore's Loader merges these "sdk" extras over the service model and paginators.
EXTRAS = {
    SERVICE_FILE: "service-2.sdk-extras.json",
    PAGINATORS_FILE: "paginators-1.sdk-extras.json",
}
MODEL_FILES = (
    SERVICE_FILE,
    EXTRAS[SERVICE_FILE],
    PAGINATORS_FILE,
    EXTRAS[PAGINATORS_FILE],
    WAITERS_FILE,
)
VERSION_LINE = re.compile(rb"""^__version__\s*=\s*['"]([^'"]+)['"]""", re.MULTILINE)
# Where botocore keeps its protocol preference: utils.py since 1.38, args.py before.
PRIORITY_MODULES = ("utils.py", "args.py", "model.py")
PRIORITY_LINE = re.compile(
    rb"^PRIORITY_ORDERED_SUPPORTED_PROTOCOLS\s*=\s*(\([^)]*\))", re.MULTILINE
)


class Release:
    """The service models of one botocore release, read in place from its archive."""

    def __init__(
        self,
        spec: str,
        archive: Archive,
        *,
        botocore_version: str | None = None,
        date: dt.date | None = None,
    ) -> None:
        self.spec = spec
        self.archive = archive
        self.botocore_version = botocore_version
        self.date = date
        self.resolution: str | None = None  # ReleaseInfo.resolution
        self._protocol_priority: tuple[str, ...] | None = None
        self._models: dict[tuple[str, str], Service] | None = None  # see keep_models

    @property
    def info(self) -> ReleaseInfo:
        return ReleaseInfo(
            spec=self.spec,
            botocore=self.botocore_version,
            date=self.date,
            resolution=self.resolution,
        )

    @property
    def label(self) -> str:
        return self.info.label

    def reopen(self) -> Release:
        again = Release(
            self.spec, self.archive.reopen(), botocore_version=self.botocore_version, date=self.date
        )
        again.resolution = self.resolution
        return again

    @property
    def protocol_priority(self) -> tuple[str, ...]:
        """How this release's botocore picks a protocol from ``metadata.protocols``: its own
        preference order, read from its source; ``()`` for a botocore too old to read
        ``protocols``; the newest known order for a data tree without its botocore."""
        if self._protocol_priority is None:
            self._protocol_priority = read_protocol_priority(self.archive)
        return self._protocol_priority

    # ----- what is there
    def services(self) -> list[str]:
        return sorted(
            s
            for s, versions in self.archive.index().items()
            if any(SERVICE_FILE in files for files in versions.values())
        )

    def api_versions(self, service: str) -> list[str]:
        """The api versions of ``service`` that hold a service model, oldest first."""
        versions = self.archive.index().get(service, {})
        found = sorted(v for v, files in versions.items() if SERVICE_FILE in files)
        if not found:
            raise UnknownServiceError(
                service=service,
                release=self.label,
                suggestion=did_you_mean(service, self.services()),
            )
        return found

    def api_version(self, service: str, requested: str | None = None) -> str:
        versions = self.api_versions(service)
        if requested is None:
            return versions[-1]
        if requested not in versions:
            raise UnknownApiVersionError(
                service=service,
                api_version=requested,
                release=self.label,
                available=", ".join(versions),
            )
        return requested

    def _location(self, service: str, api_version: str, name: str) -> str | None:
        return self.archive.index().get(service, {}).get(api_version, {}).get(name)

    # ----- bytes, for change detection without parsing
    def content_keys(self, service: str, api_version: str) -> Iterator[Hashable]:
        """What identifies the content of each file that goes into the model of ``service``,
        the service model first: equal keys, equal model. Lazy, so that a comparison stops at
        the first file that differs."""
        for name in MODEL_FILES:
            location = self._location(service, api_version, name)
            yield None if location is None else self.archive.content_key(location)

    def model_size(self, service: str) -> int:
        """Bytes stored for the model of ``service``: a cheap measure of the work it takes."""
        api_version = self.api_version(service)
        return sum(
            self.archive.size(location)
            for name in MODEL_FILES
            if (location := self._location(service, api_version, name)) is not None
        )

    # ----- parsed content
    def load_json(self, service: str, api_version: str, name: str) -> Any:
        location = self._location(service, api_version, name)
        if location is None:
            return None
        where = self.archive.where(location)
        data = self.archive.read(location)
        if location.endswith(".gz"):
            try:
                data = inflate_gzip(data, MODEL_LIMIT, where)
            except (OSError, EOFError, zlib.error) as exc:
                raise ModelError(
                    path=where, detail=f"truncated or corrupt gzip data ({exc})"
                ) from None
        try:
            return orjson.loads(data)
        except orjson.JSONDecodeError as exc:
            raise ModelError(path=where, detail=json_problem(exc)) from None

    def load_merged(self, service: str, api_version: str, name: str) -> tuple[Any, bool]:
        """A file with its sdk-extras merged in, as botocore's Loader does; and whether any were."""
        data = self.load_json(service, api_version, name)
        extras_name = EXTRAS.get(name)
        extras = self.load_json(service, api_version, extras_name) if extras_name else None
        if data is None or extras is None or extras_name is None:
            return data, False
        merge = extras.get("merge", {}) if isinstance(extras, dict) else None
        where = self.archive.where(self._location(service, api_version, extras_name) or "")
        if not isinstance(merge, dict) or not isinstance(data, dict):
            raise ModelError(path=where, detail="not an sdk-extras file ('merge' is not an object)")
        for key, value in merge.items():
            if isinstance(data.get(key), dict) and not isinstance(value, dict):
                raise ModelError(
                    path=where,
                    detail=f"'merge' would replace the {key!r} object "
                    f"with a {type(value).__name__}",
                )
        deep_merge(data, merge)
        return data, True

    def keep_models(self) -> None:
        """From now on, keep every model parsed, for a use case that reads the same few models
        twice (the gate checks and diffs the candidate). Never for a whole-release diff: that
        reads every model once and must not hold them all in memory."""
        if self._models is None:
            self._models = {}

    def load_service(self, service: str, api_version: str | None = None) -> Service:
        version = self.api_version(service, api_version)
        if self._models is None:
            return self._parse_service(service, version)
        key = (service, version)
        if key not in self._models:
            self._models[key] = self._parse_service(service, version)
        return self._models[key]

    def _parse_service(self, service: str, version: str) -> Service:
        raw, merged = self.load_merged(service, version, SERVICE_FILE)
        paginators, pmerged = self.load_merged(service, version, PAGINATORS_FILE)
        waiters = self.load_json(service, version, WAITERS_FILE)
        extras = tuple(
            name
            for name, did in ((EXTRAS[SERVICE_FILE], merged), (EXTRAS[PAGINATORS_FILE], pmerged))
            if did
        )
        source = self.archive.where(self._location(service, version, SERVICE_FILE) or service)
        return Service(
            service,
            version,
            raw,
            source=source,
            paginators=_section(paginators, "pagination", source),
            waiters=_section(waiters, "waiters", source),
            extras=extras,
            protocol_priority=self.protocol_priority,
        )


def read_protocol_priority(archive: Archive) -> tuple[str, ...]:
    seen_source = False
    for name in PRIORITY_MODULES:
        text = archive.package_file(name)
        if text is None:
            continue
        seen_source = True
        match = PRIORITY_LINE.search(text)
        if match:
            try:
                found = ast.literal_eval(match.group(1).decode())
            except (SyntaxError, ValueError, UnicodeDecodeError):
                continue
            if isinstance(found, tuple) and all(isinstance(p, str) for p in found):
                return found
    return () if seen_source else NEWEST_PROTOCOL_PRIORITY


# orjson refuses JSON nested past 1,024 levels (since 3.9.15), in words that change between its
# releases; the user reads ours, whatever the installed orjson says.
_TOO_DEEP = re.compile(r"depth (limit )?exceeded")
MAX_JSON_DEPTH = 1_024


def json_problem(exc: orjson.JSONDecodeError) -> str:
    """One line saying why a model file is not JSON botocontract reads."""
    if _TOO_DEEP.search(str(exc)):
        return (
            f"JSON nests deeper than {MAX_JSON_DEPTH:,} levels (real models nest a few dozen), "
            f"at line {exc.lineno} column {exc.colno}"
        )
    return f"malformed JSON: {exc}"


def deep_merge(base: dict[str, Any], extra: dict[str, Any]) -> None:
    """botocore's ``utils.deep_merge``, which its Loader applies to sdk-extras; written out here
    because importing botocore.loaders costs more than a small diff (it pulls in urllib3). The
    test suite checks that both give the same models."""
    for key, value in extra.items():
        if isinstance(value, dict) and isinstance(base.get(key), dict):
            deep_merge(base[key], value)
        else:
            base[key] = value


def _section(data: Any, key: str, source: str) -> dict[str, Any]:
    if data is None:
        return {}
    if not isinstance(data, dict) or not isinstance(data.get(key, {}), dict):
        raise ModelError(path=source, detail=f"its {key} file has no {key!r} object")
    return dict(data.get(key, {}))


def wheel_facts(archive: ZipArchive) -> tuple[str | None, dt.date | None]:
    """The botocore version and build date recorded in a wheel."""
    version = None
    for name in archive.names():
        if name.startswith("botocore-") and name.split("/")[0].endswith(".dist-info"):
            version = name.split("/")[0][len("botocore-") : -len(".dist-info")]
            break
    if version is None:
        try:
            match = VERSION_LINE.search(archive.read("botocore/__init__.py"))
        except Exception:
            match = None
        version = match.group(1).decode() if match else None
    day = archive.entry_date("botocore/__init__.py")
    date = dt.date(*day) if day else None
    return version, date
