"""What the pytest plugin does (its hooks are in ``pytest_plugin``): one ``ContractSession`` per
run, a ``ContractFile`` collector per contract file and a ``ClauseItem`` per clause; given code, a
``CodeItem`` that fails on what the code uses and no contract pins.

The session opens the release under test once, lazily, and builds the fixture store once. A broken
contract (bad YAML, an unknown key, a path the fixtures' release does not have) is a collection
error of its file in one ``file:line: what is wrong`` line; a clause that does not hold fails its
item with ``file:line: message`` and the differences, never a Python traceback.

It takes the path the CLI takes: every step is a function of ``api``. Heavy modules (the api, the
models) are imported only once a contract file is collected.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from .errors import BotocontractError, UsageError

if TYPE_CHECKING:
    from _pytest._code.code import TerminalRepr, TracebackStyle

    from .config import ProjectConfig
    from .contracts import Clause, ClauseResult, Contract, ContractRun
    from .contracts.snapshot import SnapshotReport
    from .fixtures import FixtureStore
    from .scan.findings import Finding
    from .sources import Release

UPDATE_OPTION = "--snapshot-update"
UPDATED = "botocontract_updated"  # in an xdist worker's workerinput: the controller updated
MAX_DETAILS = 50  # difference lines shown under a failing clause
CODE_ITEM = "code-coverage"


def has_option(config: pytest.Config, name: str) -> bool:
    """Whether a plugin or conftest has registered a command-line option of that name.

    pytest has no public question for this; its option table moved from the config to the parser
    in 9.1. Where neither holds it, say no: ours is then added, as on any pytest without a rival.
    """
    for owner in (config, getattr(config, "_parser", None)):
        known = getattr(owner, "_opt2dest", None)
        if isinstance(known, dict):
            return name in known
    return False


def shown(path: Path | str, root: Path) -> str:
    """A path as a reader wants it: relative to the rootdir when it lies inside it."""
    try:
        return str(Path(path).relative_to(root))
    except ValueError:
        return str(path)


def message(error: BotocontractError, root: Path) -> str:
    """The one line of an error, its file named relative to the rootdir."""
    path = error.kwargs.get("path")
    if isinstance(path, (str, Path)) and Path(path).is_absolute():
        try:
            return type(error).fmt.format(**{**error.kwargs, "path": shown(path, root)})
        except (KeyError, IndexError, ValueError):
            pass
    return str(error)


def too_deep(file: Path, root: Path) -> str:
    """A RecursionError, in the one line the CLI gives it: pytest's own rendering of one is
    thousands of lines of the same frames."""
    return f"{shown(file, root)}: nests too deep for botocontract to check"


class ContractSession:
    """The plugin's state for one pytest run: options, the fixture store, the release under test,
    the collected contracts and the results of their clauses."""

    def __init__(self, config: pytest.Config) -> None:
        self.root = config.rootpath
        self.explicit_spec: str | None = config.getoption("botocontract_spec")
        # --collect-only writes nothing
        self.update = bool(config.getoption(UPDATE_OPTION, default=False)) and not config.getoption(
            "collectonly"
        )
        # Folders: the command line, else the ini options, else [tool.botocontract] (see project).
        fixtures: str | None = config.getoption("botocontract_fixtures")
        ini_fixtures = str(config.getini("botocontract_fixtures") or "")
        ini_contracts = str(config.getini("botocontract_contracts") or "")
        self._fixtures_dir = (
            config.invocation_params.dir / fixtures
            if fixtures
            else (self.root / ini_fixtures if ini_fixtures else None)
        )
        self._contracts_dir = self.root / ini_contracts if ini_contracts else None
        code: list[str] | None = config.getoption("botocontract_code")
        self.code = (
            [config.invocation_params.dir / path for path in code]
            if code
            else [self.root / str(path) for path in config.getini("botocontract_code")]
        )
        self.gaps: tuple[Finding, ...] | None = None  # once the code item has run
        # Under pytest-xdist the controller updates the fixtures once, before the workers start,
        # and tells them so (``tell_worker``): every worker updating in turn would take the same
        # release again and again, and report what the first one did.
        told: dict[str, Any] | None = getattr(config, "workerinput", None)
        if told is not None and UPDATED in told:
            self.update = False
            self._told_error: str | None = told[UPDATED] or None
        else:
            self._told_error = None
        self.contracts: dict[Path, Contract] = {}
        self.results: list[ClauseResult] = []
        self.broken = False  # a contract file failed to collect
        self.snapshot: SnapshotReport | None = None
        self._prepared = False
        self._update_error: str | None = None
        self._run: ContractRun | None = None
        self._release_error: str | None = None

    @cached_property
    def project(self) -> ProjectConfig:
        """[tool.botocontract] of the rootdir's project: what the CLI reads there too."""
        from . import api

        return api.project_config(self.root)

    @cached_property
    def spec(self) -> str:
        return self.explicit_spec or self.project.botocore

    @cached_property
    def fixtures_dir(self) -> Path:
        return self._fixtures_dir or self.project.fixtures

    @cached_property
    def contracts_dir(self) -> Path:
        return self._contracts_dir or self.project.contracts

    @property
    def code_nodeid(self) -> str:
        return f"{shown(self.contracts_dir, self.root)}::{CODE_ITEM}"

    # ----- collection ---------------------------------------------------------------------------

    def prepare(self) -> None:
        """With --snapshot-update: rewrite the fixtures, once, before any contract is checked."""
        if not self._prepared:
            self._prepared = True
            if self.update:
                from . import api

                try:
                    self.snapshot = api.snapshot(
                        self.contracts_dir, self.fixtures_dir, self.explicit_spec, update=True
                    )
                except BotocontractError as exc:
                    self._update_error = f"--snapshot-update failed: {message(exc, self.root)}"
        error = self._update_error or self._told_error
        if error is not None:
            raise UsageError(msg=error)

    def update_for_workers(self) -> None:
        """On the pytest-xdist controller (it collects nothing): the update, done here once when
        there is a contracts folder to take it from."""
        if self.update and self.contracts_dir.is_dir():
            with contextlib.suppress(UsageError):  # kept for the summary and the workers
                self.prepare()

    def tell_worker(self, workerinput: dict[str, Any]) -> None:
        """What a worker must know of the controller's update: that it is done, and its error."""
        if self._prepared:
            workerinput[UPDATED] = self._update_error or ""

    @cached_property
    def store(self) -> FixtureStore:
        from . import api

        return api.fixture_store(self.fixtures_dir)

    def load(self, path: Path) -> Contract:
        """A contract file, checked against its fixtures: raises on a broken one."""
        from . import api

        try:
            self.prepare()
            contract = api.contract(path, self.store, self.release)
        except BotocontractError:
            self.broken = True
            raise
        self.contracts[path] = contract
        return contract

    # ----- running ------------------------------------------------------------------------------

    def run(self) -> ContractRun:
        """The release under test, opened on first use; an error once is an error for all."""
        if self._run is None and self._release_error is None:
            from . import api

            try:
                if self.snapshot is not None and self.explicit_spec is not None:
                    release = self.snapshot.release  # the one the fixtures were just taken from
                else:
                    release = api.release(self.spec)
                self._run = api.contract_run(release, self.store)
            except BotocontractError as exc:
                self._release_error = f"botocore {self.spec}: {message(exc, self.root)}"
        if self._run is None:
            raise UsageError(msg=self._release_error)
        return self._run

    def release(self) -> Release:
        return self.run().release

    def code_gaps(self) -> tuple[Finding, ...]:
        """What the code uses that no contract pins: the collected ones and the others of the
        contracts folder, with the release under test."""
        from . import api

        self.gaps = api.code_gaps(
            self.code, list(self.contracts.values()), self.release(), self.contracts_dir
        )
        return self.gaps

    def evaluate(self, clause: Clause) -> ClauseResult:
        result = self.run().evaluate_clause(clause)
        self.results.append(result)
        return result

    # ----- reporting ----------------------------------------------------------------------------

    def unused(self) -> list[Path]:
        """Fixtures no clause pins, judged by every contract of the contracts folder and every
        collected one; nothing when a contract is broken (its fixtures would look unused)."""
        if self.broken or not self.contracts:
            return []
        from . import api

        try:
            return api.unused_fixtures(
                self.contracts_dir, list(self.contracts.values()), self.store
            )
        except BotocontractError:
            return []

    def summary_lines(self) -> list[str]:
        lines: list[str] = []
        if self.snapshot is not None:
            label = self.snapshot.release.label
            lines += [
                f"rewrote {shown(file, self.root)} from {label}" for file in self.snapshot.changed
            ]
            if not self.snapshot.changed:
                lines.append(f"fixtures match {label}")
        if self._update_error is not None:
            lines.append(self._update_error)
        if not self.contracts:
            return lines
        if self._release_error is not None:
            lines.append(f"could not open the release: {self._release_error}")
        elif self._run is not None:
            failed = [r for r in self.results if not r.passed]
            lines.append(
                f"{len(self.results)} clause(s) checked against "
                f"{self._run.release.label}, {len(failed)} failed"
            )
            lines += [
                f"{shown(r.clause.file, self.root)}:{r.line} {r.clause.id}: {r.message}"
                for r in failed
            ]
        if self.gaps is not None:
            lines.append(
                f"{len(self.gaps)} use(s) of the code under "
                f"{', '.join(shown(path, self.root) for path in self.code)} no contract pins"
            )
        lines += [
            f"unused fixture: {shown(file, self.root)} (botocontract snapshot --prune deletes it)"
            for file in self.unused()
        ]
        return lines


