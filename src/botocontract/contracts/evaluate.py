"""Evaluating contract clauses against a release, with the fixtures as the baseline.

Two kinds of trouble, kept apart. A clause that names nothing in the fixtures' release (a typo, an
unknown operation) is a broken contract: bad input, exit 2, ``file:line``. A clause whose path is
in the fixtures but not in the release under test fails: that is what the gate exists for, exit 1.
"""

from __future__ import annotations

import dataclasses
import pathlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from ..errors import BotocontractError, PathError, YamlFileError, did_you_mean
from ..fixtures import Fixture, FixtureStore
from ..model.paths import ModelPath, parse_path, resolve, tree_at
from ..model.service import Service, paginator_value
from ..model.tree import path_tree
from ..sources.release import Release
from .calls import call_problems
from .load import Clause, Contract
from .treediff import compare_trees

NOTE = "note"  # a finding that is reported without failing the clause


@dataclass(frozen=True, slots=True, kw_only=True)
class ClauseResult:
    clause: Clause
    passed: bool
    message: str  # one line
    details: tuple[str, ...] = ()  # the differences, one per line
    key: str | None = None  # the clause key that failed, to point at its line

    @property
    def line(self) -> int:
        return self.clause.line_of(self.key) if self.key else self.clause.line


def covers(pinned: str, path: str) -> bool:
    """Whether ``path`` is ``pinned`` or lies below it (a member, an element, an enum value)."""
    return path == pinned or path.startswith(
        (pinned + ".", pinned + "[", pinned + "{", pinned + "=")
    )


def clause_path(clause: Clause) -> str:
    """What a clause speaks of, as the diff names it: its path, a call's request, a paginator's
    ``Scan.paginator``, a waiter's ``waiter.TableExists``, an error's ``PutItem.errors.Code``."""
    if clause.path:
        return clause.path.text
    if clause.paginator:
        return f"{clause.paginator}.paginator"
    if clause.waiter:
        return f"waiter.{clause.waiter}"
    return clause.error or f"{clause.call}.request"


def pinned_paths(contract: Contract) -> list[str]:
    """The paths whose trees the fixtures of a contract hold: those of tree and enum clauses, and
    for every other clause its own path (a call: its request) unless a pinned tree covers it."""
    pinned = [c.path.text for c in contract.clauses if c.path and (c.tree or c.enum)]
    for clause in contract.clauses:
        if not clause.pins_tree:
            continue
        wanted = clause_path(clause)
        if not any(covers(p, wanted) for p in pinned):
            pinned.append(wanted)
    return sorted(set(pinned))


@dataclass(frozen=True, slots=True, kw_only=True)
class Kept:
    """A file of the fixtures folder that prune leaves, and why."""

    file: pathlib.Path
    why: str


def fixture_survey(
    contracts: Iterable[Contract], store: FixtureStore
) -> tuple[list[pathlib.Path], list[Kept]]:
    """The fixture files of the store that no clause of ``contracts`` pins, of the services they
    name (what prune deletes: a contract file given alone says nothing of the other services'
    fixtures), and every other JSON file of the folder with why it is kept."""
    contracts = list(contracts)
    pinning: dict[pathlib.Path, str] = {}
    for contract in contracts:
        for path in pinned_paths(contract):
            # The clause of that very path if there is one, else the first one below it.
            clause = min(
                (c for c in contract.clauses if covers(path, clause_path(c))),
                key=lambda c: clause_path(c) != path,
            )
            pinning.setdefault(
                store.file_for(contract.service, path),
                f"pinned by clause {clause.id} of {contract.file}",
            )
    services = {store.root / c.service for c in contracts}
    ours, others = store.survey()
    unused: list[pathlib.Path] = []
    kept = [Kept(file=file, why=why) for file, why in others]
    for file in ours:
        if file in pinning:
            kept.append(Kept(file=file, why=pinning[file]))
        elif file.parent not in services:
            why = f"a fixture of {file.parent.name}, which the contracts given do not name"
            kept.append(Kept(file=file, why=why))
        else:
            unused.append(file)
    return unused, sorted(kept, key=lambda k: k.file)


