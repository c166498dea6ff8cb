"""The layer order of the package, and the thinness of its front ends, read from the source.

A plain ``ast`` walk rather than import-linter: the rules are a dozen lines, need no new tool or
configuration file, and see every import (in functions and ``TYPE_CHECKING`` blocks too), which is
where lazy imports hide their reach-ins.

Order (a module imports only its own layer and those before it):
model -> sources -> diff -> rules -> changelog / history / contracts / fixtures / scan -> use
cases -> reports -> api (with the project config it reads) -> cli / pytest plugin / the package
itself (its ``__init__`` re-exports the api as the library surface). Leaf utilities (errors,
yamlfile, tomlfile, inputfile, release_info) are usable by all and import only each other.

Two departures from the order drafted in issue 9, because the code shows why: ``model`` comes
before ``sources`` (a release hands out ``Service`` models, and models know nothing of where they
come from); use cases come before ``reports`` (reports render the result types that live with
their use case, and no use case renders anything).
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

import botocontract

PACKAGE = Path(botocontract.__file__).parent
ROOT = "botocontract"
LEAVES = {
    f"{ROOT}.errors",
    f"{ROOT}.yamlfile",
    f"{ROOT}.tomlfile",
    f"{ROOT}.release_info",
    f"{ROOT}.inputfile",
}
LAYERS: list[tuple[str, ...]] = [
    ("model",),
    ("sources",),
    ("diff",),
    ("rules",),
    ("changelog", "history", "contracts", "fixtures", "scan"),
    ("gate", "show", "contracts.run", "contracts.snapshot", "contracts.init", "history.bisect"),
    ("reports",),
    ("api", "config"),
    ("cli", "__main__", "pytest_plugin", "pytest_session"),
]
LEAF = -1


def module_name(file: Path) -> str:
    parts = [ROOT, *file.relative_to(PACKAGE).with_suffix("").parts]
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def is_module(name: str) -> bool:
    path = PACKAGE.joinpath(*name.split(".")[1:])
    return path.with_suffix(".py").is_file() or (path / "__init__.py").is_file()


def imports(file: Path, *, runtime_only: bool = False) -> Iterator[tuple[int, str]]:
    """(line, module) for every import of the package in ``file``; ``runtime_only``: without
    ``if TYPE_CHECKING:`` blocks."""
    tree = ast.parse(file.read_text(encoding="utf-8"))
    if runtime_only:
        for node in ast.walk(tree):
            if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
                node.body = []
    package = (
        module_name(file)
        if file.name == "__init__.py"
        else module_name(file)[: -len(file.stem) - 1]
    )
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from ((node.lineno, a.name) for a in node.names if a.name.split(".")[0] == ROOT)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = ".".join(package.split(".")[: len(package.split(".")) - node.level + 1])
                target = f"{base}.{node.module}" if node.module else base
            else:
                target = node.module or ""
            if target.split(".")[0] != ROOT:
                continue
            for alias in node.names:
                name = f"{target}.{alias.name}"
                yield node.lineno, name if is_module(name) else target


def layer(module: str) -> int:
    if module in LEAVES:
        return LEAF
    if module == ROOT:  # the package declares the library surface: the api, re-exported
        return len(LAYERS) - 1
    inner = module.removeprefix(f"{ROOT}.")
    found = [
        (len(prefix), index)
        for index, prefixes in enumerate(LAYERS)
        for prefix in prefixes
        if inner == prefix or inner.startswith(f"{prefix}.")
    ]
    assert found, f"{module} is in no layer: add it to LAYERS"
    return max(found)[1]


def sources() -> list[Path]:
    return sorted(PACKAGE.rglob("*.py"))


def layer_violations() -> list[str]:
    found = []
    for file in sources():
        source = module_name(file)
        own = layer(source)
        for line, target in imports(file):
            theirs = layer(target)
            upward = theirs > own if own != LEAF else theirs != LEAF
            if upward:
                found.append(
                    f"{file.relative_to(PACKAGE.parent)}:{line}: {source} (layer {own}) "
                    f"imports {target} (layer {theirs})"
                )
    return found


def test_every_module_has_a_layer() -> None:
    for file in sources():
        layer(module_name(file))


def test_no_module_imports_a_later_layer() -> None:
    assert layer_violations() == []


FRONT_ENDS = {
    # The CLI parses and dispatches: the work is in api, the output in reports.
    "cli.py": ({f"{ROOT}.api", f"{ROOT}.reports", f"{ROOT}.errors", ROOT}, False),
    # The pytest plugin's session takes the CLI's path (types aside).
    "pytest_session.py": ({f"{ROOT}.api", f"{ROOT}.errors"}, True),
}


@pytest.mark.parametrize("front_end", sorted(FRONT_ENDS))
def test_front_ends_import_only_the_api(front_end: str) -> None:
    allowed, runtime_only = FRONT_ENDS[front_end]
    found = {
        f"{front_end}:{line}: {target}"
        for line, target in imports(PACKAGE / front_end, runtime_only=runtime_only)
        if target not in allowed
    }
    assert found == set()


def test_cli_takes_only_the_version_from_the_package_itself() -> None:
    tree = ast.parse((PACKAGE / "cli.py").read_text(encoding="utf-8"))
    names = {
        alias.name
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom) and node.level == 1 and node.module is None
        for alias in node.names
    }
    assert names - {"api", "reports", "errors"} == {"__version__"}


def test_no_import_cycles() -> None:
    """Within a layer too: no module reaches itself through imports (``TYPE_CHECKING`` ones
    included), as rules/judge and rules/ignore once did."""
    graph = {
        module_name(file): {target for _, target in imports(file)} - {module_name(file)}
        for file in sources()
    }
    cycles = []
    for start in graph:
        stack, seen = [(start, [start])], set()
        while stack:
            node, trail = stack.pop()
            for nxt in graph.get(node, ()):
                if nxt == start:
                    cycles.append(" -> ".join([*trail, start]))
                elif nxt not in seen:
                    seen.add(nxt)
                    stack.append((nxt, [*trail, nxt]))
    assert cycles == []
