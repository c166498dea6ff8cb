"""Every command's report as GitHub-flavoured Markdown, one function per command: for a job's step
summary, a pull request comment, or (``rules``) the page docs/rules.md.

Everything taken from a model, a contract or a release is escaped with :func:`escape`, so that it
can neither break a table row nor inject HTML; long services fold into ``<details>`` blocks.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from ..rules.severity import GRAVEST_FIRST, Severity
from ..rules.table import SEVERITY_MEANINGS
from .common import (
    DEFAULT_LAYOUT,
    Group,
    Layout,
    counts_text,
    delta_layout,
    folded,
    group_changes,
    group_counts,
    pformat,
    plural,
    rule_data,
    service_order,
    severity_order,
)

if TYPE_CHECKING:
    from ..changelog.build import Changelog
    from ..contracts import ClauseResult
    from ..contracts.run import CheckReport
    from ..gate import GateReport
    from ..history.ranges import History
    from ..release_info import ReleaseInfo
    from ..rules.judge import Change, JudgedService, Verdict
    from ..rules.table import Rule
    from ..scan.findings import Finding

# A service with more rows than this is folded into a <details> block.
DETAILS_THRESHOLD = 50
DETAIL_LINES = 20  # differences shown under a failing clause; the rest are counted
PASSES = "✅ passes"
FAILS = "❌ fails"

_BACKSLASHED = "\\`*_[]|~"  # the backslash first: it escapes the others
_ENTITIES = (("&", "&amp;"), ("<", "&lt;"), (">", "&gt;"))


def escape(text: str) -> str:
    """Model text made inert inside a Markdown table cell: no cell breaks, no HTML, no emphasis,
    no code spans; line breaks become ``<br>``."""
    for char in _BACKSLASHED:
        text = text.replace(char, "\\" + char)
    for char, entity in _ENTITIES:
        text = text.replace(char, entity)
    return "<br>".join(text.replace("\r\n", "\n").replace("\r", "\n").split("\n"))


def _severity(level: str) -> str:
    return f"**{level}**" if level == "breaking" else level


# --------------------------------------------------------------------------- diff


def _release(info: ReleaseInfo) -> str:
    label = info.botocore or info.spec
    return f"{label} ({info.date.isoformat()})" if info.date else label


def _releases(verdict: Verdict) -> str:
    prefix = "botocore " if verdict.old.botocore and verdict.new.botocore else ""
    return f"{prefix}{escape(_release(verdict.old))} -> {escape(_release(verdict.new))}"


def _change_rows(changes: Sequence[Change]) -> list[str]:
    """The table of one service's changes, most severe first, as diff and changelog show it."""
    rows = ["| severity | rule | path | change |", "|---|---|---|---|"]
    for change in sorted(changes, key=severity_order):
        rows.append(
            f"| {_severity(change.severity)} | `{change.rule}` | {escape(change.path)} "
            f"| {escape(change.message)} |"
        )
    return rows


def _service_heading(judged: JudgedService) -> str:
    heading = f"### {escape(judged.service)}"
    if judged.full_name and judged.full_name != judged.service:
        heading += f" - {escape(judged.full_name)}"
    if judged.status in ("added", "removed"):
        heading += f" ({judged.status})"
    return heading


def _service(judged: JudgedService) -> list[str]:
    """A service's changes, one row per path, folded into ``<details>`` when long."""
    heading = _service_heading(judged)
    rows = _change_rows(judged.changes)
    if len(judged.changes) <= DETAILS_THRESHOLD:
        return [heading, "", *rows, ""]
    summary = f"{plural(len(judged.changes), 'change')}: {counts_text(judged.changes)}"
    return [heading, "", f"<details><summary>{summary}</summary>", "", *rows, "", "</details>", ""]


_GROUP_HEADER = ["| severity | rule | change | reach |", "|---|---|---|---|"]


def _group_rows(runs: Sequence[Sequence[Group]]) -> list[str]:
    rows = []
    for run in runs:
        first = run[0].first
        if len(run) == 1:
            text, reach = escape(run[0].message()), escape(run[0].reach() or "1 path")
        else:
            paths = sum(group.count for group in run)
            text = f"… and {plural(len(run), 'more change')} of this rule"
            reach = f"{plural(paths, 'path')} (`--expand`)"
        rows.append(f"| {_severity(first.severity)} | `{first.rule}` | {text} | {reach} |")
    return rows


