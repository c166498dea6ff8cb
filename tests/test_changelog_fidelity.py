"""The text changelog follows the published generator (awslabs/aws-sdk-api-changes), rule by rule,
on synthetic models: paths through lists and maps, new forms, what a headline counts, and what
goes to the section the published format has no place for."""

from __future__ import annotations

import ast
import json
from pathlib import Path
from typing import Any

import pytest

from botocontract.changelog.build import Changelog, attach_deltas, build_changelog
from botocontract.diff.release import compare_releases
from botocontract.history import ranges
from botocontract.reports import markdown
from botocontract.reports.text import changelog as render
from botocontract.reports.text import history as render_history
from botocontract.rules.judge import judge
from clirun import run_cli
from synthetic import Model, enum, lst, m, mp, release, string, struct, svc


def changelog(old: Model, new: Model, service: str = "svc") -> Changelog:
    found = compare_releases(
        release({service: old}, "old"), release({service: new}, "new"), attach=attach_deltas, jobs=1
    )
    return build_changelog(judge(found))


ITEM = struct({"A": "S"})
ITEM_PLUS = struct({"A": "S", "B": "S"})


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        pytest.param(
            svc(req={"Items": "Items"}, shapes={"Items": lst("Item"), "Item": ITEM}),
            svc(req={"Items": "Items"}, shapes={"Items": lst("Item"), "Item": ITEM_PLUS}),
            {"Items": {"B": "string"}},
            id="list-on-the-path",
        ),
        pytest.param(
            svc(req={"M": "M"}, shapes={"M": mp("S", "Item"), "Item": ITEM}),
            svc(req={"M": "M"}, shapes={"M": mp("S", "Item"), "Item": ITEM_PLUS}),
            {"M": {"B": "string"}},
            id="map-on-the-path",
        ),
        pytest.param(
            svc(req={"L": "L"}, shapes={"L": lst("LL"), "LL": lst("Item"), "Item": ITEM}),
            svc(req={"L": "L"}, shapes={"L": lst("LL"), "LL": lst("Item"), "Item": ITEM_PLUS}),
            {"L": {"B": "string"}},
            id="list-of-lists-on-the-path",
        ),
        pytest.param(
            svc(req={"A": "S"}),
            svc(req={"A": "S", "F": "F", "T": "T"}, shapes={"F": lst("S"), "T": mp("S", "I")}),
            {"F": ["string"], "T": {"string": "integer"}},
            id="new-list-and-map-keep-brackets",
        ),
        pytest.param(
            svc(req={"K": "K"}, shapes={"K": lst("E"), "E": enum("a", "b")}),
            svc(req={"K": "K"}, shapes={"K": lst("E"), "E": enum("a", "b", "c")}),
            {"K": {"c"}},
            id="enum-in-a-list",
        ),
        pytest.param(
            svc(req={"A": "S"}),
            svc(req={"A": "S", "D": "D"}, shapes={"D": struct(document=True)}),
            {"D": {}},
            id="document",
        ),
        pytest.param(
            svc(req={"A": "S"}),
            svc(
                req={"A": "S", "U": "U", "When": "T", "Data": "Blob", "On": "Bool"},
                shapes={"U": struct({"X": "S", "Y": "I"}, union=True), "T": {"type": "timestamp"}},
            ),
            {
                "U": {"X": "string", "Y": "integer"},
                "When": "timestamp",
                "Data": "blob",
                "On": "boolean",
            },
            id="union-and-scalars",
        ),
        pytest.param(
            svc(req={"A": "S"}),
            svc(req={"A": "Item"}, shapes={"Item": ITEM}),
            {"A": {"A": "string"}},
            id="became-a-structure",
        ),
        pytest.param(
            svc(req={"A": "C"}, shapes={"C": string()}),
            svc(req={"A": "C"}, shapes={"C": enum("x", "y")}),
            {"A": {"x", "y"}},
            id="became-an-enum",
        ),
    ],
)
def test_request_delta(old: Model, new: Model, expected: dict[str, Any]) -> None:
    (section,) = changelog(old, new).sections
    (method,) = section.methods
    assert (method.status, method.request, method.response) == ("updated", expected, None)
    block = render(changelog(old, new)).split("Changes (request)\n")[1].split("\n\n")[0]
    assert ast.literal_eval(block) == expected


