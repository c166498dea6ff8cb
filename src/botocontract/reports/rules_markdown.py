"""The rule table as a Markdown page: ``docs/rules.md`` is this output, and a test keeps it so.

The prose around the table explains how to read it and how to change what it decides
(``--severity``, ignore files); the rows come from the table itself, so the page never lags a rule.
"""

from __future__ import annotations

from ..rules.table import SEVERITY_MEANINGS, Rule
from .diff_markdown import escape
from .rules_json import rule_data

REGENERATE = "botocontract rules --format markdown > docs/rules.md"

_INTRO = f"""\
# The rule table

<!-- Generated from src/botocontract/rules/table.py: do not edit by hand.
     Regenerate with: {REGENERATE} -->

`botocontract diff`, `gate` and `changelog` compare two botocore releases and judge every change
they find with one rule of this table. The change then carries the rule's id (stable: an id is
never renamed, only retired), the rule's severity, a one-line message and a fingerprint (see
[Accepting reviewed changes](#accepting-reviewed-changes-ignore-files)). `botocontract rules` prints
this table (`--format text`, `json` or `markdown`); the command line is described in
[cli.md](cli.md).

## Severities

"""

_READING = """\
`diff --fail-on LEVEL` exits 1 when a change at or above `LEVEL` is found (default `breaking`;
`never` never fails). `gate --fail-on LEVEL` fails the gate when a change at or above `LEVEL`
breaks what a contract clause asserts (with `--strict`: any change at or above `LEVEL` in the
services the contracts name); see [cli.md](cli.md#gate) for what each clause depends on. Every
other change is reported and fails nothing.

## How a change finds its rule

The diff reduces two releases to *facts*: each has a kind (`member added`, `enum value removed`,
...) and a side: `request` or `response` inside an operation's request or response tree, or none
for facts about the service, an operation itself, its errors, paginators and waiters. The rules are
tried in the order below, and the first one whose kind and side match judges the fact; side `any`
matches every side, `-` only facts outside the trees. Some rules also look at the fact itself:

- `request-member-added-required` takes new request members that are required, the next rule the
  other new ones;
- `protocol-changed` takes a change of the protocol the client speaks: the one each release's
  botocore resolves from `metadata.protocols` by its own order of preference (read from that
  release's source; 1.37.20 preferred `smithy-rpc-v2-cbor`, 1.44.8 prefers `json`), else
  `metadata.protocol`. A model that only lists another protocol first is a change of
  `metadata.protocols`, judged by `service-metadata-changed`;
- `endpoint-changed` takes a changed `endpointPrefix`, `signingName`, `targetPrefix` or
  `jsonVersion`, `service-metadata-changed` any other metadata;
- `http-response-code-changed` takes a changed `http.responseCode` (a missing one is 200),
  `http-binding-changed` a changed method or URI;
- `error-retryable-changed` takes an error shape the operation lists that gains or loses the
  `retryable` trait, `error-throttling-changed` one whose `retryable.throttling` flips;
- `deprecation-details-changed` takes a changed `deprecatedMessage` or `deprecatedSince` on a
  member, shape or operation whose deprecation itself stays; where the deprecation comes, its
  message and date are shown in the deprecation's own change;
- `...-became-required`, `...-became-optional` and `...-deprecated` take the change in that
  direction; a deprecation that is lifted falls through to `trait-changed`;
- `paginator-keys-added` takes `non_aggregate_keys` that kept every name and gained some (only
  `build_full_result()` sees them), `paginator-changed` any other change of a paginator's tokens,
  limit key or keys. A single name and a one-element list are the same: botocore wraps it;
- `request-constraint-tightened` takes a raised `min`, a lowered or new `max`, a new or changed
  `pattern` (it may reject what the old one took) and an enum on a string that had none;
  `request-constraint-loosened` the rest.

The last rule, `trait-changed`, judges every fact no earlier rule took. A change is reported
once: where two facts give the same fingerprint (a member and its target shape that both become
deprecated), the second is dropped.

## Rules

| id | severity | side | kind | explanation |
|---|---|---|---|---|
"""