def _grouped_service(judged: JudgedService, groups: Sequence[Group]) -> tuple[str, str]:
    """A service's changes where they happen: (what must be shown: its breaking changes, what
    may be cut: the rest, folded)."""
    runs = folded(groups)
    breaking = [run for run in runs if run[0].first.severity is Severity.BREAKING]
    rest = [run for run in runs if run[0].first.severity is not Severity.BREAKING]
    must = [_service_heading(judged), ""]
    if breaking:
        must += [*_GROUP_HEADER, *_group_rows(breaking), ""]
    may: list[str] = []
    if rest:
        paths = plural(sum(group.count for run in rest for group in run), "path")
        changes = plural(sum(len(run) for run in rest), "other change" if breaking else "change")
        may = [f"<details><summary>{changes}, {paths}</summary>", ""]
        may += [*_GROUP_HEADER, *_group_rows(rest), "", "</details>", ""]
    return "\n".join(must) + "\n", "\n".join(may) + "\n" if may else ""


def _count_table(grouped: Sequence[tuple[JudgedService, Sequence[Group]]]) -> list[str]:
    """Changes (each said once, where it happened) per service and level, and the paths they
    reach."""
    levels = " | ".join(level.value for level in GRAVEST_FIRST)
    rows = [f"| service | {levels} | paths |", "|---|" + "---:|" * (len(GRAVEST_FIRST) + 1)]
    for judged, groups in grouped:
        counts = " | ".join(str(n) for n in group_counts(groups).values())
        rows.append(f"| {escape(judged.service)} | {counts} | {len(judged.changes)} |")
    return [*rows, ""]


def fit(parts: Sequence[tuple[str, bool]], max_bytes: int | None, cut_note: str) -> str:
    """The parts in order: every required one, and each other one that still fits (whole or not
    at all) in ``max_bytes`` beside the rest. What was left out is said after the first part."""
    if max_bytes is None:
        return "".join(text for text, _ in parts)
    used = sum(len(text.encode()) for text, required in parts if required)
    used += len(cut_note.encode()) + 200  # the sentence that counts what was cut
    kept: list[str] = []
    left = 0
    for text, required in parts:
        size = 0 if required else len(text.encode())
        if required or used + size <= max_bytes:
            kept.append(text)
            used += size
        elif text:
            left += 1
    if left and kept:
        kept.insert(
            1,
            f"> **Cut to fit {max_bytes:,} bytes:** {plural(left, 'folded section')} left out. "
            f"{cut_note}\n\n",
        )
    return "".join(kept)


def diff(verdict: Verdict, layout: Layout = DEFAULT_LAYOUT) -> str:
    """A title with both releases, one summary line, the table of counts per service, then per
    service its changes where they happen, breaking first; the rest folded, and cut where
    ``layout.max_bytes`` says (breaking changes never are). ``layout.expand``: one row per path,
    as :func:`diff_by_path`."""
    if layout.expand or not verdict.services:
        return diff_by_path(verdict)
    grouped = [
        (judged, group_changes(judged.changes))
        for judged in sorted(verdict.services, key=lambda s: s.service)
    ]
    parts = [("\n".join([*_diff_head(verdict), *_count_table(grouped)]) + "\n", True)]
    for judged, groups in grouped:
        required, optional = _grouped_service(judged, groups)
        parts += [(required, True), (optional, False)]
    note = (
        "Every change at every path: `botocontract diff "
        f"{escape(verdict.old.spec)} {escape(verdict.new.spec)} --format json` "
        "(or `--expand`)."
    )
    return fit(parts, layout.max_bytes, note).rstrip("\n") + "\n"


def _diff_head(verdict: Verdict) -> list[str]:
    ignored = len(verdict.ignored)
    ignored_note = f" ({plural(ignored, 'accepted change')} not shown)" if ignored else ""
    services = plural(verdict.services_compared, "service")
    parts = [
        f"**{count} {level}**" if level == "breaking" and count else f"{count} {level}"
        for level, count in verdict.counts().items()
    ]
    return [
        f"## botocontract diff: {_releases(verdict)}",
        "",
        f"{', '.join(parts)} in {len(verdict.services)} of {services} compared{ignored_note}.",
        "",
    ]


def diff_by_path(verdict: Verdict) -> str:
    """A title with both releases, one summary line, then per service a heading and a table of
    its changes at each path, breaking first."""
    ignored = len(verdict.ignored)
    ignored_note = f" ({plural(ignored, 'accepted change')} not shown)" if ignored else ""
    services = plural(verdict.services_compared, "service")
    if not verdict.services:
        return f"No changes were found across {services} ({_releases(verdict)}){ignored_note}.\n"
    lines = _diff_head(verdict)
    for judged in sorted(verdict.services, key=lambda s: s.service):
        lines.extend(_service(judged))
    return "\n".join(lines).rstrip("\n") + "\n"


# --------------------------------------------------------------------------- check


