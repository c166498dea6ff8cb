"""The typed vocabulary: severities and sides are enums that every report still writes as the bare
word, and the low-volume values are frozen, keyword-only dataclasses rather than tuples."""

from __future__ import annotations

import json

import orjson
import pytest

from botocontract.model.side import Side
from botocontract.rules.severity import LEVELS, Severity


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
