"""Scanning a project: its Python files found and read safely, each module read for client calls,
and modules read again while facts learnt in one (a function returns a client, a parameter
receives one) answer a lookup another one missed."""

from __future__ import annotations

import ast
import os
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import NamedTuple

from ..errors import UsageError
from .analyze import Facts, ModuleReader, same_name
from .findings import Call, Finding, ScanResult, Unresolved

MAX_BYTES = 5_000_000  # far beyond any hand-written module; generated blobs are not read
MAX_ROUNDS = 6  # facts only grow and chains of them are short; this bounds a pathological project
SKIPPED_DIRS = frozenset({"__pycache__", "node_modules", ".git", ".hg", ".tox", ".nox"})
# A module is read only if it may hold a client; the others are parsed (syntax errors are
# reported everywhere) and read later only when a fact names something they mention.
MARKERS = (b"boto", b"client", b"Client")


class Source(NamedTuple):
    file: Path
    module: str  # dotted module name, from the scanned folder
    package: str  # the package relative imports start from


def _module(root: Path, file: Path) -> tuple[str, str]:
    parts = list(file.relative_to(root).with_suffix("").parts) if root != file else [file.stem]
    is_package = parts[-1] == "__init__"
    if is_package:
        parts.pop()
    module = ".".join(parts) or file.parent.name
    package = module if is_package else ".".join(parts[:-1])
    return module, package


def python_files(paths: Sequence[Path]) -> tuple[list[Source], list[Finding]]:
    """Every ``.py`` file under ``paths``, once each; folders are walked following links, and a
    link that leads back into a folder already walked is reported once, not followed."""
    sources: list[Source] = []
    problems: list[Finding] = []
    seen_files: set[tuple[int, int]] = set()
    for path in paths:
        if not path.exists() and not path.is_symlink():
            raise UsageError(msg=f"{path}: no such file or folder")
        if path.is_file() or (path.is_symlink() and not path.is_dir()):
            if path.is_symlink() and not path.exists():
                problems.append(Finding(str(path), 1, "a broken symbolic link"))
                continue
            sources.append(Source(path, *_module(path, path)))
            continue
        for file, problem in _walk(path):
            if problem is not None:
                problems.append(problem)
                continue
            try:
                stat = file.stat()
            except OSError as exc:
                problems.append(Finding(str(file), 1, f"unreadable ({exc.strerror})"))
                continue
            key = (stat.st_dev, stat.st_ino)
            if key not in seen_files:
                seen_files.add(key)
                sources.append(Source(file, *_module(path, file)))
    return sources, problems


def _walk(root: Path) -> Iterator[tuple[Path, Finding | None]]:
    visited: set[tuple[int, int]] = set()
    todo = [root]
    while todo:
        folder = todo.pop()
        try:
            stat = folder.stat()
        except OSError as exc:
            yield folder, Finding(str(folder), 1, f"unreadable folder ({exc.strerror})")
            continue
        key = (stat.st_dev, stat.st_ino)
        if key in visited:
            yield folder, Finding(str(folder), 1, "a symbolic link loop (folder already scanned)")
            continue
        visited.add(key)
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError as exc:
            yield folder, Finding(str(folder), 1, f"unreadable folder ({exc.strerror})")
            continue
        folders = []
        for entry in entries:
            name = entry.name
            try:
                if entry.is_dir():
                    if name not in SKIPPED_DIRS and not name.startswith("."):
                        folders.append(Path(entry.path))
                elif name.endswith(".py"):
                    if entry.is_symlink() and not os.path.exists(entry.path):
                        yield Path(entry.path), Finding(entry.path, 1, "a broken symbolic link")
                    else:
                        yield Path(entry.path), None
            except OSError as exc:
                yield Path(entry.path), Finding(entry.path, 1, f"unreadable ({exc.strerror})")
        todo += reversed(folders)


def read_source(file: Path) -> tuple[bytes | None, Finding | None]:
    """The bytes of a source file, or the one line saying why it is not read."""
    where = str(file)
    try:
        size = file.stat().st_size
        if size > MAX_BYTES:
            return None, Finding(where, 1, f"too large to scan ({size:,} bytes)")
        data = file.read_bytes()
    except OSError as exc:
        return None, Finding(where, 1, f"unreadable ({exc.strerror or exc})")
    if b"\0" in data:
        return None, Finding(where, 1, "a binary file, not Python source")
    return data, None


