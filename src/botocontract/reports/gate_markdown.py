"""The upgrade verdict as GitHub-flavoured Markdown: for a job's step summary or a pull request
comment on a botocore (or boto3) bump.

A title with both releases and the outcome, one summary line, the table of the clauses on the
candidate release, then the fatal changes, then the other changes that touch a pinned path, then,
folded, every other change of the contracted services (as the diff report shows them).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from ..gate import GateReport
from ..rules.judge import Change
from .check_markdown import clause_table, outcome, unused_lines
from .diff_markdown import _counts as severity_counts
from .diff_markdown import _order as change_order
from .diff_markdown import _plural as plural
from .diff_markdown import _service as service_section
from .diff_markdown import _severity as severity_cell
from .diff_markdown import escape


def _fatal_rule(report: GateReport) -> str:
    if report.fail_on == "never":
        return "none can be: --fail-on never"
    where = "anywhere" if report.strict else "breaking what a clause asserts"
    return f"{report.fail_on} or worse, {where}"


def summary(report: GateReport) -> str:
    verdict = report.verdict
    changes = list(verdict.changes())
    services = ", ".join(escape(s.service) for s in verdict.services)
    text = (
        f"{len(report.check.failed)} of {plural(len(report.check.results), 'clause')} "
        f"{'fails' if len(report.check.failed) == 1 else 'fail'}; "
        f"{plural(len(report.fatal), 'fatal change')} ({_fatal_rule(report)}); "
        f"{plural(len(changes), 'change')}{f' in {services}' if services else ''}: "
        f"{severity_counts(changes)}"
    )
    if verdict.ignored:
        text += f" ({plural(len(verdict.ignored), 'accepted change')} not shown)"
    return text + "."


def _ordered(changes: Sequence[Change]) -> list[Change]:
    return sorted(changes, key=lambda c: (c.service, *change_order(c)))


def _change_table(report: GateReport, changes: Sequence[Change]) -> list[str]:
    rows = ["| severity | rule | service | path | clauses | change |", "|---|---|---|---|---|---|"]
    fatal = {c.fingerprint for c in report.fatal}
    for change in _ordered(changes):
        clauses = ", ".join(report.touched.get(change.fingerprint, ()))
        why = f"<br>{escape(report.why(change))}" if change.fingerprint in fatal else ""
        rows.append(
            f"| {severity_cell(change.severity)} | `{change.rule}` "
            f"| {escape(change.service)} | {escape(change.path)} | {escape(clauses)} "
            f"| {escape(change.message)}{why} |"
        )
    return [*rows, ""]


def render(report: GateReport) -> str:
    verdict = report.verdict
    lines = [
        f"## botocore upgrade {escape(verdict.old.name)} → {escape(verdict.new.name)}: "
        f"{outcome(report.passed)}",
        "",
        summary(report),
        "",
        f"### Contracts on {escape(report.check.release.label)}",
        "",
        *clause_table(report.check.results),
        "",
        *unused_lines(report.check.unused_fixtures),
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
    others = [
        c
        for c in verdict.changes()
        if c.fingerprint not in report.touched and c.fingerprint not in fatal
    ]
    shown = {c.fingerprint for c in others}
    if others:
        lines += [
            f"<details><summary>{plural(len(others), 'other change')} in the contracted "
            f"services: {severity_counts(others)}</summary>",
            "",
        ]
        for judged in sorted(verdict.services, key=lambda s: s.service):
            rest = tuple(c for c in judged.changes if c.fingerprint in shown)
            if rest:
                lines += service_section(dataclasses.replace(judged, changes=rest))
        lines += ["</details>", ""]
    return "\n".join(lines).rstrip("\n") + "\n"