STATE = pytest.StashKey[ContractSession]()


class ClauseFailed(Exception):
    """A clause that does not hold against the release under test."""

    def __init__(self, result: ClauseResult) -> None:
        super().__init__(result.message)
        self.result = result

    def render(self, root: Path) -> str:
        result = self.result
        lines = [f"{shown(result.clause.file, root)}:{result.line}: {result.message}"]
        details = [d for d in result.details if d not in result.message]  # no echo
        lines += [f"    {detail}" for detail in details[:MAX_DETAILS]]
        if len(details) > MAX_DETAILS:
            lines.append(f"    ... {len(details) - MAX_DETAILS} more")
        return "\n".join(lines)


class ContractFile(pytest.File):
    """A contract file: one item per clause, or a one-line collection error."""

    def collect(self) -> Iterator[ClauseItem]:
        contract = self.config.stash[STATE].load(self.path)
        for clause in contract.clauses:
            yield ClauseItem.from_parent(self, name=clause.id, clause=clause)

    def repr_failure(
        self, excinfo: pytest.ExceptionInfo[BaseException], style: TracebackStyle | None = None
    ) -> str | TerminalRepr:
        if isinstance(excinfo.value, BotocontractError):
            return message(excinfo.value, self.config.rootpath)
        if isinstance(excinfo.value, RecursionError):
            return too_deep(self.path, self.config.rootpath)
        return super().repr_failure(excinfo)


