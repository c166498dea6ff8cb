"""Every command's report as GitHub Actions workflow commands, one function per command: an
annotation per finding (pointing at the contract or source line where there is one), the gravest
first and at most :data:`ANNOTATIONS_PER_KIND` of each kind, then one plain summary line that counts
what was not annotated and names the format that lists it all.

Model, contract and source text is escaped as the runner expects, so that a newline in it can
never start a command of its own; the summary is plain text kept on one line, because a release
spec is user input.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from ..rules.severity import GRAVEST_FIRST, Severity
from .common import (
    Group,
    counts_text,
    group_changes,
    plural,
    scan_summary,
    service_order,
)

if TYPE_CHECKING:
    from ..contracts import Clause, ClauseResult
    from ..contracts.run import CheckReport
    from ..gate import GateReport
    from ..rules.judge import Change, Verdict
    from ..scan.check import ScanReport

COMMANDS = {Severity.BREAKING: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}
KINDS = tuple(COMMANDS[level] for level in GRAVEST_FIRST)  # error, warning, notice

# GitHub shows at most 10 error, 10 warning and 10 notice annotations per step (and 50 per job) and
# drops the rest without a word (actions/toolkit, docs/problem-matchers.md, "Limitations"). Every
# report here writes at most this many commands of each kind, the gravest findings first, and its
# summary line counts the rest and says where to see them.
ANNOTATIONS_PER_KIND = 10

T = TypeVar("T")
Finding = tuple[str, Callable[[], str]]  # a command's kind, and what writes the command


def escape_data(text: str) -> str:
    """The message part of a workflow command."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """A property value (``title=...``) of a workflow command."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def location(file: Path | str, line: int) -> str:
    """The ``file=...,line=...`` properties of an annotation."""
    return f"file={escape_property(str(file))},line={line}"


def one_line(text: str) -> str:
    """Plain output that no runner reads as a command."""
    return " ".join(text.splitlines())


def capped(findings: Iterable[tuple[str, T]]) -> tuple[list[T], Counter[str]]:
    """The findings GitHub will show, each given with its command kind (``error``, ``warning``,
    ``notice``) in the order they are to be annotated: the first :data:`ANNOTATIONS_PER_KIND` of
    each kind, in that order; and how many of each kind are left out."""
    kept: list[T] = []
    shown: Counter[str] = Counter()
    left: Counter[str] = Counter()
    for kind, finding in findings:
        if shown[kind] < ANNOTATIONS_PER_KIND:
            shown[kind] += 1
            kept.append(finding)
        else:
            left[kind] += 1
    return kept, left


def not_annotated(left: Counter[str], see: str) -> str:
    """What the summary line adds when findings were left out: ``; 12 more not annotated (12
    errors; GitHub shows 10 of each kind per step): see them all with ...``; nothing when none
    were."""
    total = sum(left.values())
    if not total:
        return ""
    kinds = ", ".join(plural(left[kind], kind) for kind in KINDS if left[kind])
    return (
        f"; {total} more not annotated ({kinds}; GitHub shows {ANNOTATIONS_PER_KIND} of each "
        f"kind per step): see them all with {see}"
    )


def command(kind: str, properties: str, data: str) -> str:
    """One workflow command: ``properties`` as written (escaped by their makers), ``data``
    escaped here."""
    return f"::{kind} {properties}::{escape_data(data)}"


def _commands(findings: Iterable[Finding]) -> tuple[list[str], Counter[str]]:
    """The commands of the findings :func:`capped` keeps, each written only then."""
    kept, left = capped(findings)
    return [write() for write in kept], left


# --------------------------------------------------------------------------- diff


def _group_command(group: Group) -> str:
    """One change said once, where it happened: its rule as the title, then the service, what
    changed and what it reaches (``EC2InstanceType gained 364 values (…) — reaches 9 paths in 9
    operations``)."""
    reach = group.reach()
    data = f"{group.service} {group.message()}" + (f" — {reach}" if reach else "")
    first = group.first
    return command(COMMANDS[first.severity], f"title={escape_property(first.rule)}", data)


def _gravest_first(group: Group) -> tuple[int, str]:
    """Groups of several services: the gravest first, then by service (each service's groups
    stay in their own order)."""
    return (-group.first.severity.rank, group.service)


def _releases(verdict: Verdict) -> str:
    old, new = verdict.old, verdict.new
    if old.botocore and new.botocore:
        return f"botocore {old.botocore} -> {new.botocore}"
    return f"{old.botocore or old.spec} -> {new.botocore or new.spec}"


def diff(verdict: Verdict) -> str:
    """Each change once, where it happened (breaking ``::error``, warning ``::warning``, info
    ``::notice``), the gravest first, at most :data:`ANNOTATIONS_PER_KIND` of each kind. Only the
    changes annotated are spelled out: a far pair's hundred thousand paths are never each a
    string here."""
    groups = [g for s in verdict.services for g in group_changes(s.changes)]
    groups.sort(key=_gravest_first)  # stable: each service's groups in group_changes' order
    kept, left = capped((COMMANDS[g.first.severity], g) for g in groups)
    lines = [_group_command(group) for group in kept]
    summary = (
        f"botocontract: {counts_text(verdict)} in {len(verdict.services)} of "
        f"{verdict.services_compared} services ({_releases(verdict)})"
    )
    if verdict.ignored:
        summary += f", {len(verdict.ignored)} ignored"
    if left:
        summary += f", {plural(len(groups), 'change')} where they happened"
    summary += not_annotated(left, "--format json, or --format markdown in the step summary")
    lines.append(one_line(summary))
    return "\n".join(lines) + "\n"


