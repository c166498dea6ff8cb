"""``show`` as text: the operation list, or one operation's trees, one member per line."""

from __future__ import annotations

from ..model.paths import TREE_KEYS
from ..model.tree import Tree
from ..show import ShowReport


def render(report: ShowReport) -> str:
    model = report.model
    label = f"{report.spec} ({model.name} {model.api_version})"
    if report.operation is None or report.trees is None:
        lines = [f"{model.full_name}: {len(model.operations)} operations  {label}"]
        lines += [
            f"  {name}  {op.http_method} {op.request_uri}"
            + ("  deprecated" if op.deprecated else "")
            for name, op in model.operations.items()
        ]
        return "\n".join(lines) + "\n"
    op = model.operations[report.operation]
    lines = [f"{model.name} {report.operation}  {op.http_method} {op.request_uri}  {label}"]
    for side, shape in (("request", op.input), ("response", op.output)):
        tree = report.trees[side]
        lines.append(f"{side}: {shape}" if tree else f"{side}: (none)")
        if tree:
            for child, sub in (tree.get("members") or {}).items():
                lines += tree_lines(sub, child)
    if op.errors:
        lines.append("errors: " + ", ".join(op.errors))
    return "\n".join(lines) + "\n"


def tree_lines(node: Tree, name: str, depth: int = 1) -> list[str]:
    """A tree as indented text, one member per line."""
    pad = "  " * depth
    if "recursive" in node:
        return [f"{pad}{name}  <recursive {node['recursive']}>"]
    facets = [node["type"]]
    if node.get("required"):
        facets.append("required")
    for key in ("min", "max", "pattern", "location", "locationName", "streaming"):
        if key in node:
            facets.append(f"{key}={node[key]}")
    for flag in ("deprecated", "sensitive", "idempotencyToken"):
        if node.get(flag):
            facets.append(flag)
    if "enum" in node:
        facets.append(f"enum({len(node['enum'])}): " + " | ".join(node["enum"]))
    lines = [f"{pad}{name}  " + "  ".join(str(f) for f in facets)]
    for child, sub in (node.get("members") or {}).items():
        lines += tree_lines(sub, child, depth + 1)
    for step, part in TREE_KEYS.items():
        if part in node:
            lines += tree_lines(node[part], step, depth + 1)
    return lines
