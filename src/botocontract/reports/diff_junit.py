"""The judged diff as JUnit XML, for CI systems that show test reports.

One ``<testsuite>`` per changed service and one ``<testcase>`` per change: breaking changes fail
(their rule's explanation is the failure text), warnings and infos pass with the message on
``<system-out>``. Built with ElementTree, so model text is always escaped; characters XML 1.0 cannot
carry at all are written as ``\\uXXXX``.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from ..rules.judge import Change, Verdict
from ..rules.severity import Severity
from ..rules.table import RULES_BY_ID

# what XML 1.0 does not allow anywhere in a document, even escaped
_NOT_XML = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _xml(text: str) -> str:
    return _NOT_XML.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def _order(change: Change) -> tuple[int, str, str, str]:
    return (-change.severity.rank, change.path, change.rule, change.message)


def _counts(element: ET.Element, tests: int, failures: int) -> None:
    element.set("tests", str(tests))
    element.set("failures", str(failures))
    element.set("errors", "0")


def _testcase(suite: ET.Element, change: Change) -> bool:
    """Add one change to ``suite``; whether it is a failure."""
    case = ET.SubElement(
        suite,
        "testcase",
        {"classname": _xml(change.service), "name": _xml(f"{change.rule} {change.path}")},
    )
    if change.severity is Severity.BREAKING:
        rule = RULES_BY_ID.get(change.rule)
        failure = ET.SubElement(
            case, "failure", {"type": _xml(change.rule), "message": _xml(change.message)}
        )
        failure.text = rule.explanation if rule else change.rule
        return True
    out = ET.SubElement(case, "system-out")
    out.text = _xml(change.message)
    return False


def render(verdict: Verdict) -> str:
    root = ET.Element("testsuites", {"name": "botocontract diff"})
    tests = failures = 0
    for judged in sorted(verdict.services, key=lambda s: s.service):
        if not judged.changes:
            continue
        suite = ET.SubElement(root, "testsuite", {"name": _xml(judged.service)})
        suite_failures = sum(
            _testcase(suite, change) for change in sorted(judged.changes, key=_order)
        )
        _counts(suite, len(judged.changes), suite_failures)
        tests += len(judged.changes)
        failures += suite_failures
    _counts(root, tests, failures)
    ET.indent(root)
    body = ET.tostring(root, encoding="unicode")
    return f'<?xml version="1.0" encoding="UTF-8"?>\n{body}\n'
