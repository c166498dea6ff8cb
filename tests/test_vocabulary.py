"""The typed vocabulary: severities and sides are enums that every report still writes as the bare
word, and the low-volume values are frozen, keyword-only dataclasses rather than tuples."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path
from typing import Any

import orjson
import pytest

from botocontract import api
from botocontract.changelog.build import Section
from botocontract.contracts.init import InitReport
from botocontract.contracts.load import Clause, Contract
from botocontract.contracts.run import CheckReport
from botocontract.contracts.snapshot import SnapshotReport
from botocontract.gate import GateReport
from botocontract.history.bisect import BisectReport
from botocontract.model.side import Side
from botocontract.release_info import ReleaseInfo
from botocontract.rules.judge import Verdict
from botocontract.rules.severity import LEVELS, Severity
from botocontract.rules.table import Rule
from botocontract.show import ShowReport


def test_severities_rise_in_rank() -> None:
    assert [level.rank for level in Severity] == [0, 1, 2]
    assert Severity.INFO.rank < Severity.WARNING.rank < Severity.BREAKING.rank
    assert LEVELS == ("info", "warning", "breaking")


@pytest.mark.parametrize("member", [*Severity, *Side], ids=str)
def test_a_member_is_written_as_its_bare_word(member: Severity | Side) -> None:
    word = member.value
    assert (str(member), f"{member}", f"{member:<10}") == (word, word, f"{word:<10}")
    assert json.dumps([member]) == orjson.dumps([member]).decode() == f'["{word}"]'


@pytest.mark.parametrize("member", [*Severity, *Side], ids=str)
def test_a_member_equals_and_hashes_as_its_word(member: Severity | Side) -> None:
    assert member == member.value
    assert {member.value: 1}[member] == 1
    assert type(member)(member.value) is member


def _clause(**params: Any) -> Clause:
    return Clause(
        id="c",
        file=Path("c.yaml"),
        line=3,
        service="svc",
        api_version=None,
        call="Op",
        params=params,
    )


def test_settings_are_not_a_tuple() -> None:
    assert api.Settings() != (None, None, None, None)
    assert api.Settings() == api.DEFAULTS
    with pytest.raises(TypeError):
        api.Settings(Path("cache"))  # type: ignore[misc]


def test_a_clause_with_params_hashes_and_compares_its_params() -> None:
    assert hash(_clause(Name="a")) == hash(_clause(Name="b"))
    assert _clause(Name="a") == _clause(Name="a") != _clause(Name="b")
    assert len({_clause(Name="a"), _clause(Name="a")}) == 1


@pytest.mark.parametrize(
    "kind",
    [
        *(api.Settings, Clause, Contract, Rule, Section, Verdict, ReleaseInfo),
        # the results of the use cases
        *(CheckReport, SnapshotReport, InitReport, GateReport, BisectReport, ShowReport),
    ],
    ids=str,
)
def test_a_low_volume_value_is_a_frozen_slotted_keyword_only_dataclass(kind: type) -> None:
    params = kind.__dataclass_params__  # type: ignore[attr-defined]
    assert params.frozen
    assert "__slots__" in kind.__dict__
    assert all(f.kw_only for f in dataclasses.fields(kind))
    assert not issubclass(kind, tuple)


def test_a_frozen_value_refuses_assignment() -> None:
    with pytest.raises(dataclasses.FrozenInstanceError):
        api.DEFAULTS.offline = True  # type: ignore[misc]