def unused_fixtures(contracts: Iterable[Contract], store: FixtureStore) -> list[pathlib.Path]:
    """The fixture files no clause of ``contracts`` pins (see ``fixture_survey``)."""
    return fixture_survey(contracts, store)[0]


def _wanted(clause: Clause) -> ModelPath:
    return clause.path or parse_path(f"{clause.call}.request")


def covering_fixture(store: FixtureStore, clause: Clause) -> Fixture | None:
    path = _wanted(clause)
    for cut in range(len(path.steps), -1, -1):
        text = f"{path.operation}.{path.side}" + "".join(path.steps[:cut])
        found = store.get(clause.service, text)
        if found is not None:
            return found
    return None


def check_against_fixtures(contracts: Iterable[Contract], store: FixtureStore) -> None:
    """Raise (exit 2) on the first clause that names nothing in its fixtures' release."""
    for contract in contracts:
        for clause in contract.clauses:
            if clause.pins_tree:
                _check_clause(clause, store)


def _check_clause(clause: Clause, store: FixtureStore) -> None:
    fixture = covering_fixture(store, clause)
    if fixture is None:
        wanted = _wanted(clause)
        operations = sorted(
            {parse_path(f.stem).operation for f in store.root.glob(f"{clause.service}/*.json")}
        )
        known = (
            (
                f"; the fixtures pin {', '.join(operations)}"
                f"{did_you_mean(wanted.operation, operations)}"
            )
            if operations
            else ""
        )
        raise YamlFileError(
            path=clause.file,
            line=clause.line_of(clause.kind),
            detail=f"no fixture pins {wanted.text}{known} (a new path? "
            "run: botocontract snapshot --update, or pytest --snapshot-update)",
        )
    path = _wanted(clause)
    pinned = parse_path(fixture.path)
    node = tree_at(fixture.tree, path, len(pinned.steps))
    release = f"botocore {fixture.botocore}, the fixtures' release"
    if clause.api_version is not None and clause.api_version != fixture.api_version:
        # A typo, or two contracts pinning one path in two api versions (one fixture holds one).
        raise YamlFileError(
            path=clause.file,
            line=clause.line_of("api_version"),
            detail=f"api_version {clause.api_version} is not the one the fixture of "
            f"{pinned.text} was taken from ({fixture.api_version})",
        )
    if node is None:
        raise YamlFileError(
            path=clause.file,
            line=clause.line_of(clause.kind),
            detail=f"{path.text} does not exist in {release}"
            f"{_suggestion(fixture.tree, path, len(pinned.steps))}",
        )
    if clause.required is not None and clause.path and clause.path.member_name is None:
        raise YamlFileError(
            path=clause.file,
            line=clause.line_of("required"),
            detail=f"{path.text} is not a structure member: it cannot be required or optional",
        )
    if (clause.enum or clause.enum_contains) and "enum" not in node:
        raise YamlFileError(
            path=clause.file,
            line=clause.line_of("enum" if clause.enum else "enum_contains"),
            detail=f"{path.text} is not an enum in {release}",
        )


def _suggestion(tree: dict[str, Any], path: ModelPath, start: int) -> str:
    for cut in range(len(path.steps), start, -1):
        parent = tree_at(tree, dataclasses.replace(path, steps=path.steps[: cut - 1]), start)
        step = path.steps[cut - 1]
        if parent is not None and step.startswith("."):
            return did_you_mean(step[1:], list(parent.get("members") or {}))
    return ""


