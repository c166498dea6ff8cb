"""Changelogs from judged diffs: the AWS API changelog format, Markdown, JSON."""

from .build import Changelog, Method, Section, attach_deltas, build_changelog
from .notes import load_notes

__all__ = ["Changelog", "Method", "Section", "attach_deltas", "build_changelog", "load_notes"]
