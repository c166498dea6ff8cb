"""Reading contract files: safe YAML, validated against the shipped JSON Schema, every complaint
as ``file:line: what is wrong``. A YAML file without the ``botocontract`` key is not a contract and
is left alone."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import BotocontractError, PathError, UsageError, YamlFileError
from ..model.paths import ModelPath, parse_path
from ..yamlfile import line_of, load_yaml, shipped_schema, validate

FORMAT_KEY = "botocontract"
SUFFIXES = (".yaml", ".yml")


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
    lines: tuple[tuple[str, int], ...] = ()  # the line of each key, to point at it

    @property
    def name(self) -> str:
        return f"{self.file.name}::{self.id}"

    def line_of(self, key: str) -> int:
        return dict(self.lines).get(key, self.line)


@dataclass(frozen=True, slots=True, kw_only=True)
class Contract:
    file: Path
    service: str
    api_version: str | None
    clauses: tuple[Clause, ...]


def contract_schema() -> dict[str, Any]:
    return shipped_schema("contract.schema.json")


def is_contract(path: Path) -> bool:
    """Whether a YAML file declares itself a contract: cheap, without parsing the rest. Read as
    bytes, so that a contract that is not UTF-8 is still found, and then refused by name."""
    marker = f"{FORMAT_KEY}:".encode()
    try:
        with path.open("rb") as handle:
            return any(line.startswith(marker) for line in handle)
    except OSError:
        return False


def contract_files(root: Path) -> list[Path]:
    if root.is_file():
        return [root]
    if not root.is_dir():
        raise BotocontractError(msg=f"{root}: no such contracts folder")
    return sorted(p for p in root.rglob("*") if p.suffix in SUFFIXES and is_contract(p))


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
                lines=tuple((key, line_of(lines, (*where, key))) for key in raw),
            )
        )
    return Contract(file=file, service=service, api_version=api_version, clauses=tuple(clauses))


def _validate(data: Any, file: Path, lines: dict[tuple[Any, ...], int]) -> None:
    clauses = data.get("clauses")
    if isinstance(clauses, list):
        # The schema's oneOf would only say "not valid under any of the given schemas": say why.
        for index, raw in enumerate(clauses):
            if isinstance(raw, dict) and "path" not in raw and "call" not in raw:
                raise YamlFileError(
                    path=file,
                    line=line_of(lines, ("clauses", index)),
                    detail="a clause needs a path, or a call with params",
                )
            if isinstance(raw, dict) and "path" in raw and ("call" in raw or "params" in raw):
                raise YamlFileError(
                    path=file,
                    line=line_of(
                        lines,
                        ("clauses", index, "call")
                        if "call" in raw
                        else ("clauses", index, "params"),
                    ),
                    detail="a clause has a path or a call, not both",
                )
            if isinstance(raw, dict) and "call" in raw and "params" not in raw:
                raise YamlFileError(
                    path=file,
                    line=line_of(lines, ("clauses", index, "call")),
                    detail="a call needs params",
                )
    validate(data, contract_schema(), file, lines)


def load_contracts(root: Path, *, at_least_one: bool = False) -> list[Contract]:
    """The contracts in a folder (or one file); ``at_least_one``: none is a usage error."""
    contracts = [load_contract(file) for file in contract_files(root)]
    if at_least_one and not contracts:
        raise UsageError(msg=f"{root}: no contract files (YAML with 'botocontract: 1')")
    return contracts
