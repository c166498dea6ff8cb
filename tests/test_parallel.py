"""Release diffs with many changed models run in worker processes: the answer and the errors
are the same as in one process."""

from __future__ import annotations

import json
import multiprocessing
import pickle
import time
from pathlib import Path
from typing import Any

import pytest

import synthetic
from botocontract.diff.release import compare_releases
from botocontract.errors import ModelError, YamlFileError
from clirun import run_cli

SERVICES = 14  # above the threshold at which workers start


def release(root: Path, enum: list[str], broken: str | None = None) -> Path:
    for index in range(SERVICES):
        name = f"svc{index:02d}"
        shapes = {
            "In": {"type": "structure", "members": {"Kind": {"shape": "Kind"}}},
            "Kind": {"type": "string", "enum": enum},
        }
        if name == broken:
            shapes["In"]["members"]["Lost"] = {"shape": "Missing"}
        model = {
            "metadata": {"serviceFullName": name},
            "shapes": shapes,
            "operations": {"Op": {"name": "Op", "input": {"shape": "In"}}},
        }
        folder = root / "botocore" / "data" / name / "2020-01-01"
        folder.mkdir(parents=True)
        (folder / "service-2.json").write_text(json.dumps(model))
    return root


@pytest.mark.parametrize(
    "error",
    [ModelError(path="m.json", detail="bad"), YamlFileError(path="c.yaml", line=3, detail="bad")],
)
def test_errors_survive_the_trip_from_a_worker(error: Exception) -> None:
    again = pickle.loads(pickle.dumps(error))
    assert (type(again), str(again)) == (type(error), str(error))


def test_workers_give_the_same_answer_as_one_process(tmp_path: Path) -> None:
    old, new = release(tmp_path / "old", ["A"]), release(tmp_path / "new", ["A", "B"])
    outputs = [
        run_cli("diff", str(old), str(new), "--format", "json", "--jobs", jobs)
        for jobs in ("1", "2")
    ]
    assert [o.returncode for o in outputs] == [0, 0], [o.stderr for o in outputs]
    assert outputs[0].stdout == outputs[1].stdout
    assert len(json.loads(outputs[1].stdout)["services"]) == SERVICES


def test_a_broken_model_in_a_worker_is_one_line(tmp_path: Path) -> None:
    old = release(tmp_path / "old", ["A"])
    new = release(tmp_path / "new", ["A", "B"], broken="svc07")
    done = run_cli("diff", str(old), str(new), "--jobs", "2", timeout=120)  # no hang either
    assert done.returncode == 2, done.stderr
    assert done.stdout == ""
    assert done.stderr.count("\n") == 1 and "Traceback" not in done.stderr
    assert "svc07" in done.stderr and "'Missing' is referenced but not defined" in done.stderr


@pytest.mark.skipif(
    "fork" not in multiprocessing.get_all_start_methods(), reason="workers are forked"
)
def test_an_error_lets_running_work_finish_and_cancels_the_rest(tmp_path: Path) -> None:
    """Workers are never killed halfway (one killed while sending its result holds a lock for
    good, and the pool hangs: seen on CPython 3.10 under load); what has not started, does not."""
    names = [f"svc{index:02d}" for index in range(SERVICES)]
    before = synthetic.release(dict.fromkeys(names, synthetic.svc(req={"A": "S"})), "old")
    after = synthetic.release(dict.fromkeys(names, synthetic.svc(req={"B": "S"})), "new")

    def attach(old: Any, new: Any, facts: Any) -> None:
        # Models are the same size, so workers take them in name order: svc00 and svc01 at once.
        if new.name == "svc01":
            raise ModelError(path="svc01.json", detail="broken")
        # svc00 is still running when svc01 fails; the others each take long enough that the
        # parent cancels most of them before a worker can reach them.
        time.sleep(1.0 if new.name == "svc00" else 0.3)
        (tmp_path / new.name).touch()

    with pytest.raises(ModelError, match=r"svc01\.json: broken"):
        compare_releases(before, after, attach=attach, jobs=2)
    finished = sorted(p.name for p in tmp_path.iterdir())
    assert "svc00" in finished
    assert len(finished) < SERVICES - 1, finished
