"""Paginator, waiter and error clauses (issue 14): what the diff reports of them, a contract can
pin. They carry what they expect themselves (no fixture), pass or fail against the release, and
in the gate only the changes that break what they assert are fatal."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from botocontract.contracts.evaluate import ContractRun, pinned_paths
from botocontract.contracts.load import load_contracts
from botocontract.contracts.run import prepared
from botocontract.errors import YamlFileError
from botocontract.fixtures import FixtureStore
from botocontract.gate import GateReport, gate
from botocontract.reports import text as text_report
from clirun import run_cli
from synthetic import Model, paginator, release, struct, svc, waiter

CONTRACT = """\
botocontract: 1
service: svc
clauses:
  - id: pages
    paginator: Op
    input_token: NextToken
    output_token: [NextToken]
    result_key: [Items]
  - id: pages-exist
    paginator: Op
  - id: done
    waiter: Done
    operation: Op
  - id: conflict
    error: Op.errors.Conflict
"""


def model(
    *,
    pag: dict[str, Any] | None = None,
    wait: dict[str, Any] | None = None,
    errors: tuple[str, ...] = ("Conflict", "Throttled"),
    with_op: bool = True,
) -> Model:
    built = svc(
        req={"NextToken": "S"},
        resp={"NextToken": "S", "Items": "S", "Count": "I"},
        shapes={name: struct({"Message": "S"}, exception=True) for name in errors},
        op={"errors": [{"shape": name} for name in errors]},
        ops={"Other": {}},
        pag={"Op": paginator(result_key=["Items", "Count"])} if pag is None else pag,
        wait={"Done": waiter()} if wait is None else wait,
    )
    if not with_op:
        del built.raw["operations"]["Op"]
    return built


@pytest.fixture()
def contracts(tmp_path: Path) -> Path:
    folder = tmp_path / "contracts"
    folder.mkdir()
    (folder / "svc.yaml").write_text(CONTRACT, encoding="utf-8")
    return folder


def results(contracts: Path, candidate: Model) -> dict[str, str | None]:
    """Clause id -> None (passes) or its failure, one line."""
    run = ContractRun(release({"svc": candidate}), FixtureStore(contracts.parent / "fixtures"))
    found = run.evaluate(load_contracts(contracts))
    return {r.clause.id: None if r.passed else r.message for r in found}


def run_gate(contracts: Path, candidate: Model, **options: Any) -> GateReport:
    return gate(
        release({"svc": model()}, spec="base"),
        release({"svc": candidate}, spec="candidate"),
        load_contracts(contracts),
        FixtureStore(contracts.parent / "fixtures"),
        **options,
    )


def why(report: GateReport) -> dict[str, str]:
    return {c.path: report.why(c) for c in report.fatal}


def test_the_clauses_load_with_their_kind_and_need_no_fixture(contracts: Path) -> None:
    (contract,) = load_contracts(contracts)
    pages, exist, done, conflict = contract.clauses
    assert [c.kind for c in contract.clauses] == ["paginator", "paginator", "waiter", "error"]
    assert pages.input_token == ("NextToken",)  # one name reads as a list of one, as botocore
    assert pages.output_token == ("NextToken",) and pages.result_key == ("Items",)
    assert exist.input_token is None and exist.result_key is None  # not asserted
    assert (done.waiter, done.operation) == ("Done", "Op")
    assert conflict.error_parts == ("Op", "Conflict")
    assert pinned_paths(contract) == []
    assert pages.line_of("result_key") == 8 and conflict.line_of("error") == 15
    # No fixtures anywhere, and none needed: no first-run message, the contract is checked.
    store = FixtureStore(contracts.parent / "fixtures")
    checked, _ = prepared([contract], store, lambda: release({"svc": model()}))
    assert checked == [contract]


def test_they_hold_on_the_release_they_describe(contracts: Path) -> None:
    assert results(contracts, model()) == dict.fromkeys(
        ["pages", "pages-exist", "done", "conflict"]
    )


@pytest.mark.parametrize(
    ("candidate", "expected"),
    [
        pytest.param(
            model(pag={"Op": paginator(output_token="Marker", result_key=["Items"])}),
            {"pages": "paginator Op: output_token is [Marker] in memory, not [NextToken]"},
            id="output-token",
        ),
        pytest.param(
            model(pag={"Op": paginator(result_key=["Count"])}),
            {"pages": "paginator Op: result_key lacks Items in memory"},
            id="result-key-lost",
        ),
        pytest.param(
            model(pag={"Op": paginator(result_key=["Items", "Count", "More"])}), {}, id="key-gained"
        ),
        pytest.param(
            model(pag={"Other": paginator()}),
            {
                "pages": "svc has no paginator for Op in memory",
                "pages-exist": "svc has no paginator for Op in memory",
            },
            id="paginator-gone",
        ),
        pytest.param(
            model(wait={"Done": waiter(operation="Other")}),
            {"done": "waiter Done polls Other in memory, not Op"},
            id="waiter-polls-another",
        ),
        pytest.param(
            model(wait={"IsDone": waiter()}),
            {"done": "svc has no waiter Done in memory; did you mean IsDone?"},
            id="waiter-renamed",
        ),
        pytest.param(
            model(errors=("Conflicts",)),
            {
                "conflict": "Op does not list Conflict among its errors in memory; did you mean "
                "Conflicts?"
            },
            id="error-gone",
        ),
    ],
)
def test_each_assertion_fails_alone(
    contracts: Path, candidate: Model, expected: dict[str, str]
) -> None:
    found = results(contracts, candidate)
    assert {k: v for k, v in found.items() if v is not None} == expected


def test_a_removed_operation_fails_paginator_and_error(contracts: Path) -> None:
    found = results(contracts, model(with_op=False, pag={}, wait={}))
    assert found["conflict"] == "svc has no operation Op in memory"
    assert found["pages"] == found["pages-exist"] == "svc has no paginator for Op in memory"


def test_the_gate_fails_on_what_each_clause_asserts(contracts: Path) -> None:
    tokens = run_gate(contracts, model(pag={"Op": paginator(output_token="Marker")}))
    assert why(tokens) == {
        "Op.paginator": "breaks pages (output_token: [NextToken]): "
        'output_token: ["NextToken"] -> ["Marker"]'
    }
    assert "      breaks pages (output_token: [NextToken]):" in text_report.gate(tokens)
    # Items gone from the result keys breaks `pages`; the bare `pages-exist` does not mind.
    keys = run_gate(contracts, model(pag={"Op": paginator(result_key=["Count"])}))
    assert why(keys) == {
        "Op.paginator": "breaks pages (result_key: [Items]): "
        'result_key: ["Items", "Count"] -> ["Count"]'
    }
    gone = run_gate(contracts, model(pag={}))
    assert why(gone) == {
        "Op.paginator": "breaks pages (paginator: Op); pages-exist (paginator: Op): "
        "present -> absent"
    }
    # waiter-changed is a warning, error-removed info: fatal from those levels on; below them
    # the failing clause fails the gate alone, and the change names what it breaks.
    moved = run_gate(contracts, model(wait={"Done": waiter(operation="Other")}), fail_on="warning")
    assert list(why(moved)) == ["waiter.Done"]
    assert why(moved)["waiter.Done"].startswith("breaks done (operation: Op): ")
    error = run_gate(contracts, model(errors=("Throttled",)))
    assert not error.passed and error.fatal == []
    (change,) = error.verdict.changes()
    assert error.why(change) == ("breaks conflict (error: Op.errors.Conflict): Conflict -> absent")
    assert run_gate(contracts, model(errors=("Throttled",)), fail_on="info").fatal == [change]


def test_changes_the_clauses_do_not_assert_never_fail_the_gate(contracts: Path) -> None:
    calm = run_gate(
        contracts,
        model(
            pag={"Op": paginator(result_key=["Items", "Count", "More"], limit_key="Limit")},
            wait={"Done": waiter(delay=30)},
            errors=("Conflict", "Throttled", "NewError"),
        ),
        fail_on="info",
    )
    assert calm.passed and calm.fatal == [] and calm.breaches == {}
    assert {c.rule for c in calm.verdict.changes()} >= {"paginator-changed", "waiter-changed"}
    # A lost error the contract does not name is reported, not fatal.
    other = run_gate(contracts, model(errors=("Conflict",)), fail_on="info")
    assert other.passed and [c.path for c in other.verdict.changes()] == ["Op.errors.Throttled"]


def test_code_names_read_as_the_model_names_them(tmp_path: Path) -> None:
    folder = tmp_path / "contracts"
    folder.mkdir()
    (folder / "svc.yaml").write_text(
        "botocontract: 1\nservice: svc\nclauses:\n"
        "  - {id: pages, paginator: op}\n"
        "  - {id: done, waiter: done, operation: op}\n"
        "  - {id: conflict, error: op.errors.Conflict}\n",
        encoding="utf-8",
    )
    store = FixtureStore(tmp_path / "fixtures")
    (contract,), _ = prepared(load_contracts(folder), store, lambda: release({"svc": model()}))
    assert [(c.paginator, c.waiter, c.operation, c.error) for c in contract.clauses] == [
        ("Op", None, None, None),
        (None, "Done", "Op", None),
        (None, None, None, "Op.errors.Conflict"),
    ]


@pytest.mark.parametrize(
    ("clause", "line", "message"),
    [
        (
            "{id: a, paginator: Op, operation: Op}",
            4,
            "'operation' belongs to a waiter clause, not to a paginator clause",
        ),
        (
            "{id: a, waiter: Done,\n     result_key: [Items]}",
            5,
            "'result_key' belongs to a paginator clause, not to a waiter clause",
        ),
        (
            "{id: a, path: Op.request,\n     error: Op.errors.X}",
            5,
            "a clause has a path or an error, not both",
        ),
        ("{id: a, error: Conflict}", 4, "clauses/0/error: 'Conflict' does not match"),
        (
            "{id: a, paginator: Op, input_token: []}",
            4,
            "clauses/0/input_token: [] should be non-empty",
        ),
        ("{id: a, waiter: Done, params: {}}", 4, "'params' belongs to a call clause"),
    ],
)
def test_malformed_clauses_are_one_line_at_their_key(
    tmp_path: Path, clause: str, line: int, message: str
) -> None:
    file = tmp_path / "svc.yaml"
    file.write_text(f"botocontract: 1\nservice: svc\nclauses:\n  - {clause}\n", encoding="utf-8")
    with pytest.raises(YamlFileError) as raised:
        load_contracts(file)
    assert str(raised.value).startswith(f"{file}:{line}: ")
    assert message in str(raised.value)


def data_folder(root: Path, built: Model) -> Path:
    """A botocore data folder with the one service svc."""
    data = root / "data" / "svc" / "2020-01-01"
    data.mkdir(parents=True)
    (data / "service-2.json").write_text(json.dumps(built.raw), encoding="utf-8")
    (data / "paginators-1.json").write_text(json.dumps({"pagination": built.paginators}))
    (data / "waiters-2.json").write_text(json.dumps({"version": 2, "waiters": built.waiters}))
    return root / "data"


OFFLINE = {"BOTOCONTRACT_OFFLINE": "1", "PATH": "/usr/bin:/bin"}


def test_init_writes_paginator_and_waiter_clauses(tmp_path: Path) -> None:
    data = data_folder(tmp_path, model())
    (tmp_path / "app.py").write_text(
        "import boto3\n"
        'client = boto3.client("svc")\n'
        'for page in client.get_paginator("op").paginate():\n'
        "    pass\n"
        'client.get_waiter("done").wait()\n',
        encoding="utf-8",
    )
    done = run_cli("init", "app.py", "--botocore", str(data), cwd=tmp_path, env=OFFLINE)
    assert done.returncode == 0, done.stderr
    written = (tmp_path / "contracts" / "svc.yaml").read_text(encoding="utf-8")
    assert "  # app.py:3\n  - id: op-paginator\n    paginator: Op\n" in written
    assert "  # app.py:5\n  - id: done-waiter\n    waiter: Done\n    operation: Op\n" in written
    again = run_cli(
        "init", "app.py", "--update", "--botocore", str(data), cwd=tmp_path, env=OFFLINE
    )
    assert again.returncode == 0, again.stderr
    assert (tmp_path / "contracts" / "svc.yaml").read_text(encoding="utf-8") == written
    checked = run_cli(
        "check", "--botocore", str(data), "--code", "app.py", cwd=tmp_path, env=OFFLINE
    )
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert "op-paginator  paginator Op holds" in checked.stdout


def test_check_on_the_command_line(tmp_path: Path, contracts: Path) -> None:
    data_folder(tmp_path, model(errors=("Throttled",)))
    done = run_cli(
        "check",
        "--botocore",
        str(tmp_path / "data"),
        "--contracts",
        str(contracts),
        "--fixtures",
        str(tmp_path / "fixtures"),
        cwd=tmp_path,
        env=OFFLINE,
    )
    assert done.returncode == 1, done.stderr
    assert "conflict  Op does not list Conflict among its errors in" in done.stdout
    assert "svc.yaml:15  conflict" in done.stdout  # the clause's error key
