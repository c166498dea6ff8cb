"""What the installed botocore (the `installed` spec) can be expected to hold."""

from __future__ import annotations

import importlib.util

import botocore
import pytest
from packaging.version import Version

# The shipped contract pins SageMaker's RecoveryMode, which botocore 1.37.22 added (the release the
# fixtures record). The lowest-direct job installs an older botocore on purpose.
FIXTURES_RELEASE = "1.37.22"

needs_fixtures_release = pytest.mark.skipif(
    Version(botocore.__version__) < Version(FIXTURES_RELEASE),
    reason=f"the installed botocore {botocore.__version__} predates {FIXTURES_RELEASE}, "
    "which the shipped contract pins (RecoveryMode)",
)

# pytest-xdist is part of the toolchain (dev-constraints.txt), not of the plugin's own requirements:
# the lowest-direct job runs without it.
needs_xdist = pytest.mark.skipif(
    importlib.util.find_spec("xdist") is None, reason="pytest-xdist is not installed"
)
