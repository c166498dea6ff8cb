"""Output formats. Each registry feeds both the CLI's ``--format`` choice and the renderer lookup,
so a format exists in one place only."""

from __future__ import annotations

from collections.abc import Callable
from importlib import import_module
from typing import IO, Any

# format name -> module holding ``render``; modules load only when their format is asked for
DIFF_FORMATS = {
    "text": "diff_text",
    "json": "diff_json",
    "markdown": "diff_markdown",
    "github": "diff_github",
    "junit": "diff_junit",
}
CHECK_FORMATS = {
    "text": "check_text",
    "json": "check_json",
    "markdown": "check_markdown",
    "github": "check_github",
    "junit": "check_junit",
}
GATE_FORMATS = {
    "text": "gate_text",
    "json": "gate_json",
    "markdown": "gate_markdown",
    "github": "gate_github",
    "junit": "gate_junit",
}
# A range of releases (and any HTML page, which can hold one): changelogs newest first.
HISTORY_FORMATS = {
    "text": "history_text",
    "markdown": "history_markdown",
    "json": "history_json",
    "html": "history_html",
}
SCAN_FORMATS = {"text": "scan_text", "json": "scan_json", "github": "scan_github"}
CHANGELOG_FORMATS = {
    "text": "changelog_text",
    "markdown": "changelog_markdown",
    "json": "changelog_json",
}
# The rule table itself (``botocontract rules``; docs/rules.md is the markdown).
RULES_FORMATS = {
    "text": "rules_text",
    "json": "rules_json",
    "markdown": "rules_markdown",
}
# Formats that render histories only: a changelog asked for in one is a history of one pair.
PAGE_FORMATS = frozenset(HISTORY_FORMATS) - frozenset(CHANGELOG_FORMATS)
SHOW_FORMATS = {"text": "show_text", "json": "show_json"}
RELEASES_FORMATS = {"text": "releases_text", "json": "releases_json"}
SNAPSHOT_FORMATS = {"text": "snapshot_text"}
BISECT_FORMATS = {"text": "bisect_text"}
INIT_FORMATS = {"text": "init_text"}


def as_history(fmt: str, as_range: bool) -> bool:
    """Whether a changelog is built as a history: a range of releases, or a page format."""
    return as_range or fmt in PAGE_FORMATS


def changelog_formats(fmt: str, as_range: bool) -> dict[str, str]:
    """The registry that renders a changelog: histories apart from single pairs."""
    return HISTORY_FORMATS if as_history(fmt, as_range) else CHANGELOG_FORMATS


def renderer(registry: dict[str, str], name: str) -> Callable[[Any], str]:
    module = import_module(f"{__name__}.{registry[name]}")
    render: Callable[[Any], str] = module.render
    return render


def emit(registry: dict[str, str], name: str, report: Any, out: IO[bytes]) -> None:
    """Write a report to a byte stream; formats that can stream (``write``) do, so that a large
    report is never held whole in memory."""
    module = import_module(f"{__name__}.{registry[name]}")
    if hasattr(module, "write"):
        module.write(report, out)
    else:
        out.write(module.render(report).encode())


def warnings(registry: dict[str, str], name: str, report: Any) -> list[str]:
    """Lines a format has for stderr beside its report (``warnings`` of its module), if any."""
    module = import_module(f"{__name__}.{registry[name]}")
    found: list[str] = module.warnings(report) if hasattr(module, "warnings") else []
    return found