class ClauseItem(pytest.Item):
    """One clause, named by its id: ``contracts/x.yaml::clause-id``."""

    def __init__(self, *, clause: Clause, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.clause = clause
        self.add_marker("botocontract")

    def runtest(self) -> None:
        result = self.config.stash[STATE].evaluate(self.clause)
        if not result.passed:
            raise ClauseFailed(result)

    def repr_failure(
        self, excinfo: pytest.ExceptionInfo[BaseException], style: TracebackStyle | None = None
    ) -> str | TerminalRepr:
        root = self.config.rootpath
        if isinstance(excinfo.value, ClauseFailed):
            return excinfo.value.render(root)
        if isinstance(excinfo.value, BotocontractError):
            if excinfo.value.kwargs.get("path") == self.clause.file:
                return message(excinfo.value, root)  # it names the line itself
            return (
                f"{shown(self.clause.file, root)}:{self.clause.line}: "
                f"{message(excinfo.value, root)}"
            )
        if isinstance(excinfo.value, RecursionError):
            return too_deep(self.clause.file, root)
        return super().repr_failure(excinfo, style)

    def reportinfo(self) -> tuple[os.PathLike[str] | str, int | None, str]:
        return self.path, self.clause.line - 1, f"clause {self.clause.id}"


class CodeGaps(Exception):
    """Uses of the code that no contract pins."""

    def __init__(self, gaps: tuple[Finding, ...]) -> None:
        super().__init__(f"{len(gaps)} use(s) no contract pins")
        self.gaps = gaps

    def render(self, root: Path) -> str:
        lines = [f"{shown(gap.file, root)}:{gap.line}: {gap.message}" for gap in self.gaps]
        if len(lines) > MAX_DETAILS:
            lines[MAX_DETAILS:] = [f"... {len(lines) - MAX_DETAILS} more"]
        return "\n".join(lines)


class CodeItem(pytest.Item):
    """``check --code`` as a test: fails on each operation or member the code uses that no
    contract pins, naming its file:line."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.add_marker("botocontract")

    def runtest(self) -> None:
        gaps = self.config.stash[STATE].code_gaps()
        if gaps:
            raise CodeGaps(gaps)

    def repr_failure(
        self, excinfo: pytest.ExceptionInfo[BaseException], style: TracebackStyle | None = None
    ) -> str | TerminalRepr:
        root = self.config.rootpath
        if isinstance(excinfo.value, CodeGaps):
            return excinfo.value.render(root)
        if isinstance(excinfo.value, BotocontractError):
            return message(excinfo.value, root)
        return super().repr_failure(excinfo, style)

    def reportinfo(self) -> tuple[os.PathLike[str] | str, int | None, str]:
        return self.path, None, "code the contracts do not pin"
