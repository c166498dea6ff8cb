"""Output formats. Each registry feeds both the CLI's ``--format`` choice and the renderer lookup,
so a format exists in one place only."""

from __future__ import annotations

import inspect
from collections.abc import Callable
from importlib import import_module
from typing import IO, Any

from .common import MIB, Layout

__all__ = ["MIB", "TARGETS", "Layout", "emit", "renderer", "warnings"]

# Where a Markdown report goes, and the most it may take there: GitHub drops a job's step summary
# over 1 MiB, and a pull request comment takes 65,536 characters (bytes here: never more).
TARGETS = {"summary": MIB, "comment": 65_536}

# format name -> "module.function" that renders it; a module holds one format for every command and
# loads only when its format is asked for. Beside ``function``, a module may hold ``write_function``
# (streams bytes) and ``function_warnings`` (lines for stderr).
DIFF_FORMATS = {
    "text": "text.diff",
    "json": "json.diff",
    "markdown": "markdown.diff",
    "github": "github.diff",
    "junit": "junit.diff",
}
CHECK_FORMATS = {
    "text": "text.check",
    "json": "json.check",
    "markdown": "markdown.check",
    "github": "github.check",
    "junit": "junit.check",
}
GATE_FORMATS = {
    "text": "text.gate",
    "json": "json.gate",
    "markdown": "markdown.gate",
    "github": "github.gate",
    "junit": "junit.gate",
}
# A range of releases (and any HTML page, which can hold one): changelogs newest first.
HISTORY_FORMATS = {
    "text": "text.history",
    "markdown": "markdown.history",
    "json": "json.history",
    "html": "history_html.render",
}
SCAN_FORMATS = {"text": "text.scan", "json": "json.scan", "github": "github.scan"}
CHANGELOG_FORMATS = {
    "text": "text.changelog",
    "markdown": "markdown.changelog",
    "json": "json.changelog",
}
# The rule table itself (``botocontract rules``; docs/rules.md is the markdown).
RULES_FORMATS = {"text": "text.rules", "json": "json.rules", "markdown": "markdown.rules"}
# Formats that render histories only: a changelog asked for in one is a history of one pair.
PAGE_FORMATS = frozenset(HISTORY_FORMATS) - frozenset(CHANGELOG_FORMATS)
SHOW_FORMATS = {"text": "text.show", "json": "json.show"}
RELEASES_FORMATS = {"text": "text.releases", "json": "json.releases"}
SNAPSHOT_FORMATS = {"text": "text.snapshot"}
BISECT_FORMATS = {"text": "text.bisect"}
INIT_FORMATS = {"text": "text.init"}


def as_history(fmt: str, as_range: bool) -> bool:
    """Whether a changelog is built as a history: a range of releases, or a page format."""
    return as_range or fmt in PAGE_FORMATS


def changelog_formats(fmt: str, as_range: bool) -> dict[str, str]:
    """The registry that renders a changelog: histories apart from single pairs."""
    return HISTORY_FORMATS if as_history(fmt, as_range) else CHANGELOG_FORMATS


def _function(registry: dict[str, str], name: str, prefix: str = "", suffix: str = "") -> Any:
    """The function a format's module holds for a command (with ``prefix``/``suffix``: its
    streaming writer or its warnings), None when it has none."""
    module, function = registry[name].rsplit(".", 1)
    return getattr(import_module(f"{__name__}.{module}"), f"{prefix}{function}{suffix}", None)


def renderer(registry: dict[str, str], name: str) -> Callable[[Any], str]:
    render: Callable[[Any], str] = _function(registry, name)
    return render


def emit(
    registry: dict[str, str], name: str, report: Any, out: IO[bytes], layout: Layout | None = None
) -> None:
    """Write a report to a byte stream; formats that can stream (``write_...``) do, so that a
    large report is never held whole in memory. ``layout`` goes to the formats that lay a report
    out (they take a ``layout``); the others list every path as they always do."""
    write = _function(registry, name, prefix="write_")
    if write is not None:
        write(report, out)
        return
    render: Callable[..., str] = renderer(registry, name)
    if layout is not None and "layout" in inspect.signature(render).parameters:
        out.write(render(report, layout=layout).encode())
    else:
        out.write(render(report).encode())


def warnings(registry: dict[str, str], name: str, report: Any) -> list[str]:
    """Lines a format has for stderr beside its report (``..._warnings``), if any."""
    found = _function(registry, name, suffix="_warnings")
    lines: list[str] = found(report) if found is not None else []
    return lines
