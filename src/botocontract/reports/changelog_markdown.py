"""The changelog in Markdown: the published layout, plus every judged change in a table."""

from __future__ import annotations

from ..changelog.build import Changelog
from .changelog_text import pformat


def cell(text: object) -> str:
    """Model text made safe for one Markdown table cell."""
    value = str(text).replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")
    return value.replace("<", "&lt;").replace(">", "&gt;").replace("`", "\\`")


def render(changelog: Changelog) -> str:
    lines = [f"# botocore {changelog.old.name} → {changelog.new.name}", ""]
    if not changelog.sections:
        lines.append("No service changed.")
    for section in changelog.sections:
        lines += [f"## {section.headline}", ""]
        lines += [f"> {cell(note)}" for note in section.notes]
        if section.notes:
            lines.append("")
        for method in section.methods:
            lines += [f"### {method.name} ({method.status})", ""]
            for side, delta in (("request", method.request), ("response", method.response)):
                if delta:
                    lines += [f"Changes ({side})", "", "```python", pformat(delta), "```", ""]
        lines += ["| severity | rule | path | change |", "|---|---|---|---|"]
        for change in sorted(section.changes, key=lambda c: (-c.severity.rank, c.path, c.rule)):
            # No code spans around model text: backslash escapes do not work inside them.
            lines.append(
                f"| {change.severity} | {change.rule} | {cell(change.path)} | "
                f"{cell(change.message)} |"
            )
        lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n"