def outcome(passed: bool) -> str:
    return PASSES if passed else FAILS


def _where(result: ClauseResult) -> str:
    return f"{result.clause.file}:{result.line}"


def _clause_text(result: ClauseResult) -> str:
    lines = [result.message]
    if not result.passed:  # the differences the message does not already say
        details = [d for d in result.details if d not in result.message]
        lines += details[:DETAIL_LINES]
        if len(details) > DETAIL_LINES:
            lines.append(f"... {len(details) - DETAIL_LINES} more")
    return escape("\n".join(lines))


def clause_table(results: Sequence[ClauseResult]) -> list[str]:
    """Status, clause id, ``file:line`` and the message, with the differences of a failing
    clause under it."""
    rows = ["| status | clause | where | message |", "|---|---|---|---|"]
    for result in results:
        status = "✅ pass" if result.passed else "❌ **fail**"
        rows.append(
            f"| {status} | {escape(result.clause.id)} | {escape(_where(result))} "
            f"| {_clause_text(result)} |"
        )
    return rows


def _listed(heading: str, items: Sequence[object]) -> list[str]:
    if not items:
        return []
    return [heading, "", *(f"- {escape(str(item))}" for item in items), ""]


def _unused_lines(unused: Sequence[Path]) -> list[str]:
    return _listed(
        "Fixtures no clause uses (`botocontract snapshot --prune` deletes them):", unused
    )


def _gap_lines(gaps: Sequence[Finding]) -> list[str]:
    return _listed("Uses of the code that no contract pins:", gaps)


def check(report: CheckReport) -> str:
    """A title with the release and the outcome, one summary line, then the clauses; with
    ``--code``, a list of what the code uses that no clause pins."""
    failed = len(report.failed)
    gaps = f", {len(report.code_gaps)} use(s) of the code unpinned" if report.code_gaps else ""
    lines = [
        f"## botocontract check on {escape(report.release.label)}: "
        f"{outcome(not report.failed and not report.code_gaps)}",
        "",
        f"{len(report.results) - failed} passed, {failed} failed{gaps}.",
        "",
        *clause_table(report.results),
        "",
        *_gap_lines(report.code_gaps),
        *_unused_lines(report.unused_fixtures),
    ]
    return "\n".join(lines).rstrip("\n") + "\n"


# --------------------------------------------------------------------------- gate


def _fatal_rule(report: GateReport) -> str:
    if report.fail_on == "never":
        return "none can be: --fail-on never"
    where = "anywhere" if report.strict else "breaking what a clause asserts"
    return f"{report.fail_on} or worse, {where}"


def gate_summary(report: GateReport) -> str:
    verdict = report.verdict
    changes = list(verdict.changes())
    services = ", ".join(escape(s.service) for s in verdict.services)
    text = (
        f"{len(report.check.failed)} of {plural(len(report.check.results), 'clause')} "
        f"{'fails' if len(report.check.failed) == 1 else 'fail'}; "
        f"{plural(len(report.fatal), 'fatal change')} ({_fatal_rule(report)}); "
        f"{plural(len(changes), 'change')}{f' in {services}' if services else ''}: "
        f"{counts_text(changes)}"
    )
    if verdict.ignored:
        text += f" ({plural(len(verdict.ignored), 'accepted change')} not shown)"
    return text + "."


def _change_table(report: GateReport, changes: Sequence[Change]) -> list[str]:
    rows = ["| severity | rule | service | path | clauses | change |", "|---|---|---|---|---|---|"]
    fatal = {c.fingerprint for c in report.fatal}
    for change in sorted(changes, key=service_order):
        clauses = ", ".join(report.touched.get(change.fingerprint, ()))
        why = f"<br>{escape(report.why(change))}" if change.fingerprint in fatal else ""
        rows.append(
            f"| {_severity(change.severity)} | `{change.rule}` "
            f"| {escape(change.service)} | {escape(change.path)} | {escape(clauses)} "
            f"| {escape(change.message)}{why} |"
        )
    return [*rows, ""]


