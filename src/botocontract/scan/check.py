"""A scan checked against a release: each call's method named by the model (botocore's own
``xform_name`` mapping, as clients make their methods), each member walked through the model to a
path in contract syntax, and what does not exist there reported with ``file:line`` and a
did-you-mean: a linter for boto3 calls that needs no stubs."""

from __future__ import annotations

from typing import Any, NamedTuple

from ..contracts.names import method_names
from ..errors import BotocontractError, did_you_mean
from ..model.service import LIST_ELEMENT, MAP_KEY, MAP_VALUE, Service, Shape
from ..sources.release import Release
from .findings import ITEM, Call, Finding, Member, ScanResult, Unresolved
from .helpers import HELPERS

# Every response carries it; no model declares it.
RESPONSE_METADATA = "ResponseMetadata"


class Site(NamedTuple):
    """A member as the model names it, relative to its side: ``Tags[].Key``."""

    path: str
    line: int
    literal: bool = False
    value: Any = None
    enum: bool = False  # its shape is an enum


class CheckedCall(NamedTuple):
    call: Call
    operation: str | None  # the model's name; None for a helper (and for what does not exist)
    operations: tuple[str, ...]  # every operation the call makes
    member_operation: str | None  # the operation its members belong to
    request: tuple[Site, ...]
    response: tuple[Site, ...]


class ScanReport(NamedTuple):
    release: Release
    result: ScanResult
    calls: tuple[CheckedCall, ...]
    errors: tuple[Finding, ...]
    unresolved: tuple[Unresolved, ...]

    @property
    def failed(self) -> bool:
        return bool(self.errors)


class _ServiceNames(NamedTuple):
    service: Service
    operations: dict[str, str]
    waiters: dict[str, str]