@pytest.mark.parametrize(
    ("old", "new", "rule"),
    [
        pytest.param(
            svc(req={"A": "C"}, shapes={"C": string()}),
            svc(req={"A": "C"}, shapes={"C": string(max=5)}),
            "request-constraint-tightened",
            id="constraint",
        ),
        pytest.param(
            svc(req={"A": "S"}),
            svc(req=struct({"A": "S"}, required=["A"])),
            "request-member-became-required",
            id="required",
        ),
        pytest.param(
            svc(req={"A": "S"}, shapes={"Boom": struct(exception=True)}),
            svc(
                req={"A": "S"}, shapes={"Boom": struct(exception=True)}, op={"errors": [m("Boom")]}
            ),
            "error-added",
            id="error",
        ),
        pytest.param(
            svc(req={"A": "S", "B": "S"}),
            svc(req={"A": "S"}),
            "request-member-removed",
            id="removal",
        ),
        pytest.param(
            svc(req={"A": "S"}), svc(req={"A": "I"}), "request-type-changed", id="scalar-type"
        ),
        pytest.param(
            svc(req={"M": "M"}, shapes={"M": mp("K", "S"), "K": enum("a")}),
            svc(req={"M": "M"}, shapes={"M": mp("K", "S"), "K": enum("a", "b")}),
            "request-enum-value-added",
            id="map-key",
        ),
        pytest.param(
            svc(req={"A": "S"}, ops={"Gone": {}}), svc(req={"A": "S"}), "operation-removed", id="op"
        ),
    ],
)
def test_what_the_format_cannot_show_is_neither_listed_nor_counted(
    old: Model, new: Model, rule: str
) -> None:
    (section,) = changelog(old, new).sections
    assert section.methods == ()
    assert [c.rule for c in section.unshown] == [rule]
    text = render(changelog(old, new))
    assert text.splitlines()[0].endswith(" - 0 updated api methods")
    assert "(updated)" not in text
    assert f" {rule} " in text.split("Not in the published format:\n")[1]


def test_headline_counts_only_methods_with_a_delta() -> None:
    """Three operations change; only one of them in a way the format shows."""
    ops = {"Tight": {"input": {"shape": "TightIn"}}, "Err": {"input": {"shape": "TightIn"}}}
    shapes = {"TightIn": struct({"A": "C"}), "C": string(), "Boom": struct(exception=True)}
    old = svc(req={"A": "S"}, ops=ops, shapes=shapes)
    new_ops = {"Tight": ops["Tight"], "Err": {**ops["Err"], "errors": [m("Boom")]}}
    new = svc(
        req={"A": "S", "B": "S"}, ops=new_ops, shapes={**shapes, "C": string(max=3)}, wait=None
    )
    found = changelog(old, new)
    (section,) = found.sections
    assert section.headline.endswith(" - 1 updated api methods")
    assert [(m.name, m.status) for m in section.methods] == [("Op", "updated")]
    assert {c.operation for c in section.unshown} == {"Tight", "Err"}


def test_ec2_request_deltas_leave_tag_specifications_out() -> None:
    """The generator drops TagSpecifications from every ec2 request delta (a special case it
    has), so a method whose only request change is there is not listed."""
    tags = {"Specs": lst("Spec"), "Spec": struct({"ResourceType": "RT"})}
    old = svc(req={"TagSpecifications": "Specs"}, shapes={**tags, "RT": enum("vpc")})
    new = svc(req={"TagSpecifications": "Specs"}, shapes={**tags, "RT": enum("vpc", "subnet")})
    (section,) = changelog(old, new, "ec2").sections
    assert section.methods == ()
    assert [c.rule for c in section.unshown] == ["request-enum-value-added"]
    (other,) = changelog(old, new, "svc").sections
    assert other.methods[0].request == {"TagSpecifications": {"ResourceType": {"subnet"}}}


def test_unshown_changes_are_listed_most_severe_first() -> None:
    old = svc(req={"A": "C", "B": "S"}, resp={"E": "E"}, shapes={"C": string(), "E": enum("a")})
    new = svc(req={"A": "C"}, resp={"E": "E"}, shapes={"C": string(max=3), "E": enum("b")})
    text = render(changelog(old, new))
    lines = text.split("Not in the published format:\n")[1].splitlines()
    assert [line.split()[0] for line in lines] == ["breaking", "warning", "info"]
    assert lines[0] == "  breaking request-member-removed Op.request.B"


def test_an_empty_changelog_says_so_in_one_line() -> None:
    text = render(changelog(svc(req={"A": "S"}), svc(req={"A": "S"})))
    assert text == "botocore old -> new: no service changed.\n"


