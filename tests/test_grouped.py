"""Changes judged in groups (``rules.grouped``) are exactly the changes judged one fact at a time:
the same changes, in the same order, the same counts and JSON, in this process or from workers."""

from __future__ import annotations

import multiprocessing
import pickle
from collections import Counter

import pytest

from botocontract.diff.release import compare_releases
from botocontract.rules.grouped import GroupedChanges, change_groups, group_as_json
from botocontract.rules.judge import Change, judge, judge_fact, judge_releases
from botocontract.rules.severity import Severity
from synthetic import Model, enum, lst, m, release, struct, svc

OVERRIDES = {"request-enum-value-added": Severity.WARNING}


def _model(values: tuple[str, ...], *, deprecated: bool, doc: str) -> Model:
    """``Kind`` reached by four paths, request and response; ``Old`` deprecated on the member
    and on its target shape at once (one change to a client); a documentation change."""
    return svc(
        req={"A": "Kind", "Items": "Specs", "Old": m("Legacy", deprecated=deprecated)},
        resp={"Kind": "Kind", "Items": "Specs"},
        shapes={
            "Kind": enum(*values),
            "Specs": lst("Spec"),
            "Spec": struct({"Kind": "Kind", "Name": "S"}),
            "Legacy": {"type": "string", "deprecated": deprecated, "documentation": doc},
        },
    )


BEFORE = _model(("a", "b"), deprecated=False, doc="old")
AFTER = _model(("a", "c", "d", "e"), deprecated=True, doc="new")


def _one_by_one(show_docs: bool) -> list[Change]:
    found = compare_releases(
        release({"svc": BEFORE}, "old"), release({"svc": AFTER}, "new"), docs=show_docs, jobs=1
    )
    (service,) = found.services
    seen: set[str] = set()
    changes = []
    for fact in service.facts:
        change = judge_fact("svc", fact, OVERRIDES)
        if change.fingerprint in seen:
            continue
        seen.add(change.fingerprint)
        changes.append(change)
    return [c for c in changes if show_docs or c.rule != "documentation-changed"]


@pytest.mark.parametrize("show_docs", [False, True])
def test_groups_spell_out_to_the_changes_judged_one_by_one(show_docs: bool) -> None:
    verdict = judge_releases(
        release({"svc": BEFORE}, "old"),
        release({"svc": AFTER}, "new"),
        overrides=OVERRIDES,
        show_docs=show_docs,
        jobs=1,
    )
    (service,) = verdict.services
    changes = service.changes
    assert isinstance(changes, GroupedChanges)
    expected = _one_by_one(show_docs)
    assert list(changes) == expected
    assert len(changes) == len(expected)
    # Stored once where it happened: each of 4 enum values, on each side, is one group of the
    # 2 paths that reach Kind there (8 groups, not 16 changes).
    enum_groups = [g for g in changes.groups if g.rule.endswith(("value-added", "value-removed"))]
    assert [len(g.paths) for g in enum_groups] == [2] * 8
    # The JSON's groups name every path, each with its change's fingerprint, and nothing else.
    listed = [
        (path, fingerprint, group["rule"], group["old"], group["new"])
        for group in map(group_as_json, change_groups(changes))
        for path, fingerprint in (tuple(p.values()) for p in group["paths"])
    ]
    as_json = [c.as_json() for c in expected]
    assert sorted(listed) == sorted(
        (c["path"], c["fingerprint"], c["rule"], c["old"], c["new"]) for c in as_json
    )
    # A plain sequence of changes (a report's own selection) groups as the judge does.
    assert change_groups(tuple(expected)) == change_groups(changes)
    counts = Counter(c.severity.value for c in expected)
    assert verdict.summary() == {level.value: counts[level.value] for level in reversed(Severity)}
    for level in Severity:
        threshold = level.rank
        assert verdict.fails(level.value) == any(c.severity.rank >= threshold for c in expected)


def test_a_change_met_twice_is_kept_once_where_first_met() -> None:
    verdict = judge(
        compare_releases(release({"svc": BEFORE}, "old"), release({"svc": AFTER}, "new"), jobs=1)
    )
    deprecations = [c for c in verdict.changes() if c.path == "Op.request.Old"]
    assert [c.rule for c in deprecations] == ["request-member-deprecated"]


def test_groups_survive_the_trip_from_a_worker() -> None:
    verdict = judge_releases(
        release({"svc": BEFORE}, "old"), release({"svc": AFTER}, "new"), jobs=1
    )
    (service,) = verdict.services
    copy = pickle.loads(pickle.dumps(service.changes))
    assert list(copy) == list(service.changes)


@pytest.mark.skipif(
    "fork" not in multiprocessing.get_all_start_methods(), reason="workers are forked"
)
def test_workers_judge_what_this_process_would() -> None:
    # Enough changed services for compare_releases to share them out to worker processes.
    names = [f"svc{i:02}" for i in range(14)]
    before = release(dict.fromkeys(names, BEFORE), "old")
    after = release(dict.fromkeys(names, AFTER), "new")
    here = judge_releases(before, after, overrides=OVERRIDES, jobs=1)
    there = judge_releases(before, after, overrides=OVERRIDES, jobs=2)
    assert [s.service for s in there.services] == names
    assert [list(s.changes) for s in there.services] == [list(s.changes) for s in here.services]
    assert there.summary() == here.summary()
