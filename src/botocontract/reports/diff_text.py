"""The diff for a terminal: one line per change, grouped by service, most severe first."""

from __future__ import annotations

from ..rules.judge import Verdict


def render(verdict: Verdict) -> str:
    lines = [
        f"botocontract diff {verdict.old.name} -> {verdict.new.name}: "
        f"{verdict.services_compared} services compared, "
        f"{len(verdict.services)} with changes"
    ]
    for service in verdict.services:
        status = "" if service.status == "changed" else f" ({service.status})"
        lines.append("")
        lines.append(f"{service.service}{status} - {service.full_name}")
        for change in sorted(service.changes, key=lambda c: (-c.severity.rank, c.path, c.rule)):
            lines.append(f"  {change.severity:<8} {change.rule:<32} {change.message}")
    summary = verdict.summary()
    lines.append("")
    lines.append(
        ", ".join(f"{count} {level}" for level, count in summary.items())
        + (f", {len(verdict.ignored)} ignored" if verdict.ignored else "")
    )
    return "\n".join(lines) + "\n"
