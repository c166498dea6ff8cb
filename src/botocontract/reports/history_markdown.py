"""A range changelog in Markdown, newest release first."""

from __future__ import annotations

from ..history.ranges import History
from .changelog_markdown import render as render_changelog


def render(history: History) -> str:
    first, last = history.releases[0].name, history.releases[-1].name
    parts = [f"# botocore {first} → {last}: {len(history.changelogs)} release(s) with changes\n"]
    parts += [render_changelog(changelog) for changelog in history.changelogs]
    return "\n".join(parts)
