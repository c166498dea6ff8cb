"""Pinned tree vs current tree, under the additive and exact policies: one table."""

from __future__ import annotations

from typing import Any

import pytest

from botocontract.contracts.treediff import compare_trees

S = {"type": "string"}
BASE: dict[str, Any] = {
    "type": "structure",
    "members": {
        "Name": {"type": "string", "required": True, "max": 63},
        "Kind": {"type": "string", "enum": ["A", "B"]},
        "Tags": {"type": "list", "member": {"type": "structure", "members": {"Key": S}}},
        "Attrs": {"type": "map", "key": S, "value": {"type": "string", "enum": ["X"]}},
    },
}


def changed(**members: Any) -> dict[str, Any]:
    tree = {"type": "structure", "members": dict(BASE["members"])}
    for name, node in members.items():
        if node is None:
            del tree["members"][name]
        else:
            tree["members"][name] = node
    return tree


CASES = [
    ("same", BASE, [], True),
    (
        "optional-member-added",
        changed(New=S),
        [("Op.request.New", "new optional member (string)", True)],
        True,
    ),
    (
        "required-member-added",
        changed(New={"type": "string", "required": True}),
        [("Op.request.New", "new required member (string)", False)],
        False,
    ),
    (
        "member-removed",
        changed(Kind=None),
        [("Op.request.Kind", "missing (pinned as string)", False)],
        False,
    ),
    (
        "enum-value-added",
        changed(Kind={"type": "string", "enum": ["A", "B", "C"]}),
        [("Op.request.Kind", "gained enum value 'C'", True)],
        True,
    ),
    (
        "enum-value-removed",
        changed(Kind={"type": "string", "enum": ["A"]}),
        [("Op.request.Kind", "lost enum value 'B'", False)],
        False,
    ),
    (
        "type-changed",
        changed(Name={"type": "integer", "required": True, "max": 63}),
        [("Op.request.Name", "type changed from 'string' to 'integer'", False)],
        False,
    ),
    (
        "became-optional",
        changed(Name={"type": "string", "max": 63}),
        [("Op.request.Name", "lost required (was True)", False)],
        False,
    ),
    (
        "constraint-added",
        changed(Kind={"type": "string", "enum": ["A", "B"], "max": 5}),
        [("Op.request.Kind", "gained max = 5", False)],
        False,
    ),
    (
        "list-element-member-added",
        changed(
            Tags={
                "type": "list",
                "member": {"type": "structure", "members": {"Key": S, "Value": S}},
            }
        ),
        [("Op.request.Tags[].Value", "new optional member (string)", True)],
        True,
    ),
    (
        "map-value-enum-added",
        changed(Attrs={"type": "map", "key": S, "value": {"type": "string", "enum": ["X", "Y"]}}),
        [("Op.request.Attrs{}", "gained enum value 'Y'", True)],
        True,
    ),
]


@pytest.mark.parametrize(
    ("current", "expected", "additive_passes"),
    [pytest.param(c, e, p, id=i) for i, c, e, p in CASES],
)
def test_compare_trees(
    current: dict[str, Any], expected: list[tuple[str, str, bool]], additive_passes: bool
) -> None:
    additive = compare_trees(BASE, current, "Op.request", "additive")
    assert [(d.path, d.what, d.allowed) for d in additive] == expected
    assert all(d.allowed for d in additive) == additive_passes
    exact = compare_trees(BASE, current, "Op.request", "exact")
    assert [(d.path, d.what) for d in exact] == [(p, w) for p, w, _ in expected]
    assert not any(d.allowed for d in exact)
