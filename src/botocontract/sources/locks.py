"""What a project's lock or requirements file pins: the botocore (or boto3) release it installs.

Reads the files as the tools that write them do: ``uv.lock``, ``poetry.lock`` and ``pdm.lock``
(TOML, one ``[[package]]`` table per locked distribution), ``Pipfile.lock`` (JSON, ``default`` and
``develop``), and pip requirements files (pip-compile output included: ``\\`` continuations,
``--hash`` options, markers, comments, ``-r``/``-c`` includes, which are read through the same
reader so that a file at a git ref includes its neighbours at that ref).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import TYPE_CHECKING, Any

from ..errors import SourceError
from ..inputfile import refused_value, where_refused

# packaging's requirement and marker parsers, and the TOML reader, are imported where a file is
# read: every spec passes through is_lock_name, and most specs are versions, not files.
if TYPE_CHECKING:
    from packaging.markers import Marker
    from packaging.requirements import Requirement

TOML_LOCKS = ("uv.lock", "poetry.lock", "pdm.lock")
PIPFILE_LOCK = "Pipfile.lock"
PROJECTS = ("botocore", "boto3")
# pip's own comment rule: a '#' at the start of a line or after whitespace.
_COMMENT = re.compile(r"(^|\s+)#.*$")
# Options a requirement line may carry after the requirement (--hash=..., --config-settings ...).
_LINE_OPTION = re.compile(r"(?:^|\s)--?[A-Za-z]")
_INCLUDE = re.compile(
    r"^(?:-r|--requirement|-c|--constraint)(?:\s*=\s*|\s+|(?<=-[rc]))(?P<path>\S+)$"
)

# Reads a file named relative to the repository or folder the lock was found in.
Reader = Callable[[PurePosixPath], str]


@dataclass(frozen=True, slots=True, kw_only=True)
class Pin:
    project: str  # "botocore" or "boto3"
    version: str
    marker: Marker | None = None  # the environments it is pinned for, when the file says


def is_lock_name(name: str) -> bool:
    """Whether a file name is one of the lock or requirements formats read here."""
    return name in TOML_LOCKS or name == PIPFILE_LOCK or name.endswith(".txt")


def pinned(path: PurePosixPath, read: Reader, *, label: str) -> Pin:
    """The botocore pin of the lock at ``path``; a file that pins only boto3 gives that pin (pip
    would then install the newest botocore that boto3 release allows). ``label`` names the file in
    errors."""
    try:
        found = list(_pins(path, read, label))
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        raise SourceError(path=label, detail=f"not a readable {_kind(path.name)} ({exc})") from None
    for project in PROJECTS:
        pin = _choose([p for p in found if p.project == project], label, project)
        if pin is not None:
            return pin
    raise SourceError(
        path=label,
        detail="pins no botocore (and no boto3 with ==); "
        "pin one, or name a release as botocore==VERSION",
    )


def _kind(name: str) -> str:
    return name if not name.endswith(".txt") else "requirements file"


def _choose(pins: list[Pin], label: str, project: str) -> Pin | None:
    versions = {p.version for p in pins}
    if len(versions) > 1:
        # A lock may pin different releases for different Pythons: take this environment's.
        pins = [p for p in pins if p.marker is None or p.marker.evaluate()]
        versions = {p.version for p in pins}
    if len(versions) > 1:
        raise SourceError(
            path=label,
            detail=f"pins several {project} releases ({', '.join(sorted(versions))}); "
            f"name one as {project}==VERSION",
        )
    return pins[0] if pins else None


def _pins(path: PurePosixPath, read: Reader, label: str) -> Iterator[Pin]:
    text = read(path)
    if path.name in TOML_LOCKS:
        yield from _toml_lock_pins(text, label, path.name)
    elif path.name == PIPFILE_LOCK:
        yield from _pipfile_lock_pins(text, label)
    else:
        yield from _requirements_pins(path, text, read, seen={path})


def _toml_lock_pins(text: str, label: str, name: str) -> Iterator[Pin]:
    from packaging.utils import canonicalize_name

    from .. import tomlfile

    try:
        data = tomlfile.loads(text)
    except tomlfile.TOMLDecodeError as exc:
        raise SourceError(path=label, detail=f"not TOML ({exc})") from None
    except (ValueError, RecursionError) as exc:
        raise _refused(exc, text, label, name) from None
    for package in data.get("package", ()):
        project = canonicalize_name(str(package.get("name", "")))
        if project not in PROJECTS or "version" not in package:
            continue
        # uv names the environments of a forked resolution; poetry 2 and pdm name one marker.
        markers = (
            package.get("resolution-markers") or package.get("markers") or package.get("marker")
        )
        if isinstance(markers, list):
            markers = " or ".join(f"({m})" for m in markers)
        yield Pin(project=project, version=str(package["version"]), marker=_marker(markers))


def _pipfile_lock_pins(text: str, label: str) -> Iterator[Pin]:
    from packaging.utils import canonicalize_name

    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise SourceError(path=label, detail=f"not JSON ({exc})") from None
    except (ValueError, RecursionError) as exc:
        raise _refused(exc, text, label, PIPFILE_LOCK) from None
    for section in ("default", "develop"):
        for name, entry in (data.get(section) or {}).items():
            project = canonicalize_name(name)
            version = str(entry.get("version", "")) if isinstance(entry, dict) else ""
            if project in PROJECTS and version.startswith("=="):
                yield Pin(
                    project=project, version=version[2:], marker=_marker(entry.get("markers"))
                )


def _refused(exc: ValueError | RecursionError, text: str, label: str, name: str) -> SourceError:
    """A lock that parses, holding a value Python will not build (an integer of 5,000 digits),
    or nested deeper than the parser recurses: named at its line when the text shows it."""
    kind = f"not a readable {name}"
    if isinstance(exc, RecursionError):
        return SourceError(path=label, detail=f"{kind}: nests deeper than botocontract reads")
    return SourceError(path=where_refused(label, text), detail=f"{kind}: {refused_value(exc)}")


def _requirements_pins(
    path: PurePosixPath, text: str, read: Reader, *, seen: set[PurePosixPath]
) -> Iterator[Pin]:
    from packaging.requirements import InvalidRequirement, Requirement
    from packaging.utils import canonicalize_name

    for line in _logical_lines(text):
        include = _INCLUDE.match(line)
        if include:
            target = normal_path(path.parent / include.group("path"))
            if target not in seen:
                seen.add(target)
                yield from _requirements_pins(target, read(target), read, seen=seen)
            continue
        if line.startswith("-"):
            continue  # --index-url, -e, --hash on its own line, and the like: no pin
        cut = _LINE_OPTION.search(line)
        requirement_text = (line[: cut.start()] if cut else line).strip()
        try:
            requirement = Requirement(requirement_text)
        except InvalidRequirement:
            continue  # a path, a URL or an environment variable: not a pin of a release
        project = canonicalize_name(requirement.name)
        version = _exact(requirement)
        if project in PROJECTS and version is not None:
            yield Pin(project=project, version=version, marker=requirement.marker)


def _logical_lines(text: str) -> Iterator[str]:
    """Lines as pip reads them: continuations joined, comments dropped, blanks skipped."""
    pending: list[str] = []
    for raw in text.splitlines():
        if raw.endswith("\\") and not _COMMENT.match(raw):
            pending.append(raw[:-1])
            continue
        pending.append(raw)
        line = _COMMENT.sub("", " ".join(pending)).strip()
        pending = []
        if line:
            yield line
    if pending:
        line = _COMMENT.sub("", " ".join(pending)).strip()
        if line:
            yield line


def _exact(requirement: Requirement) -> str | None:
    exact = [
        s.version
        for s in requirement.specifier
        if s.operator in ("==", "===") and not s.version.endswith(".*")
    ]
    return exact[0] if len(exact) == 1 else None


def _marker(text: Any) -> Marker | None:
    if not isinstance(text, str) or not text.strip():
        return None
    from packaging.markers import InvalidMarker, Marker

    try:
        return Marker(text)
    except InvalidMarker:
        return None  # a marker dialect packaging does not read: pinned everywhere, then


def normal_path(path: PurePosixPath) -> PurePosixPath:
    """``a/b/../c`` as ``a/c``, without touching a file system (the file may be at a git ref)."""
    parts: list[str] = []
    for part in path.parts:
        if part == ".." and parts and parts[-1] not in ("..", "/"):
            parts.pop()
        elif part != ".":
            parts.append(part)
    return PurePosixPath(*parts)
