"""TOML, read with the standard library's tomllib where there is one (3.11+), else tomli."""

from __future__ import annotations

import sys

if sys.version_info >= (3, 11):
    from tomllib import TOMLDecodeError, loads
else:  # pragma: no cover - exercised by the 3.10 job
    from tomli import TOMLDecodeError, loads

__all__ = ["TOMLDecodeError", "loads"]
