"""The judged diff as GitHub Actions workflow commands: one annotation per change, then one plain
summary line.

Breaking changes become ``::error``, warnings ``::warning`` and the rest ``::notice``. Model text is
escaped as the runner expects, so that a newline in it can never start a command of its own.
"""

from __future__ import annotations

from ..rules.judge import Change, Verdict
from ..rules.severity import Severity

COMMANDS = {Severity.BREAKING: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def escape_data(text: str) -> str:
    """The message part of a workflow command."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """A property value (``title=...``) of a workflow command."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def _order(change: Change) -> tuple[str, int, str, str, str]:
    return (change.service, -change.severity.rank, change.path, change.rule, change.message)


def _command(change: Change) -> str:
    command = COMMANDS[change.severity]
    data = f"{change.service} {change.path}: {change.message}"
    return f"::{command} title={escape_property(change.rule)}::{escape_data(data)}"


def _releases(verdict: Verdict) -> str:
    old, new = verdict.old, verdict.new
    if old.botocore and new.botocore:
        return f"botocore {old.botocore} -> {new.botocore}"
    return f"{old.botocore or old.spec} -> {new.botocore or new.spec}"


def render(verdict: Verdict) -> str:
    lines = [_command(change) for change in sorted(verdict.changes(), key=_order)]
    counts = ", ".join(f"{count} {level}" for level, count in verdict.summary().items())
    summary = (
        f"botocontract: {counts} in {len(verdict.services)} of "
        f"{verdict.services_compared} services ({_releases(verdict)})"
    )
    if verdict.ignored:
        summary += f", {len(verdict.ignored)} ignored"
    # the summary is plain text, but a release spec is user input: keep it on one line
    lines.append(" ".join(summary.splitlines()))
    return "\n".join(lines) + "\n"
