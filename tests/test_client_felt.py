"""What a client feels over 1.37.20 -> 1.44.8, judged on the real releases: the protocol botocore
resolves, each change once, and paginator keys that only add to build_full_result()."""

from __future__ import annotations

import json
from collections import Counter

import pytest

from clirun import run_cli
from documents import path_changes

pytestmark = pytest.mark.network


def test_far_pair_judges_what_a_client_feels() -> None:
    done = run_cli("diff", "1.37.20", "1.44.8", "--format", "json")
    assert done.returncode == 1, done.stderr  # it still has breaking changes
    services = json.loads(done.stdout)["services"]
    protocol = [
        (c["service"], c["old"], c["new"])
        for c in path_changes(services)
        if c["rule"] == "protocol-changed"
    ]
    assert protocol == [("cloudwatch", "query", "json")]
    for service in services:
        twice = [
            f
            for f, n in Counter(c["fingerprint"] for c in path_changes([service])).items()
            if n > 1
        ]
        assert twice == [], service["service"]
    (sagemaker,) = [s for s in services if s["service"] == "sagemaker"]
    search = [c for c in path_changes([sagemaker]) if c["path"] == "Search.paginator"]
    assert [(c["rule"], c["severity"]) for c in search] == [("paginator-keys-added", "info")]
