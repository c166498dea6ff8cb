"""The golden files themselves: a mismatch fails with a diff that says what changed and how to
accept it, ``--update-goldens`` writes exact bytes, and every golden is documented and used."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from goldens import GOLDEN_DIR, Goldens

TESTS = GOLDEN_DIR.parent
INPUTS = {"README.md", "CHANGELOG-excerpt.rst"}  # in the folder, but not expected outputs


def test_a_mismatch_fails_with_a_unified_diff(tmp_path: Path) -> None:
    (tmp_path / "out.txt").write_bytes(b"one\ntwo\nthree\n")
    with pytest.raises(pytest.fail.Exception) as failed:
        Goldens(tmp_path).check("out.txt", "one\n2\nthree\n")
    message = str(failed.value)
    assert "--- tests/golden/out.txt\n+++ actual output\n" in message
    assert "\n-two\n+2\n" in message
    assert " one\n" in message and " three\n" in message  # context around the change
    assert "pytest --update-goldens" in message


def test_a_missing_final_newline_is_shown(tmp_path: Path) -> None:
    (tmp_path / "out.txt").write_bytes(b"same\n")
    with pytest.raises(pytest.fail.Exception) as failed:
        Goldens(tmp_path).check("out.txt", "same")
    assert "-same\n+same\n\\ no newline\n" in str(failed.value)


def test_a_missing_golden_says_how_to_write_it(tmp_path: Path) -> None:
    with pytest.raises(pytest.fail.Exception, match=r"no golden file .*new\.md.*--update-goldens"):
        Goldens(tmp_path).check("new.md", "text\n")


def test_update_writes_the_exact_output_and_a_match_passes(tmp_path: Path) -> None:
    output = "crlf\r\nand ünïcode \n"
    Goldens(tmp_path, update=True).check("out.txt", output)
    assert (tmp_path / "out.txt").read_bytes() == output.encode("utf-8")
    Goldens(tmp_path).check("out.txt", output)
    with pytest.raises(pytest.fail.Exception):  # newlines are compared, not translated
        Goldens(tmp_path).check("out.txt", output.replace("\r\n", "\n"))


def test_every_golden_is_documented_and_compared_by_a_test() -> None:
    goldens = {p.name for p in GOLDEN_DIR.iterdir() if p.is_file()} - INPUTS
    readme = (GOLDEN_DIR / "README.md").read_text(encoding="utf-8")
    documented = set(re.findall(r"^\| `([^`]+)` \|", readme, re.M))
    assert documented == goldens
    sources = "".join(p.read_text(encoding="utf-8") for p in sorted(TESTS.glob("test_*.py")))
    compared = set(re.findall(r'goldens\.check\(\s*"([^"]+)"', sources))
    assert compared == goldens
