"""Contract results as JUnit XML, for CI systems that show test reports.

One ``<testsuite>`` per contract file and one ``<testcase>`` per clause (classname: the contract
file, name: the clause id, ``file``/``line``: where it points). A failing clause carries its message
and its differences, one per line. With ``--code``, what the code uses that no clause pins is a
suite of its own, a failing test case per use, at its ``file``/``line`` in the code. Built with
ElementTree and the diff report's XML sanitizing.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Sequence

from ..contracts import ClauseResult
from ..contracts.run import CheckReport
from ..scan.findings import Finding
from .diff_junit import _counts as set_counts
from .diff_junit import _xml as xml_text


def _testcase(suite: ET.Element, result: ClauseResult) -> bool:
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


def add_clause_suites(root: ET.Element, results: Sequence[ClauseResult]) -> tuple[int, int]:
    """One suite per contract file, in the order the results come; (tests, failures) added."""
    by_file: dict[str, list[ClauseResult]] = {}
    for result in results:
        by_file.setdefault(str(result.clause.file), []).append(result)
    tests = failures = 0
    for file, found in by_file.items():
        suite = ET.SubElement(root, "testsuite", {"name": xml_text(file)})
        suite_failures = sum(_testcase(suite, result) for result in found)
        set_counts(suite, len(found), suite_failures)
        tests += len(found)
        failures += suite_failures
    return tests, failures


def add_gap_suite(root: ET.Element, gaps: Sequence[Finding]) -> tuple[int, int]:
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
    set_counts(suite, len(gaps), len(gaps))
    return len(gaps), len(gaps)


def document(root: ET.Element) -> str:
    ET.indent(root)
    body = ET.tostring(root, encoding="unicode")
    return f'<?xml version="1.0" encoding="UTF-8"?>\n{body}\n'


def render(report: CheckReport) -> str:
    root = ET.Element(
        "testsuites", {"name": xml_text(f"botocontract check on {report.release.label}")}
    )
    tests, failures = add_clause_suites(root, report.results)
    gap_tests, gap_failures = add_gap_suite(root, report.code_gaps)
    set_counts(root, tests + gap_tests, failures + gap_failures)
    return document(root)
