"""Compare a pinned tree with the tree of the release under test, under a policy, and say what
differs in words a reviewer reads at once. DeepDiff finds the differences; enum values are
compared as sets, since their order is never a change."""

from __future__ import annotations

import re
from typing import Any, NamedTuple

_KEY = re.compile(r"\['([^']*)'\]|\[(\d+)\]")
_CHILD = {"member": "[]", "value": "{}", "key": "{key}"}


class TreeDifference(NamedTuple):
    path: str  # in rules.md's syntax, below the pinned path
    what: str  # a sentence
    allowed: bool  # allowed by an additive policy


def _sets(node: Any) -> Any:
    if isinstance(node, dict):
        return {k: (set(v) if k == "enum" and isinstance(v, list) else _sets(v))
                for k, v in node.items()}
    return node


def _locate(root: str, deep_path: str) -> tuple[str, str | None]:
    """``root['members']['A']['member']['enum']`` -> (``<root>.A[]``, ``enum``)."""
    path, attribute = root, None
    keys = [m.group(1) if m.group(1) is not None else m.group(2) for m in _KEY.finditer(deep_path)]
    index = 0
    while index < len(keys):
        key = keys[index]
        if key == "members" and index + 1 < len(keys):
            path += "." + keys[index + 1]
            index += 2
            continue
        if key in _CHILD:
            path += _CHILD[key]
        else:
            attribute = key
            break
        index += 1
    return path, attribute


def _kind(node: Any) -> str:
    return str(node.get("type")) if isinstance(node, dict) else repr(node)


def compare_trees(pinned: dict[str, Any], current: dict[str, Any], root: str,
                  policy: str) -> list[TreeDifference]:
    from deepdiff import DeepDiff  # loaded only when a tree differs

    if pinned == current:
        return []
    found = DeepDiff(_sets(pinned), _sets(current), verbose_level=2)
    differences: list[TreeDifference] = []
    for deep_path, value in found.get("dictionary_item_added", {}).items():
        path, attribute = _locate(root, deep_path)
        if attribute is None:
            required = isinstance(value, dict) and bool(value.get("required"))
            what = f"new {'required' if required else 'optional'} member ({_kind(value)})"
            differences.append(TreeDifference(path, what, allowed=not required))
        else:
            differences.append(TreeDifference(path, f"gained {attribute} = {value!r}", False))
    for deep_path, value in found.get("dictionary_item_removed", {}).items():
        path, attribute = _locate(root, deep_path)
        if attribute is None:
            differences.append(TreeDifference(path, f"missing (pinned as {_kind(value)})", False))
        else:
            differences.append(TreeDifference(path, f"lost {attribute} (was {value!r})", False))
    for kind in ("values_changed", "type_changes"):
        for deep_path, change in found.get(kind, {}).items():
            path, attribute = _locate(root, deep_path)
            what = f"{attribute or 'value'} changed from {change.get('old_value')!r} to " \
                   f"{change.get('new_value')!r}"
            differences.append(TreeDifference(path, what, False))
    for kind, allowed, verb in (("set_item_added", True, "gained"),
                                ("set_item_removed", False, "lost")):
        for deep_path in found.get(kind, []):
            match = re.match(r"^(.*)\[(.*)\]$", deep_path)
            container, item = (match.group(1), match.group(2)) if match else (deep_path, "?")
            path, _ = _locate(root, container)
            differences.append(TreeDifference(path, f"{verb} enum value {item}", allowed))
    differences.sort(key=lambda d: (d.allowed, d.path, d.what))
    if policy == "exact":
        return [d._replace(allowed=False) for d in differences]
    return differences