_AFTER = """
## Paths

A change's path says where it is: `CreateApp.request.ResourceSpec.InstanceType` (members joined
with `.` below `Operation.request` or `Operation.response`), list elements as `Tags[].Key`, map
values as `Attributes{}` and map keys as `Attributes{key}`, an enum value as
`...InstanceType=ml.g6e.xlarge`; outside the trees `CreateApp` (the operation),
`CreateApp.errors.ResourceInUse`, `ListApps.paginator`, `waiter.EndpointInService` and
`metadata.protocol`.

## What is never a change

Before comparing, both models are normalized, so that noise is never reported:

- a missing `min` equals `min: 0`;
- patterns that differ only by a leading `^` or a trailing `$` are the same pattern;
- `box`, `xmlNamespace`, `flattened`, `wrapper`, the order of members and the order of enum values
  are never changes;
- shape names play no part: a renamed shape with the same tree is no change, and a recursive shape
  is compared once (its cycles end);
- documentation is compared only with `--show-docs` (then judged `documentation-changed`).

## Overriding a severity

`diff` and `gate` take `--severity RULE=LEVEL` (repeatable), for example
`--severity response-enum-value-added=info` for a team whose code copes with unknown response
values. The change keeps its rule and fingerprint; only its severity, and so what fails, changes.
An unknown rule or level is refused with one line on stderr and exit 2.

## Accepting reviewed changes: ignore files

`diff --ignore FILE` and `gate --ignore FILE` take a YAML file of changes you have looked at and
accepted, each with the reason why:

```yaml
botocontract-ignore: 1
ignore:
  - fingerprint: 9d5d919f726b          # exactly this change
    reason: we never paginate Search
  - rule: request-enum-value-removed   # this rule at this path
    path: CreateApp.request.ResourceSpec.InstanceType=ml.p3.2xlarge
    service: sagemaker                 # optional: any service when left out
    reason: retired instance type
  - rule: request-enum-value-removed   # a glob: every value of this enum
    path: CreateApp.request.ResourceSpec.InstanceType=*
    reason: we pin the instance types we launch with enum_contains
```

Each entry needs a non-empty `reason` and either a `fingerprint` or a `rule` and a `path` (not
both). A `path` may be a glob over the [path syntax](#paths): `*` is any run of characters inside
one step (a member name or a map key: `CreateApp.request.*`) or inside an enum value, which may
hold dots (`...InstanceType=ml.p3.*`); `.**` is any number of steps below, list, map and value
steps included (`CreateApp.request.**` is everything in that request, `CreateApp.request` too);
`**` elsewhere is any run of characters (`**.InstanceType=*`). Nothing else is special: `[]` and
`{}` are the list and map steps. The rule is matched exactly. A fingerprint is 12 hex digits, a
hash of the rule id, service, path, old and new value, so it names exactly one change and stays the
same across runs; the JSON reports (`diff`, `gate`, `changelog --format json`) show each change's
`fingerprint`. An accepted change is left out of the counts and fails nothing; the `text`,
`markdown` and `github` reports of `diff` and of `gate` say how many were accepted, and the JSON of
`diff` (and of `gate`, under `diff`) lists them under `ignored` with their reasons. A file that
breaks these rules, or names a rule this table does not have, is refused with `file:line` and
exit 2.

An entry that accepts no change of a `gate` is *stale*: the gate prints a warning naming its
`file:line` (and lists it under `stale_ignores` in JSON), and with `--strict-ignore` refuses the
ignore file after its report: that line on stderr and exit 2, as for any broken input (the report
still shows the verdict). The gate compares only the services its contracts name, so an entry
whose `service` is another one is never stale there.
"""


def _row(rule: Rule) -> str:
    data = rule_data(rule)
    side = data["side"] or "-"
    return (
        f"| `{rule.id}` | {rule.severity} | {side} | {data['kind']} | {escape(rule.explanation)} |"
    )


def render(rules: tuple[Rule, ...]) -> str:
    severities = "\n".join(
        f"- **{level}**: {meaning}" for level, meaning in SEVERITY_MEANINGS.items()
    )
    rows = "\n".join(_row(rule) for rule in rules)
    return f"{_INTRO}{severities}\n\n{_READING}{rows}\n{_AFTER}"
