"""The rule table (rules.md): what each kind of fact means for code that calls the API.

One place for every rule. A fact is judged by the first rule that applies to it; the test suite
checks that every kind of fact on every side is judged by exactly the rule it should be. Ids are
stable: never rename one, retire it and add another.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, NamedTuple

from ..diff.facts import Fact, Kind

SEVERITIES = ("info", "warning", "breaking")  # in rising order


def severity_rank(level: str) -> int:
    return SEVERITIES.index(level)


class Rule(NamedTuple):
    id: str
    severity: str
    applies_to: Callable[[Fact], bool]
    explanation: str  # one line: why this matters to a client
    message: str  # a template over path, old, new, attribute


def _kind(kind: Kind, side: str | None = None) -> Callable[[Fact], bool]:
    if side is None:
        return lambda fact: fact.kind is kind
    return lambda fact: fact.kind is kind and fact.side == side


def _and(*tests: Callable[[Fact], bool]) -> Callable[[Fact], bool]:
    return lambda fact: all(test(fact) for test in tests)


def _became_true(fact: Fact) -> bool:
    return bool(fact.new) and not fact.old


def _became_false(fact: Fact) -> bool:
    return bool(fact.old) and not fact.new


def _tightened(fact: Fact) -> bool:
    """A constraint that accepts fewer values than before."""
    old, new, attribute = fact.old, fact.new, fact.attribute
    if attribute == "min":
        return _number(new) > _number(old)
    if attribute == "max":
        return new is not None and (old is None or _number(new) < _number(old))
    if attribute == "enum":
        return new is not None and old is None
    return True  # a changed pattern may reject what the old one took


def _number(value: Any) -> float:
    return float(value) if value is not None else 0.0


_ENDPOINT_FIELDS = frozenset({"endpointPrefix", "signingName", "targetPrefix", "jsonVersion"})

RULES: tuple[Rule, ...] = (
    Rule("service-added", "info", _kind(Kind.SERVICE_ADDED),
         "A new service client is available.", "service {path} was added"),
    Rule("service-removed", "breaking", _kind(Kind.SERVICE_REMOVED),
         "boto3.client() for this service no longer works.", "service {path} was removed"),
    Rule("protocol-changed", "breaking",
         _and(_kind(Kind.METADATA_CHANGED), lambda f: f.attribute == "protocol"),
         "The wire protocol changed: serialized requests and parsed responses differ.",
         "protocol changed from {old} to {new}"),
    Rule("endpoint-changed", "breaking",
         _and(_kind(Kind.METADATA_CHANGED), lambda f: f.attribute in _ENDPOINT_FIELDS),
         "Requests go to a different endpoint, signing name or target.",
         "{attribute} changed from {old} to {new}"),
    Rule("service-metadata-changed", "info", _kind(Kind.METADATA_CHANGED),
         "Descriptive service metadata changed.", "{attribute} changed from {old} to {new}"),
    Rule("operation-added", "info", _kind(Kind.OPERATION_ADDED),
         "A new client method is available.", "operation {path} was added"),
    Rule("operation-removed", "breaking", _kind(Kind.OPERATION_REMOVED),
         "Calls to this client method fail.", "operation {path} was removed"),
    Rule("operation-deprecated", "warning",
         _and(_kind(Kind.DEPRECATED_CHANGED), lambda f: f.side is None, _became_true),
         "The operation is deprecated and may go away.", "operation {path} was deprecated"),
    Rule("http-binding-changed", "info", _kind(Kind.HTTP_CHANGED),
         "The HTTP method or URI changed; boto3 hides it.", "{attribute} changed from {old} to {new}"),
    Rule("error-added", "warning", _kind(Kind.ERROR_ADDED),
         "The operation may raise an error that callers do not handle yet.",
         "{path} may now be raised"),
    Rule("error-removed", "info", _kind(Kind.ERROR_REMOVED),
         "The operation no longer lists this error.", "{path} is no longer listed"),
    Rule("request-member-added-required", "breaking",
         _and(_kind(Kind.MEMBER_ADDED, "request"), lambda f: f.required),
         "Calls without the new required member are rejected.",
         "new required request member {path} ({new})"),
    Rule("request-member-added-optional", "info", _kind(Kind.MEMBER_ADDED, "request"),
         "A new optional request member is accepted.", "new optional request member {path} ({new})"),
    Rule("request-member-removed", "breaking", _kind(Kind.MEMBER_REMOVED, "request"),
         "Calls that pass this member fail parameter validation.",
         "request member {path} ({old}) was removed"),
    Rule("request-member-became-required", "breaking",
         _and(_kind(Kind.REQUIRED_CHANGED, "request"), _became_true),
         "Calls that leave this member out are rejected.", "request member {path} became required"),
    Rule("request-member-became-optional", "info", _kind(Kind.REQUIRED_CHANGED, "request"),
         "The member may now be left out.", "request member {path} became optional"),
    Rule("request-type-changed", "breaking", _kind(Kind.TYPE_CHANGED, "request"),
         "Values of the old type fail parameter validation.",
         "request member {path} changed type from {old} to {new}"),
    Rule("request-enum-value-added", "info", _kind(Kind.ENUM_VALUE_ADDED, "request"),
         "A new value may be sent.", "request enum {path} gained a value"),
    Rule("request-enum-value-removed", "breaking", _kind(Kind.ENUM_VALUE_REMOVED, "request"),
         "Calls sending this value are rejected by the service.",
         "request enum {path} lost a value"),
    Rule("request-constraint-tightened", "warning",
         _and(_kind(Kind.CONSTRAINT_CHANGED, "request"), _tightened),
         "Values that were valid may now be rejected.",
         "request {path}: {attribute} tightened from {old} to {new}"),
    Rule("request-constraint-loosened", "info", _kind(Kind.CONSTRAINT_CHANGED, "request"),
         "More values are accepted.", "request {path}: {attribute} loosened from {old} to {new}"),
    Rule("request-member-deprecated", "warning",
         _and(_kind(Kind.DEPRECATED_CHANGED, "request"), _became_true),
         "The member is deprecated and may go away.", "request member {path} was deprecated"),
    Rule("response-member-added", "info", _kind(Kind.MEMBER_ADDED, "response"),
         "Responses carry a new member.", "new response member {path} ({new})"),
    Rule("response-member-removed", "breaking", _kind(Kind.MEMBER_REMOVED, "response"),
         "Code reading this member gets nothing.", "response member {path} ({old}) was removed"),
    Rule("response-type-changed", "breaking", _kind(Kind.TYPE_CHANGED, "response"),
         "Code reading this member gets a value of another type.",
         "response member {path} changed type from {old} to {new}"),
    Rule("response-enum-value-added", "warning", _kind(Kind.ENUM_VALUE_ADDED, "response"),
         "Responses may carry a value that clients do not know yet.",
         "response enum {path} gained a value"),
    Rule("response-enum-value-removed", "info", _kind(Kind.ENUM_VALUE_REMOVED, "response"),
         "Responses no longer carry this value.", "response enum {path} lost a value"),
    Rule("response-member-became-optional", "warning",
         _and(_kind(Kind.REQUIRED_CHANGED, "response"), _became_false),
         "Code that assumed the member is always present may fail.",
         "response member {path} became optional"),
    Rule("response-member-became-required", "info", _kind(Kind.REQUIRED_CHANGED, "response"),
         "The member is now always present.", "response member {path} became required"),
    Rule("response-constraint-changed", "info", _kind(Kind.CONSTRAINT_CHANGED, "response"),
         "The documented range of a response value changed.",
         "response {path}: {attribute} changed from {old} to {new}"),
    Rule("response-member-deprecated", "warning",
         _and(_kind(Kind.DEPRECATED_CHANGED, "response"), _became_true),
         "The member is deprecated and may go away.", "response member {path} was deprecated"),
    Rule("streaming-changed", "breaking", _kind(Kind.STREAMING_CHANGED),
         "Streaming bodies and event streams are read and written differently.",
         "{path} streaming changed from {old} to {new}"),
    Rule("paginator-added", "info", _kind(Kind.PAGINATOR_ADDED),
         "client.get_paginator() works for a new operation.", "paginator {path} was added"),
    Rule("paginator-removed", "breaking", _kind(Kind.PAGINATOR_REMOVED),
         "client.get_paginator() fails for this operation.", "paginator {path} was removed"),
    Rule("paginator-changed", "breaking", _kind(Kind.PAGINATOR_CHANGED),
         "Pagination follows other tokens or yields other keys.",
         "paginator {path}: {attribute} changed from {old} to {new}"),
    Rule("waiter-added", "info", _kind(Kind.WAITER_ADDED),
         "client.get_waiter() knows a new waiter.", "waiter {path} was added"),
    Rule("waiter-removed", "breaking", _kind(Kind.WAITER_REMOVED),
         "client.get_waiter() fails for this waiter.", "waiter {path} was removed"),
    Rule("waiter-changed", "warning", _kind(Kind.WAITER_CHANGED),
         "The waiter succeeds, fails or gives up under other conditions.",
         "waiter {path}: {attribute} changed"),
    Rule("documentation-changed", "info", _kind(Kind.DOCUMENTATION_CHANGED),
         "Documentation text changed.", "documentation of {path} changed"),
    Rule("trait-changed", "info", lambda fact: True,
         "A trait changed (sensitive, idempotency token, location, deprecation lifted ...).",
         "{path}: {attribute} changed from {old} to {new}"),
)

RULES_BY_ID: dict[str, Rule] = {rule.id: rule for rule in RULES}


def rule_for(fact: Fact) -> Rule:
    for rule in RULES:
        if rule.applies_to(fact):
            return rule
    raise AssertionError("trait-changed applies to every fact")  # pragma: no cover