# --------------------------------------------------------------------------- check


def clause_findings(results: Iterable[ClauseResult]) -> list[Finding]:
    """An ``::error`` per failing clause, at the key that failed, in contract order."""
    return [
        ("error", partial(command, "error", _clause_properties(r), r.message))
        for r in results
        if not r.passed
    ]


def _clause_properties(result: ClauseResult) -> str:
    return f"{location(result.clause.file, result.line)},title={escape_property(result.clause.id)}"


def check(report: CheckReport) -> str:
    """One ``::error`` per failing clause, pointing at the contract line, then per use of the code
    no contract pins; at most :data:`ANNOTATIONS_PER_KIND`."""
    failed = len(report.failed)
    findings = clause_findings(report.results)
    findings += [
        ("error", partial(command, "error", location(g.file, g.line), g.message))
        for g in report.code_gaps
    ]
    lines, left = _commands(findings)
    lines.append(
        one_line(
            f"botocontract check on {report.release.label}: "
            f"{len(report.results) - failed} passed, {failed} failed"
            + not_annotated(left, "--format text")
        )
    )
    return "\n".join(lines) + "\n"


# --------------------------------------------------------------------------- gate


def touched_clauses(report: GateReport, change: Change) -> list[Clause]:
    """The clauses a change touches, in contract order."""
    ids = report.touched.get(change.fingerprint, ())
    return [
        r.clause
        for r in report.check.results
        if r.clause.service == change.service and r.clause.id in ids
    ]


def pinned_line(clause: Clause) -> int:
    """The line that names what a clause pins: the key of its kind (``path``, ``call``, ...)."""
    return clause.line_of(clause.kind)


def _gate_command(report: GateReport, change: Change, kind: str) -> str:
    clauses = touched_clauses(report, change)
    properties = f"{location(clauses[0].file, pinned_line(clauses[0]))}," if clauses else ""
    ids = report.touched.get(change.fingerprint, ())
    if kind == "error":  # a fatal change
        data = f"{change.service} {change.path} {report.why(change)}"
    elif ids:
        data = f"{change.service} {change.path} touches {', '.join(ids)}"
    else:
        data = f"{change.service} {change.path}: {change.message}"
    return command(kind, f"{properties}title={escape_property(change.rule)}", data)


def gate_summary(report: GateReport, left: Counter[str] | None = None) -> str:
    verdict = report.verdict
    outcome = "passes" if report.passed else "fails"
    changes = list(verdict.changes())
    text = (
        f"botocontract gate {verdict.old.name} -> {verdict.new.name}: {outcome}; "
        f"{len(report.check.failed)} of {len(report.check.results)} clauses fail, "
        f"{len(report.fatal)} fatal changes, "
        f"{len(changes)} changes ({counts_text(changes)})"
    )
    if verdict.ignored:
        text += f", {len(verdict.ignored)} ignored"
    text += not_annotated(
        left or Counter(), "--format markdown in the step summary, or --format text"
    )
    return one_line(text)


def gate(report: GateReport) -> str:
    """``::error`` for every failing clause (at the key that failed) and every fatal change (at
    the first clause it touches: the line that pins the path), ``::warning`` for the other
    breaking or warning changes that touch a pinned path (those that break a failing clause
    first) and for stale ignore entries; at most :data:`ANNOTATIONS_PER_KIND` of each kind. What
    fails the gate comes first, so that no lesser finding ever takes its place."""
    findings = clause_findings(report.check.results)
    fatal = {c.fingerprint for c in report.fatal}
    findings += [
        ("error", partial(_gate_command, report, c, "error"))
        for c in sorted(report.fatal, key=service_order)
    ]
    warned = [
        c
        for c in report.verdict.changes()
        if c.fingerprint not in fatal
        and c.fingerprint in report.touched
        and c.severity.rank >= Severity.WARNING.rank
    ]
    # A change that breaks a failing clause says why the gate fails: before the others.
    findings += [
        ("warning", partial(_gate_command, report, c, "warning"))
        for c in sorted(
            warned, key=lambda c: (c.fingerprint not in report.breaches, *service_order(c))
        )
    ]
    findings += [
        (
            "warning",
            partial(
                command,
                "warning",
                f"{location(e.file, e.line)},title=stale ignore entry",
                e.stale_warning,
            ),
        )
        for e in report.stale_ignores
    ]
    lines, left = _commands(findings)
    lines.append(gate_summary(report, left))
    return "\n".join(lines) + "\n"


# --------------------------------------------------------------------------- scan


def scan(report: ScanReport) -> str:
    """An ``::error`` on each call the release refutes, a ``::warning`` on what could not be
    followed and on files not read; at most :data:`ANNOTATIONS_PER_KIND` of each kind."""
    findings: list[Finding] = [
        ("error", partial(command, "error", location(e.file, e.line), e.message))
        for e in report.errors
    ]
    findings += [
        (
            "warning",
            partial(command, "warning", location(u.file, u.line), f"unresolved: {u.reason}"),
        )
        for u in report.unresolved
    ]
    findings += [
        ("warning", partial(command, "warning", location(p.file, p.line), p.message))
        for p in report.result.problems
    ]
    lines, left = _commands(findings)
    lines.append(one_line(scan_summary(report) + not_annotated(left, "--format text")))
    return "\n".join(lines) + "\n"
