"""``snapshot`` as text: each fixture that differs (or was rewritten), each unused one."""

from __future__ import annotations

from ..contracts.snapshot import SnapshotReport


def render(report: SnapshotReport) -> str:
    label = report.release.label
    verb = "rewrote" if report.updated else "differs from"
    lines = [f"{file}: {verb} {label}" for file in report.changed]
    state = "deleted" if report.pruned else "unused"
    lines += [f"{file}: {state} (no clause pins it)" for file in report.unused]
    if not report.changed:
        lines.append(f"fixtures match {label}")
    return "".join(f"{line}\n" for line in lines)
