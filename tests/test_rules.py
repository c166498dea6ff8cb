"""The rule table, case by case: two small synthetic models in, the set of rules judged out.

One row per case, as griffe's check tests: (id, old model, new model, expected rule ids), with the
expected paths where the path is the point of the case. ``None`` for a model means the service does
not exist in that release; those cases go through ``compare_releases``, all others through
``compare_services``.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from botocontract.diff.facts import Fact, Kind
from botocontract.diff.release import ReleaseDiff, ServiceDiff, compare_releases
from botocontract.diff.service import compare_services
from botocontract.errors import UsageError
from botocontract.model.service import NEWEST_PROTOCOL_PRIORITY, Service, resolve_protocol
from botocontract.model.side import Side
from botocontract.rules.judge import Change, fingerprint, judge, judge_fact, parse_overrides
from botocontract.rules.severity import Severity
from botocontract.rules.table import ANYWHERE, RULES, RULES_BY_ID, rule_for
from botocontract.sources.archive import DirArchive
from botocontract.sources.release import Release, ReleaseInfo
from synthetic import (
    Model,
    build,
    enum,
    lst,
    m,
    mp,
    paginator,
    release,
    string,
    struct,
    svc,
    waiter,
)


def case(
    id: str,
    old: Model | None,
    new: Model | None,
    rules: set[str],
    paths: set[str] | None = None,
    *,
    docs: bool = False,
    marks: Any = (),
) -> Any:
    return pytest.param(old, new, rules, paths, docs, id=id, marks=marks)


def changes(old: Model | None, new: Model | None, *, docs: bool = False) -> list[Change]:
    if old is None or new is None:
        before = release({"svc": old} if old else {}, "old")
        after = release({"svc": new} if new else {}, "new")
        facts: tuple[Fact, ...] = tuple(
            f for found in compare_releases(before, after, jobs=1).services for f in found.facts
        )
    else:
        facts = compare_services(build(old), build(new), docs=docs)
    return [judge_fact("svc", fact, {}) for fact in facts]


# Shapes that many cases share.
SPEC = {"Spec": struct({"B": "S"})}
TAGS = {"Tags": lst("Tag"), "Tag": struct({"Value": "S"})}
MAP = {"M": mp("S", "S")}
ERR = {"Boom": struct({"message": "S"}, exception=True)}
RETRYABLE = {"Boom": struct({"message": "S"}, exception=True, retryable={"throttling": False})}
THROTTLING = {"Boom": struct({"message": "S"}, exception=True, retryable={"throttling": True})}
# Recursion: a self-referencing structure, and a 2-cycle A -> list of B -> A.
NODE = {"Node": struct({"Next": "Node", "V": "S"})}
CYCLE = {"A": struct({"Bs": "BList"}), "BList": lst("B"), "B": struct({"A": "A", "X": "S"})}
CYCLE_PLUS = {**CYCLE, "B": struct({"A": "A", "X": "S", "Y": "I"})}


def e(*values: str, **extra: Any) -> Model:
    """A request member E that is an enum."""
    return svc(req={"E": "E"}, shapes={"E": enum(*values, **extra)})


def r(*values: str, **extra: Any) -> Model:
    """A response member E that is an enum."""
    return svc(resp={"E": "E"}, shapes={"E": enum(*values, **extra)})


def c(side: str, **constraints: Any) -> Model:
    """A member A on ``side`` of a string shape C with the given constraints."""
    return svc(**{side: {"A": "C"}}, shapes={"C": string(**constraints)})


CASES = [
    # ----- services and metadata
    case(
        "service-added",
        None,
        svc(req={"A": "S"}),
        {"service-added", "operation-added"},
        {"svc", "Op"},
    ),
    case("service-removed", svc(req={"A": "S"}), None, {"service-removed"}, {"svc"}),
    case(
        "protocol-changed",
        svc(),
        svc(meta={"protocol": "rest-json"}),
        {"protocol-changed"},
        {"metadata.protocol"},
    ),
    case(
        # botocore picks json from [cbor, json] (its own preference): the client feels nothing.
        "protocol-listed-first-not-resolved",
        svc(meta={"protocols": ["json"]}),
        svc(meta={"protocol": "smithy-rpc-v2-cbor", "protocols": ["smithy-rpc-v2-cbor", "json"]}),
        {"service-metadata-changed"},
        {"metadata.protocols"},
    ),
    case(
        "protocol-resolved-changed",
        svc(meta={"protocol": "query", "protocols": ["query"]}),
        svc(
            meta={
                "protocol": "smithy-rpc-v2-cbor",
                "protocols": ["smithy-rpc-v2-cbor", "json", "query"],
            }
        ),
        {"protocol-changed", "service-metadata-changed"},
        {"metadata.protocol", "metadata.protocols"},
    ),
    case("endpoint-prefix", svc(), svc(meta={"endpointPrefix": "svc2"}), {"endpoint-changed"}),
    case("signing-name", svc(), svc(meta={"signingName": "svc2"}), {"endpoint-changed"}),
    case("target-prefix", svc(), svc(meta={"targetPrefix": "Svc2"}), {"endpoint-changed"}),
    case("json-version", svc(), svc(meta={"jsonVersion": "1.0"}), {"endpoint-changed"}),
    case(
        "full-name",
        svc(),
        svc(meta={"serviceFullName": "Renamed"}),
        {"service-metadata-changed"},
        {"metadata.serviceFullName"},
    ),
    # ----- operations
    case("operation-added", svc(), svc(ops={"Other": {}}), {"operation-added"}, {"Other"}),
    case("operation-removed", svc(ops={"Other": {}}), svc(), {"operation-removed"}, {"Other"}),
    case(
        "operation-deprecated",
        svc(),
        svc(op={"deprecated": True}),
        {"operation-deprecated"},
        {"Op"},
    ),
    case("operation-undeprecated", svc(op={"deprecated": True}), svc(), {"trait-changed"}, {"Op"}),
    case(
        "http-method",
        svc(),
        svc(op={"http": {"method": "GET", "requestUri": "/"}}),
        {"http-binding-changed"},
        {"Op"},
    ),
    case(
        "http-uri",
        svc(),
        svc(op={"http": {"method": "POST", "requestUri": "/x"}}),
        {"http-binding-changed"},
    ),
    case(
        "http-response-code",
        svc(),
        svc(op={"http": {"method": "POST", "requestUri": "/", "responseCode": 201}}),
        {"http-response-code-changed"},
        {"Op"},
    ),
    case(
        "http-response-code-default-spelled-out",
        svc(),
        svc(op={"http": {"method": "POST", "requestUri": "/", "responseCode": 200}}),
        set(),
    ),
    case(
        "error-became-retryable",
        svc(shapes=ERR, op={"errors": [{"shape": "Boom"}]}),
        svc(shapes=RETRYABLE, op={"errors": [{"shape": "Boom"}]}),
        {"error-retryable-changed"},
        {"Op.errors.Boom"},
    ),
    case(
        "error-became-throttling",
        svc(shapes=RETRYABLE, op={"errors": [{"shape": "Boom"}]}),
        svc(shapes=THROTTLING, op={"errors": [{"shape": "Boom"}]}),
        {"error-throttling-changed"},
        {"Op.errors.Boom"},
    ),
    case(
        "error-retryable-unlisted",
        svc(shapes=ERR),
        svc(shapes=RETRYABLE),
        set(),
    ),
    case(
        "error-added",
        svc(shapes=ERR),
        svc(shapes=ERR, op={"errors": [{"shape": "Boom"}]}),
        {"error-added"},
        {"Op.errors.Boom"},
    ),
    case(
        "error-removed",
        svc(shapes=ERR, op={"errors": [{"shape": "Boom"}]}),
        svc(shapes=ERR),
        {"error-removed"},
        {"Op.errors.Boom"},
    ),
    case("operation-trait", svc(), svc(op={"authtype": "none"}), {"trait-changed"}, {"Op"}),
    # ----- request members
    case(
        "request-added-optional",
        svc(req={"A": "S"}),
        svc(req={"A": "S", "B": "S"}),
        {"request-member-added-optional"},
        {"Op.request.B"},
    ),
    case(
        "request-added-required",
        svc(req={"A": "S"}),
        svc(req=struct({"A": "S", "B": "S"}, required=["B"])),
        {"request-member-added-required"},
        {"Op.request.B"},
    ),
    case(
        "request-added-nested",
        svc(req={"A": "Spec"}, shapes=SPEC),
        svc(req={"A": "Spec"}, shapes={"Spec": struct({"B": "S", "C": "I"})}),
        {"request-member-added-optional"},
        {"Op.request.A.C"},
    ),
    case(
        "request-added-in-list",
        svc(req={"Tags": "Tags"}, shapes=TAGS),
        svc(req={"Tags": "Tags"}, shapes={**TAGS, "Tag": struct({"Key": "S", "Value": "S"})}),
        {"request-member-added-optional"},
        {"Op.request.Tags[].Key"},
    ),
    case(
        "request-input-appears",
        svc(),
        svc(req=struct({"A": "S", "B": "S"}, required=["A"])),
        {"request-member-added-required", "request-member-added-optional"},
        {"Op.request.A", "Op.request.B"},
    ),
    case(
        "request-removed",
        svc(req={"A": "S", "B": "S"}),
        svc(req={"A": "S"}),
        {"request-member-removed"},
        {"Op.request.B"},
    ),
    case(
        "request-input-disappears",
        svc(req={"A": "S"}),
        svc(),
        {"request-member-removed"},
        {"Op.request.A"},
    ),
    case(
        "request-became-required",
        svc(req={"A": "S"}),
        svc(req=struct({"A": "S"}, required=["A"])),
        {"request-member-became-required"},
        {"Op.request.A"},
    ),
    case(
        "request-became-optional",
        svc(req=struct({"A": "S"}, required=["A"])),
        svc(req={"A": "S"}),
        {"request-member-became-optional"},
        {"Op.request.A"},
    ),
    case(
        "request-type-changed",
        svc(req={"A": "S"}),
        svc(req={"A": "I"}),
        {"request-type-changed"},
        {"Op.request.A"},
    ),
    case(
        "request-type-nested",
        svc(req={"A": "Spec"}, shapes=SPEC),
        svc(req={"A": "Spec"}, shapes={"Spec": struct({"B": "Bool"})}),
        {"request-type-changed"},
        {"Op.request.A.B"},
    ),
    case(
        "request-list-to-structure",
        svc(req={"Tags": "Tags"}, shapes=TAGS),
        svc(req={"Tags": "Tag"}, shapes=TAGS),
        {"request-type-changed"},
        {"Op.request.Tags"},
    ),
    case(
        "request-enum-added", e("a"), e("a", "b"), {"request-enum-value-added"}, {"Op.request.E=b"}
    ),
    case(
        "request-enum-removed",
        e("a", "b"),
        e("a"),
        {"request-enum-value-removed"},
        {"Op.request.E=b"},
    ),
    case(
        "request-map-key-enum",
        svc(req={"M": "M"}, shapes={"M": mp("K", "S"), "K": enum("a")}),
        svc(req={"M": "M"}, shapes={"M": mp("K", "S"), "K": enum("a", "b")}),
        {"request-enum-value-added"},
        {"Op.request.M{key}=b"},
    ),
    case(
        "request-min-raised",
        c("req", min=1),
        c("req", min=2),
        {"request-constraint-tightened"},
        {"Op.request.A"},
    ),
    case("request-max-lowered", c("req", max=9), c("req", max=5), {"request-constraint-tightened"}),
    case("request-max-added", c("req"), c("req", max=5), {"request-constraint-tightened"}),
    case(
        "request-pattern-changed",
        c("req", pattern="^a+$"),
        c("req", pattern="^b+$"),
        {"request-constraint-tightened"},
    ),
    case("request-became-enum", c("req"), c("req", enum=["a"]), {"request-constraint-tightened"}),
    case("request-min-lowered", c("req", min=2), c("req", min=1), {"request-constraint-loosened"}),
    case("request-max-raised", c("req", max=5), c("req", max=9), {"request-constraint-loosened"}),
    case("request-max-dropped", c("req", max=5), c("req"), {"request-constraint-loosened"}),
    case("request-enum-dropped", c("req", enum=["a"]), c("req"), {"request-constraint-loosened"}),
    case(
        "request-member-deprecated",
        svc(req={"A": "S"}),
        svc(req={"A": m("S", deprecated=True)}),
        {"request-member-deprecated"},
        {"Op.request.A"},
    ),
    case(
        "request-shape-deprecated",
        c("req"),
        c("req", deprecated=True),
        {"request-member-deprecated"},
        {"Op.request.A"},
    ),
    case(
        "deprecation-message-changed",
        svc(req={"A": m("S", deprecated=True, deprecatedMessage="use B")}),
        svc(req={"A": m("S", deprecated=True, deprecatedMessage="use C")}),
        {"deprecation-details-changed"},
        {"Op.request.A"},
    ),
    case(
        "deprecation-date-changed",
        svc(op={"deprecated": True}),
        svc(op={"deprecated": True, "deprecatedSince": "2025-01-01"}),
        {"deprecation-details-changed"},
        {"Op"},
    ),
    case(
        "deprecated-with-message",
        svc(req={"A": "S"}),
        svc(req={"A": m("S", deprecated=True, deprecatedMessage="use B")}),
        {"request-member-deprecated"},
        {"Op.request.A"},
    ),
    case(
        "request-member-undeprecated",
        svc(req={"A": m("S", deprecated=True)}),
        svc(req={"A": "S"}),
        {"trait-changed"},
        {"Op.request.A"},
    ),
    # ----- response members
    case(
        "response-added",
        svc(resp={"A": "S"}),
        svc(resp={"A": "S", "B": "S"}),
        {"response-member-added"},
        {"Op.response.B"},
    ),
    case(
        "response-added-required",
        svc(resp={"A": "S"}),
        svc(resp=struct({"A": "S", "B": "S"}, required=["B"])),
        {"response-member-added"},
    ),
    case(
        "response-output-appears",
        svc(),
        svc(resp={"A": "S"}),
        {"response-member-added"},
        {"Op.response.A"},
    ),
    case(
        "response-removed",
        svc(resp={"A": "S", "B": "S"}),
        svc(resp={"A": "S"}),
        {"response-member-removed"},
        {"Op.response.B"},
    ),
    case(
        "response-type-changed",
        svc(resp={"A": "S"}),
        svc(resp={"A": "I"}),
        {"response-type-changed"},
        {"Op.response.A"},
    ),
    case(
        "response-map-value-type",
        svc(resp={"M": "M"}, shapes=MAP),
        svc(resp={"M": "M"}, shapes={"M": mp("S", "I")}),
        {"response-type-changed"},
        {"Op.response.M{}"},
    ),
    case(
        "response-enum-added",
        r("a"),
        r("a", "b"),
        {"response-enum-value-added"},
        {"Op.response.E=b"},
    ),
    case(
        "response-enum-removed",
        r("a", "b"),
        r("a"),
        {"response-enum-value-removed"},
        {"Op.response.E=b"},
    ),
    case(
        "response-became-optional",
        svc(resp=struct({"A": "S"}, required=["A"])),
        svc(resp={"A": "S"}),
        {"response-member-became-optional"},
        {"Op.response.A"},
    ),
    case(
        "response-became-required",
        svc(resp={"A": "S"}),
        svc(resp=struct({"A": "S"}, required=["A"])),
        {"response-member-became-required"},
    ),
    case(
        "response-max-changed",
        c("resp", max=5),
        c("resp", max=9),
        {"response-constraint-changed"},
        {"Op.response.A"},
    ),
    case("response-became-enum", c("resp"), c("resp", enum=["a"]), {"response-constraint-changed"}),
    case(
        "response-member-deprecated",
        svc(resp={"A": "S"}),
        svc(resp={"A": m("S", deprecated=True)}),
        {"response-member-deprecated"},
    ),
    # ----- both sides: one shared shape, judged by the side each path is on
    case(
        "both-enum-added",
        svc(req={"E": "E"}, resp={"E": "E"}, shapes={"E": enum("a")}),
        svc(req={"E": "E"}, resp={"E": "E"}, shapes={"E": enum("a", "b")}),
        {"request-enum-value-added", "response-enum-value-added"},
        {"Op.request.E=b", "Op.response.E=b"},
    ),
    case(
        "both-min-raised",
        svc(req={"A": "C"}, resp={"A": "C"}, shapes={"C": string()}),
        svc(req={"A": "C"}, resp={"A": "C"}, shapes={"C": string(min=1)}),
        {"request-constraint-tightened", "response-constraint-changed"},
    ),
    # ----- streaming
    case(
        "blob-becomes-streaming",
        svc(resp={"Body": "Body"}, shapes={"Body": {"type": "blob"}}),
        svc(resp={"Body": "Body"}, shapes={"Body": {"type": "blob", "streaming": True}}),
        {"streaming-changed"},
        {"Op.response.Body"},
    ),
    case(
        "member-streaming-trait",
        svc(req={"Body": "Blob"}),
        svc(req={"Body": m("Blob", streaming=True)}),
        {"streaming-changed"},
        {"Op.request.Body"},
    ),
    case(
        "eventstream",
        svc(resp={"Ev": "Ev"}, shapes={"Ev": struct({"E": "S"})}),
        svc(resp={"Ev": "Ev"}, shapes={"Ev": struct({"E": "S"}, eventstream=True)}),
        {"streaming-changed"},
    ),
    # ----- paginators and waiters
    case(
        "paginator-added",
        svc(),
        svc(pag={"Op": paginator()}),
        {"paginator-added"},
        {"Op.paginator"},
    ),
    case("paginator-removed", svc(pag={"Op": paginator()}), svc(), {"paginator-removed"}),
    case(
        "paginator-changed",
        svc(pag={"Op": paginator()}),
        svc(pag={"Op": paginator("Next")}),
        {"paginator-changed"},
        {"Op.paginator"},
    ),
    case(
        "paginator-keys-added",
        svc(pag={"Op": paginator()}),
        svc(pag={"Op": paginator(non_aggregate_keys=["Total"])}),
        {"paginator-keys-added"},
        {"Op.paginator"},
    ),
    case(
        "paginator-keys-grown",
        svc(pag={"Op": paginator(non_aggregate_keys="Total")}),
        svc(pag={"Op": paginator(non_aggregate_keys=["Total", "Count"])}),
        {"paginator-keys-added"},
    ),
    case(
        "paginator-keys-removed",
        svc(pag={"Op": paginator(non_aggregate_keys=["Total", "Count"])}),
        svc(pag={"Op": paginator(non_aggregate_keys=["Total"])}),
        {"paginator-changed"},
    ),
    case(
        "paginator-name-as-list",
        svc(pag={"Op": paginator(non_aggregate_keys="Total")}),
        svc(pag={"Op": paginator(result_key=["Items"], non_aggregate_keys=["Total"])}),
        set(),
    ),
    case("waiter-added", svc(), svc(wait={"Done": waiter()}), {"waiter-added"}, {"waiter.Done"}),
    case("waiter-removed", svc(wait={"Done": waiter()}), svc(), {"waiter-removed"}),
    case(
        "waiter-changed",
        svc(wait={"Done": waiter()}),
        svc(wait={"Done": waiter(delay=30)}),
        {"waiter-changed"},
        {"waiter.Done"},
    ),
    # ----- other traits
    case(
        "shape-sensitive", c("req"), c("req", sensitive=True), {"trait-changed"}, {"Op.request.A"}
    ),
    case(
        "idempotency-token",
        svc(req={"T": "S"}),
        svc(req={"T": m("S", idempotencyToken=True)}),
        {"trait-changed"},
        {"Op.request.T"},
    ),
    case(
        "location",
        svc(req={"A": m("S", location="header", locationName="x-a")}),
        svc(req={"A": m("S", location="querystring", locationName="x-a")}),
        {"trait-changed"},
    ),
    case(
        "location-name",
        svc(req={"A": m("S", locationName="a")}),
        svc(req={"A": m("S", locationName="b")}),
        {"trait-changed"},
    ),
    case(
        "member-trait",
        svc(req={"A": "S"}),
        svc(req={"A": m("S", hostLabel=True)}),
        {"trait-changed"},
    ),
    case(
        "shape-trait",
        svc(resp={"T": "T"}, shapes={"T": {"type": "timestamp"}}),
        svc(resp={"T": "T"}, shapes={"T": {"type": "timestamp", "timestampFormat": "iso8601"}}),
        {"trait-changed"},
        {"Op.response.T"},
    ),
    # ----- documentation, reported only when asked for
    case(
        "member-docs",
        svc(req={"A": m("S", documentation="x")}),
        svc(req={"A": m("S", documentation="y")}),
        {"documentation-changed"},
        {"Op.request.A"},
        docs=True,
    ),
    case(
        "shape-docs",
        c("resp", documentation="x"),
        c("resp", documentation="y"),
        {"documentation-changed"},
        {"Op.response.A"},
        docs=True,
    ),
    case(
        "operation-docs",
        svc(op={"documentation": "x"}),
        svc(op={"documentation": "y"}),
        {"documentation-changed"},
        {"Op"},
        docs=True,
    ),
    # ----- normalization: never a change
    case("min-missing-is-zero", c("req"), c("req", min=0), set()),
    case("pattern-anchors", c("req", pattern="^abc$"), c("req", pattern="abc"), set()),
    case("pattern-one-anchor", c("req", pattern="^abc"), c("req", pattern="abc$"), set()),
    case(
        "box-added",
        svc(req={"A": "I"}, shapes={"I": {"type": "integer"}}),
        svc(req={"A": m("I", box=True)}, shapes={"I": {"type": "integer", "box": True}}),
        set(),
    ),
    case(
        "xml-noise",
        svc(req={"L": "L"}, shapes={"L": lst("S")}),
        svc(req={"L": m("L", xmlNamespace={"uri": "u"})}, shapes={"L": lst("S", flattened=True)}),
        set(),
    ),
    case(
        "member-docs-hidden",
        svc(req={"A": m("S", documentation="x")}),
        svc(req={"A": m("S", documentation="y")}),
        set(),
    ),
    case("shape-docs-hidden", c("req", documentation="x"), c("req", documentation="y"), set()),
    case(
        "operation-docs-hidden",
        svc(op={"documentation": "x"}),
        svc(op={"documentation": "y"}),
        set(),
    ),
    case(
        "member-order",
        svc(req=struct({"A": "S", "B": "I"}, required=["A", "B"])),
        svc(req=struct({"B": "I", "A": "S"}, required=["B", "A"])),
        set(),
    ),
    case("enum-order", e("a", "b", "c"), e("c", "a", "b"), set()),
    case(
        "shape-renamed",
        svc(req={"A": "Spec"}, shapes=SPEC),
        svc(req={"A": "Spec2"}, shapes={"Spec2": struct({"B": "S"})}),
        set(),
    ),
    case("input-renamed", svc(req={"A": "S"}), svc(req={"A": "S"}, req_name="OpInput"), set()),
    case(
        "identical",
        svc(req={"A": "S"}, resp={"B": "I"}),
        svc(req={"A": "S"}, resp={"B": "I"}),
        set(),
    ),
    # ----- recursive shapes terminate, and report what changed once
    case(
        "self-reference-added",
        svc(req={"N": "Node"}, shapes=NODE),
        svc(req={"N": "Node"}, shapes={"Node": struct({"Next": "Node", "V": "S", "W": "I"})}),
        {"request-member-added-optional"},
        {"Op.request.N.W"},
    ),
    case(
        "self-reference-unchanged",
        svc(req={"N": "Node"}, shapes=NODE),
        svc(req={"N": "Node"}, shapes=NODE),
        set(),
    ),
    case(
        "two-cycle-added-deep",
        svc(resp={"Root": "A"}, shapes=CYCLE),
        svc(resp={"Root": "A"}, shapes=CYCLE_PLUS),
        {"response-member-added"},
        {"Op.response.Root.Bs[].Y"},
    ),
    case(
        "two-cycle-unchanged",
        svc(resp={"Root": "A"}, shapes=CYCLE),
        svc(resp={"Root": "A"}, shapes=CYCLE),
        set(),
    ),
    case(
        "two-cycle-renamed",
        svc(resp={"Root": "A"}, shapes=CYCLE),
        svc(
            resp={"Root": "A2"},
            shapes={
                "A2": struct({"Bs": "BList2"}),
                "BList2": lst("B2"),
                "B2": struct({"A": "A2", "X": "S"}),
            },
        ),
        set(),
    ),
]


@pytest.mark.parametrize(("old", "new", "rules", "paths", "docs"), CASES)
def test_rule(
    old: Model | None, new: Model | None, rules: set[str], paths: set[str] | None, docs: bool
) -> None:
    found = changes(old, new, docs=docs)
    assert {change.rule for change in found} == rules
    if paths is not None:
        assert {change.path for change in found} == paths
    for change in found:
        assert change.severity == RULES_BY_ID[change.rule].severity
        assert change.service == "svc"
        assert change.message


@pytest.mark.parametrize("entries", [("RootA", "RootB"), ("RootB", "RootA")])
def test_a_change_inside_a_cycle_is_found_from_every_entry(entries: tuple[str, str]) -> None:
    """A member added to B of the cycle A -> Bs[] -> B -> A is reported under both entries, in
    either member order, and at no path that runs round the cycle: a result cut short at an
    enclosing pair is never reused elsewhere, nor a kept one where it would lead round."""
    roots = {name: name[-1] for name in entries}
    found = changes(svc(resp=roots, shapes=CYCLE), svc(resp=roots, shapes=CYCLE_PLUS))
    assert {change.rule for change in found} == {"response-member-added"}
    paths = {change.path for change in found}
    assert paths == {"Op.response.RootA.Bs[].Y", "Op.response.RootB.Y"}


def test_every_rule_has_a_case() -> None:
    covered: set[str] = set()
    for param in CASES:
        if not param.marks:
            covered |= param.values[2]
    assert covered == set(RULES_BY_ID)
    assert len(RULES_BY_ID) == len(RULES), "duplicate rule id"


_TREE_ONLY = "found only inside a request or response tree, never on an operation as a whole"
# (kind, side) pairs no specific rule claims, each with the reason it needs none (oasdiff keeps
# such a map beside its rules): a new kind or side must be claimed or listed here.
WAIVERS: dict[tuple[Kind, Side | None], str] = {
    **{
        (kind, None): _TREE_ONLY
        for kind in (
            Kind.MEMBER_ADDED,
            Kind.MEMBER_REMOVED,
            Kind.REQUIRED_CHANGED,
            Kind.TYPE_CHANGED,
            Kind.ENUM_VALUE_ADDED,
            Kind.ENUM_VALUE_REMOVED,
            Kind.CONSTRAINT_CHANGED,
        )
    },
    **{
        (Kind.TRAIT_CHANGED, side): "every trait falls to the catch-all trait-changed, on purpose"
        for side in ANYWHERE
    },
}


def _claimed(kind: Kind, side: Side | None) -> bool:
    return any(rule.kind is kind and side in rule.sides for rule in RULES)


@pytest.mark.parametrize("side", sorted(ANYWHERE, key=str), ids=str)
@pytest.mark.parametrize("kind", list(Kind), ids=lambda kind: kind.name)
def test_every_kind_on_every_side_is_claimed_or_waived(kind: Kind, side: Side | None) -> None:
    waiver = WAIVERS.get((kind, side))
    assert _claimed(kind, side) != bool(waiver), (
        f"({kind.name}, {side}) is claimed by a rule and waived"
        if waiver
        else f"({kind.name}, {side}) is neither claimed by a rule nor waived with a reason"
    )
    if waiver:
        fact = Fact(kind, "Op.request.A" if side else "Op", "Op", side)
        assert rule_for(fact).kind is None, "a waived pair falls to the catch-all"


def test_only_the_catch_all_judges_any_kind() -> None:
    assert [rule.id for rule in RULES if rule.kind is None] == ["trait-changed"]
    assert RULES[-1].kind is None, "the catch-all comes last, or it would shadow the rules after it"


def test_case_ids_are_unique() -> None:
    ids = [param.id for param in CASES]
    assert len(ids) == len(set(ids))


def test_one_fact_per_change_in_request_and_response() -> None:
    old = svc(req={"E": "E"}, resp={"E": "E"}, shapes={"E": enum("a")})
    new = svc(req={"E": "E"}, resp={"E": "E"}, shapes={"E": enum("a", "b")})
    found = {c.side: c for c in changes(old, new)}
    assert found["request"].severity == "info"
    assert found["response"].severity == "warning"
    assert found["request"].operation == found["response"].operation == "Op"
    assert (found["request"].old, found["request"].new) == (None, "b")


def test_recursion_reports_each_change_once() -> None:
    old = svc(req={"N": "Node"}, resp={"N": "Node"}, shapes=NODE)
    new = svc(
        req={"N": "Node"}, resp={"N": "Node"}, shapes={"Node": struct({"Next": "Node", "V": "I"})}
    )
    found = changes(old, new)
    assert [(c.rule, c.path) for c in found] == [
        ("request-type-changed", "Op.request.N.V"),
        ("response-type-changed", "Op.response.N.V"),
    ]


def test_member_added_carries_requiredness() -> None:
    new = svc(req=struct({"A": "S", "Spec": "Spec"}, required=["Spec"]), shapes=SPEC)
    (change,) = changes(svc(req={"A": "S"}, shapes=SPEC), new)
    assert change.rule == "request-member-added-required"
    assert change.fact.required is True
    assert change.new == "structure"


def test_constraint_values() -> None:
    (change,) = changes(c("req", min=1, max=9), c("req", min=1, max=5))
    assert (change.fact.attribute, change.old, change.new) == ("max", 9, 5)
    (change,) = changes(c("req", pattern="^a$"), c("req", pattern="^b$"))
    assert (change.fact.attribute, change.old, change.new) == ("pattern", "a", "b")


def test_docs_flag_is_what_hides_documentation() -> None:
    old, new = svc(req={"A": m("S", documentation="x")}), svc(req={"A": m("S", documentation="y")})
    assert changes(old, new) == []
    assert [c.rule for c in changes(old, new, docs=True)] == ["documentation-changed"]


def test_a_shape_that_changed_only_its_documentation_still_leads_to_changes_below() -> None:
    def model(doc: str, item: str) -> Model:
        spec = struct({"Items": m("List", documentation=doc)}, documentation=doc)
        return svc(req={"Spec": "Spec"}, shapes={"Spec": spec, "List": lst(item)})

    old, new = model("x", "S"), model("y", "I")
    assert [(c.rule, c.path) for c in changes(old, new)] == [
        ("request-type-changed", "Op.request.Spec.Items[]")
    ]
    assert [(c.rule, c.path) for c in changes(old, new, docs=True)] == [
        ("documentation-changed", "Op.request.Spec"),
        ("documentation-changed", "Op.request.Spec.Items"),
        ("request-type-changed", "Op.request.Spec.Items[]"),
    ]


def test_judge_hides_what_the_table_marks_hidden_unless_show_docs() -> None:
    old, new = svc(req={"A": m("S", documentation="x")}), svc(req={"A": m("S", documentation="y")})
    facts = compare_services(build(old), build(new), docs=True)
    info = ReleaseInfo(spec="memory", botocore=None, date=None)
    judged = (ServiceDiff("svc", "v", "changed", "Svc", facts),)
    found = ReleaseDiff(old=info, new=info, services_compared=1, services=judged)
    assert [c.rule for c in judge(found, show_docs=True).changes()] == ["documentation-changed"]
    assert list(judge(found, show_docs=False).changes()) == []
    hidden = [rule.id for rule in RULES if rule.hidden_unless_show_docs]
    assert hidden == ["documentation-changed"]


# ----- severities, overrides and fingerprints


def _removed_member() -> Fact:
    (change,) = changes(svc(req={"A": "S", "B": "S"}), svc(req={"A": "S"}))
    return change.fact


def test_severity_override() -> None:
    fact = _removed_member()
    assert judge_fact("svc", fact, {}).severity == "breaking"
    overridden = judge_fact("svc", fact, {"request-member-removed": "warning"})
    assert overridden.rule == "request-member-removed"
    assert overridden.severity == "warning"
    assert judge_fact("svc", fact, {"response-member-removed": "info"}).severity == "breaking"


def test_override_does_not_change_fingerprint() -> None:
    fact = _removed_member()
    assert (
        judge_fact("svc", fact, {}).fingerprint
        == judge_fact("svc", fact, {"request-member-removed": "info"}).fingerprint
    )


def test_fingerprint_is_stable() -> None:
    first = judge_fact("svc", _removed_member(), {}).fingerprint
    second = judge_fact("svc", _removed_member(), {}).fingerprint
    assert re.fullmatch(r"[0-9a-f]{12}", first)
    assert first == second
    assert first == fingerprint("request-member-removed", "svc", "Op.request.B", "string", None)


def test_fingerprint_differs_by_path_service_and_values() -> None:
    fact = _removed_member()
    base = judge_fact("svc", fact, {}).fingerprint
    assert judge_fact("svc", fact._replace(path="Op.request.C"), {}).fingerprint != base
    assert judge_fact("other", fact, {}).fingerprint != base
    assert judge_fact("svc", fact._replace(old="integer"), {}).fingerprint != base


def test_fingerprint_of_collections() -> None:
    fact = Fact(
        Kind.CONSTRAINT_CHANGED,
        "Op.request.A",
        "Op",
        "request",
        attribute="enum",
        old=None,
        new=["a", "b"],
    )
    assert (
        judge_fact("svc", fact, {}).fingerprint
        == judge_fact("svc", fact._replace(new=("a", "b")), {}).fingerprint
    )


# ----- parse_overrides


def test_parse_overrides() -> None:
    assert parse_overrides([]) == {}
    (level,) = parse_overrides(["error-added=warning"]).values()
    assert level is Severity.WARNING
    assert parse_overrides(["request-member-removed=warning", "error-added=info"]) == {
        "request-member-removed": "warning",
        "error-added": "info",
    }


@pytest.mark.parametrize(
    ("pair", "message"),
    [
        ("request-member-remove=warning", "unknown rule 'request-member-remove'"),
        ("no-such-rule=info", "unknown rule"),
        ("request-member-removed=fatal", "unknown level 'fatal'"),
        ("request-member-removed=", "unknown level"),
        ("request-member-removed", "expects RULE=LEVEL"),
        ("", "expects RULE=LEVEL"),
    ],
)
def test_parse_overrides_rejects(pair: str, message: str) -> None:
    with pytest.raises(UsageError, match=re.escape(message)):
        parse_overrides([pair])


def test_parse_overrides_suggests() -> None:
    with pytest.raises(UsageError, match="did you mean request-member-removed"):
        parse_overrides(["request-member-remove=warning"])


@pytest.mark.parametrize(
    ("old_metadata", "new_metadata", "rules"),
    [
        ({"endpointPrefix": "acm"}, {"endpointPrefix": "acm", "signingName": "acm"}, set()),
        (
            {"endpointPrefix": "acm"},
            {"endpointPrefix": "acm", "signingName": "other"},
            {"endpoint-changed"},
        ),
        ({"protocol": "rest-json", "jsonVersion": "1.1"}, {"protocol": "rest-json"}, set()),
        (
            {"protocol": "json", "jsonVersion": "1.0"},
            {"protocol": "json", "jsonVersion": "1.1"},
            {"endpoint-changed"},
        ),
        (
            {"protocol": "json", "jsonVersion": "1.0"},
            {"protocol": "smithy-rpc-v2-cbor"},
            {"protocol-changed"},
        ),
    ],
)
def test_metadata_is_compared_as_a_client_acts_on_it(
    old_metadata: dict[str, str], new_metadata: dict[str, str], rules: set[str]
) -> None:
    def model(metadata: dict[str, str]) -> Service:
        return Service(
            "svc", "v", {"metadata": metadata, "operations": {}, "shapes": {}}, source="test"
        )

    found = compare_services(model(old_metadata), model(new_metadata))
    assert {judge_fact("svc", fact, {}).rule for fact in found} == rules


OLD_PRIORITY = ("smithy-rpc-v2-cbor", "json", "rest-json", "rest-xml", "query", "ec2")  # 1.37.20


@pytest.mark.parametrize(
    ("metadata", "priority", "resolved"),
    [
        (
            {"protocol": "smithy-rpc-v2-cbor", "protocols": ["smithy-rpc-v2-cbor", "json"]},
            NEWEST_PROTOCOL_PRIORITY,
            "json",
        ),
        (
            {"protocol": "smithy-rpc-v2-cbor", "protocols": ["smithy-rpc-v2-cbor", "json"]},
            OLD_PRIORITY,
            "smithy-rpc-v2-cbor",
        ),
        (
            {"protocol": "smithy-rpc-v2-cbor", "protocols": ["smithy-rpc-v2-cbor", "json"]},
            (),
            "smithy-rpc-v2-cbor",
        ),
        ({"protocol": "query"}, NEWEST_PROTOCOL_PRIORITY, "query"),
        (
            {"protocol": "json", "protocols": ["carrier-pigeon"]},
            NEWEST_PROTOCOL_PRIORITY,
            "unsupported: carrier-pigeon",
        ),
        ({}, NEWEST_PROTOCOL_PRIORITY, None),
    ],
)
def test_protocol_is_the_one_botocore_resolves(
    metadata: dict[str, Any], priority: tuple[str, ...], resolved: str | None
) -> None:
    assert resolve_protocol(metadata, priority) == resolved


def _data_tree(root: Path, model: Model, utils: str | None) -> Release:
    package = root / "botocore"
    folder = package / "data" / "svc" / "2020-01-01"
    folder.mkdir(parents=True)
    (folder / "service-2.json").write_text(json.dumps(model.raw))
    if utils is not None:
        (package / "utils.py").write_text(utils)
    return Release("tree", DirArchive(package / "data"))


@pytest.mark.parametrize(
    ("utils", "priority"),
    [
        (f"import re\n\nPRIORITY_ORDERED_SUPPORTED_PROTOCOLS = {OLD_PRIORITY!r}\n", OLD_PRIORITY),
        ("import re\n", ()),  # a botocore from before metadata.protocols
        (None, NEWEST_PROTOCOL_PRIORITY),  # a data tree without its botocore
    ],
)
def test_protocol_priority_is_read_from_the_release(
    tmp_path: Path, utils: str | None, priority: tuple[str, ...]
) -> None:
    found = _data_tree(tmp_path, svc(), utils)
    assert found.protocol_priority == priority
    assert found.load_service("svc").protocol_priority == priority


def test_protocol_changed_names_what_each_release_resolves(tmp_path: Path) -> None:
    """A model that lists cbor first is spoken cbor by a botocore that prefers it (1.37.20) and
    json by one that prefers json (1.44.8): that is a change a client feels."""
    listed = {"protocol": "smithy-rpc-v2-cbor", "protocols": ["smithy-rpc-v2-cbor", "json"]}
    old = _data_tree(
        tmp_path / "old",
        svc(meta=listed),
        f"PRIORITY_ORDERED_SUPPORTED_PROTOCOLS = {OLD_PRIORITY!r}\n",
    )
    new = _data_tree(tmp_path / "new", svc(meta=listed), None)
    facts = compare_services(old.load_service("svc"), new.load_service("svc"))
    found = [judge_fact("svc", fact, {}) for fact in facts]
    assert [(c.rule, c.old, c.new) for c in found] == [
        ("protocol-changed", "smithy-rpc-v2-cbor", "json")
    ]


def test_a_deprecation_is_reported_once_with_what_the_model_says() -> None:
    """Member and target shape both deprecated: one change (one fingerprint), carrying the
    deprecation's date and message."""
    old = svc(req={"A": "C"}, resp={"A": "C"}, shapes={"C": string()})
    note = {"deprecatedSince": "2025-01-01", "deprecatedMessage": "use B"}
    new = svc(
        req={"A": m("C", deprecated=True, **note)},
        resp={"A": m("C", deprecated=True, **note)},
        shapes={"C": string(deprecated=True, **note)},
    )
    diff = compare_releases(release({"svc": old}, "old"), release({"svc": new}, "new"), jobs=1)
    (service,) = judge(diff).services
    assert [(c.rule, c.path) for c in service.changes] == [
        ("request-member-deprecated", "Op.request.A"),
        ("response-member-deprecated", "Op.response.A"),
    ]
    assert all(c.message.endswith("(since 2025-01-01: use B)") for c in service.changes)
    assert len({c.fingerprint for c in service.changes}) == 2