def parse(file: Path, data: bytes) -> tuple[ast.Module | None, Finding | None]:
    where = str(file)
    try:
        return ast.parse(data, filename=where), None
    except SyntaxError as exc:
        message = exc.msg or "invalid syntax"
        if "decode" in message or "utf-8" in message.lower() or "encoding" in message:
            return None, Finding(where, exc.lineno or 1, f"not UTF-8 text ({message})")
        return None, Finding(where, exc.lineno or 1, f"syntax error: {message}")
    except (ValueError, UnicodeDecodeError) as exc:
        return None, Finding(where, 1, f"not Python source text ({exc})")
    except (RecursionError, MemoryError):
        return None, Finding(where, 1, "nests too deeply to parse")


class _Module(NamedTuple):
    source: Source
    lines: int
    text: bytes | None  # kept for modules not read yet: facts may name something they mention
    misses: frozenset[tuple[str, str]]


def scan(paths: Sequence[Path]) -> ScanResult:
    sources, problems = python_files(paths)
    project = frozenset(part for source in sources for part in source.module.split(".") if part)
    facts = Facts()
    modules: dict[Path, _Module] = {}
    calls: dict[Path, list[Call]] = {}
    unresolved: dict[Path, list[Unresolved]] = {}
    lines = 0

    def read(source: Source, tree: ast.Module) -> frozenset[tuple[str, str]]:
        problems_here: list[Finding] = []
        for _ in range(MAX_ROUNDS):
            reader = ModuleReader(str(source.file), source.module, source.package, facts, project)
            before = len(facts.added)
            try:
                found, sites = reader.run(tree)
            except RecursionError:
                problems_here.append(Finding(str(source.file), 1, "nests too deeply to read"))
                found, sites = [], []
            calls[source.file], unresolved[source.file] = found, sites
            if not _answers(facts.added[before:], reader.misses):
                break
        problems.extend(problems_here)
        return frozenset(reader.misses)

    for source in sources:
        data, problem = read_source(source.file)
        if data is None:
            problems.append(problem)  # type: ignore[arg-type]
            continue
        tree, problem = parse(source.file, data)
        if tree is None:
            problems.append(problem)  # type: ignore[arg-type]
            continue
        count = data.count(b"\n") + 1
        lines += count
        if any(marker in data for marker in MARKERS):
            modules[source.file] = _Module(source, count, None, read(source, tree))
        else:
            modules[source.file] = _Module(source, count, data, frozenset())

    done = 0
    for _ in range(MAX_ROUNDS):
        fresh = facts.added[done:]
        done = len(facts.added)
        if not fresh:
            break
        names = {_last_name(key).encode() for _table, key in fresh}
        index = _index(fresh)
        for module in list(modules.values()):
            if module.text is not None:
                if not any(name in module.text for name in names):
                    continue
            elif not _answers(index, module.misses):
                continue
            data, _problem = read_source(module.source.file)
            tree, _problem = parse(module.source.file, data) if data else (None, None)
            if tree is not None:
                misses = read(module.source, tree)
                modules[module.source.file] = module._replace(text=None, misses=misses)

    return ScanResult(
        files=len(sources),
        lines=lines,
        calls=tuple(c for file in sorted(calls) for c in calls[file]),
        unresolved=tuple(u for file in sorted(unresolved) for u in unresolved[file]),
        problems=tuple(sorted(problems, key=lambda p: (p.file, p.line))),
    )


def _last_name(key: str) -> str:
    return key.partition("#")[0].rpartition(".")[2]


Index = dict[str, list[tuple[str, str]]]


def _index(added: Iterable[tuple[str, str]]) -> Index:
    index: Index = {}
    for table, key in added:
        index.setdefault(_last_name(key), []).append((table, key))
    return index


def _answers(added: Index | Iterable[tuple[str, str]], misses: Iterable[tuple[str, str]]) -> bool:
    """Whether a fact just added answers a lookup that missed."""
    index = added if isinstance(added, dict) else _index(added)
    if not index:
        return False
    for table, key in misses:
        for other_table, other in index.get(_last_name(key), ()):
            if other_table == table and same_name(key, other):
                return True
    return False
