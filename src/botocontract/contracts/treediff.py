"""Compare a pinned tree with the tree of the release under test, under a policy, and say what
differs, path by path, in words a reviewer reads at once.

Resolved trees (``model.tree``) have one fixed form, so a direct walk says exactly what changed,
in rules.md's path syntax. (DeepDiff did this first; it imports numpy and pydantic where they are
installed, which alone cost more than a whole ``check``, and its paths needed translating back.)
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ..model.paths import TREE_KEYS

_CHILD = {part: step for step, part in TREE_KEYS.items()}  # a node's key -> its path step
_MISSING = object()


@dataclass(frozen=True, slots=True, kw_only=True)
class TreeDifference:
    path: str  # in rules.md's syntax
    what: str  # a sentence
    allowed: bool  # allowed by an additive policy


def _kind(node: Any) -> str:
    if isinstance(node, dict):
        return str(node.get("type") or f"<recursive {node.get('recursive')}>")
    return repr(node)


def compare_trees(
    pinned: dict[str, Any], current: dict[str, Any], root: str, policy: str
) -> list[TreeDifference]:
    differences: list[TreeDifference] = []

    def note(path: str, what: str, allowed: bool = False) -> None:
        differences.append(
            TreeDifference(path=path, what=what, allowed=allowed and policy == "additive")
        )

    _walk(pinned, current, root, note)
    differences.sort(key=lambda d: (d.allowed, d.path, d.what))
    return differences


def _walk(
    pinned: dict[str, Any], current: dict[str, Any], path: str, note: Callable[..., None]
) -> None:
    for key in sorted(pinned.keys() | current.keys()):
        before, after = pinned.get(key, _MISSING), current.get(key, _MISSING)
        if before == after:
            continue
        if key == "members" and isinstance(before, dict) and isinstance(after, dict):
            for name in sorted(before.keys() | after.keys()):
                child = f"{path}.{name}"
                if name not in after:
                    note(child, f"missing (pinned as {_kind(before[name])})")
                elif name not in before:
                    required = bool(after[name].get("required"))
                    note(
                        child,
                        f"new {'required' if required else 'optional'} member "
                        f"({_kind(after[name])})",
                        allowed=not required,
                    )
                else:
                    _walk(before[name], after[name], child, note)
        elif key in _CHILD and isinstance(before, dict) and isinstance(after, dict):
            _walk(before, after, path + _CHILD[key], note)
        elif key == "enum" and isinstance(before, list) and isinstance(after, list):
            for value in sorted(set(after) - set(before)):
                note(path, f"gained enum value {value!r}", allowed=True)
            for value in sorted(set(before) - set(after)):
                note(path, f"lost enum value {value!r}")
        elif before is _MISSING:
            note(path, f"gained {key} = {after!r}")
        elif after is _MISSING:
            note(path, f"lost {key} (was {before!r})")
        else:
            note(path, f"{key} changed from {before!r} to {after!r}")