def test_range_text_names_each_release_beside_its_date() -> None:
    first, same, changed = svc(req={"A": "S"}), svc(req={"A": "S"}), svc(req={"A": "S", "B": "I"})
    specs = {"1.0.0": first, "1.0.1": same, "1.0.2": changed}
    found = ranges.history([release({"svc": model}, spec) for spec, model in specs.items()])
    text = render_history(found)
    assert text.splitlines()[:3] == [
        "botocore 1.0.1 -> 1.0.2 - 1.0.2",  # no date known: the spec stands in, as in headlines
        "",
        "1.0.2 - Synthetic Service - 1 updated api methods",
    ]
    assert "1.0.0 -> 1.0.1" not in text


def test_an_empty_range_says_so_in_one_line() -> None:
    same = svc(req={"A": "S"})
    found = ranges.history([release({"svc": same}, spec) for spec in ("1.0.0", "1.0.1", "1.0.2")])
    assert render_history(found) == "botocore 1.0.0 -> 1.0.2: no service changed in 3 releases.\n"


def _folder(root: Path, version: str, model: Model) -> Path:
    package = root / "botocore"
    folder = package / "data" / "svc" / "2020-01-01"
    folder.mkdir(parents=True)
    (folder / "service-2.json").write_text(json.dumps(model.raw))
    (package / "__init__.py").write_text(f"__version__ = '{version}'\n")
    return root


def test_a_reversed_pair_is_refused_unless_meant(tmp_path: Path) -> None:
    newer = _folder(tmp_path / "newer", "1.2.0", svc(req={"A": "S", "B": "S"}))
    older = _folder(tmp_path / "older", "1.1.0", svc(req={"A": "S"}))
    refused = "pass --reverse if a changelog of the downgrade is meant"
    done = run_cli("changelog", str(newer), str(older))
    assert done.returncode == 2
    assert done.stderr.splitlines() == [
        f"botocontract: OLD botocore 1.2.0 is newer than NEW 1.1.0; {refused}"
    ]
    # A range is refused before any release is fetched.
    done = run_cli("changelog", "1.44.8", "1.37.20", "--range", "--offline")
    assert done.returncode == 2
    assert done.stderr.splitlines() == [
        f"botocontract: OLD botocore 1.44.8 is newer than NEW 1.37.20; {refused}"
    ]
    done = run_cli("changelog", str(newer), str(older), "--reverse", "--date", "2025-01-02")
    assert done.returncode == 0, done.stderr
    assert "breaking request-member-removed Op.request.B" in done.stdout
    forward = run_cli("changelog", str(older), str(newer), "--date", "2025-01-02")
    assert forward.returncode == 0, forward.stderr
    assert (
        forward.stdout.splitlines()[0] == "2025/01/02 - Synthetic Service - 1 updated api methods"
    )


def test_markdown_changelog_and_diff_render_a_change_alike() -> None:
    """One escaping and one row layout: a nasty enum value reads the same in both reports, and
    equal request and response deltas are said once, as the text changelog says them."""
    nasty = "a|b<i>`c`"
    shapes = {"E": enum("x"), "Item": ITEM}
    old = svc(req={"E": "E", "I": "Item"}, resp={"I": "Item"}, shapes=shapes)
    new_shapes = {"E": enum("x", nasty), "Item": ITEM_PLUS}
    new = svc(req={"E": "E", "I": "Item"}, resp={"I": "Item"}, shapes=new_shapes)
    log = changelog(old, new)
    as_changelog = markdown.changelog(log)
    verdict = judge(
        compare_releases(release({"svc": old}, "old"), release({"svc": new}, "new"), jobs=1)
    )
    table = markdown.diff_by_path(verdict).split("|---|---|---|---|\n")[1]
    rows = [line for line in table.splitlines() if line.startswith("| ")]
    assert len(rows) == 3 and all(row in as_changelog for row in rows)
    assert "a\\|b&lt;i&gt;\\`c\\`" in as_changelog
    headings = [line for line in render(log).splitlines() if line.startswith(("Changes", "Re"))]
    assert headings == ["Changes (request, response)", "Request", "Response"]
    assert [line for line in as_changelog.splitlines() if line in headings] == headings
    both = changelog(
        svc(req={"I": "Item"}, resp={"I": "Item"}, shapes={"Item": ITEM}),
        svc(req={"I": "Item"}, resp={"I": "Item"}, shapes={"Item": ITEM_PLUS}),
    )
    assert "Changes (both)" in markdown.changelog(both) and "Changes (both)" in render(both)
