"""Run the real command line in a subprocess, as users' CI scripts do."""

from __future__ import annotations

import subprocess
import sys
from typing import Any


def run_cli(*args: str, **kwargs: Any) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "botocontract", *args],
        capture_output=True,
        text=True,
        check=False,
        **kwargs,
    )
