"""Reading contract files: safe YAML, validated against the shipped JSON Schema, every complaint
as ``file:line: what is wrong``. A YAML file without the ``botocontract`` key is not a contract and
is left alone."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import BotocontractError, InputFileError, PathError, UsageError, YamlFileError
from ..inputfile import TEXT_LIMIT, read_bytes
from ..model.paths import ModelPath, parse_path
from ..yamlfile import line_of, load_yaml, shipped_schema, validate

FORMAT_KEY = "botocontract"
SUFFIXES = (".yaml", ".yml")
# A clause is of one kind, named by its key; the other keys each belong to one kind.
KIND_KEYS: dict[str, tuple[str, ...]] = {
    "path": ("type", "required", "enum", "enum_contains", "tree"),
    "call": ("params",),
    "paginator": ("input_token", "output_token", "result_key"),
    "waiter": ("operation",),
    "error": (),
}
_ARTICLE = {kind: f"a {kind}" for kind in KIND_KEYS} | {"error": "an error"}


@dataclass(frozen=True, slots=True, kw_only=True)
class Clause:
    id: str
    file: Path
    line: int
    service: str
    api_version: str | None
    path: ModelPath | None = None
    type: str | None = None
    required: bool | None = None
    enum: str | None = None  # "exact" or "additive", against the fixture
    enum_contains: tuple[str, ...] = ()
    tree: str | None = None  # "exact" or "additive", against the fixture
    call: str | None = None
    # Left out of the hash (a dict has none); equal clauses still compare their params.
    params: dict[str, Any] | None = field(default=None, hash=False)
    paginator: str | None = None  # the operation client.get_paginator() takes
    input_token: tuple[str, ...] | None = None  # None: not asserted
    output_token: tuple[str, ...] | None = None
    result_key: tuple[str, ...] | None = None
    waiter: str | None = None
    operation: str | None = None  # the operation the waiter polls
    error: str | None = None  # Operation.errors.ErrorCode
    lines: tuple[tuple[str, int], ...] = ()  # the line of each key, to point at it

    @property
    def name(self) -> str:
        return f"{self.file.name}::{self.id}"

    @property
    def kind(self) -> str:
        """The key that says what the clause is about: path, call, paginator, waiter or error."""
        return next(kind for kind in KIND_KEYS if getattr(self, kind) is not None)

    @property
    def pins_tree(self) -> bool:
        """Whether the clause reads an operation's tree, so needs a fixture; a paginator, waiter
        or error clause carries what it expects itself."""
        return self.kind in ("path", "call")

    @property
    def error_parts(self) -> tuple[str, str]:
        """``PutItem.errors.ConditionalCheckFailedException`` -> (PutItem, the error code)."""
        assert self.error is not None
        operation, _, code = self.error.partition(".errors.")
        return operation, code

    def line_of(self, key: str) -> int:
        return dict(self.lines).get(key, self.line)


@dataclass(frozen=True, slots=True, kw_only=True)
class Contract:
    file: Path
    service: str
    api_version: str | None
    clauses: tuple[Clause, ...]
    service_line: int = 1  # where the file names the service


def contract_schema() -> dict[str, Any]:
    return shipped_schema("contract.schema.json")


# The key in any spelling YAML reads as that key: plain, quoted, with a space before the colon,
# behind a byte order mark, or inside a flow mapping. A comment never matches.
_MARKER = re.compile(
    rb"""(?:^(?:\xef\xbb\xbf)?|[{,])[ \t]*(?:botocontract|"botocontract"|'botocontract')[ \t]*:""",
    re.MULTILINE,
)


def is_contract_name(path: Path) -> bool:
    return path.suffix.lower() in SUFFIXES


def is_contract(path: Path) -> bool:
    """Whether a YAML file declares itself a contract: cheap, without parsing it. Read as bytes,
    so that a contract that is not UTF-8 is still found, and then refused by name; a file that
    cannot be read at all counts as one, to be refused by name rather than skipped."""
    try:
        return _MARKER.search(read_bytes(path, TEXT_LIMIT)) is not None
    except (OSError, InputFileError):
        return True


def contract_files(root: Path) -> list[Path]:
    """The contracts in ``root`` and below, through links to folders as pytest goes (each real
    folder once); a folder that cannot be listed is refused, never skipped."""
    if root.exists() and not root.is_dir():
        return [root]
    if not root.is_dir():
        raise BotocontractError(msg=f"{root}: no such contracts folder")

    def refuse(exc: OSError) -> None:
        raise InputFileError(path=exc.filename, detail=f"unreadable folder ({exc.strerror})")

    found: list[Path] = []
    seen: set[str] = set()
    for folder, folders, files in os.walk(root, onerror=refuse, followlinks=True):
        real = os.path.realpath(folder)
        if real in seen:  # a link back up the tree
            folders.clear()
            continue
        seen.add(real)
        found += (Path(folder) / name for name in files)
    return sorted(p for p in found if is_contract_name(p) and is_contract(p))


def load_contract(file: Path) -> Contract:
    data, lines = load_yaml(file)
    if not isinstance(data, dict) or FORMAT_KEY not in data:
        raise YamlFileError(path=file, line=1, detail=f"not a contract (no {FORMAT_KEY!r} key)")
    _validate(data, file, lines)
    service, api_version = data["service"], data.get("api_version")
    clauses: list[Clause] = []
    seen: dict[str, int] = {}
    for index, raw in enumerate(data["clauses"]):
        where = ("clauses", index)
        line = line_of(lines, where)
        if raw["id"] in seen:
            raise YamlFileError(
                path=file,
                line=line_of(lines, (*where, "id")),
                detail=f"duplicate clause id {raw['id']!r} (first on line {seen[raw['id']]})",
            )
        seen[raw["id"]] = line_of(lines, (*where, "id"))
        path = None
        if "path" in raw:
            try:
                path = parse_path(raw["path"])
            except PathError as exc:
                raise YamlFileError(
                    path=file, line=line_of(lines, (*where, "path")), detail=str(exc)
                ) from None
        clauses.append(
            Clause(
                id=raw["id"],
                file=file,
                line=line,
                service=service,
                api_version=api_version,
                path=path,
                type=raw.get("type"),
                required=raw.get("required"),
                enum=raw.get("enum"),
                enum_contains=tuple(raw.get("enum_contains", ())),
                tree=raw.get("tree"),
                call=raw.get("call"),
                params=raw.get("params"),
                paginator=raw.get("paginator"),
                input_token=_names(raw.get("input_token")),
                output_token=_names(raw.get("output_token")),
                result_key=_names(raw.get("result_key")),
                waiter=raw.get("waiter"),
                operation=raw.get("operation"),
                error=raw.get("error"),
                lines=(
                    *((key, line_of(lines, (*where, key))) for key in raw),
                    # the contract's own, for errors about the api version the clause reads
                    ("api_version", line_of(lines, ("api_version",))),
                ),
            )
        )
    return Contract(
        file=file,
        service=service,
        api_version=api_version,
        clauses=tuple(clauses),
        service_line=line_of(lines, ("service",)),
    )


def _names(value: str | list[str] | None) -> tuple[str, ...] | None:
    """A token or result key list as botocore reads it: one name is a list of one."""
    if value is None:
        return None
    return (value,) if isinstance(value, str) else tuple(value)


def _validate(data: Any, file: Path, lines: dict[tuple[Any, ...], int]) -> None:
    clauses = data.get("clauses")
    if isinstance(clauses, list):
        # The schema's oneOf and dependentRequired would not say which keys clash: say so.
        for index, raw in enumerate(clauses):
            if isinstance(raw, dict):
                _validate_kind(raw, file, lines, ("clauses", index))
    validate(data, contract_schema(), file, lines)


def _validate_kind(
    raw: dict[Any, Any], file: Path, lines: dict[tuple[Any, ...], int], where: tuple[Any, ...]
) -> None:
    kinds = [kind for kind in KIND_KEYS if kind in raw]
    if not kinds:
        raise YamlFileError(
            path=file,
            line=line_of(lines, where),
            detail="a clause needs a path, a call with params, a paginator, a waiter or an error",
        )
    if len(kinds) > 1:
        first, second = kinds[:2]
        raise YamlFileError(
            path=file,
            line=line_of(lines, (*where, second)),
            detail=f"a clause has {_ARTICLE[first]} or {_ARTICLE[second]}, not both",
        )
    kind = kinds[0]
    for key in raw:
        owner = next((k for k, keys in KIND_KEYS.items() if key in keys), kind)
        if owner != kind:
            raise YamlFileError(
                path=file,
                line=line_of(lines, (*where, key)),
                detail=f"{key!r} belongs to {_ARTICLE[owner]} clause, not to "
                f"{_ARTICLE[kind]} clause",
            )
    if kind == "call" and "params" not in raw:
        raise YamlFileError(
            path=file, line=line_of(lines, (*where, "call")), detail="a call needs params"
        )


def load_contracts(root: Path, *, at_least_one: bool = False) -> list[Contract]:
    """The contracts in a folder (or one file); ``at_least_one``: none is a usage error."""
    contracts = [load_contract(file) for file in contract_files(root)]
    if at_least_one and not contracts:
        raise UsageError(msg=f"{root}: no contract files (YAML with 'botocontract: 1')")
    return contracts
