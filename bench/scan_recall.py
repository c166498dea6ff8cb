"""Recall and precision of ``botocontract scan`` on real code, against a reference reading; see
bench/README.md.

    python bench/scan_recall.py [--show N] ROOT [ROOT ...]

The reference is the simplest reading there is, written here without any of the scanner's
code: in each function (and each module body), a name bound from ``X.client("svc")`` or
``X.create_client("svc")`` (``boto3.client``, a session's, botocore's; the service a string
literal that names a service of the installed botocore, positionally or as ``service_name=``),
directly or by ``with ... as name``, and then called as ``name.method(...)`` later in the same
function, before the name is bound to anything else. Each such call is (file, line, service,
method). Methods that send nothing (``get_paginator``, ``get_waiter``, ``can_paginate``,
``close``, private ones) are left out, as the scanner reports a paginator at its ``paginate``.

For each ROOT it prints the calls the reference finds, how many of them the scan finds (recall),
the ones it misses with their source line, and the scan's other findings (the calls it follows
further: attributes, parameters, returns, fixtures) split into those whose method is an
operation or helper of the service in the installed botocore and those that are not (the
precision suspects), with up to ``--show`` samples of each. It measures and never asserts.
"""

from __future__ import annotations

import argparse
import ast
import random
from collections.abc import Iterator
from pathlib import Path
from typing import NamedTuple

import botocore.session
from botocore import xform_name

SILENT = frozenset({"get_paginator", "get_waiter", "can_paginate", "close"})
FACTORIES = frozenset({"client", "create_client"})
# boto3 and botocore add these to clients; they are not in the service model.
INJECTED = frozenset(
    {
        "upload_file",
        "upload_fileobj",
        "download_file",
        "download_fileobj",
        "copy",
        "generate_presigned_url",
        "generate_presigned_post",
        "generate_db_auth_token",
    }
)


class Site(NamedTuple):
    file: str
    line: int
    service: str
    method: str


Position = tuple[int, int]


def _service(call: ast.Call, services: frozenset[str]) -> str | None:
    func = call.func
    if not (isinstance(func, ast.Attribute) and func.attr in FACTORIES):
        return None
    argument = call.args[0] if call.args else None
    for keyword in call.keywords:
        if keyword.arg == "service_name":
            argument = keyword.value
    if isinstance(argument, ast.Constant) and argument.value in services:
        return str(argument.value)
    return None


def _own_nodes(body: list[ast.stmt]) -> Iterator[ast.AST]:
    """Every node of a function's own body: not those of functions, lambdas and classes in it."""
    todo: list[ast.AST] = list(reversed(body))
    while todo:
        node = todo.pop()
        yield node
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda)):
            continue
        todo.extend(reversed(list(ast.iter_child_nodes(node))))


def _bound_names(target: ast.expr) -> Iterator[str]:
    for node in ast.walk(target):
        if isinstance(node, ast.Name):
            yield node.id


def _function_calls(body: list[ast.stmt], file: str, services: frozenset[str]) -> list[Site]:
    # name -> [(where the binding takes effect, service or None)]
    bindings: dict[str, list[tuple[Position, str | None]]] = {}
    uses: list[tuple[Position, str, str]] = []

    def bind(target: ast.expr, after: ast.AST, service: str | None) -> None:
        where = (after.end_lineno or 0, after.end_col_offset or 0)
        simple = isinstance(target, ast.Name)
        for name in _bound_names(target):
            bindings.setdefault(name, []).append((where, service if simple else None))

    for node in _own_nodes(body):
        if isinstance(node, (ast.Assign, ast.AnnAssign)) and node.value is not None:
            value = node.value
            if isinstance(value, ast.Await):
                value = value.value
            service = _service(value, services) if isinstance(value, ast.Call) else None
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            for target in targets:
                bind(target, node, service)
        elif isinstance(node, (ast.With, ast.AsyncWith)):
            for item in node.items:
                if item.optional_vars is not None:
                    context = item.context_expr
                    if isinstance(context, ast.Await):
                        context = context.value
                    service = _service(context, services) if isinstance(context, ast.Call) else None
                    bind(item.optional_vars, item.context_expr, service)
        elif isinstance(node, (ast.For, ast.AsyncFor, ast.comprehension)):
            bind(node.target, node.target, None)
        elif isinstance(node, ast.NamedExpr):
            bind(node.target, node, None)
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            bindings.setdefault(node.name, []).append(((node.lineno, node.col_offset), None))
        elif isinstance(node, ast.Call):
            func = node.func
            if isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name):
                method = func.attr
                if method not in SILENT and not method.startswith("_"):
                    uses.append(((node.lineno, node.col_offset), func.value.id, method))
    found: list[Site] = []
    for where, name, method in uses:
        before = [b for b in bindings.get(name, ()) if b[0] <= where]
        if before:
            service = max(before, key=lambda b: b[0])[1]
            if service is not None:
                found.append(Site(file, where[0], service, method))
    return found