def gate(report: GateReport, layout: Layout = DEFAULT_LAYOUT) -> str:
    """A title with both releases and the outcome, one summary line, the table of the clauses on
    the candidate release, the fatal changes, the other changes that touch a pinned path; then
    the other changes of the contracted services as counts per service (``layout.expand``: one
    row per path, folded per service, the first thing cut to ``layout.max_bytes``: clause
    verdicts and touching changes never are)."""
    verdict = report.verdict
    lines = [
        f"## botocore upgrade {escape(verdict.old.name)} → {escape(verdict.new.name)}: "
        f"{outcome(report.passed)}",
        "",
        gate_summary(report),
        "",
        f"### Contracts on {escape(report.check.release.label)}",
        "",
        *clause_table(report.check.results),
        "",
        *_unused_lines(report.check.unused_fixtures),
        *[f"> **Warning:** {escape(e.stale_warning)}\n" for e in report.stale_ignores],
    ]
    fatal = {c.fingerprint for c in report.fatal}
    if report.fatal:
        lines += ["### Fatal changes", "", *_change_table(report, report.fatal)]
    touching = [
        c
        for c in verdict.changes()
        if c.fingerprint in report.touched and c.fingerprint not in fatal
    ]
    if touching:
        lines += ["### Other changes touching pinned paths", "", *_change_table(report, touching)]
    others = {
        c.fingerprint
        for c in verdict.changes()
        if c.fingerprint not in report.touched and c.fingerprint not in fatal
    }
    grouped = []
    for judged in sorted(verdict.services, key=lambda s: s.service):
        rest = tuple(c for c in judged.changes if c.fingerprint in others)
        if rest:
            grouped.append((dataclasses.replace(judged, changes=rest), group_changes(rest)))
    if grouped:
        lines += [
            f"### {plural(sum(len(g) for _, g in grouped), 'other change')} in the contracted "
            "services",
            "",
            "No clause touches these; each is counted once, where it happened "
            f"({'listed below' if layout.expand else '`--expand` lists them'}).",
            "",
            *_count_table(grouped),
        ]
    parts = [("\n".join(lines) + "\n", True)]
    if layout.expand:
        parts += [("\n".join(_service(judged)) + "\n", False) for judged, _ in grouped]
    note = "Every change with the clauses it touches: `botocontract gate ... --format json`."
    return fit(parts, layout.max_bytes, note).rstrip("\n") + "\n"


# --------------------------------------------------------------------------- changelogs


def changelog(log: Changelog) -> str:
    """The published layout, plus every judged change in a table."""
    lines = [f"# botocore {log.old.name} → {log.new.name}", ""]
    if not log.sections:
        lines.append("No service changed.")
    for section in log.sections:
        lines += [f"## {section.headline}", ""]
        lines += [f"> {escape(note)}" for note in section.notes]
        if section.notes:
            lines.append("")
        for method in section.methods:
            lines += [f"### {method.name} ({method.status})", ""]
            for heading, delta in delta_layout(method):
                lines += [heading, ""]
                if delta is not None:
                    lines += ["```python", pformat(delta), "```", ""]
        lines += [*_change_rows(section.changes), ""]
    return "\n".join(lines).rstrip("\n") + "\n"


def history(log: History) -> str:
    """A range changelog, newest release first, each release one ``<details>`` block whose
    summary names it and counts its changes."""
    first, last = log.releases[0].name, log.releases[-1].name
    parts = [f"# botocore {first} → {last}: {len(log.changelogs)} release(s) with changes\n"]
    for one in log.changelogs:
        changes = [c for section in one.sections for c in section.changes]
        services = plural(len(one.sections), "service")
        summary = (
            f"botocore {escape(one.old.name)} → {escape(one.new.name)}: {services}, "
            f"{counts_text(changes)}"
        )
        parts.append(f"<details><summary>{summary}</summary>\n\n{changelog(one)}\n</details>\n")
    return "\n".join(parts)


# --------------------------------------------------------------------------- the rule table
# docs/rules.md is this output, and a test keeps it so. The prose around the table explains how to
# read it and how to change what it decides (--severity, ignore files); the rows come from the
# table itself, so the page never lags a rule.

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

An entry that accepts no change of a `gate` or a `diff` is *stale*: the gate prints a warning
naming its `file:line` in its report (and lists it under `stale_ignores` in JSON), `diff` the same
line on stderr (its report keeps its shape), and with `--strict-ignore` either refuses the ignore
file after its report: that line on stderr and exit 2, as for any broken input (the report still
shows the verdict). Only the services compared count: the gate compares those its contracts name,
`diff --service` those named, so an entry whose `service` is another one is never stale there.
"""


def _rule_row(rule: Rule) -> str:
    data = rule_data(rule)
    side = data["side"] or "-"
    return (
        f"| `{rule.id}` | {rule.severity} | {side} | {data['kind']} | {escape(rule.explanation)} |"
    )


def rules(table: tuple[Rule, ...]) -> str:
    severities = "\n".join(
        f"- **{level}**: {meaning}" for level, meaning in SEVERITY_MEANINGS.items()
    )
    rows = "\n".join(_rule_row(rule) for rule in table)
    return f"{_INTRO}{severities}\n\n{_READING}{rows}\n{_AFTER}"