class ContractRun:
    """Evaluates clauses against one release, loading each service model once."""

    def __init__(self, release: Release, store: FixtureStore) -> None:
        self.release = release
        self.store = store
        self._services: dict[tuple[str, str | None], Service | BotocontractError] = {}

    def service(self, clause: Clause) -> Service | BotocontractError:
        key = (clause.service, clause.api_version)
        if key not in self._services:
            try:
                self._services[key] = self.release.load_service(*key)
            except BotocontractError as exc:  # a service gone from this release fails clauses
                self._services[key] = exc
        return self._services[key]

    def evaluate(self, contracts: Iterable[Contract]) -> list[ClauseResult]:
        return [self.evaluate_clause(c) for contract in contracts for c in contract.clauses]

    def evaluate_clause(self, clause: Clause) -> ClauseResult:
        service = self.service(clause)
        if isinstance(service, BotocontractError):
            return ClauseResult(clause=clause, passed=False, message=str(service))
        if clause.call is not None:
            try:
                problems = call_problems(service, clause.call, clause.params or {})
            except RecursionError:  # botocore's validator recurses as deep as the params go
                raise YamlFileError(
                    path=clause.file,
                    line=clause.line_of("params"),
                    detail="params nest deeper than botocontract checks a call",
                ) from None
            if problems:
                return ClauseResult(
                    clause=clause,
                    passed=False,
                    message=f"{clause.call} call rejected by {self.release.label}: {problems[0]}",
                    details=tuple(problems),
                    key="params",
                )
            return ClauseResult(clause=clause, passed=True, message=f"{clause.call} call accepted")
        if not clause.pins_tree:
            failure = next(_named_failures(clause, service, self.release.label), None)
            if failure:
                return ClauseResult(clause=clause, passed=False, message=failure[1], key=failure[0])
            return ClauseResult(clause=clause, passed=True, message=f"{_subject(clause)} holds")
        assert clause.path is not None
        found = list(self._path_failures(clause, service, clause.path))
        failures = [f for f in found if f[0] != NOTE]
        if failures:
            key, message, details = failures[0]
            return ClauseResult(
                clause=clause, passed=False, message=message, details=details, key=key
            )
        notes = [f for f in found if f[0] == NOTE]
        message = f"{clause.path.text} holds"
        if notes:  # additions an additive clause allows: reported, not fatal
            message += "; " + "; ".join(n[1] for n in notes)
        return ClauseResult(
            clause=clause,
            passed=True,
            message=message,
            details=tuple(d for n in notes for d in n[2]),
        )

    def _path_failures(
        self, clause: Clause, service: Service, path: ModelPath
    ) -> Iterator[tuple[str, str, tuple[str, ...]]]:
        label = self.release.label
        try:
            found = resolve(service, path)
        except PathError as exc:
            detail = str(exc).split(": ", 1)[-1]
            yield "path", f"{path.text} does not exist in {label}: {detail}", ()
            return
        if clause.type and found.shape.type != clause.type:
            yield "type", f"{path.text} is a {found.shape.type} in {label}, not a {clause.type}", ()
        if clause.required is not None and found.required != clause.required:
            state = "required" if found.required else "optional"
            yield "required", f"{path.text} is {state} in {label}", ()
        values = set(found.shape.enum or ())
        missing = [v for v in clause.enum_contains if v not in values]
        if missing:
            yield "enum_contains", f"{path.text} lacks {', '.join(missing)} in {label}", ()
        if clause.enum or clause.tree:
            fixture = covering_fixture(self.store, clause)
            assert fixture is not None  # check_against_fixtures ran first
            pinned = tree_at(fixture.tree, path, len(parse_path(fixture.path).steps)) or {}
            if clause.enum:
                yield from self._enum_failures(
                    clause.enum, path, set(pinned.get("enum", ())), values, fixture
                )
            if clause.tree:
                current = path_tree(service, path)
                differences = compare_trees(pinned, current, path.text, clause.tree)
                bad = [d for d in differences if not d.allowed]
                if differences and not bad:
                    yield (
                        NOTE,
                        f"{len(differences)} allowed addition(s)",
                        tuple(f"{d.path}: {d.what}" for d in differences),
                    )
                if bad:
                    lines = tuple(f"{d.path}: {d.what}" for d in differences)
                    yield (
                        "tree",
                        f"{path.text} differs from its fixture ({clause.tree}): "
                        f"{bad[0].path} {bad[0].what}"
                        + (f" (+{len(bad) - 1} more)" if len(bad) > 1 else ""),
                        lines,
                    )

    def _enum_failures(
        self, policy: str, path: ModelPath, pinned: set[str], current: set[str], fixture: Fixture
    ) -> Iterator[tuple[str, str, tuple[str, ...]]]:
        removed, added = sorted(pinned - current), sorted(current - pinned)
        details = tuple([f"lost {v}" for v in removed] + [f"gained {v}" for v in added])
        base = f"botocore {fixture.botocore}"
        lost = f"lost {len(removed)} value(s) pinned in {base}: {', '.join(removed[:5])}"
        gained = f"gained {len(added)} value(s) over {base}: {', '.join(added[:5])}"
        more = " ..."
        # additive: no pinned value may go (what a request sends); closed: no value may come
        # (what a response carries to code that switches on every value); exact: neither.
        if removed and policy != "closed":
            yield "enum", f"{path.text} {lost}", details
        elif added and policy != "additive":
            yield "enum", f"{path.text} {gained} ({policy})", details
        elif added or removed:
            notes = [
                text + (more if len(found) > 5 else "")
                for text, found in ((gained, added), (lost, removed))
                if found
            ]
            yield NOTE, "; ".join(notes), details


