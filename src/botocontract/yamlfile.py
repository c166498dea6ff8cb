"""Safe YAML loading that remembers where each value stood, so that every complaint about a
contract or an ignore file can say ``file:line: what is wrong``."""

from __future__ import annotations

import functools
import json
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import YamlFileError
from .inputfile import TEXT_LIMIT, read_bytes, refused_value

if TYPE_CHECKING:
    import yaml


Lines = dict[tuple[Any, ...], int]


class _Unbuildable(Exception):
    """A value YAML reads but Python will not build (an integer of thousands of digits, a 13th
    month), with the line of its node."""

    def __init__(self, line: int, error: ValueError) -> None:
        super().__init__(line, error)
        self.line = line
        self.error = error


@functools.cache
def _loader() -> type[yaml.SafeLoader]:
    """The safe loader, telling where a value it cannot build stands: its own errors carry a
    mark, but a ValueError from ``int()`` or ``date()`` carries none."""
    import yaml

    class Loader(yaml.SafeLoader):
        def construct_object(self, node: yaml.Node, deep: bool = False) -> Any:
            try:
                return super().construct_object(node, deep)
            except ValueError as exc:  # the innermost node: its parents see _Unbuildable
                raise _Unbuildable(node.start_mark.line + 1, exc) from None

    return Loader


def read_yaml_text(path: Path) -> str:
    """The text of a YAML file, read as every user's file is (a regular file, bounded; see
    ``inputfile``); raises ``YamlFileError`` naming the file."""
    try:
        # A byte order mark (as some editors save) is no part of the document.
        return read_bytes(path, TEXT_LIMIT).decode("utf-8").removeprefix("\ufeff")
    except (OSError, UnicodeDecodeError) as exc:
        raise YamlFileError(path=path, line=1, detail=f"unreadable ({exc})") from None


def load_yaml(path: Path) -> tuple[Any, Lines]:
    """The document in ``path`` (safe types only) and the 1-based line of each value by its path."""
    text = read_yaml_text(path)
    import yaml  # here, not at the top: a diff or a show never reads YAML

    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
        data = yaml.load(text, Loader=_loader())
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        # An error at the very end is reported past the last line: name the last line instead.
        line = min(mark.line + 1, max(len(text.splitlines()), 1)) if mark else 1
        raise YamlFileError(path=path, line=line, detail=f"invalid YAML: {exc.problem}") from None
    except yaml.YAMLError as exc:
        raise YamlFileError(path=path, line=1, detail=f"invalid YAML: {exc}") from None
    except _Unbuildable as exc:
        raise YamlFileError(
            path=path, line=exc.line, detail=f"unreadable value: {refused_value(exc.error)}"
        ) from None
    except RecursionError:
        raise YamlFileError(
            path=path, line=1, detail="nests deeper than botocontract reads: not a contract"
        ) from None
    lines: Lines = {}
    if node is not None:
        _record(node, lines, path)
    return data, lines


MAX_VALUES = 100_000  # far beyond any contract; a YAML alias bomb expands to billions


def _record(root: yaml.Node, lines: Lines, path: Path) -> None:
    """The line of every value, walked without recursion; paths are tuples of strings (a key
    ``1`` and the data's int key ``1`` are the same place)."""
    import yaml

    todo: list[tuple[yaml.Node, tuple[str, ...], int | None]] = [(root, (), None)]
    while todo:
        node, where, key_line = todo.pop()
        if len(lines) >= MAX_VALUES:
            raise YamlFileError(
                path=path,
                line=node.start_mark.line + 1,
                detail=f"more than {MAX_VALUES:,} values once its aliases are "
                "expanded: not a contract",
            )
        # A nested mapping starts below its key; the key's line is the one a reader looks for.
        lines[where] = key_line if key_line is not None else node.start_mark.line + 1
        if isinstance(node, yaml.MappingNode):
            _refuse_duplicate_keys(node, path)
            todo += [
                (value, (*where, str(key.value)), key.start_mark.line + 1)
                for key, value in node.value
            ]
        elif isinstance(node, yaml.SequenceNode):
            todo += [(item, (*where, str(index)), None) for index, item in enumerate(node.value)]


def _refuse_duplicate_keys(node: yaml.MappingNode, path: Path) -> None:
    """YAML loaders keep the last of two equal keys: a first ``clauses:`` list would vanish."""
    import yaml

    first: dict[tuple[str, str], int] = {}
    for key, _value in node.value:
        if not isinstance(key, yaml.ScalarNode):
            continue
        line, ident = key.start_mark.line + 1, (key.tag, key.value)
        if ident in first:
            raise YamlFileError(
                path=path,
                line=line,
                detail=f"duplicate key {key.value!r} (first on line {first[ident]})",
            )
        first[ident] = line


def line_of(lines: Lines, where: Sequence[Any]) -> int:
    """The line of the deepest recorded value along ``where``."""
    path = tuple(str(step) for step in where)
    while path and path not in lines:
        path = path[:-1]
    return lines.get(path, 1)


def shipped_schema(name: str) -> dict[str, Any]:
    """A JSON Schema shipped in the package (``schemas/<name>``)."""
    from importlib import resources

    schema: dict[str, Any] = json.loads(
        resources.files("botocontract").joinpath(f"schemas/{name}").read_text(encoding="utf-8")
    )
    return schema


def validate(data: Any, schema: dict[str, Any], path: Path, lines: Lines) -> None:
    """Raise on the first schema violation, naming its line."""
    import jsonschema

    validator = jsonschema.Draft202012Validator(schema)
    errors = sorted(
        validator.iter_errors(data),
        key=lambda e: (line_of(lines, e.absolute_path), list(e.absolute_path)),
    )
    if errors:
        error = jsonschema.exceptions.best_match(errors) or errors[0]
        at = list(error.absolute_path)
        if error.validator == "additionalProperties" and isinstance(error.instance, dict):
            allowed = error.schema.get("properties", {})
            unknown = [key for key in error.instance if key not in allowed]
            if unknown:  # point at the unknown key itself, not at the object holding it
                raise YamlFileError(
                    path=path,
                    line=line_of(lines, [*at, unknown[0]]),
                    detail=f"unknown key {unknown[0]!r}",
                )
        where = "/".join(str(p) for p in at)
        detail = f"{where}: {error.message}" if where else error.message
        raise YamlFileError(path=path, line=line_of(lines, at), detail=detail)
