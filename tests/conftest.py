"""Shared by the test suite: the golden files and the bad-input corpus's summary line."""

from __future__ import annotations

import pytest

from goldens import UPDATE_OPTION, Goldens

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


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        UPDATE_OPTION,
        action="store_true",
        help="rewrite tests/golden/ from the real output instead of comparing (runs only the "
        "tests that use golden files; review the diff before committing)",
    )


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if not config.getoption(UPDATE_OPTION):
        return
    # Only the tests that compare with golden files: a run that rewrites them need not do more.
    keep = [item for item in items if "goldens" in getattr(item, "fixturenames", ())]
    config.hook.pytest_deselected(items=[item for item in items if item not in keep])
    items[:] = keep


@pytest.fixture
def goldens(request: pytest.FixtureRequest) -> Goldens:
    return Goldens(update=bool(request.config.getoption(UPDATE_OPTION)))