def _subject(clause: Clause) -> str:
    if clause.paginator:
        return f"paginator {clause.paginator}"
    return f"waiter {clause.waiter}" if clause.waiter else str(clause.error)


def _named_failures(clause: Clause, service: Service, label: str) -> Iterator[tuple[str, str]]:
    """What fails a paginator, waiter or error clause in ``service``: (clause key, one line).
    There is no fixture to tell a typo from a removal, so a name the release lacks fails the
    clause, with the closest names."""
    subject = _subject(clause)

    def unknown(key: str, what: str, name: str, known: Iterable[str]) -> tuple[str, str]:
        suggestion = did_you_mean(name, list(known))
        return key, f"{service.name} has no {what} {name} in {label}{suggestion}"

    if clause.paginator is not None:
        config = service.paginators.get(clause.paginator)
        if config is None:
            yield unknown("paginator", "paginator for", clause.paginator, service.paginators)
            return
        for key, wanted in (
            ("input_token", clause.input_token),
            ("output_token", clause.output_token),
        ):
            found = paginator_value(config, key) or []
            if wanted is not None and list(wanted) != found:
                yield key, f"{subject}: {key} is {_listed(found)} in {label}, not {_listed(wanted)}"
        missing = [
            k
            for k in clause.result_key or ()
            if k not in (paginator_value(config, "result_key") or [])
        ]
        if missing:
            yield "result_key", f"{subject}: result_key lacks {', '.join(missing)} in {label}"
    elif clause.waiter is not None:
        config = service.waiters.get(clause.waiter)
        if config is None:
            yield unknown("waiter", "waiter", clause.waiter, service.waiters)
        elif clause.operation is not None and config.get("operation") != clause.operation:
            polled = config.get("operation")
            yield "operation", f"{subject} polls {polled} in {label}, not {clause.operation}"
    else:
        operation, code = clause.error_parts
        if operation not in service.operations:
            yield unknown("error", "operation", operation, service.operations)
        elif code not in service.operations[operation].errors:
            errors = service.operations[operation].errors
            yield (
                "error",
                f"{operation} does not list {code} among its errors in {label}"
                f"{did_you_mean(code, errors)}",
            )


def _listed(names: Iterable[str]) -> str:
    return "[" + ", ".join(names) + "]"
