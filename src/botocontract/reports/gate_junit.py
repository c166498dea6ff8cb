"""The upgrade verdict as JUnit XML: the contract suites of the candidate release (one testcase per
clause), then a ``gate changes`` suite with one failing testcase per fatal change, pointing at the
first clause it touches."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from ..gate import GateReport
from ..rules.judge import Change
from ..rules.table import RULES_BY_ID
from .check_junit import add_clause_suites, document
from .diff_junit import _counts as set_counts
from .diff_junit import _order as change_order
from .diff_junit import _xml as xml_text
from .gate_github import pinned_line, touched_clauses


def _testcase(suite: ET.Element, report: GateReport, change: Change) -> None:
    attributes = {
        "classname": xml_text(change.service),
        "name": xml_text(f"{change.rule} {change.path}"),
    }
    clauses = touched_clauses(report, change)
    if clauses:
        attributes["file"] = xml_text(str(clauses[0].file))
        attributes["line"] = str(pinned_line(clauses[0]))
    case = ET.SubElement(suite, "testcase", attributes)
    failure = ET.SubElement(
        case, "failure", {"type": xml_text(change.rule), "message": xml_text(change.message)}
    )
    rule = RULES_BY_ID.get(change.rule)
    lines = [rule.explanation if rule else change.rule, report.why(change)]
    failure.text = xml_text("\n".join(lines))


def render(report: GateReport) -> str:
    verdict = report.verdict
    root = ET.Element(
        "testsuites",
        {"name": xml_text(f"botocontract gate {verdict.old.name} -> {verdict.new.name}")},
    )
    tests, failures = add_clause_suites(root, report.check.results)
    suite = ET.SubElement(root, "testsuite", {"name": "gate changes"})
    for change in sorted(report.fatal, key=lambda c: (c.service, *change_order(c))):
        _testcase(suite, report, change)
    set_counts(suite, len(report.fatal), len(report.fatal))
    set_counts(root, tests + len(report.fatal), failures + len(report.fatal))
    return document(root)
