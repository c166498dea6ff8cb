"""``[tool.botocontract]`` in ``pyproject.toml``: a project's settings, read the same way by the CLI
and the pytest plugin (each front end's own options override them).

The table is looked for in the nearest ``pyproject.toml`` that has one, from the folder a front end
starts in (the CLI: the current folder; pytest: its rootdir) upward. Folders and files in it, and
paths inside specs (``uv.lock``, ``git:origin/main:uv.lock``), are relative to that
``pyproject.toml``, whichever folder the command runs from.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

from .errors import BotocontractError, did_you_mean
from .inputfile import TEXT_LIMIT, read_bytes, refused_value, where_refused
from .rules.severity import LEVELS

PYPROJECT = "pyproject.toml"
# The fail_on level at which nothing fails: gate.NEVER's word, spelled here rather than imported, as
# importing the gate would load the contracts machinery into every command that reads FAIL_ON.
NEVER = "never"
FAIL_ON = (*reversed(LEVELS), NEVER)  # --fail-on's levels, highest first
DEFAULT_SPEC = "installed"
KEYS = ("contracts", "fixtures", "botocore", "gate-from", "gate-to", "fail-on", "ignore")


class ConfigError(BotocontractError):
    fmt = "{path}: [tool.botocontract] {detail}"


@dataclass(frozen=True, slots=True, kw_only=True)
class ProjectConfig:
    file: Path | None  # the pyproject.toml read, or None (every setting its default)
    contracts: Path
    fixtures: Path
    botocore: str  # the release check and pytest run against
    gate_from: str | None
    gate_to: str | None
    fail_on: str
    ignore: Path | None


def project_config(start: Path | None = None) -> ProjectConfig:
    """The settings of the project ``start`` (default: the current folder) lies in."""
    start = (start or Path.cwd()).absolute()
    for folder in (start, *start.parents):
        file = folder / PYPROJECT
        table = _table(file) if file.is_file() else None
        if table is not None:
            return _settings(file, table)
    return ProjectConfig(
        file=None,
        contracts=_shown(start / "contracts"),
        fixtures=_shown(start / "fixtures"),
        botocore=DEFAULT_SPEC,
        gate_from=None,
        gate_to=None,
        fail_on=FAIL_ON[0],
        ignore=None,
    )


def _table(file: Path) -> dict[str, Any] | None:
    from . import tomlfile  # only a command that reads the project's settings parses TOML

    try:
        text = read_bytes(file, TEXT_LIMIT).decode("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(path=_shown(file), detail=f"cannot be read ({exc})") from None
    try:
        data = tomlfile.loads(text)
    except tomlfile.TOMLDecodeError as exc:
        raise ConfigError(path=_shown(file), detail=f"cannot be read: not TOML ({exc})") from None
    except ValueError as exc:  # TOML, but a value Python will not build (5,000 digits)
        raise ConfigError(
            path=where_refused(_shown(file), text), detail=f"cannot be read: {refused_value(exc)}"
        ) from None
    except RecursionError:
        raise ConfigError(
            path=_shown(file), detail="cannot be read: nests deeper than botocontract reads"
        ) from None
    tool = data.get("tool", {})
    table = tool.get("botocontract") if isinstance(tool, dict) else None
    if table is not None and not isinstance(table, dict):
        raise ConfigError(path=_shown(file), detail="is not a table")
    return table


def _settings(file: Path, table: dict[str, Any]) -> ProjectConfig:
    base = file.parent
    for key, value in table.items():
        if key not in KEYS:
            known = did_you_mean(key, KEYS) or f" (known: {', '.join(KEYS)})"
            raise ConfigError(path=_shown(file), detail=f"has no setting {key!r}{known}")
        if not isinstance(value, str) or not value:
            raise ConfigError(path=_shown(file), detail=f"{key} must be a non-empty string")
    fail_on = table.get("fail-on", FAIL_ON[0])
    if fail_on not in FAIL_ON:
        raise ConfigError(
            path=_shown(file),
            detail=f"fail-on must be one of {', '.join(FAIL_ON)}, not {fail_on!r}",
        )
    ignore = table.get("ignore")
    return ProjectConfig(
        file=file,
        contracts=_shown(base / table.get("contracts", "contracts")),
        fixtures=_shown(base / table.get("fixtures", "fixtures")),
        botocore=_spec(base, table.get("botocore", DEFAULT_SPEC)),
        gate_from=_spec(base, table["gate-from"]) if "gate-from" in table else None,
        gate_to=_spec(base, table["gate-to"]) if "gate-to" in table else None,
        fail_on=fail_on,
        ignore=_shown(base / ignore) if ignore else None,
    )


def _spec(base: Path, spec: str) -> str:
    """A spec of the table as the current folder reads it: paths in it taken from ``base``."""
    if base == Path.cwd().absolute():
        return spec
    if spec.startswith("git:"):
        ref, _, path = spec.removeprefix("git:").partition(":")
        if ref and path:
            return f"git:{ref}:{PurePosixPath(_relative(base / path))}"
        return spec
    if (base / spec).exists():
        return _relative(base / spec)
    return spec


def _relative(path: Path) -> str:
    """``path`` from the current folder (``../uv.lock``), absolute across drives."""
    try:
        return Path(os.path.relpath(path)).as_posix()
    except ValueError:
        return str(path)


def _shown(path: Path) -> Path:
    """A folder as messages should name it: relative to the current folder when inside it."""
    try:
        return path.relative_to(Path.cwd().absolute())
    except ValueError:
        return path
