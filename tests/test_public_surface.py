"""The declared library surface: every exported name resolves, is documented, and loads lazily."""

from __future__ import annotations

import inspect
import subprocess
import sys

import pytest

import botocontract
from botocontract import api


def test_all_names_exactly_the_exports() -> None:
    assert set(botocontract.__all__) == {"__version__", *botocontract._EXPORTS}


@pytest.mark.parametrize("name", sorted(botocontract._EXPORTS))
def test_every_export_resolves_and_is_documented(name: str) -> None:
    value = getattr(botocontract, name)
    assert inspect.getdoc(value), f"botocontract.{name} has no docstring"


@pytest.mark.parametrize("name", sorted(api.__all__))
def test_every_api_function_is_documented(name: str) -> None:
    value = getattr(api, name)
    if callable(value):
        assert inspect.getdoc(value), f"botocontract.api.{name} has no docstring"


def test_the_api_has_a_function_per_command() -> None:
    from botocontract.cli import cli

    assert set(cli.commands) <= set(api.__all__)


def test_unknown_names_are_attribute_errors() -> None:
    with pytest.raises(AttributeError, match="no attribute 'nope'"):
        _ = botocontract.nope  # type: ignore[attr-defined]


def test_importing_the_package_loads_no_pipeline() -> None:
    code = (
        "import sys, botocontract; "
        "print(sorted(m for m in sys.modules if m.startswith('botocontract')))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "['botocontract']"
