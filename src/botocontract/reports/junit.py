"""Every command's report as JUnit XML, one function per command, for CI systems that show test
reports.

A diff is one ``<testsuite>`` per changed service and one ``<testcase>`` per change: breaking
changes fail (their rule's explanation is the failure text), warnings and infos pass with the
message on ``<system-out>``. A check is one suite per contract file and one testcase per clause
(classname: the contract file, name: the clause id, ``file``/``line``: where it points), and with
``--code`` a suite of what the code uses that no clause pins (a failing case per use); a gate adds
a ``gate changes`` suite with one failing testcase per fatal change, pointing at the first clause it
touches. Built with ElementTree, so model text is always escaped; characters XML 1.0 cannot carry at
all are written as ``\\uXXXX``.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from typing import TYPE_CHECKING

from ..rules.severity import Severity
from ..rules.table import RULES_BY_ID
from .common import service_order, severity_order
from .github import pinned_line, touched_clauses

if TYPE_CHECKING:
    from ..contracts import ClauseResult
    from ..contracts.run import CheckReport
    from ..gate import GateReport
    from ..rules.judge import Change, Verdict
    from ..scan.findings import Finding

# what XML 1.0 does not allow anywhere in a document, even escaped
_NOT_XML = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_text(text: str) -> str:
    return _NOT_XML.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def _set_counts(element: ET.Element, tests: int, failures: int) -> None:
    element.set("tests", str(tests))
    element.set("failures", str(failures))
    element.set("errors", "0")


def _document(root: ET.Element) -> str:
    ET.indent(root)
    body = ET.tostring(root, encoding="unicode")
    return f'<?xml version="1.0" encoding="UTF-8"?>\n{body}\n'


# --------------------------------------------------------------------------- diff


def _change_case(suite: ET.Element, change: Change) -> bool:
    """Add one change to ``suite``; whether it is a failure."""
    case = ET.SubElement(
        suite,
        "testcase",
        {"classname": xml_text(change.service), "name": xml_text(f"{change.rule} {change.path}")},
    )
    if change.severity is Severity.BREAKING:
        rule = RULES_BY_ID.get(change.rule)
        failure = ET.SubElement(
            case, "failure", {"type": xml_text(change.rule), "message": xml_text(change.message)}
        )
        failure.text = rule.explanation if rule else change.rule
        return True
    out = ET.SubElement(case, "system-out")
    out.text = xml_text(change.message)
    return False


def diff(verdict: Verdict) -> str:
    root = ET.Element("testsuites", {"name": "botocontract diff"})
    tests = failures = 0
    for judged in sorted(verdict.services, key=lambda s: s.service):
        if not judged.changes:
            continue
        suite = ET.SubElement(root, "testsuite", {"name": xml_text(judged.service)})
        suite_failures = sum(
            _change_case(suite, change) for change in sorted(judged.changes, key=severity_order)
        )
        _set_counts(suite, len(judged.changes), suite_failures)
        tests += len(judged.changes)
        failures += suite_failures
    _set_counts(root, tests, failures)
    return _document(root)


# --------------------------------------------------------------------------- check


def _clause_case(suite: ET.Element, result: ClauseResult) -> bool:
    """Add one clause to ``suite``; whether it is a failure."""
    file = xml_text(str(result.clause.file))
    case = ET.SubElement(
        suite,
        "testcase",
        {
            "classname": file,
            "name": xml_text(result.clause.id),
            "file": file,
            "line": str(result.line),
        },
    )
    if not result.passed:
        failure = ET.SubElement(
            case,
            "failure",
            {"type": xml_text(result.key or "clause"), "message": xml_text(result.message)},
        )
        failure.text = xml_text("\n".join(result.details or (result.message,)))
        return True
    out = ET.SubElement(case, "system-out")
    out.text = xml_text("\n".join((result.message, *result.details)))
    return False


def _clause_suites(root: ET.Element, results: Sequence[ClauseResult]) -> tuple[int, int]:
    """One suite per contract file, in the order the results come; (tests, failures) added."""
    by_file: dict[str, list[ClauseResult]] = {}
    for result in results:
        by_file.setdefault(str(result.clause.file), []).append(result)
    tests = failures = 0
    for file, found in by_file.items():
        suite = ET.SubElement(root, "testsuite", {"name": xml_text(file)})
        suite_failures = sum(_clause_case(suite, result) for result in found)
        _set_counts(suite, len(found), suite_failures)
        tests += len(found)
        failures += suite_failures
    return tests, failures


def _gap_suite(root: ET.Element, gaps: Sequence[Finding]) -> tuple[int, int]:
    """A suite of failing cases, one per use of the code no clause pins; (tests, failures)."""
    if not gaps:
        return 0, 0
    suite = ET.SubElement(root, "testsuite", {"name": "code no contract pins"})
    for gap in gaps:
        file = xml_text(gap.file)
        case = ET.SubElement(
            suite,
            "testcase",
            {"classname": file, "name": f"{file}:{gap.line}", "file": file, "line": str(gap.line)},
        )
        message = xml_text(gap.message)
        ET.SubElement(case, "failure", {"type": "unpinned", "message": message}).text = message
    _set_counts(suite, len(gaps), len(gaps))
    return len(gaps), len(gaps)


def check(report: CheckReport) -> str:
    root = ET.Element(
        "testsuites", {"name": xml_text(f"botocontract check on {report.release.label}")}
    )
    tests, failures = _clause_suites(root, report.results)
    gap_tests, gap_failures = _gap_suite(root, report.code_gaps)
    _set_counts(root, tests + gap_tests, failures + gap_failures)
    return _document(root)


# --------------------------------------------------------------------------- gate


def _fatal_case(suite: ET.Element, report: GateReport, change: Change) -> None:
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


def gate(report: GateReport) -> str:
    verdict = report.verdict
    root = ET.Element(
        "testsuites",
        {"name": xml_text(f"botocontract gate {verdict.old.name} -> {verdict.new.name}")},
    )
    tests, failures = _clause_suites(root, report.check.results)
    suite = ET.SubElement(root, "testsuite", {"name": "gate changes"})
    for change in sorted(report.fatal, key=service_order):
        _fatal_case(suite, report, change)
    _set_counts(suite, len(report.fatal), len(report.fatal))
    _set_counts(root, tests + len(report.fatal), failures + len(report.fatal))
    return _document(root)
