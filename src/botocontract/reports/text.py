"""Every command's report for a terminal, one function per command. The changelog follows the AWS
API changelog text format line by line as cli.md lays it out."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from ..model.paths import TREE_KEYS
from ..rules.severity import GRAVEST_FIRST
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
    scan_summary,
    service_order,
    severity_order,
)

if TYPE_CHECKING:
    from ..changelog.build import Changelog, Method
    from ..contracts.init import InitReport
    from ..contracts.run import CheckReport
    from ..contracts.snapshot import SnapshotReport
    from ..gate import GateReport
    from ..history.bisect import BisectReport
    from ..history.ranges import History
    from ..model.tree import Tree
    from ..rules.judge import Change, JudgedService, Verdict
    from ..rules.table import Rule
    from ..scan.check import CheckedCall, ScanReport
    from ..show import ShowReport
    from ..sources.index import Published

DETAIL_LINES = 20  # differences shown under a failing clause; the rest are counted


# --------------------------------------------------------------------------- diff


def diff(verdict: Verdict, layout: Layout = DEFAULT_LAYOUT) -> str:
    """Each change once, where it happened, grouped by service, most severe first, under a table
    of the counts; ``layout.expand``: one line per path, as :func:`diff_by_path`."""
    if layout.expand:
        return diff_by_path(verdict)
    grouped = [(service, group_changes(service.changes)) for service in verdict.services]
    lines = [_diff_title(verdict), "", *severity_table(grouped)]
    for service, groups in grouped:
        lines += ["", _service_heading(service)]
        lines += [_run_line(run) for run in folded(groups)]
    lines += ["", _diff_totals(verdict)]
    return "\n".join(lines) + "\n"


def diff_by_path(verdict: Verdict) -> str:
    """One line per change at each path, grouped by service, most severe first."""
    lines = [_diff_title(verdict)]
    for service in verdict.services:
        lines += ["", _service_heading(service)]
        for change in sorted(service.changes, key=severity_order):
            lines.append(f"  {change.severity:<8} {change.rule:<32} {change.message}")
    lines += ["", _diff_totals(verdict)]
    return "\n".join(lines) + "\n"


def _diff_title(verdict: Verdict) -> str:
    return (
        f"botocontract diff {verdict.old.name} -> {verdict.new.name}: "
        f"{verdict.services_compared} services compared, "
        f"{len(verdict.services)} with changes"
    )


def _service_heading(service: JudgedService) -> str:
    status = "" if service.status == "changed" else f" ({service.status})"
    return f"{service.service}{status} - {service.full_name}"


def _diff_totals(verdict: Verdict) -> str:
    ignored = f", {len(verdict.ignored)} ignored" if verdict.ignored else ""
    return counts_text(verdict) + ignored


def _run_line(run: Sequence[Group]) -> str:
    if len(run) == 1:
        return _group_line(run[0])
    paths = sum(group.count for group in run)
    lines = plural(paths, "line")
    more = f"… and {plural(len(run), 'more change')} of this rule ({lines} with --expand)"
    return f"  {run[0].first.severity:<8} {run[0].first.rule:<32} {more}"


def _group_line(group: Group) -> str:
    reach = group.reach()
    line = f"  {group.first.severity:<8} {group.first.rule:<32} {group.message()}"
    return f"{line} — {reach}" if reach else line


def severity_table(
    grouped: Sequence[tuple[JudgedService, Sequence[Group]]],
    title: str = "changes where they happen, by service:",
) -> list[str]:
    """Changes (each said once) per service and level, and the paths they reach (the lines of
    ``--expand``)."""
    header = ("service", *(level.value for level in GRAVEST_FIRST), "paths")
    rows = [
        (service.service, *map(str, group_counts(groups).values()), str(len(service.changes)))
        for service, groups in grouped
    ]
    totals = [sum(int(row[column]) for row in rows) for column in range(1, len(header))]
    rows.append(("total", *map(str, totals)))
    widths = [max(len(row[column]) for row in (header, *rows)) for column in range(len(header))]

    def line(row: Sequence[str]) -> str:
        cells = [row[0].ljust(widths[0])]
        cells += [cell.rjust(width) for cell, width in zip(row[1:], widths[1:], strict=True)]
        return "  ".join(cells)

    return [title, line(header), *map(line, rows)]


# --------------------------------------------------------------------------- check and gate


def check(report: CheckReport) -> str:
    """One line per clause, the differences under each failure."""
    lines = [f"botocontract check against {report.release.label}"]
    for result in report.results:
        clause = result.clause
        mark = "PASS" if result.passed else "FAIL"
        lines.append(f"{mark}  {clause.file}:{result.line}  {clause.id}  {result.message}")
        if not result.passed:
            lines += [f"        {detail}" for detail in result.details[:DETAIL_LINES]]
            if len(result.details) > DETAIL_LINES:
                lines.append(f"        ... {len(result.details) - DETAIL_LINES} more")
    for file in report.unused_fixtures:
        lines.append(f"unused fixture: {file} (botocontract snapshot --prune deletes it)")
    lines += [f"UNPINNED  {gap}" for gap in report.code_gaps]
    failed = len(report.failed)
    if report.code_gaps:
        lines.append(f"{len(report.code_gaps)} use(s) of the code that no contract pins")
    lines.append(f"{len(report.results) - failed} passed, {failed} failed")
    return "\n".join(lines) + "\n"


def gate(report: GateReport, layout: Layout = DEFAULT_LAYOUT) -> str:
    """The contracts on the candidate, then the changes that touch them, then the rest: counted
    per service (``layout.expand``: one line per path)."""
    verdict = report.verdict
    lines = [
        f"botocontract gate {verdict.old.name} -> {verdict.new.name}: "
        + ("PASS" if report.passed else "FAIL"),
        "",
    ]
    lines += check(report.check).rstrip("\n").splitlines()
    fatal = {c.fingerprint for c in report.fatal}
    # Fatal first, then those touching a clause, each part as the other gate reports list it.
    changes = sorted(
        verdict.changes(),
        key=lambda c: (
            c.fingerprint not in fatal,
            c.fingerprint not in report.touched,
            *service_order(c),
        ),
    )
    touching = [c for c in changes if c.fingerprint in fatal or c.fingerprint in report.touched]
    shown = changes if layout.expand else touching
    if changes:
        lines += ["", f"changes in {', '.join(s.service for s in verdict.services)}:"]
    for change in shown:
        clauses = report.touched.get(change.fingerprint, ())
        mark = "FATAL" if change.fingerprint in fatal else "     "
        touches = f"  touches {', '.join(clauses)}" if clauses else ""
        lines.append(f"{mark} {change.severity:<8} {change.rule:<32} {change.path}{touches}")
        if change.fingerprint in fatal or change.fingerprint in report.breaches:
            lines.append(f"      {report.why(change)}")
    if not layout.expand and len(touching) < len(changes):
        kept = {c.fingerprint for c in touching}
        grouped = []
        for service in verdict.services:
            rest = tuple(c for c in service.changes if c.fingerprint not in kept)
            if rest:
                grouped.append((service, group_changes(rest)))
        lines += ["", *severity_table(grouped, "changes no clause touches (--expand lists them)")]
    lines += [f"warning: {entry.stale_warning}" for entry in report.stale_ignores]
    accepted = len(verdict.ignored)
    lines += [
        "",
        f"{len(report.check.failed)} failing clause(s), {len(report.fatal)} fatal "
        f"change(s) ({'any' if report.strict else 'breaking a clause,'} at or above "
        f"{report.fail_on})" + (f", {accepted} accepted change(s) not shown" if accepted else ""),
    ]
    return "\n".join(lines) + "\n"


def snapshot(report: SnapshotReport) -> str:
    """Each fixture that differs (or was rewritten), each unused one; with ``--prune``, also
    every file of the fixtures folder it kept, and why."""
    label = report.release.label
    verb = "rewrote" if report.updated else "differs from"
    lines = [f"{file}: {verb} {label}" for file in report.changed]
    state = "deleted" if report.pruned else "unused"
    lines += [f"{file}: {state} (no clause pins it)" for file in report.unused]
    if report.pruned:
        lines += [f"{kept.file}: kept ({kept.why})" for kept in report.kept]
    if not report.changed:
        lines.append(f"fixtures match {label}")
    return "".join(f"{line}\n" for line in lines)


def init(report: InitReport) -> str:
    """The contract files written, the fixtures written."""
    lines = [f"{w.file}: {w.added} clause(s) added, {w.kept} kept" for w in report.written]
    label = report.fixtures.release.label
    lines += [f"{file}: written from {label}" for file in report.fixtures.changed]
    if not report.written:
        lines.append("no client calls found: no contract written")
    return "".join(f"{line}\n" for line in lines)


def init_warnings(report: InitReport) -> list[str]:
    """Lines for stderr: files the scan could not read."""
    return [f"{e.file}:{e.line}: error: {e.message}" for e in report.scan.errors]


# --------------------------------------------------------------------------- changelogs


def _method_lines(method: Method) -> list[str]:
    lines = [f"{method.name} ({method.status})"]
    for heading, delta in delta_layout(method):
        lines.append(heading)
        if delta is not None:
            lines.append(pformat(delta))
    return lines


def _unshown_lines(changes: tuple[Change, ...]) -> list[str]:
    """What the published format cannot show, in the order of every table of changes (most
    severe first): a reader of the published layout would otherwise never learn of a removal or
    a type change."""
    ordered = sorted(changes, key=severity_order)
    return ["Not in the published format:"] + [f"  {c.severity} {c.rule} {c.path}" for c in ordered]


def changelog(log: Changelog) -> str:
    """One release pair in the AWS text format."""
    if not log.sections:
        return f"botocore {log.old.name} -> {log.new.name}: no service changed.\n"
    blocks: list[str] = []
    for section in log.sections:
        blocks.append(section.headline)
        blocks.extend(f"Changes  {note}" for note in section.notes)
        blocks.extend("\n".join(_method_lines(m)) for m in section.methods)
        if section.unshown:
            blocks.append("\n".join(_unshown_lines(section.unshown)))
    return "\n\n".join(blocks) + "\n"


def history(log: History) -> str:
    """Each release's sections, newest release first, each release named by its botocore version
    beside its date (the headlines give only the date)."""
    # Here, not at the top: this module renders every command's text, and a diff builds no
    # changelog.
    from ..changelog.build import headline_date

    if not log.changelogs:
        first, last = log.releases[0].name, log.releases[-1].name
        count = len(log.releases)
        return f"botocore {first} -> {last}: no service changed in {count} releases.\n"
    return "\n".join(
        f"botocore {c.old.name} -> {c.new.name} - {headline_date(c.new)}\n\n" + changelog(c)
        for c in log.changelogs
    )


def bisect(report: BisectReport) -> str:
    """The answer, the search's cost, and the answer's changelog."""
    span = f"{report.versions[0]}..{report.versions[-1]} ({len(report.versions)} releases)"
    text = report.target.text
    if report.release is None:
        if report.gone:
            where = "is still there at the end of"
        elif report.probed.get(report.versions[0]):
            where = "was there at the start but is gone by the end of (try --gone)"
        else:
            where = "is in neither end of"
        return f"{text} {where} {span}; {report.downloads} wheel(s) downloaded\n"
    verb = "stopped existing" if report.gone else "first appears"
    date = report.release.date.isoformat() if report.release.date else "date unknown"
    lines = [
        f"{text} {verb} in botocore {report.release.botocore_version} ({date})",
        f"searched {span}: probed {len(report.probed)}, downloaded {report.downloads}",
    ]
    if report.release.botocore_version == report.versions[0]:
        lines.append(f"note: {text} was already so at the start of the range")
    out = "".join(f"{line}\n" for line in lines)
    if report.section is not None:
        out += "\n" + changelog(report.section)
    return out


def bisect_warnings(report: BisectReport) -> list[str]:
    """Lines for stderr: releases that contradict the answer."""
    return [
        f"warning: botocore {version} contradicts the answer: the path came and went "
        "more than once, so the answer is one of several changes"
        for version in report.contradictions
    ]


# --------------------------------------------------------------------------- the rest


def releases(found: list[Published]) -> str:
    """One line per release, cached ones with their build date."""
    return "".join(f"{_release_line(item)}\n" for item in found)


def _release_line(item: Published) -> str:
    if item.cached is not None:
        state = "cached " + (item.date.isoformat() if item.date else "")
    elif not item.fetchable:
        state = "not fetchable (no wheel)"
    else:
        state = ""
    return f"{item.version!s:<10} {state}".rstrip()


RULE_COLUMNS = ("id", "severity", "side", "kind", "explanation")


def _rule_row(rule: Rule) -> tuple[str, ...]:
    data = rule_data(rule)
    return tuple("-" if data[column] is None else str(data[column]) for column in RULE_COLUMNS)


def rules(table: tuple[Rule, ...]) -> str:
    """One aligned line per rule, in the order rules are tried."""
    rows = [RULE_COLUMNS, *(_rule_row(rule) for rule in table)]
    widths = [max(len(row[column]) for row in rows) for column in range(len(RULE_COLUMNS))]
    widths[-1] = 0  # the last column is not padded: no trailing blanks
    return "".join(
        "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)) + "\n"
        for row in rows
    )


def _call_line(checked: CheckedCall) -> str:
    call = checked.call
    name = checked.operation or "+".join(checked.operations) or "?"
    line = f"{call.file}:{call.line}: {call.service} {name} ({call.method})"
    if checked.request:
        line += "  request: " + ", ".join(s.path for s in checked.request)
    if checked.response:
        line += "  response: " + ", ".join(s.path for s in checked.response)
    return line


def scan(report: ScanReport) -> str:
    """One line per call found, then errors, what could not be followed, and the files not read,
    each as ``file:line: ...``."""
    lines = [_call_line(c) for c in report.calls]
    lines += [f"{e.file}:{e.line}: error: {e.message}" for e in report.errors]
    lines += [f"{u.file}:{u.line}: unresolved: {u.reason}" for u in report.unresolved]
    lines += [str(p) for p in report.result.problems]
    lines.append(scan_summary(report))
    return "\n".join(lines) + "\n"


def show(report: ShowReport) -> str:
    """The operation list, or one operation's trees, one member per line."""
    model = report.model
    label = f"{report.spec} ({model.name} {model.api_version})"
    if report.operation is None or report.trees is None:
        lines = [f"{model.full_name}: {len(model.operations)} operations  {label}"]
        lines += [
            f"  {name}  {op.http_method} {op.request_uri}"
            + ("  deprecated" if op.deprecated else "")
            for name, op in model.operations.items()
        ]
        return "\n".join(lines) + "\n"
    op = model.operations[report.operation]
    lines = [f"{model.name} {report.operation}  {op.http_method} {op.request_uri}  {label}"]
    for side, shape in (("request", op.input), ("response", op.output)):
        tree = report.trees[side]
        lines.append(f"{side}: {shape}" if tree else f"{side}: (none)")
        if tree:
            for child, sub in (tree.get("members") or {}).items():
                lines += tree_lines(sub, child)
    if op.errors:
        lines.append("errors: " + ", ".join(op.errors))
    return "\n".join(lines) + "\n"


def tree_lines(node: Tree, name: str, depth: int = 1) -> list[str]:
    """A tree as indented text, one member per line."""
    pad = "  " * depth
    if "recursive" in node:
        return [f"{pad}{name}  <recursive {node['recursive']}>"]
    facets = [node["type"]]
    if node.get("required"):
        facets.append("required")
    for key in ("min", "max", "pattern", "location", "locationName", "streaming"):
        if key in node:
            facets.append(f"{key}={node[key]}")
    for flag in ("deprecated", "sensitive", "idempotencyToken"):
        if node.get(flag):
            facets.append(flag)
    if "enum" in node:
        facets.append(f"enum({len(node['enum'])}): " + " | ".join(node["enum"]))
    lines = [f"{pad}{name}  " + "  ".join(str(f) for f in facets)]
    for child, sub in (node.get("members") or {}).items():
        lines += tree_lines(sub, child, depth + 1)
    for step, part in TREE_KEYS.items():
        if part in node:
            lines += tree_lines(node[part], step, depth + 1)
    return lines
