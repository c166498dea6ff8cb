"""The rule table (rules.md): what each kind of fact means for code that calls the API.

One place for every rule. A fact is judged by the first rule that applies to it; the test suite
checks that every kind of fact on every side is judged by exactly the rule it should be. Ids are
stable: never rename one, retire it and add another.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ..diff.facts import Fact, Kind
from ..model.side import Side
from .severity import Severity

Place = frozenset[Side | None]  # the sides a rule judges; None: outside the trees (an operation)
REQUEST: Place = frozenset({Side.REQUEST})
RESPONSE: Place = frozenset({Side.RESPONSE})
OUTSIDE_TREES: Place = frozenset({None})
ANYWHERE: Place = frozenset({Side.REQUEST, Side.RESPONSE, None})


# What each severity tells the user, most severe first: the reports and docs/rules.md say it so.
SEVERITY_MEANINGS = {
    Severity.BREAKING: "Code that worked can stop working.",
    Severity.WARNING: "Code may need a look.",
    Severity.INFO: "Nothing to do: new things, and changes a client does not feel.",
}


@dataclass(frozen=True, slots=True, kw_only=True)
class Rule:
    id: str
    severity: Severity
    kind: Kind | None  # the kind of fact it judges; None: any kind (the catch-all)
    sides: Place = ANYWHERE
    condition: Callable[[Fact], bool] | None = None  # a further condition, if any
    explanation: str  # one line: why this matters to a client
    message: str  # a template over path, old, new, attribute
    hidden_unless_show_docs: bool = False  # left out of every report unless --show-docs


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
        id="service-added",
        severity=Severity.INFO,
        kind=Kind.SERVICE_ADDED,
        explanation="A new service client is available.",
        message="service {path} was added",
    ),
    Rule(
        id="service-removed",
        severity=Severity.BREAKING,
        kind=Kind.SERVICE_REMOVED,
        explanation="boto3.client() for this service no longer works.",
        message="service {path} was removed",
    ),
    Rule(
        id="protocol-changed",
        severity=Severity.BREAKING,
        kind=Kind.METADATA_CHANGED,
        condition=lambda f: f.attribute == "protocol",
        explanation="The wire protocol changed: serialized requests and parsed responses differ.",
        message="protocol changed from {old} to {new}",
    ),
    Rule(
        id="endpoint-changed",
        severity=Severity.BREAKING,
        kind=Kind.METADATA_CHANGED,
        condition=lambda f: f.attribute in _ENDPOINT_FIELDS,
        explanation="Requests go to a different endpoint, signing name or target.",
        message="{attribute} changed from {old} to {new}",
    ),
    Rule(
        id="service-metadata-changed",
        severity=Severity.INFO,
        kind=Kind.METADATA_CHANGED,
        explanation="Descriptive service metadata changed.",
        message="{attribute} changed from {old} to {new}",
    ),
    Rule(
        id="operation-added",
        severity=Severity.INFO,
        kind=Kind.OPERATION_ADDED,
        explanation="A new client method is available.",
        message="operation {path} was added",
    ),
    Rule(
        id="operation-removed",
        severity=Severity.BREAKING,
        kind=Kind.OPERATION_REMOVED,
        explanation="Calls to this client method fail.",
        message="operation {path} was removed",
    ),
    Rule(
        id="deprecation-details-changed",
        severity=Severity.INFO,
        kind=Kind.DEPRECATED_CHANGED,
        condition=lambda f: f.attribute in _DEPRECATION_DETAILS,
        explanation=(
            "What the deprecation says changed (its message or date); "
            "the deprecation itself did not."
        ),
        message="{path}: {attribute} changed from {old} to {new}",
    ),
    Rule(
        id="operation-deprecated",
        severity=Severity.WARNING,
        kind=Kind.DEPRECATED_CHANGED,
        sides=OUTSIDE_TREES,
        condition=_became_true,
        explanation="The operation is deprecated and may go away.",
        message="operation {path} was deprecated",
    ),
    Rule(
        id="http-response-code-changed",
        severity=Severity.WARNING,
        kind=Kind.HTTP_CHANGED,
        condition=lambda f: f.attribute == "response_code",
        explanation=(
            "The service documents another success status (botocore does not check it): code "
            "that tests ResponseMetadata['HTTPStatusCode'] sees the new one."
        ),
        message="{path}: http.responseCode changed from {old} to {new}",
    ),
    Rule(
        id="http-binding-changed",
        severity=Severity.INFO,
        kind=Kind.HTTP_CHANGED,
        explanation="The HTTP method or URI changed; boto3 hides it.",
        message="{attribute} changed from {old} to {new}",
    ),
    Rule(
        id="error-added",
        severity=Severity.WARNING,
        kind=Kind.ERROR_ADDED,
        explanation="The operation may raise an error that callers do not handle yet.",
        message="{path} may now be raised",
    ),
    Rule(
        id="error-removed",
        severity=Severity.INFO,
        kind=Kind.ERROR_REMOVED,
        explanation="The operation no longer lists this error.",
        message="{path} is no longer listed",
    ),
    Rule(
        id="error-retryable-changed",
        severity=Severity.WARNING,
        kind=Kind.ERROR_CHANGED,
        condition=lambda f: f.attribute == "retryable",
        explanation=(
            "botocore's standard and adaptive retry modes now retry this error, "
            "or stop retrying it: "
            "calls take longer before they fail, or raise what used to be retried away."
        ),
        message="{path}: retryable changed from {old} to {new}",
    ),
    Rule(
        id="error-throttling-changed",
        severity=Severity.INFO,
        kind=Kind.ERROR_CHANGED,
        condition=lambda f: f.attribute == "throttling",
        explanation=(
            "botocore counts this error as throttling, or stops to: the adaptive retry mode slows "
            "the client down on it."
        ),
        message="{path}: retryable.throttling changed from {old} to {new}",
    ),
    Rule(
        id="request-member-added-required",
        severity=Severity.BREAKING,
        kind=Kind.MEMBER_ADDED,
        sides=REQUEST,
        condition=lambda f: f.required,
        explanation="Calls without the new required member are rejected.",
        message="new required request member {path} ({new})",
    ),
    Rule(
        id="request-member-added-optional",
        severity=Severity.INFO,
        kind=Kind.MEMBER_ADDED,
        sides=REQUEST,
        explanation="A new optional request member is accepted.",
        message="new optional request member {path} ({new})",
    ),
    Rule(
        id="request-member-removed",
        severity=Severity.BREAKING,
        kind=Kind.MEMBER_REMOVED,
        sides=REQUEST,
        explanation="Calls that pass this member fail parameter validation.",
        message="request member {path} ({old}) was removed",
    ),
    Rule(
        id="request-member-became-required",
        severity=Severity.BREAKING,
        kind=Kind.REQUIRED_CHANGED,
        sides=REQUEST,
        condition=_became_true,
        explanation="Calls that leave this member out are rejected.",
        message="request member {path} became required",
    ),
    Rule(
        id="request-member-became-optional",
        severity=Severity.INFO,
        kind=Kind.REQUIRED_CHANGED,
        sides=REQUEST,
        explanation="The member may now be left out.",
        message="request member {path} became optional",
    ),
    Rule(
        id="request-type-changed",
        severity=Severity.BREAKING,
        kind=Kind.TYPE_CHANGED,
        sides=REQUEST,
        explanation="Values of the old type fail parameter validation.",
        message="request member {path} changed type from {old} to {new}",
    ),
    Rule(
        id="request-enum-value-added",
        severity=Severity.INFO,
        kind=Kind.ENUM_VALUE_ADDED,
        sides=REQUEST,
        explanation="A new value may be sent.",
        message="request enum {path} gained a value",
    ),
    Rule(
        id="request-enum-value-removed",
        severity=Severity.BREAKING,
        kind=Kind.ENUM_VALUE_REMOVED,
        sides=REQUEST,
        explanation="Calls sending this value are rejected by the service.",
        message="request enum {path} lost a value",
    ),
    Rule(
        id="request-constraint-tightened",
        severity=Severity.WARNING,
        kind=Kind.CONSTRAINT_CHANGED,
        sides=REQUEST,
        condition=_tightened,
        explanation="Values that were valid may now be rejected.",
        message="request {path}: {attribute} tightened from {old} to {new}",
    ),
    Rule(
        id="request-constraint-loosened",
        severity=Severity.INFO,
        kind=Kind.CONSTRAINT_CHANGED,
        sides=REQUEST,
        explanation="More values are accepted.",
        message="request {path}: {attribute} loosened from {old} to {new}",
    ),
    Rule(
        id="request-member-deprecated",
        severity=Severity.WARNING,
        kind=Kind.DEPRECATED_CHANGED,
        sides=REQUEST,
        condition=_became_true,
        explanation="The member is deprecated and may go away.",
        message="request member {path} was deprecated",
    ),
    Rule(
        id="response-member-added",
        severity=Severity.INFO,
        kind=Kind.MEMBER_ADDED,
        sides=RESPONSE,
        explanation="Responses carry a new member.",
        message="new response member {path} ({new})",
    ),
    Rule(
        id="response-member-removed",
        severity=Severity.BREAKING,
        kind=Kind.MEMBER_REMOVED,
        sides=RESPONSE,
        explanation="Code reading this member gets nothing.",
        message="response member {path} ({old}) was removed",
    ),
    Rule(
        id="response-type-changed",
        severity=Severity.BREAKING,
        kind=Kind.TYPE_CHANGED,
        sides=RESPONSE,
        explanation="Code reading this member gets a value of another type.",
        message="response member {path} changed type from {old} to {new}",
    ),
    Rule(
        id="response-enum-value-added",
        severity=Severity.WARNING,
        kind=Kind.ENUM_VALUE_ADDED,
        sides=RESPONSE,
        explanation="Responses may carry a value that clients do not know yet.",
        message="response enum {path} gained a value",
    ),
    Rule(
        id="response-enum-value-removed",
        severity=Severity.INFO,
        kind=Kind.ENUM_VALUE_REMOVED,
        sides=RESPONSE,
        explanation="Responses no longer carry this value.",
        message="response enum {path} lost a value",
    ),
    Rule(
        id="response-member-became-optional",
        severity=Severity.WARNING,
        kind=Kind.REQUIRED_CHANGED,
        sides=RESPONSE,
        condition=_became_false,
        explanation="Code that assumed the member is always present may fail.",
        message="response member {path} became optional",
    ),
    Rule(
        id="response-member-became-required",
        severity=Severity.INFO,
        kind=Kind.REQUIRED_CHANGED,
        sides=RESPONSE,
        explanation="The member is now always present.",
        message="response member {path} became required",
    ),
    Rule(
        id="response-constraint-changed",
        severity=Severity.INFO,
        kind=Kind.CONSTRAINT_CHANGED,
        sides=RESPONSE,
        explanation="The documented range of a response value changed.",
        message="response {path}: {attribute} changed from {old} to {new}",
    ),
    Rule(
        id="response-member-deprecated",
        severity=Severity.WARNING,
        kind=Kind.DEPRECATED_CHANGED,
        sides=RESPONSE,
        condition=_became_true,
        explanation="The member is deprecated and may go away.",
        message="response member {path} was deprecated",
    ),
    Rule(
        id="streaming-changed",
        severity=Severity.BREAKING,
        kind=Kind.STREAMING_CHANGED,
        explanation="Streaming bodies and event streams are read and written differently.",
        message="{path} streaming changed from {old} to {new}",
    ),
    Rule(
        id="paginator-added",
        severity=Severity.INFO,
        kind=Kind.PAGINATOR_ADDED,
        explanation="client.get_paginator() works for a new operation.",
        message="paginator {path} was added",
    ),
    Rule(
        id="paginator-removed",
        severity=Severity.BREAKING,
        kind=Kind.PAGINATOR_REMOVED,
        explanation="client.get_paginator() fails for this operation.",
        message="paginator {path} was removed",
    ),
    Rule(
        id="paginator-keys-added",
        severity=Severity.INFO,
        kind=Kind.PAGINATOR_CHANGED,
        condition=_keys_only_added,
        explanation="build_full_result() carries another key; pages and tokens are as before.",
        message="paginator {path}: {attribute} gained names ({old} -> {new})",
    ),
    Rule(
        id="paginator-changed",
        severity=Severity.BREAKING,
        kind=Kind.PAGINATOR_CHANGED,
        explanation="Pagination follows other tokens or yields other keys.",
        message="paginator {path}: {attribute} changed from {old} to {new}",
    ),
    Rule(
        id="waiter-added",
        severity=Severity.INFO,
        kind=Kind.WAITER_ADDED,
        explanation="client.get_waiter() knows a new waiter.",
        message="waiter {path} was added",
    ),
    Rule(
        id="waiter-removed",
        severity=Severity.BREAKING,
        kind=Kind.WAITER_REMOVED,
        explanation="client.get_waiter() fails for this waiter.",
        message="waiter {path} was removed",
    ),
    Rule(
        id="waiter-changed",
        severity=Severity.WARNING,
        kind=Kind.WAITER_CHANGED,
        explanation="The waiter succeeds, fails or gives up under other conditions.",
        message="waiter {path}: {attribute} changed",
    ),
    Rule(
        id="documentation-changed",
        severity=Severity.INFO,
        kind=Kind.DOCUMENTATION_CHANGED,
        explanation="Documentation text changed.",
        message="documentation of {path} changed",
        hidden_unless_show_docs=True,
    ),
    Rule(
        id="trait-changed",
        severity=Severity.INFO,
        kind=None,
        explanation=(
            "A trait changed (sensitive, idempotency token, location, deprecation lifted ...)."
        ),
        message="{path}: {attribute} changed from {old} to {new}",
    ),
)

RULES_BY_ID: dict[str, Rule] = {rule.id: rule for rule in RULES}


# The rules that may judge a fact of each kind on each side, in table order: judging a release
# pair can mean a hundred thousand facts, and most need one lookup and no condition.
_CANDIDATES: dict[tuple[Kind, Side | None], tuple[Rule, ...]] = {
    (kind, side): tuple(rule for rule in RULES if rule.kind in (kind, None) and side in rule.sides)
    for kind in Kind
    for side in ANYWHERE
}


def rule_for(fact: Fact) -> Rule:
    """The first rule of the table that applies to ``fact``."""
    for rule in _CANDIDATES[fact.kind, fact.side]:
        if rule.condition is None or rule.condition(fact):
            return rule
    raise AssertionError("the catch-all rule applies to every fact")  # pragma: no cover
