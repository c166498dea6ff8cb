"""The pytest plugin (entry point ``pytest11: botocontract``): hooks only, the work is in
``pytest_session``.

``pytest contracts`` turns every contract file into a collector and every clause into a test item,
checked against ``--botocore SPEC`` (default: the installed botocore) with the fixtures as the
baseline; ``--snapshot-update`` rewrites the fixtures first (under pytest-xdist, once, on the
controller). Given code (``--botocontract-code`` or the ``botocontract_code`` ini option), one more
item, ``code-coverage``, fails on what the code uses that no contract pins, as ``check --code``
does. YAML files without the ``botocontract:`` key are never collected. Nothing heavy is imported
before a YAML file turns up, nor the models before a contract does, so the plugin costs other test
suites next to nothing.
"""

from __future__ import annotations

from collections.abc import Generator
from pathlib import Path
from typing import Any

import pytest

from .pytest_session import (
    CODE_ITEM,
    STATE,
    UPDATE_OPTION,
    ContractSession,
    has_option,
)


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("botocontract", "botocore service model contracts")
    group.addoption(
        "--botocore",
        dest="botocontract_spec",
        default=None,
        metavar="SPEC",
        help="The release to check the contracts against (default: botocore in "
        "[tool.botocontract] of pyproject.toml, else installed): installed, a version, "
        "botocore==V, boto3==V, a lock file, git:REF:PATH, a wheel, a botocore/data folder.",
    )
    group.addoption(
        "--botocontract-fixtures",
        dest="botocontract_fixtures",
        default=None,
        metavar="DIR",
        help="The fixtures folder (default: the botocontract_fixtures ini option, else fixtures "
        "in [tool.botocontract] of pyproject.toml, else 'fixtures' in the rootdir).",
    )
    parser.addini(
        "botocontract_contracts",
        "The contracts folder, relative to the rootdir "
        "(what --snapshot-update refreshes and unused fixtures are judged by; "
        "default: contracts in [tool.botocontract], else contracts).",
        default="",
    )
    parser.addini(
        "botocontract_fixtures",
        "The fixtures folder, relative to the rootdir "
        "(default: fixtures in [tool.botocontract], else fixtures).",
        default="",
    )
    group.addoption(
        "--botocontract-code",
        dest="botocontract_code",
        action="append",
        default=None,
        metavar="PATH",
        help="Code that calls AWS (repeatable; default: the botocontract_code ini option): a "
        f"{CODE_ITEM} item fails on each operation or member it uses that no contract pins.",
    )
    parser.addini(
        "botocontract_code",
        "Folders or files of code that calls AWS, relative to the rootdir: a "
        f"{CODE_ITEM} item fails on what it uses that no contract pins (check --code).",
        type="args",
        default=[],
    )


@pytest.hookimpl(hookwrapper=True)
def pytest_load_initial_conftests(
    early_config: pytest.Config, parser: pytest.Parser
) -> Generator[None, None, None]:
    yield
    # Added last, once every plugin and the initial conftests have added theirs: syrupy,
    # pytest-snapshot and many conftests have a --snapshot-update of their own, and a second one
    # would stop argparse cold. Theirs then serves: it updates the fixtures too.
    if not has_option(early_config, UPDATE_OPTION):
        parser.getgroup("botocontract").addoption(
            UPDATE_OPTION,
            action="store_true",
            default=False,
            dest="botocontract_update",
            help="Rewrite the fixtures the contracts pin before checking them, from --botocore "
            "if given, else from the release the fixtures record.",
        )


def pytest_configure(config: pytest.Config) -> None:
    config.stash[STATE] = ContractSession(config)
    config.addinivalue_line("markers", "botocontract: a contract clause (added by botocontract)")
    if config.pluginmanager.has_plugin("xdist"):
        # Its hooks are unknown to pytest without xdist: registered only beside it.
        config.pluginmanager.register(_XdistHooks(), "botocontract-xdist")


def pytest_sessionstart(session: pytest.Session) -> None:
    # xdist's controller starts its workers in its own sessionstart, which runs last.
    if session.config.pluginmanager.has_plugin("dsession"):
        session.config.stash[STATE].update_for_workers()


class _XdistHooks:
    def pytest_configure_node(self, node: Any) -> None:
        node.config.stash[STATE].tell_worker(node.workerinput)


def pytest_collect_file(file_path: Path, parent: pytest.Collector) -> pytest.Collector | None:
    if file_path.suffix.lower() not in (".yaml", ".yml"):
        return None
    from .contracts.load import is_contract  # only once a YAML file turns up

    if not is_contract(file_path):
        return None
    from .pytest_session import ContractFile

    return ContractFile.from_parent(parent, path=file_path)


@pytest.hookimpl(tryfirst=True)  # before -k and -m deselect: the item answers to both
def pytest_collection_modifyitems(session: pytest.Session, items: list[pytest.Item]) -> None:
    state = session.config.stash.get(STATE, None)
    if state is not None and state.code and state.contracts:
        from .pytest_session import CodeItem

        items.append(CodeItem.from_parent(session, name=CODE_ITEM, nodeid=state.code_nodeid))


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    state = terminalreporter.config.stash.get(STATE, None)
    if state is None:
        return
    lines = state.summary_lines()
    if lines:
        terminalreporter.write_sep("=", "botocontract")
        for line in lines:
            terminalreporter.write_line(line)
