"""Tiny synthetic botocore models, so that a test case reads in a few lines.

``svc(req={"A": "S"})`` is a service with one operation ``Op`` whose input ``OpRequest`` has one
member ``A`` of shape ``S`` (a string). Members are written ``{"Name": "Shape"}``, or with traits as
``{"Name": m("Shape", deprecated=True)}``. The scalar shapes ``S`` (string), ``I`` (integer),
``Bool`` and ``Blob`` always exist; more are passed as ``shapes={...}``.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any, NamedTuple

from botocontract.model.service import Service
from botocontract.sources.release import Release

SCALARS: dict[str, Any] = {
    "S": {"type": "string"},
    "I": {"type": "integer"},
    "Bool": {"type": "boolean"},
    "Blob": {"type": "blob"},
}
METADATA: dict[str, Any] = {
    "apiVersion": "2020-01-01",
    "endpointPrefix": "svc",
    "jsonVersion": "1.1",
    "protocol": "json",
    "serviceFullName": "Synthetic Service",
    "serviceId": "Svc",
    "signatureVersion": "v4",
    "signingName": "svc",
    "targetPrefix": "Svc",
    "uid": "svc-2020-01-01",
}


class Model(NamedTuple):
    raw: dict[str, Any]
    paginators: dict[str, Any]
    waiters: dict[str, Any]


def m(shape: str, **traits: Any) -> dict[str, Any]:
    """A member with traits: ``m("S", deprecated=True, location="header")``."""
    return {"shape": shape, **traits}


def _members(members: Mapping[str, str | dict[str, Any]]) -> dict[str, Any]:
    return {name: m(ref) if isinstance(ref, str) else dict(ref) for name, ref in members.items()}


def struct(
    members: Mapping[str, str | dict[str, Any]] | None = None,
    *,
    required: Iterable[str] = (),
    **extra: Any,
) -> dict[str, Any]:
    shape: dict[str, Any] = {"type": "structure", "members": _members(members or {})}
    if required:
        shape["required"] = list(required)
    return {**shape, **extra}


def lst(member: str | dict[str, Any], **extra: Any) -> dict[str, Any]:
    return {"type": "list", "member": m(member) if isinstance(member, str) else member, **extra}


def mp(key: str, value: str, **extra: Any) -> dict[str, Any]:
    return {"type": "map", "key": m(key), "value": m(value), **extra}


def string(**extra: Any) -> dict[str, Any]:
    return {"type": "string", **extra}


def enum(*values: str, **extra: Any) -> dict[str, Any]:
    return {"type": "string", "enum": list(values), **extra}


def _top(side: Mapping[str, Any]) -> dict[str, Any]:
    # A shape built by struct() passes through; a plain {member: shape} mapping becomes one.
    return dict(side) if side.get("type") == "structure" else struct(side)


def svc(
    req: Mapping[str, Any] | None = None,
    resp: Mapping[str, Any] | None = None,
    *,
    shapes: Mapping[str, Any] | None = None,
    meta: Mapping[str, Any] | None = None,
    op: Mapping[str, Any] | None = None,
    ops: Mapping[str, Any] | None = None,
    pag: Mapping[str, Any] | None = None,
    wait: Mapping[str, Any] | None = None,
    req_name: str = "OpRequest",
    resp_name: str = "OpResponse",
) -> Model:
    """One service with the operation ``Op`` (input only if ``req``, output only if ``resp``)."""
    all_shapes: dict[str, Any] = {**SCALARS, **(shapes or {})}
    operation: dict[str, Any] = {"name": "Op", "http": {"method": "POST", "requestUri": "/"}}
    if req is not None:
        all_shapes[req_name] = _top(req)
        operation["input"] = {"shape": req_name}
    if resp is not None:
        all_shapes[resp_name] = _top(resp)
        operation["output"] = {"shape": resp_name}
    operation.update(op or {})
    operations = {"Op": operation}
    for name, extra in (ops or {}).items():
        operations[name] = {"name": name, "http": {"method": "POST", "requestUri": "/"}, **extra}
    raw = {
        "version": "2.0",
        "metadata": {**METADATA, **(meta or {})},
        "operations": operations,
        "shapes": all_shapes,
    }
    return Model(raw, dict(pag or {}), dict(wait or {}))


def data_folder(root: Path, model: Model, name: str = "svc") -> str:
    """A botocore/data folder at ``root`` holding the one service: its path, as a spec."""
    target = root / name / model.raw["metadata"]["apiVersion"] / "service-2.json"
    target.parent.mkdir(parents=True)
    target.write_text(json.dumps(model.raw), encoding="utf-8")
    return str(root)


def build(model: Model, name: str = "svc") -> Service:
    return Service(
        name,
        "2020-01-01",
        model.raw,
        source="test",
        paginators=model.paginators,
        waiters=model.waiters,
    )


def operation(name: str, request: str | None = None, response: str | None = None) -> dict[str, Any]:
    """A raw operation, POST /, taking and returning the named shapes."""
    found: dict[str, Any] = {"name": name, "http": {"method": "POST", "requestUri": "/"}}
    if request:
        found["input"] = {"shape": request}
    if response:
        found["output"] = {"shape": response}
    return found


def paginator(output_token: str = "NextToken", **extra: Any) -> dict[str, Any]:
    return {
        "input_token": "NextToken",
        "output_token": output_token,
        "limit_key": "MaxResults",
        "result_key": "Items",
        **extra,
    }


def waiter(delay: int = 5, **extra: Any) -> dict[str, Any]:
    return {
        "operation": "Op",
        "delay": delay,
        "maxAttempts": 10,
        "acceptors": [
            {"state": "success", "matcher": "path", "argument": "Status", "expected": "DONE"}
        ],
        **extra,
    }


class MemoryArchive:
    """A botocore data tree held in memory: {service: Model}."""

    def __init__(self, services: Mapping[str, Model]) -> None:
        self.label = "memory"
        self._files: dict[str, bytes] = {}
        self._index: dict[str, dict[str, dict[str, str]]] = {}
        for service, model in services.items():
            files = {
                "service-2.json": model.raw,
                "paginators-1.json": {"pagination": model.paginators},
                "waiters-2.json": {"version": 2, "waiters": model.waiters},
            }
            for file_name, content in files.items():
                location = f"{service}/2020-01-01/{file_name}"
                self._files[location] = json.dumps(content, sort_keys=True).encode()
                self._index.setdefault(service, {}).setdefault("2020-01-01", {})[file_name] = (
                    location
                )

    def index(self) -> dict[str, dict[str, dict[str, str]]]:
        return self._index

    def read(self, location: str) -> bytes:
        return self._files[location]

    def where(self, location: str) -> str:
        return f"memory:{location}"

    def content_key(self, location: str) -> bytes:
        return self._files[location]

    def size(self, location: str) -> int:
        return len(self._files[location])

    def package_file(self, name: str) -> bytes | None:
        return None

    def reopen(self) -> MemoryArchive:
        return self


def release(services: Mapping[str, Model], spec: str = "memory") -> Release:
    return Release(spec, MemoryArchive(services))
