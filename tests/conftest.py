"""Shared by the test suite: the bad-input corpus's summary line."""

from __future__ import annotations

import pytest

# The corpus's case folders are inputs, not tests: some hold contract files, which the botocontract
# plugin would otherwise collect (and rightly fail, they are broken on purpose).
collect_ignore = ["bad_inputs", "scan_corpus"]

BAD_INPUT_PROPERTY = "bad_input"  # set by tests/test_bad_inputs.py: clean, crashed or failed
_bad_inputs: dict[str, tuple[str, bool]] = {}  # node id -> (outcome, expected to fail)


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    if report.when != "call":
        return
    for name, value in report.user_properties:
        if name == BAD_INPUT_PROPERTY:
            _bad_inputs[report.nodeid] = (str(value), hasattr(report, "wasxfail"))


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if not _bad_inputs:
        return
    outcomes = [outcome for outcome, _ in _bad_inputs.values()]
    clean, crashed = outcomes.count("clean"), outcomes.count("crashed")
    line = f"bad inputs: {len(outcomes)} tried, {clean} exited 2 with one line, {crashed} crashed"
    other = len(outcomes) - clean - crashed
    if other:
        line += f", {other} answered wrongly"
    known = sum(1 for _, xfail in _bad_inputs.values() if xfail)
    if known:
        line += f"; {known} of these {crashed + other} are known bugs, marked xfail"
    terminalreporter.write_line(line)
