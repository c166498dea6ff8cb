"""A range changelog in the AWS text format: each release's sections, newest release first."""

from __future__ import annotations

from ..history.ranges import History
from .changelog_text import render as render_changelog


def render(history: History) -> str:
    return "\n".join(render_changelog(changelog) for changelog in history.changelogs)
