"""Contracts written from what the code uses: one file per service, a clause per request member
passed and per response member read (``type`` as the release has it, ``enum_contains`` for the
enum values passed as literals), a call clause per call whose arguments are all literals and
that botocore's ParamValidator accepts, a paginator or waiter clause per one the code gets, each
under a comment naming its call sites.

A re-run with ``update`` merges: the clauses a file already has (by path, or by call and params,
whatever their id) are left alone, and the new ones are inserted as text after the file's last
clause. The file's own text is never rewritten, so hand edits, comments, order and quoting stay
byte for byte; that is why no round-trip YAML library is needed (ruamel.yaml would re-emit the
whole file, and a new runtime dependency for appending is not worth it).
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any, NamedTuple

from ..contracts.calls import call_problems
from ..contracts.load import FORMAT_KEY
from ..contracts.names import method_names
from ..errors import BotocontractError, PathError, YamlFileError
from ..model.paths import parse_path, resolve
from ..model.service import Service
from ..yamlfile import read_yaml_text
from .check import ScanReport

_PLAIN = re.compile(r"^[A-Za-z][A-Za-z0-9_.\[\]-]*$")


class Draft(NamedTuple):
    """A clause to write: its keys in order, and the call sites it comes from."""

    key: str  # what makes two clauses the same: a path, or a call with its params
    body: dict[str, Any]
    sites: tuple[str, ...]


class Written(NamedTuple):
    file: Path
    added: int
    kept: int  # clauses the file had already


def _where(file: str, line: int, base: Path) -> str:
    try:
        shown = os.path.relpath(file, base)
    except ValueError:
        shown = file
    return f"{shown}:{line}"


def _kebab(name: str) -> str:
    from botocore import xform_name

    return str(xform_name(name, "-"))


def _clause_id(operation: str, side: str, path: str) -> str:
    words = [_kebab(operation), side]
    words += [_kebab(part) for part in re.split(r"[.\[\]{}]+", path) if part and part != "key"]
    return "-".join(words)


def drafts(report: ScanReport, base: Path) -> dict[str, list[Draft]]:
    """The clauses the scanned code calls for, by service, in a stable order."""
    paths: dict[tuple[str, str], dict[str, Any]] = {}
    calls: dict[tuple[str, str], dict[str, Any]] = {}
    helpers: dict[tuple[str, str], dict[str, Any]] = {}  # paginators and waiters used
    models: dict[str, Service] = {}
    for checked in report.calls:
        operation = checked.member_operation
        if operation is None:
            continue
        call = checked.call
        service = models.get(call.service)
        if service is None:
            service = models[call.service] = report.release.load_service(call.service)
        for side, sites in (("request", checked.request), ("response", checked.response)):
            for site in sites:
                text = f"{operation}.{side}.{site.path}"
                entry = paths.setdefault(
                    (call.service, text),
                    {"operation": operation, "side": side, "sites": [], "values": []},
                )
                entry["sites"].append(_where(call.file, site.line, base))
                if site.enum and site.literal and isinstance(site.value, str):
                    entry["values"].append(site.value)
        if checked.operation is not None and call.params is not None:
            key = f"{checked.operation} {json.dumps(call.params, sort_keys=True)}"
            if not call_problems(service, checked.operation, call.params):
                entry = calls.setdefault(
                    (call.service, key),
                    {"operation": checked.operation, "params": call.params, "sites": []},
                )
                entry["sites"].append(_where(call.file, call.line, base))
        named = _paginator_or_waiter(call.kind, call.name, checked.operation, service)
        if named is not None:
            entry = helpers.setdefault((call.service, named[0]), {"body": named[1], "sites": []})
            entry["sites"].append(_where(call.file, call.line, base))
        if not checked.request and not checked.response and checked.operation is not None:
            # An operation called without members read or passed is pinned by its request.
            text = f"{checked.operation}.request"
            entry = paths.setdefault(
                (call.service, text),
                {"operation": checked.operation, "side": "request", "sites": [], "values": []},
            )
            entry["sites"].append(_where(call.file, call.line, base))
    out: dict[str, list[Draft]] = {}
    for (service_name, text), entry in sorted(paths.items()):
        body: dict[str, Any] = {"id": "", "path": text}
        path = parse_path(text)
        if path.steps:
            try:
                found = resolve(models[service_name], path)
            except PathError:
                continue
            body["type"] = found.shape.type
        if entry["values"]:
            body["enum_contains"] = sorted(set(entry["values"]))
        relative = text.split(".", 2)[2] if path.steps else ""
        body["id"] = _clause_id(entry["operation"], entry["side"], relative)
        out.setdefault(service_name, []).append(
            Draft(text, body, tuple(dict.fromkeys(entry["sites"])))
        )
    for (service_name, key), entry in sorted(calls.items()):
        body = {"id": f"{_kebab(entry['operation'])}-call", "call": entry["operation"]}
        body["params"] = entry["params"]
        out.setdefault(service_name, []).append(
            Draft(key, body, tuple(dict.fromkeys(entry["sites"])))
        )
    for (service_name, key), entry in sorted(helpers.items()):
        called = tuple(dict.fromkeys(entry["sites"]))
        out.setdefault(service_name, []).append(Draft(key, entry["body"], called))
    return out


def _paginator_or_waiter(
    kind: str, name: str, operation: str | None, service: Service
) -> tuple[str, dict[str, Any]] | None:
    """The clause a get_paginator() or get_waiter() call asks for: its key and body."""
    if kind == "paginator" and operation is not None:
        return f"paginator {operation}", {
            "id": f"{_kebab(operation)}-paginator",
            "paginator": operation,
        }
    waiter = method_names(service.waiters).get(name) if kind == "waiter" else None
    if waiter is None:
        return None
    body = {"id": f"{_kebab(waiter)}-waiter", "waiter": waiter, "operation": operation}
    return f"waiter {waiter}", body


# ----- writing --------------------------------------------------------------------------------


def _scalar(value: Any) -> str:
    if isinstance(value, str) and _PLAIN.match(value) and value not in ("true", "false", "null"):
        return value
    return json.dumps(value)  # JSON is YAML: quoted strings, flow lists and maps


def clause_text(draft: Draft, clause_id: str, indent: int) -> str:
    pad = " " * indent
    sites = list(draft.sites)
    shown = ", ".join(sites[:5]) + (f" (+{len(sites) - 5} more)" if len(sites) > 5 else "")
    lines = [f"{pad}# {shown}"]
    first = True
    for key, value in {**draft.body, "id": clause_id}.items():
        lead = f"{pad}- " if first else f"{pad}  "
        lines.append(f"{lead}{key}: {_scalar(value)}")
        first = False
    return "\n".join(lines) + "\n"


def _unique(wanted: str, taken: set[str]) -> str:
    found, number = wanted, 2
    while found in taken:
        found = f"{wanted}-{number}"
        number += 1
    taken.add(found)
    return found


def new_file(service: str, items: Iterable[Draft]) -> str:
    taken: set[str] = set()
    text = (
        f"# What our code uses of {service}, written by botocontract init. Edit freely:\n"
        "# botocontract init --update keeps your edits and comments, and adds what the code\n"
        "# newly uses.\n"
        f"{FORMAT_KEY}: 1\nservice: {service}\nclauses:\n"
    )
    for draft in items:
        text += clause_text(draft, _unique(draft.body["id"], taken), 2)
    return text


def _existing_keys(
    data: dict[str, Any], names: dict[str, str], waiters: dict[str, str]
) -> tuple[set[str], set[str]]:
    """The paths, calls, paginators and waiters a contract already has (operations and waiters
    as the model names them)."""
    keys: set[str] = set()
    ids: set[str] = set()
    for raw in data.get("clauses") or ():
        if not isinstance(raw, dict):
            continue
        ids.add(str(raw.get("id")))
        if isinstance(raw.get("path"), str):
            operation, dot, rest = raw["path"].partition(".")
            keys.add(names.get(operation, operation) + dot + rest)
        elif isinstance(raw.get("paginator"), str):
            keys.add(f"paginator {names.get(raw['paginator'], raw['paginator'])}")
        elif isinstance(raw.get("waiter"), str):
            keys.add(f"waiter {waiters.get(raw['waiter'], raw['waiter'])}")
        elif isinstance(raw.get("call"), str):
            call = names.get(raw["call"], raw["call"])
            keys.add(f"{call} {json.dumps(raw.get('params'), sort_keys=True)}")
    return keys, ids


def merged_file(
    file: Path, text: str, service: Service, items: list[Draft]
) -> tuple[str, int, int]:
    """``text`` with the drafts it lacks inserted after its last clause; and the counts."""
    import yaml

    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise YamlFileError(path=file, line=1, detail=f"invalid YAML: {exc}") from None
    if not isinstance(data, dict) or data.get(FORMAT_KEY) is None:
        raise YamlFileError(path=file, line=1, detail=f"not a contract (no {FORMAT_KEY!r} key)")
    keys, ids = _existing_keys(
        data, method_names(service.operations), method_names(service.waiters)
    )
    missing = [d for d in items if d.key not in keys]
    kept = len(data.get("clauses") or ())
    if not missing:
        return text, 0, kept
    assert isinstance(node, yaml.MappingNode)
    sequence = next((v for k, v in node.value if k.value == "clauses"), None)
    if not isinstance(sequence, yaml.SequenceNode) or sequence.flow_style or not sequence.value:
        line = sequence.start_mark.line + 1 if sequence is not None else 1
        raise YamlFileError(
            path=file,
            line=line,
            detail="cannot add clauses: 'clauses' is not a block list ('- id: ...' lines)",
        )
    indent = sequence.value[0].start_mark.column - 2
    end = sequence.value[-1].end_mark.index
    newline = text.find("\n", end - 1) if end and text[end - 1] != "\n" else end - 1
    at = len(text) if newline < 0 else newline + 1
    added = "".join(clause_text(d, _unique(d.body["id"], ids), indent) for d in missing)
    prefix = text[:at] if text[:at].endswith("\n") or not at else text[:at] + "\n"
    return prefix + added + text[at:], len(missing), kept


def write_contracts(
    report: ScanReport, contracts_dir: Path, *, update: bool, base: Path
) -> list[Written]:
    by_service = drafts(report, base)
    written: list[Written] = []
    for service, items in sorted(by_service.items()):
        file = contracts_dir / f"{service}.yaml"
        if file.exists():
            if not update:
                raise BotocontractError(
                    msg=f"{file}: exists; botocontract init --update merges into it"
                )
            text = read_yaml_text(file)
            model = report.release.load_service(service)
            new, added, kept = merged_file(file, text, model, items)
        else:
            new, added, kept = new_file(service, items), len(items), 0
        if added:
            try:
                contracts_dir.mkdir(parents=True, exist_ok=True)
                temporary = file.with_name(f".{file.name}.tmp")
                temporary.write_text(new, encoding="utf-8")
                os.replace(temporary, file)
            except OSError as exc:
                raise BotocontractError(msg=f"{file}: cannot write ({exc.strerror})") from None
        written.append(Written(file, added, kept))
    return written
