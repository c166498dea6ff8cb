"""Download progress: drawn on stderr when stderr is a terminal, whatever stdout is; one line per
fetch slower than a second; silent with ``--quiet``, in CI and when stderr is no terminal.

The real command runs in a subprocess, its stderr on a pseudo-terminal (``pty``) for the watched
case and on a pipe for the others. pip is shadowed (through PYTHONPATH, as
tests/bad_inputs/_pip_trap is) by a slow fake that lists three versions and, after a pause, writes
a small botocore wheel.
"""

from __future__ import annotations

import json
import os
import pty
import re
import select
import subprocess
import sys
import time
from pathlib import Path

import pytest

from botocontract.sources.progress import SLOW_S, fetched_line

PAUSE_S = SLOW_S + 0.3  # each fake download: slow enough to leave its line
VERSIONS = ("1.0.0", "1.0.1", "1.0.2")
MODEL = "botocore/data/svc/2020-01-01/service-2.json"
ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")

FAKE_PIP = f'''"""Not pip: lists {VERSIONS} and downloads, slowly, a small botocore wheel."""
import json, sys, time, zipfile
from pathlib import Path

args = sys.argv[1:]
if args[:2] == ["index", "versions"]:
    print("botocore ({VERSIONS[-1]})")
    print("Available versions: " + ", ".join(reversed({VERSIONS!r})))
    sys.exit(0)
assert args[0] == "download", args
version = args[1].split("==")[1]
dest = Path(args[args.index("--dest") + 1])
time.sleep({PAUSE_S})
operations = {{f"Op{{i}}": {{"name": f"Op{{i}}", "http": {{"method": "POST", "requestUri": "/"}}}}
              for i in range(int(version.rsplit(".", 1)[1]) + 1)}}
model = {{"version": "2.0", "operations": operations, "shapes": {{}},
          "metadata": {{"apiVersion": "2020-01-01", "protocol": "json",
                        "serviceFullName": "Svc", "endpointPrefix": "svc"}}}}
with zipfile.ZipFile(dest / f"botocore-{{version}}-py3-none-any.whl", "w") as wheel:
    wheel.writestr("botocore/__init__.py", f"__version__ = '{{version}}'\\n")
    wheel.writestr("{MODEL}", json.dumps(model))
    wheel.writestr(f"botocore-{{version}}.dist-info/METADATA", f"Version: {{version}}\\n")
'''


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    """The environment of a command whose pip is the slow fake, with an empty cache."""
    trap = tmp_path / "fake-pip"
    (trap / "pip").mkdir(parents=True)
    (trap / "pip" / "__init__.py").write_text("")
    (trap / "pip" / "__main__.py").write_text(FAKE_PIP)
    scrubbed = ("CI", "BOTOCONTRACT_OFFLINE", "BOTOCONTRACT_DEBUG", "COLUMNS", "LINES")
    found = {k: v for k, v in os.environ.items() if k not in scrubbed}
    found |= {
        "PYTHONPATH": str(trap),
        "BOTOCONTRACT_CACHE_DIR": str(tmp_path / "cache"),
        "TERM": "xterm-256color",
    }
    return found


def on_a_terminal(argv: list[str], env: dict[str, str], out: Path) -> tuple[int, str]:
    """Run the command with stderr on a pseudo-terminal and stdout into ``out``: its exit code
    and what the terminal showed, its control sequences removed."""
    leader, follower = pty.openpty()
    with out.open("wb") as stdout:
        process = subprocess.Popen(
            [sys.executable, "-m", "botocontract", *argv],
            stdin=subprocess.DEVNULL,
            stdout=stdout,
            stderr=follower,
            env=env,
        )
    os.close(follower)
    shown = bytearray()
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        ready, _, _ = select.select([leader], [], [], 0.2)
        if ready:
            try:
                chunk = os.read(leader, 65536)
            except OSError:  # the process closed the terminal (EIO on Linux)
                chunk = b""
            if not chunk:
                break
            shown += chunk
        elif process.poll() is not None:
            break
    os.close(leader)
    code = process.wait(timeout=30)
    # a bar redraws its line after a carriage return: each drawing a line of its own here
    return code, ANSI.sub("", shown.decode("utf-8", "replace")).replace("\r", "\n")


def piped(argv: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "botocontract", *argv],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        env=env,
        check=False,
        timeout=120,
    )


SLOW_LINE = re.compile(r"^fetching botocore (\S+) … (\d+\.\d) MB in (\d+\.\d) s$", re.MULTILINE)


def slow_lines(shown: str) -> dict[str, float]:
    return {m[1]: float(m[3]) for m in SLOW_LINE.finditer(shown)}


def test_the_line_of_a_slow_fetch() -> None:
    assert fetched_line("botocore 1.40.3", 13_200_000, 1.84) == (
        "fetching botocore 1.40.3 … 13.2 MB in 1.8 s"
    )


def test_a_range_into_a_file_shows_progress_on_the_terminal(
    env: dict[str, str], tmp_path: Path
) -> None:
    page = tmp_path / "page.html"
    argv = ["changelog", VERSIONS[0], VERSIONS[-1], "--range", "--format", "html"]
    code, shown = on_a_terminal(argv, env, page)
    assert code == 0, shown
    # one line per fetched wheel, each slower than a second, none on stdout
    found = slow_lines(shown)
    assert sorted(found) == list(VERSIONS), shown
    assert all(seconds >= SLOW_S for seconds in found.values()), found
    assert "fetching botocore wheels" in shown  # the bar, drawn while they downloaded
    document = page.read_text(encoding="utf-8")
    assert document.startswith("<!DOCTYPE html>") and "fetching" not in document


def test_a_single_fetch_shows_its_line(env: dict[str, str], tmp_path: Path) -> None:
    code, shown = on_a_terminal(["show", "1.0.1", "svc"], env, tmp_path / "out.txt")
    assert code == 0, shown
    assert list(slow_lines(shown)) == ["1.0.1"], shown
    assert "Op1" in (tmp_path / "out.txt").read_text()


def test_quiet_on_a_terminal_says_nothing(env: dict[str, str], tmp_path: Path) -> None:
    code, shown = on_a_terminal(["show", "1.0.1", "svc", "--quiet"], env, tmp_path / "out.txt")
    assert code == 0, shown
    assert shown.strip() == ""
    assert "Op1" in (tmp_path / "out.txt").read_text()


def test_ci_on_a_terminal_says_nothing(env: dict[str, str], tmp_path: Path) -> None:
    code, shown = on_a_terminal(["show", "1.0.1", "svc"], env | {"CI": "true"}, tmp_path / "o")
    assert code == 0, shown
    assert shown.strip() == ""


def test_no_terminal_no_progress(env: dict[str, str]) -> None:
    done = piped(["changelog", VERSIONS[0], VERSIONS[-1], "--range", "--format", "json"], env)
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    data = json.loads(done.stdout)
    assert [r["botocore"] for r in data["releases"]] == list(VERSIONS)
