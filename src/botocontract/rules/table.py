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


# What each severity tells the user, most severe first: the reports and docs/rules.md say it so.
SEVERITY_MEANINGS = {
    "breaking": "Code that worked can stop working.",
    "warning": "Code may need a look.",
    "info": "Nothing to do: new things, and changes a client does not feel.",
}


def severity_rank(level: str) -> int:
    return SEVERITIES.index(level)


ANY_SIDE = "any"


class Rule(NamedTuple):
    id: str
    severity: str
    kind: Kind | None  # the kind of fact it judges; None: any kind (the catch-all)
    side: str | None  # "request", "response", None (not in a tree) or ANY_SIDE
    when: Callable[[Fact], bool] | None  # a further condition, if any
    explanation: str  # one line: why this matters to a client
    message: str  # a template over path, old, new, attribute


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
    return new is not None  # a new or changed pattern may reject what the old one took


def _number(value: Any) -> float:
    return float(value) if value is not None else 0.0


def _keys_only_added(fact: Fact) -> bool:
    """``non_aggregate_keys`` that kept every name and gained some: only build_full_result()
    sees them (the diff writes a single name as a one-element list already)."""
    if fact.attribute != "non_aggregate_keys" or not isinstance(fact.new, list):
        return False
    before = fact.old if isinstance(fact.old, list) else [] if fact.old is None else None
    return before is not None and set(before) < set(fact.new)


_DEPRECATION_DETAILS = frozenset({"deprecatedMessage", "deprecatedSince"})
_ENDPOINT_FIELDS = frozenset({"endpointPrefix", "signingName", "targetPrefix", "jsonVersion"})

