"""The normalized, immutable form of one botocore service model.

Shapes refer to each other by name, so the model is a graph without object cycles: recursive shapes
(dynamodb's AttributeValue, sagemaker's SearchExpression) are safe to hold, and every walk over them
carries its own guard. Shapes are normalized lazily, on first use: a release diff touches only the
shapes of the models that changed.

NamedTuples rather than frozen dataclasses: they are as immutable and typed, and a release diff
builds hundreds of thousands of them, where a frozen dataclass's ``__init__`` costs three times as
much.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from types import MappingProxyType
from typing import Any, NamedTuple, TypeVar

from ..errors import ModelError

Traits = tuple[tuple[str, str], ...]

# Keys a user of boto3 never sees the effect of, or that rules.md says are never changes.
STRUCTURES = frozenset({"structure", "union"})  # the types whose children are named members
# The path steps (rules.md) to a list's element, a map's key and a map's value.
LIST_ELEMENT, MAP_KEY, MAP_VALUE = "[]", "{key}", "{}"

SILENT_SHAPE_KEYS = frozenset(
    {
        "box",
        "xmlNamespace",
        "flattened",
        "wrapper",
        "xmlOrder",
        "synthetic",
        "deprecatedMessage",
        "deprecatedSince",
        "exception",
        "error",
        "fault",
        "retryable",
        "documentation",
        "type",
        "members",
        "member",
        "key",
        "value",
        "required",
        "enum",
        "min",
        "max",
        "pattern",
        "deprecated",
        "sensitive",
        "streaming",
        "eventstream",
        "event",
        "union",
        "document",
        "tags",
    }
)
SILENT_MEMBER_KEYS = frozenset(
    {
        "shape",
        "documentation",
        "box",
        "xmlNamespace",
        "flattened",
        "deprecated",
        "deprecatedMessage",
        "deprecatedSince",
        "location",
        "locationName",
        "idempotencyToken",
        "tags",
    }
)
KNOWN_OPERATION_KEYS = frozenset(
    {
        "name",
        "http",
        "input",
        "output",
        "errors",
        "documentation",
        "documentationUrl",
        "deprecated",
        "deprecatedMessage",
        "deprecatedSince",
        "alias",
    }
)


def _trait_value(value: Any) -> str:
    if isinstance(value, str):
        return value
    return json.dumps(value, sort_keys=True, separators=(",", ":"))


def _traits(raw: Mapping[str, Any], skip: frozenset[str]) -> Traits:
    return tuple(sorted((k, _trait_value(v)) for k, v in raw.items() if k not in skip))


def normalize_pattern(pattern: str | None) -> str | None:
    """rules.md: a pattern differing only by a leading ``^`` or trailing ``$`` is the same."""
    if pattern is None:
        return None
    if pattern.startswith("^"):
        pattern = pattern[1:]
    if pattern.endswith("$"):
        escapes = len(pattern[:-1]) - len(pattern[:-1].rstrip("\\"))
        if escapes % 2 == 0:  # an odd count escapes the "$": a literal dollar, not an anchor
            pattern = pattern[:-1]
    return pattern


class Member(NamedTuple):
    name: str
    shape: str
    location: str | None = None
    location_name: str | None = None
    idempotency_token: bool = False
    deprecated: bool = False
    documentation: str = ""
    traits: Traits = ()
    deprecated_message: str | None = None
    deprecated_since: str | None = None


V = TypeVar("V")


class _BuiltOnRead(Mapping[str, V]):
    """A model's entries by name (``raw``, as in the model), each built the first time it is
    read: a diff of two releases reads the raw entries, and builds only those that differ."""

    __slots__ = ("_built", "_where", "raw")

    def __init__(self, raw: Mapping[str, Any], where: str) -> None:
        self.raw = raw
        self._where = where
        self._built: dict[str, V] = {}

    def _build(self, name: str, raw: Any, where: str) -> V:
        raise NotImplementedError

    def __getitem__(self, name: str) -> V:
        built = self._built.get(name)
        if built is None:
            built = self._built[name] = self._build(name, self.raw[name], self._where)
        return built

    def __iter__(self) -> Iterator[str]:
        return iter(self.raw)

    def __len__(self) -> int:
        return len(self.raw)

    def __contains__(self, name: object) -> bool:
        return name in self.raw


class Members(_BuiltOnRead[Member]):
    """A structure's members, in model order. Every reference is checked at once (a malformed
    one is refused when the shape is read); each :class:`Member` is built the first time it is
    asked for: comparing two releases reads the references, and builds only members whose
    references differ."""

    __slots__ = ()

    def __init__(self, raw: Mapping[str, Any], where: str) -> None:
        for name, ref in raw.items():
            if not isinstance(ref, dict) or not isinstance(ref.get("shape"), str):
                raise ModelError(path=where, detail=f"member {name!r} has no target shape")
        super().__init__(raw, where)

    def _build(self, name: str, raw: Any, where: str) -> Member:
        return _member(name, raw, where)

    def __repr__(self) -> str:
        return f"Members({list(self.raw)!r})"


class Shape(NamedTuple):
    name: str
    type: str  # a botocore type, or "union" / "document" for those kinds of structure
    members: Members = Members({}, "")  # a structure's or union's; none for other types
    required: frozenset[str] = frozenset()
    member: Member | None = None  # list element
    key: Member | None = None  # map key
    value: Member | None = None  # map value
    enum: tuple[str, ...] | None = None  # in model order; order is never a change
    min: float = 0  # rules.md: a missing min is min 0
    max: float | None = None
    pattern: str | None = None
    deprecated: bool = False
    sensitive: bool = False
    streaming: str | None = None  # "streaming", "eventstream" or "event"
    documentation: str = ""
    traits: Traits = ()
    deprecated_message: str | None = None
    deprecated_since: str | None = None
    # An error shape's ``retryable`` trait: botocore's standard and adaptive retry modes retry
    # such errors, and count them as throttling when ``retryable.throttling`` is true.
    retryable: bool = False
    throttling: bool = False

    @property
    def has_members(self) -> bool:
        """A structure or union: a shape whose children are named members."""
        return self.type in STRUCTURES

    def children(self) -> Iterator[tuple[str, Member]]:
        """Each member reference one path step below this shape, with that step (rules.md): a
        structure's members as ``.Name`` in model order, a list's element as ``[]``, a map's key
        as ``{key}`` and then its value as ``{}``."""
        if self.type in STRUCTURES:
            for name, member in self.members.items():
                yield "." + name, member
        elif self.member is not None:
            yield LIST_ELEMENT, self.member
        elif self.key is not None and self.value is not None:
            yield MAP_KEY, self.key
            yield MAP_VALUE, self.value

    def child(self, step: str) -> Member | None:
        """The member reference at one path step below this shape, if the shape has it."""
        if step.startswith("."):
            return self.members.get(step[1:]) if self.type in STRUCTURES else None
        return {LIST_ELEMENT: self.member, MAP_KEY: self.key, MAP_VALUE: self.value}.get(step)


class Operation(NamedTuple):
    name: str
    http_method: str | None
    request_uri: str | None
    input: str | None
    output: str | None
    errors: tuple[str, ...]
    deprecated: bool
    documentation: str
    traits: Traits
    deprecated_message: str | None = None
    deprecated_since: str | None = None
    # http.responseCode: the success status the service documents; absent means 200 (Smithy's
    # default), so a model that spells out 200 changes nothing.
    response_code: int = 200


def _member(name: str, raw: Any, where: str) -> Member:
    if not isinstance(raw, dict) or not isinstance(raw.get("shape"), str):
        raise ModelError(path=where, detail=f"member {name!r} has no target shape")
    message, since = _deprecation(raw)
    return Member(
        name=name,
        shape=raw["shape"],
        location=raw.get("location"),
        location_name=raw.get("locationName"),
        idempotency_token=bool(raw.get("idempotencyToken", False)),
        deprecated=bool(raw.get("deprecated", False)),
        documentation=raw.get("documentation", "") or "",
        traits=_traits(raw, SILENT_MEMBER_KEYS),
        deprecated_message=message,
        deprecated_since=since,
    )


def _deprecation(raw: Mapping[str, Any]) -> tuple[str | None, str | None]:
    """A deprecation's message and date, where the model gives them (members, shapes and
    operations spell them alike)."""
    message, since = raw.get("deprecatedMessage"), raw.get("deprecatedSince")
    return (
        None if message is None else str(message),
        None if since is None else str(since),
    )


def deprecation_note(item: Member | Shape | Operation) -> str | None:
    """What the model says about a deprecation: ``since 2024-01-01: use X``, or None."""
    parts = [f"since {item.deprecated_since}"] if item.deprecated_since else []
    if item.deprecated_message:
        parts.append(item.deprecated_message)
    return ": ".join(parts) or None


def _strings(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(item, str) for item in value)


def _shape_type(raw: Mapping[str, Any]) -> str:
    kind = raw.get("type")
    if kind == "structure":
        if raw.get("union"):
            return "union"
        if raw.get("document"):
            return "document"
    return str(kind)


def normalize_shape(name: str, raw: Any, where: str) -> Shape:
    if not isinstance(raw, dict) or not isinstance(raw.get("type"), str):
        raise ModelError(path=where, detail=f"shape {name!r} has no type")
    kind = _shape_type(raw)
    shape_where = f"{where}: shape {name!r}"
    members = Members({}, "")
    member = key = value = None
    if kind in STRUCTURES:
        raw_members = raw.get("members", {})
        if not isinstance(raw_members, dict):
            raise ModelError(path=shape_where, detail="'members' is not an object")
        members = Members(raw_members, shape_where)
    elif kind == "list":
        member = _member("member", raw.get("member"), shape_where)
    elif kind == "map":
        key = _member("key", raw.get("key"), shape_where)
        value = _member("value", raw.get("value"), shape_where)
    enum = raw.get("enum")
    if enum is not None and not _strings(enum):
        raise ModelError(path=shape_where, detail="'enum' is not a list of strings")
    required = raw.get("required", [])
    if not _strings(required):
        raise ModelError(path=shape_where, detail="'required' is not a list of member names")
    for bound in ("min", "max"):
        limit = raw.get(bound)
        if limit is not None and (isinstance(limit, bool) or not isinstance(limit, (int, float))):
            raise ModelError(path=shape_where, detail=f"{bound!r} is not a number: {limit!r}")
    if not isinstance(raw.get("pattern", ""), str):
        raise ModelError(path=shape_where, detail=f"'pattern' is not a string: {raw['pattern']!r}")
    streaming = next((k for k in ("eventstream", "event", "streaming") if raw.get(k)), None)
    retryable = raw.get("retryable")
    message, since = _deprecation(raw)
    return Shape(
        name=name,
        type=kind,
        members=members,
        required=frozenset(required),
        member=member,
        key=key,
        value=value,
        enum=tuple(enum) if enum is not None else None,
        min=raw.get("min", 0) or 0,
        max=raw.get("max"),
        pattern=normalize_pattern(raw.get("pattern")),
        deprecated=bool(raw.get("deprecated", False)),
        sensitive=bool(raw.get("sensitive", False)),
        streaming=streaming,
        documentation=raw.get("documentation", "") or "",
        traits=_traits(raw, SILENT_SHAPE_KEYS),
        deprecated_message=message,
        deprecated_since=since,
        retryable=retryable is not None and retryable is not False,
        throttling=isinstance(retryable, dict) and bool(retryable.get("throttling")),
    )


def _operation(name: str, raw: Any, where: str) -> Operation:
    if not isinstance(raw, dict):
        raise ModelError(path=where, detail=f"operation {name!r} is not an object")
    http = _object(raw, "http", f"operation {name!r}", where)
    message, since = _deprecation(raw)
    errors = raw.get("errors", [])
    if not isinstance(errors, list) or not all(
        isinstance(e, dict) and isinstance(e.get("shape"), str) for e in errors
    ):
        raise ModelError(
            path=where, detail=f"operation {name!r}: 'errors' is not a list of shape references"
        )
    return Operation(
        name=name,
        http_method=http.get("method"),
        request_uri=http.get("requestUri"),
        input=_reference(raw, "input", name, where),
        output=_reference(raw, "output", name, where),
        errors=tuple(sorted(e["shape"] for e in errors)),
        deprecated=bool(raw.get("deprecated", False)),
        documentation=raw.get("documentation", "") or "",
        traits=_traits(raw, KNOWN_OPERATION_KEYS),
        deprecated_message=message,
        deprecated_since=since,
        response_code=_response_code(http, name, where),
    )


def _response_code(http: Mapping[str, Any], operation: str, where: str) -> int:
    code = http.get("responseCode", 200)
    if isinstance(code, bool) or not isinstance(code, int):
        raise ModelError(
            path=where, detail=f"operation {operation!r}: http.responseCode is not a number"
        )
    return code


def _object(raw: Mapping[str, Any], key: str, owner: str, where: str) -> Mapping[str, Any]:
    value = raw.get(key) or {}
    if not isinstance(value, dict):
        raise ModelError(path=where, detail=f"{owner}: {key!r} is not an object")
    return value


def _reference(raw: Mapping[str, Any], key: str, operation: str, where: str) -> str | None:
    shape = _object(raw, key, f"operation {operation!r}", where).get("shape")
    if shape is not None and not isinstance(shape, str):
        raise ModelError(path=where, detail=f"operation {operation!r}: {key} shape is not a name")
    return shape


class _Operations(_BuiltOnRead[Operation]):
    """The operations of a model by name, in name order, each normalized on first use: a diff
    needs only those whose definition changed."""

    __slots__ = ("_names",)

    def __init__(self, raw: Mapping[str, Any], source: str) -> None:
        super().__init__(raw, source)
        self._names = sorted(raw)

    def _build(self, name: str, raw: Any, where: str) -> Operation:
        return _operation(name, raw, where)

    def __iter__(self) -> Iterator[str]:
        return iter(self._names)


# botocore's order of preference among the protocols a model lists in ``metadata.protocols``
# (its PRIORITY_ORDERED_SUPPORTED_PROTOCOLS), as the newest release known here has it. Releases
# differ (1.37.20 put smithy-rpc-v2-cbor first), so a release read with its botocore source
# brings its own; this one serves a data tree read without it.
NEWEST_PROTOCOL_PRIORITY = ("json", "rest-json", "rest-xml", "smithy-rpc-v2-cbor", "query", "ec2")


def resolve_protocol(metadata: Mapping[str, Any], priority: tuple[str, ...]) -> str | None:
    """The protocol a client speaks, chosen as botocore chooses it: the first of ``priority`` the
    model lists, else the legacy ``protocol`` field (a model without ``protocols``, or a botocore
    that predates them: an empty ``priority``)."""
    listed = metadata.get("protocols")
    if priority and isinstance(listed, list) and listed:
        for protocol in priority:
            if protocol in listed:
                return protocol
        # botocore refuses to make a client for this model at all.
        return "unsupported: " + ", ".join(map(str, listed))
    legacy = metadata.get("protocol")
    return None if legacy is None else str(legacy)


class Service:
    """One service at one api version, normalized. Read-only: nothing here is ever mutated."""

    __slots__ = (
        "_raw_shapes",
        "_shapes",
        "api_version",
        "documentation",
        "extras",
        "metadata",
        "name",
        "operations",
        "paginators",
        "protocol_priority",
        "raw",
        "source",
        "waiters",
    )

    def __init__(
        self,
        name: str,
        api_version: str,
        raw: Mapping[str, Any],
        *,
        source: str,
        paginators: Mapping[str, Any] | None = None,
        waiters: Mapping[str, Any] | None = None,
        extras: tuple[str, ...] = (),
        protocol_priority: tuple[str, ...] = NEWEST_PROTOCOL_PRIORITY,
    ) -> None:
        if not isinstance(raw, dict):
            raise ModelError(path=source, detail="a service model must be a JSON object")
        for key in ("metadata", "operations", "shapes"):
            if not isinstance(raw.get(key), dict):
                raise ModelError(
                    path=source, detail=f"not a botocore service model (no {key!r} object)"
                )
        self.name = name
        self.api_version = api_version
        self.source = source
        self.raw = raw
        self.extras = extras
        self.protocol_priority = protocol_priority
        self.metadata: Mapping[str, Any] = MappingProxyType(dict(raw["metadata"]))
        self.documentation: str = raw.get("documentation", "") or ""
        self.operations: Mapping[str, Operation] = _Operations(raw["operations"], source)
        self._raw_shapes: Mapping[str, Any] = raw["shapes"]
        self._shapes: dict[str, Shape] = {}
        self.paginators: Mapping[str, Any] = MappingProxyType(dict(paginators or {}))
        self.waiters: Mapping[str, Any] = MappingProxyType(dict(waiters or {}))

    @property
    def full_name(self) -> str:
        return str(
            self.metadata.get("serviceFullName") or self.metadata.get("serviceId") or self.name
        )

    @property
    def protocol(self) -> str | None:
        """The protocol the release's botocore speaks to this service."""
        return resolve_protocol(self.metadata, self.protocol_priority)

    def has_shape(self, name: str) -> bool:
        return name in self._raw_shapes

    def raw_shape(self, name: str) -> Any:
        try:
            return self._raw_shapes[name]
        except KeyError:
            raise ModelError(
                path=self.source, detail=f"shape {name!r} is referenced but not defined"
            ) from None

    def shape(self, name: str) -> Shape:
        shape = self._shapes.get(name)
        if shape is None:
            try:
                shape = normalize_shape(name, self.raw_shape(name), self.source)
            except RecursionError:
                raise ModelError(
                    path=self.source, detail=f"shape {name!r} nests too deeply to read"
                ) from None
            self._shapes[name] = shape
        return shape

    def shape_type(self, name: str) -> str:
        """:attr:`Shape.type` of shape ``name``, without reading the rest of it."""
        shape = self._shapes.get(name)
        if shape is not None:
            return shape.type
        raw = self.raw_shape(name)
        if not isinstance(raw, dict) or not isinstance(raw.get("type"), str):
            raise ModelError(path=self.source, detail=f"shape {name!r} has no type")
        return _shape_type(raw)

    def shape_names(self) -> Iterator[str]:
        return iter(self._raw_shapes)

    def operation(self, name: str) -> Operation:
        return self.operations[name]


# Keys botocore reads as a list of names, wrapping a single name in one.
_NAME_LISTS = frozenset({"input_token", "output_token", "result_key", "non_aggregate_keys"})


def paginator_value(paginator: Mapping[str, Any], key: str) -> Any:
    """A paginator's ``key`` as botocore reads it: a single token or result key as a list of one."""
    value = paginator.get(key)
    return [value] if key in _NAME_LISTS and isinstance(value, str) else value
