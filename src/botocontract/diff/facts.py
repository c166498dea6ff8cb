"""The neutral facts of a diff: what was added, removed or changed, and where. No judgement here:
``rules`` decides what each fact means for a client."""

from __future__ import annotations

from enum import Enum
from typing import Any, NamedTuple

from ..model.side import Side


class Kind(str, Enum):
    SERVICE_ADDED = "service added"
    SERVICE_REMOVED = "service removed"
    METADATA_CHANGED = "metadata changed"
    OPERATION_ADDED = "operation added"
    OPERATION_REMOVED = "operation removed"
    HTTP_CHANGED = "http binding changed"
    ERROR_ADDED = "error added"
    ERROR_REMOVED = "error removed"
    ERROR_CHANGED = "error changed"  # an error shape the operation lists changed a trait
    MEMBER_ADDED = "member added"
    MEMBER_REMOVED = "member removed"
    REQUIRED_CHANGED = "requiredness changed"
    TYPE_CHANGED = "type changed"
    ENUM_VALUE_ADDED = "enum value added"
    ENUM_VALUE_REMOVED = "enum value removed"
    CONSTRAINT_CHANGED = "constraint changed"
    DEPRECATED_CHANGED = "deprecation changed"
    STREAMING_CHANGED = "streaming changed"
    TRAIT_CHANGED = "trait changed"
    DOCUMENTATION_CHANGED = "documentation changed"
    PAGINATOR_ADDED = "paginator added"
    PAGINATOR_REMOVED = "paginator removed"
    PAGINATOR_CHANGED = "paginator changed"
    WAITER_ADDED = "waiter added"
    WAITER_REMOVED = "waiter removed"
    WAITER_CHANGED = "waiter changed"


class Fact(NamedTuple):
    """One difference. ``path`` follows rules.md: ``CreateApp.request.ResourceSpec.InstanceType``,
    ``Tags[].Key``, ``Attributes{}``, ``Attributes{key}``, ``...InstanceType=ml.g6e.xlarge``."""

    kind: Kind
    path: str
    operation: str | None = None
    side: Side | None = None  # None: not inside a request or response tree
    old: Any = None
    new: Any = None
    attribute: str | None = None  # the metadata field, constraint or trait that changed
    required: bool = False  # for MEMBER_ADDED: the new member is required
    note: str | None = None  # what the model says about it: a deprecation's message and date
    # Where the change happened, when that is a shape every path here reaches through: the shape's
    # name and the rest of the path below it (``AppInstanceType=ml.g7.2xlarge``,
    # ``ResourceSpec.InstanceType``). None: the path itself is the place (operations, metadata).
    origin: str | None = None