RULES: tuple[Rule, ...] = (
    Rule(
        "service-added",
        "info",
        Kind.SERVICE_ADDED,
        ANY_SIDE,
        None,
        "A new service client is available.",
        "service {path} was added",
    ),
    Rule(
        "service-removed",
        "breaking",
        Kind.SERVICE_REMOVED,
        ANY_SIDE,
        None,
        "boto3.client() for this service no longer works.",
        "service {path} was removed",
    ),
    Rule(
        "protocol-changed",
        "breaking",
        Kind.METADATA_CHANGED,
        ANY_SIDE,
        lambda f: f.attribute == "protocol",
        "The wire protocol changed: serialized requests and parsed responses differ.",
        "protocol changed from {old} to {new}",
    ),
    Rule(
        "endpoint-changed",
        "breaking",
        Kind.METADATA_CHANGED,
        ANY_SIDE,
        lambda f: f.attribute in _ENDPOINT_FIELDS,
        "Requests go to a different endpoint, signing name or target.",
        "{attribute} changed from {old} to {new}",
    ),
    Rule(
        "service-metadata-changed",
        "info",
        Kind.METADATA_CHANGED,
        ANY_SIDE,
        None,
        "Descriptive service metadata changed.",
        "{attribute} changed from {old} to {new}",
    ),
    Rule(
        "operation-added",
        "info",
        Kind.OPERATION_ADDED,
        ANY_SIDE,
        None,
        "A new client method is available.",
        "operation {path} was added",
    ),
    Rule(
        "operation-removed",
        "breaking",
        Kind.OPERATION_REMOVED,
        ANY_SIDE,
        None,
        "Calls to this client method fail.",
        "operation {path} was removed",
    ),
    Rule(
        "deprecation-details-changed",
        "info",
        Kind.DEPRECATED_CHANGED,
        ANY_SIDE,
        lambda f: f.attribute in _DEPRECATION_DETAILS,
        "What the deprecation says changed (its message or date); the deprecation itself did not.",
        "{path}: {attribute} changed from {old} to {new}",
    ),
    Rule(
        "operation-deprecated",
        "warning",
        Kind.DEPRECATED_CHANGED,
        None,
        _became_true,
        "The operation is deprecated and may go away.",
        "operation {path} was deprecated",
    ),
    Rule(
        "http-response-code-changed",
        "warning",
        Kind.HTTP_CHANGED,
        ANY_SIDE,
        lambda f: f.attribute == "response_code",
        "The service documents another success status (botocore does not check it): code "
        "that tests ResponseMetadata['HTTPStatusCode'] sees the new one.",
        "{path}: http.responseCode changed from {old} to {new}",
    ),
    Rule(
        "http-binding-changed",
        "info",
        Kind.HTTP_CHANGED,
        ANY_SIDE,
        None,
        "The HTTP method or URI changed; boto3 hides it.",
        "{attribute} changed from {old} to {new}",
    ),
    Rule(
        "error-added",
        "warning",
        Kind.ERROR_ADDED,
        ANY_SIDE,
        None,
        "The operation may raise an error that callers do not handle yet.",
        "{path} may now be raised",
    ),
    Rule(
        "error-removed",
        "info",
        Kind.ERROR_REMOVED,
        ANY_SIDE,
        None,
        "The operation no longer lists this error.",
        "{path} is no longer listed",
    ),
    Rule(
        "error-retryable-changed",
        "warning",
        Kind.ERROR_CHANGED,
        ANY_SIDE,
        lambda f: f.attribute == "retryable",
        "botocore's standard and adaptive retry modes now retry this error, or stop retrying it: "
        "calls take longer before they fail, or raise what used to be retried away.",
        "{path}: retryable changed from {old} to {new}",
    ),
    Rule(
        "error-throttling-changed",
        "info",
        Kind.ERROR_CHANGED,
        ANY_SIDE,
        lambda f: f.attribute == "throttling",
        "botocore counts this error as throttling, or stops to: the adaptive retry mode slows "
        "the client down on it.",
        "{path}: retryable.throttling changed from {old} to {new}",
    ),
    Rule(
        "request-member-added-required",
        "breaking",
        Kind.MEMBER_ADDED,
        "request",
        lambda f: f.required,
        "Calls without the new required member are rejected.",
        "new required request member {path} ({new})",
    ),
    Rule(
        "request-member-added-optional",
        "info",
        Kind.MEMBER_ADDED,
        "request",
        None,
        "A new optional request member is accepted.",
        "new optional request member {path} ({new})",
    ),
    Rule(
        "request-member-removed",
        "breaking",
        Kind.MEMBER_REMOVED,
        "request",
        None,
        "Calls that pass this member fail parameter validation.",
        "request member {path} ({old}) was removed",
    ),
    Rule(
        "request-member-became-required",
        "breaking",
        Kind.REQUIRED_CHANGED,
        "request",
        _became_true,
        "Calls that leave this member out are rejected.",
        "request member {path} became required",
    ),
    Rule(
        "request-member-became-optional",
        "info",
        Kind.REQUIRED_CHANGED,
        "request",
        None,
        "The member may now be left out.",
        "request member {path} became optional",
    ),
    Rule(
        "request-type-changed",
        "breaking",
        Kind.TYPE_CHANGED,
        "request",
        None,
        "Values of the old type fail parameter validation.",
        "request member {path} changed type from {old} to {new}",
    ),
    Rule(
        "request-enum-value-added",
        "info",
        Kind.ENUM_VALUE_ADDED,
        "request",
        None,
        "A new value may be sent.",
        "request enum {path} gained a value",
    ),
    Rule(
        "request-enum-value-removed",
        "breaking",
        Kind.ENUM_VALUE_REMOVED,
        "request",
        None,
        "Calls sending this value are rejected by the service.",
        "request enum {path} lost a value",
    ),
    Rule(
        "request-constraint-tightened",
        "warning",
        Kind.CONSTRAINT_CHANGED,
        "request",
        _tightened,
        "Values that were valid may now be rejected.",
        "request {path}: {attribute} tightened from {old} to {new}",
    ),
    Rule(
        "request-constraint-loosened",
        "info",
        Kind.CONSTRAINT_CHANGED,
        "request",
        None,
        "More values are accepted.",
        "request {path}: {attribute} loosened from {old} to {new}",
    ),
    Rule(
        "request-member-deprecated",
        "warning",
        Kind.DEPRECATED_CHANGED,
        "request",
        _became_true,
        "The member is deprecated and may go away.",
        "request member {path} was deprecated",
    ),
    Rule(
        "response-member-added",
        "info",
        Kind.MEMBER_ADDED,
        "response",
        None,
        "Responses carry a new member.",
        "new response member {path} ({new})",
    ),
    Rule(
        "response-member-removed",
        "breaking",
        Kind.MEMBER_REMOVED,
        "response",
        None,
        "Code reading this member gets nothing.",
        "response member {path} ({old}) was removed",
    ),
    Rule(
        "response-type-changed",
        "breaking",
        Kind.TYPE_CHANGED,
        "response",
        None,
        "Code reading this member gets a value of another type.",
        "response member {path} changed type from {old} to {new}",
    ),
    Rule(
        "response-enum-value-added",
        "warning",
        Kind.ENUM_VALUE_ADDED,
        "response",
        None,
        "Responses may carry a value that clients do not know yet.",
        "response enum {path} gained a value",
    ),
    Rule(
        "response-enum-value-removed",
        "info",
        Kind.ENUM_VALUE_REMOVED,
        "response",
        None,
        "Responses no longer carry this value.",
        "response enum {path} lost a value",
    ),
    Rule(
        "response-member-became-optional",
        "warning",
        Kind.REQUIRED_CHANGED,
        "response",
        _became_false,
        "Code that assumed the member is always present may fail.",
        "response member {path} became optional",
    ),
    Rule(
        "response-member-became-required",
        "info",
        Kind.REQUIRED_CHANGED,
        "response",
        None,
        "The member is now always present.",
        "response member {path} became required",
    ),
    Rule(
        "response-constraint-changed",
        "info",
        Kind.CONSTRAINT_CHANGED,
        "response",
        None,
        "The documented range of a response value changed.",
        "response {path}: {attribute} changed from {old} to {new}",
    ),
    Rule(
        "response-member-deprecated",
        "warning",
        Kind.DEPRECATED_CHANGED,
        "response",
        _became_true,
        "The member is deprecated and may go away.",
        "response member {path} was deprecated",
    ),
    Rule(
        "streaming-changed",
        "breaking",
        Kind.STREAMING_CHANGED,
        ANY_SIDE,
        None,
        "Streaming bodies and event streams are read and written differently.",
        "{path} streaming changed from {old} to {new}",
    ),
    Rule(
        "paginator-added",
        "info",
        Kind.PAGINATOR_ADDED,
        ANY_SIDE,
        None,
        "client.get_paginator() works for a new operation.",
        "paginator {path} was added",
    ),
    Rule(
        "paginator-removed",
        "breaking",
        Kind.PAGINATOR_REMOVED,
        ANY_SIDE,
        None,
        "client.get_paginator() fails for this operation.",
        "paginator {path} was removed",
    ),
    Rule(
        "paginator-keys-added",
        "info",
        Kind.PAGINATOR_CHANGED,
        ANY_SIDE,
        _keys_only_added,
        "build_full_result() carries another key; pages and tokens are as before.",
        "paginator {path}: {attribute} gained names ({old} -> {new})",
    ),
    Rule(
        "paginator-changed",
        "breaking",
        Kind.PAGINATOR_CHANGED,
        ANY_SIDE,
        None,
        "Pagination follows other tokens or yields other keys.",
        "paginator {path}: {attribute} changed from {old} to {new}",
    ),
    Rule(
        "waiter-added",
        "info",
        Kind.WAITER_ADDED,
        ANY_SIDE,
        None,
        "client.get_waiter() knows a new waiter.",
        "waiter {path} was added",
    ),
    Rule(
        "waiter-removed",
        "breaking",
        Kind.WAITER_REMOVED,
        ANY_SIDE,
        None,
        "client.get_waiter() fails for this waiter.",
        "waiter {path} was removed",
    ),
    Rule(
        "waiter-changed",
        "warning",
        Kind.WAITER_CHANGED,
        ANY_SIDE,
        None,
        "The waiter succeeds, fails or gives up under other conditions.",
        "waiter {path}: {attribute} changed",
    ),
    Rule(
        "documentation-changed",
        "info",
        Kind.DOCUMENTATION_CHANGED,
        ANY_SIDE,
        None,
        "Documentation text changed.",
        "documentation of {path} changed",
    ),
    Rule(
        "trait-changed",
        "info",
        None,
        ANY_SIDE,
        None,
        "A trait changed (sensitive, idempotency token, location, deprecation lifted ...).",
        "{path}: {attribute} changed from {old} to {new}",
    ),
)

RULES_BY_ID: dict[str, Rule] = {rule.id: rule for rule in RULES}


# The rules that may judge a fact of each kind on each side, in table order: judging a release
# pair can mean a hundred thousand facts, and most need one lookup and no condition.
_CANDIDATES: dict[tuple[Kind, str | None], tuple[Rule, ...]] = {
    (kind, side): tuple(
        rule for rule in RULES if rule.kind in (kind, None) and rule.side in (side, ANY_SIDE)
    )
    for kind in Kind
    for side in ("request", "response", None)
}


def rule_for(fact: Fact) -> Rule:
    """The first rule of the table that applies to ``fact``."""
    for rule in _CANDIDATES[fact.kind, fact.side]:
        if rule.when is None or rule.when(fact):
            return rule
    raise AssertionError("the catch-all rule applies to every fact")  # pragma: no cover