class Checker:
    """Checks calls against one release, loading each service model once."""

    def __init__(self, release: Release) -> None:
        self.release = release
        self._services: dict[str, _ServiceNames | None] = {}
        self._known: list[str] | None = None
        self.errors: list[Finding] = []
        self.unresolved: list[Unresolved] = []

    def names(self, service: str) -> _ServiceNames | None:
        if service not in self._services:
            if self._known is None:
                self._known = self.release.services()
            found = None
            if service in self._known:
                model = self.release.load_service(service)
                found = _ServiceNames(
                    model, method_names(model.operations), method_names(model.waiters)
                )
            self._services[service] = found
        return self._services[service]

    def _error(self, call: Call, line: int, message: str) -> None:
        self.errors.append(Finding(call.file, line, message))

    def check(self, call: Call) -> CheckedCall | None:
        """The call checked; None when it is not a client call after all (a guessed client of
        a service the release does not know)."""
        unchecked = CheckedCall(call, None, (), None, (), ())
        names = self.names(call.service)
        if names is None and call.guessed:
            return None
        if names is None:
            self._error(
                call,
                call.line,
                f"unknown service {call.service!r} in {self.release.label}"
                f"{did_you_mean(call.service, self._known or [])}",
            )
            return unchecked
        service = names.service
        operation = names.operations.get(call.name)
        if call.kind == "helper":
            helper = HELPERS[call.method]
            if helper.operations:
                operations = helper.operations
            elif operation is not None:
                operations = (operation,)
            else:
                if call.name != call.method:  # generate_presigned_url("nope", ...)
                    self._unknown_operation(call, names)
                return unchecked
            members = operations[0]
            found = CheckedCall(call, None, operations, members, (), ())
        else:
            if call.kind == "waiter":
                waiter = names.waiters.get(call.name)
                if waiter is None:
                    self._error(
                        call,
                        call.line,
                        f"{service.name} has no waiter {call.name!r} in {self.release.label}"
                        f"{did_you_mean(call.name, list(names.waiters))}",
                    )
                    return unchecked
                operation = str(service.waiters[waiter].get("operation", "")) or None
            if operation is None or operation not in service.operations:
                self._unknown_operation(call, names)
                return unchecked
            if call.kind == "paginator" and operation not in service.paginators:
                self._error(
                    call,
                    call.line,
                    f"{service.name} cannot paginate {call.name} in {self.release.label} "
                    "(no paginator)",
                )
                return unchecked
            members = operation
            found = CheckedCall(call, operation, (operation,), operation, (), ())
        op = service.operations[members]
        return found._replace(
            request=self._sites(call, service, op.input, call.request, f"{members}.request"),
            response=self._sites(call, service, op.output, call.response, f"{members}.response"),
        )

    def _unknown_operation(self, call: Call, names: _ServiceNames) -> None:
        self._error(
            call,
            call.line,
            f"{names.service.name} has no operation {call.name!r} in {self.release.label}"
            f"{did_you_mean(call.name, list(names.operations))}",
        )

    def _sites(
        self,
        call: Call,
        service: Service,
        root: str | None,
        members: tuple[Member, ...],
        where: str,
    ) -> tuple[Site, ...]:
        if not members:
            return ()
        if root is None:
            self._error(call, members[0].line, f"{where}: {where.split('.')[0]} has no {where}")
            return ()
        sites: dict[str, Site] = {}
        for member in members:
            site = self._walk(call, service, service.shape(root), member, where)
            if site is not None and site.path not in sites:
                sites[site.path] = site
        return tuple(sites.values())

    def _walk(
        self, call: Call, service: Service, shape: Shape, member: Member, where: str
    ) -> Site | None:
        path = ""
        for step in member.steps:
            if shape.type == "document":
                break  # a document holds anything
            # An item is a list's element or a map's key (iterating a dict); any other step into
            # a map reads a value.
            tried = (LIST_ELEMENT, MAP_KEY) if step == ITEM else (MAP_VALUE,)
            inner = next(((s, c) for s in tried if (c := shape.child(s)) is not None), None)
            if inner is not None:
                path += inner[0]
                shape = service.shape(inner[1].shape)
                continue
            if step == ITEM:
                self._error(call, member.line, f"{where}{_dot(path)} is a {shape.type}, not a list")
                return None
            if not shape.has_members:
                self._error(
                    call,
                    member.line,
                    f"{where}{_dot(path)} is a {shape.type}, it has no member {step!r}",
                )
                return None
            if step is None:
                self.unresolved.append(
                    Unresolved(
                        call.file,
                        member.line,
                        f"{where}{_dot(path)}: a member named by an expression",
                    )
                )
                return None
            child = shape.child("." + step)
            if child is None:
                if step == RESPONSE_METADATA and not path and where.endswith(".response"):
                    return None
                self._error(
                    call,
                    member.line,
                    f"{where}{_dot(path)}: {shape.name} has no member {step!r} in "
                    f"{self.release.label}{did_you_mean(step, list(shape.members))}",
                )
                return None
            path += f".{step}"
            shape = service.shape(child.shape)
        path = path.removeprefix(".")
        enum = shape.enum
        if member.literal and isinstance(member.value, str) and enum and member.value not in enum:
            self._error(
                call,
                member.line,
                f"{where}.{path}: {member.value!r} is not one of the {len(enum)} "
                f"values of {shape.name} in {self.release.label}"
                f"{did_you_mean(member.value, list(enum))}",
            )
        return Site(path, member.line, member.literal, member.value, shape.enum is not None)


def _dot(path: str) -> str:
    return f".{path.removeprefix('.')}" if path else ""


def check_scan(result: ScanResult, release: Release) -> ScanReport:
    checker = Checker(release)
    calls = []
    for call in result.calls:
        try:
            checked = checker.check(call)
        except BotocontractError as exc:  # a damaged model in the release: say where it was used
            checker.errors.append(Finding(call.file, call.line, str(exc)))
            continue
        if checked is not None:
            calls.append(checked)
    return ScanReport(
        release,
        result,
        tuple(calls),
        tuple(checker.errors),
        result.unresolved + tuple(checker.unresolved),
    )