def reference(files: list[Path], services: frozenset[str]) -> set[Site]:
    found: set[Site] = set()
    for file in files:
        try:
            tree = ast.parse(file.read_bytes(), filename=str(file))
        except (SyntaxError, ValueError):
            continue
        bodies = [tree.body] + [
            node.body
            for node in ast.walk(tree)
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))
        ]
        for body in bodies:
            found.update(_function_calls(body, str(file), services))
    return found


def _source_line(site: Site) -> str:
    lines = Path(site.file).read_text(errors="replace").splitlines()
    return lines[site.line - 1].strip()[:100] if site.line <= len(lines) else ""


class Methods:
    """Whether a method is an operation (or an injected helper) of a service, per botocore."""

    def __init__(self, session: botocore.session.Session) -> None:
        self.session = session
        self._cache: dict[str, frozenset[str]] = {}

    def known(self, service: str, method: str) -> bool:
        if service not in self._cache:
            model = self.session.get_service_model(service)
            self._cache[service] = frozenset(xform_name(o) for o in model.operation_names)
        return method in self._cache[service] or method in INJECTED


def measure(root: Path, services: frozenset[str], methods: Methods, show: int) -> None:
    from botocontract.scan.project import scan

    files = sorted(root.rglob("*.py")) if root.is_dir() else [root]
    expected = reference(files, services)
    result = scan([root])
    scanned = {
        Site(c.file, c.line, c.service, c.method)
        for c in result.calls
        if c.kind in ("call", "helper")
    }
    missed = sorted(expected - scanned)
    others = sorted(scanned - expected)
    suspects = [s for s in others if s.service not in services or not methods.known(*s[2:])]
    operations = [s for s in others if s not in suspects]
    recall = (len(expected) - len(missed)) / len(expected) if expected else 1.0
    print(f"== {root}: {len(files):,} files")
    print(
        f"reference calls {len(expected):,}; found by scan {len(expected) - len(missed):,}; "
        f"recall {recall:.2%}; missed {len(missed)}"
    )
    print(
        f"scan calls {len(scanned):,} (+{sum(c.kind == 'paginator' for c in result.calls):,} "
        f"paginators, {sum(c.kind == 'waiter' for c in result.calls):,} waiters); beyond the "
        f"reference {len(others):,}: {len(operations):,} name an operation of their service, "
        f"{len(suspects):,} do not"
    )
    for label, sites in (
        ("missed", missed),
        ("not an operation", suspects),
        ("beyond the reference, sampled", operations),
    ):
        picked = (
            sites
            if label != "beyond the reference, sampled"
            else sorted(random.Random(13).sample(sites, min(show, len(sites))))
        )
        for site in picked[:show]:
            where = f"{site.file}:{site.line}"
            print(f"  {label}: {where} {site.service}.{site.method}  | {_source_line(site)}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("roots", nargs="+", type=Path)
    parser.add_argument("--show", type=int, default=15, help="Samples to print per list.")
    args = parser.parse_args()
    session = botocore.session.get_session()
    services = frozenset(session.get_available_services())
    methods = Methods(session)
    for root in args.roots:
        measure(root.resolve(), services, methods, args.show)


if __name__ == "__main__":
    main()
