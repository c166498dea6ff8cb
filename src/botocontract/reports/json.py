"""Every command's report as JSON, one function per command, each document named by its
``format`` key (cli.md): a contract with users' scripts; add keys, never rename.

A far release pair has a hundred thousand changes: the diff is written service by service as
bytes (:func:`write_diff`), so that it never exists as one string (orjson's bytes decoded to
``str`` would double).
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import IO, TYPE_CHECKING, Any

import orjson

from ..rules.grouped import change_groups, group_as_json
from ..rules.table import SEVERITY_MEANINGS
from .common import growth_data, rule_data

if TYPE_CHECKING:
    from ..changelog.build import Changelog
    from ..contracts import ClauseResult
    from ..contracts.run import CheckReport
    from ..gate import GateReport
    from ..history.ranges import History
    from ..rules.judge import JudgedService, Verdict
    from ..rules.table import Rule
    from ..scan.check import CheckedCall, ScanReport, Site
    from ..show import ShowReport
    from ..sources.index import Published

RELEASES_FORMAT = "botocontract.releases/1"


def _dumps(data: Any) -> str:
    return orjson.dumps(data, option=orjson.OPT_INDENT_2).decode() + "\n"


# --------------------------------------------------------------------------- diff


def _diff_head(verdict: Verdict) -> dict[str, Any]:
    return {
        "format": "botocontract.diff/2",
        "old": verdict.old.as_json(),
        "new": verdict.new.as_json(),
        "services_compared": verdict.services_compared,
    }


def _diff_service(service: JudgedService) -> dict[str, Any]:
    return {
        "service": service.service,
        "api_version": service.api_version,
        "old_api_version": service.diff.old_api_version,
        "status": service.status,
        "sdk_extras_merged": list(service.diff.extras),
        "changes": [group_as_json(group) for group in change_groups(service.changes)],
    }


def _diff_tail(verdict: Verdict) -> dict[str, Any]:
    return {
        "ignored": [
            dict(c.as_json(), service=c.service, reason=reason) for c, reason in verdict.ignored
        ],
        "summary": verdict.summary(),
    }


def diff_data(verdict: Verdict) -> dict[str, Any]:
    return {
        **_diff_head(verdict),
        "services": [_diff_service(s) for s in verdict.services],
        **_diff_tail(verdict),
    }


def _nested(value: Any, depth: int) -> bytes:
    """``value`` as indented JSON that sits ``depth`` levels deep in the document."""
    return orjson.dumps(value, option=orjson.OPT_INDENT_2).replace(b"\n", b"\n" + b"  " * depth)


def _members(data: dict[str, Any]) -> list[bytes]:
    return [b'  "' + key.encode() + b'": ' + _nested(value, 1) for key, value in data.items()]


def diff_chunks(verdict: Verdict) -> Iterator[bytes]:
    """The document of :func:`diff_data`, laid out as ``orjson.OPT_INDENT_2`` would lay it out."""
    yield b"{\n" + b",\n".join(_members(_diff_head(verdict))) + b',\n  "services": ['
    for index, service in enumerate(verdict.services):
        yield (b"\n    " if index == 0 else b",\n    ") + _nested(_diff_service(service), 2)
    yield (b"\n  ]" if verdict.services else b"]") + b",\n"
    yield b",\n".join(_members(_diff_tail(verdict))) + b"\n}\n"


def write_diff(verdict: Verdict, out: IO[bytes]) -> None:
    for chunk in diff_chunks(verdict):
        out.write(chunk)


def diff(verdict: Verdict) -> str:
    buffer = io.BytesIO()
    write_diff(verdict, buffer)
    return buffer.getvalue().decode()


# --------------------------------------------------------------------------- check and gate


def clause_data(result: ClauseResult) -> dict[str, Any]:
    return {
        "file": str(result.clause.file),
        "line": result.line,
        "id": result.clause.id,
        "passed": result.passed,
        "message": result.message,
        "details": list(result.details),
    }


def check_data(report: CheckReport) -> dict[str, Any]:
    failed = len(report.failed)
    return {
        "format": "botocontract.check/1",
        "release": report.release.info.as_json(),
        "clauses": [clause_data(r) for r in report.results],
        "unused_fixtures": [str(f) for f in report.unused_fixtures],
        "code_gaps": [
            {"file": g.file, "line": g.line, "message": g.message} for g in report.code_gaps
        ],
        "summary": {"passed": len(report.results) - failed, "failed": failed},
    }


def check(report: CheckReport) -> str:
    return _dumps(check_data(report))


def gate_data(report: GateReport) -> dict[str, Any]:
    fatal = {c.fingerprint for c in report.fatal}
    changes = diff_data(report.verdict)
    for service in changes["services"]:
        for group in service["changes"]:
            for path in group["paths"]:
                path["touches"] = list(report.touched.get(path["fingerprint"], ()))
                path["breaks"] = [
                    {"clause": b.clause, "key": b.key, "assertion": b.assertion}
                    for b in report.breaches.get(path["fingerprint"], ())
                ]
                path["fatal"] = path["fingerprint"] in fatal
    return {
        "format": "botocontract.gate/2",
        "passed": report.passed,
        "strict": report.strict,
        "fail_on": report.fail_on,
        "check": check_data(report.check),
        "diff": changes,
        "stale_ignores": [
            {"file": str(e.file), "line": e.line, "entry": e.what} for e in report.stale_ignores
        ],
    }


def gate(report: GateReport) -> str:
    return _dumps(gate_data(report))


# --------------------------------------------------------------------------- changelogs


def changelog_data(log: Changelog) -> dict[str, Any]:
    # Here, not at the top: this module renders every command's JSON, and a diff needs no
    # changelog machinery.
    from ..changelog.delta import delta_as_json

    return {
        "format": "botocontract.changelog/1",
        "old": log.old.as_json(),
        "new": log.new.as_json(),
        "services": [
            {
                "service": s.service,
                "full_name": s.full_name,
                "date": s.date.isoformat() if s.date else None,
                "note": "\n".join(s.notes) if s.notes else None,
                "headline": s.headline,
                "methods": [
                    {
                        "name": m.name,
                        "status": m.status,
                        "request": delta_as_json(m.request) if m.request else None,
                        "response": delta_as_json(m.response) if m.response else None,
                        "changes": [c.as_json() for c in m.changes],
                    }
                    for m in s.methods
                ],
                "changes": [c.as_json() for c in s.changes],
                "not_in_published_format": [c.as_json() for c in s.unshown],
            }
            for s in log.sections
        ],
    }


def changelog(log: Changelog) -> str:
    return _dumps(changelog_data(log))


def history_data(log: History) -> dict[str, Any]:
    """Every release of the range, and the changelog of each release pair that changed a
    selected service, newest first."""
    return {
        "format": "botocontract.history/1",
        "releases": [r.as_json() for r in log.releases],
        "changelogs": [changelog_data(c) for c in log.changelogs],
        "growth": growth_data(log),
    }


def history(log: History) -> str:
    return _dumps(history_data(log))


# --------------------------------------------------------------------------- the rest


def releases(found: list[Published]) -> str:
    data = {
        "format": RELEASES_FORMAT,
        "releases": [
            {
                "version": str(item.version),
                "fetchable": item.fetchable,
                "cached": item.cached is not None,
                "date": item.date.isoformat() if item.date else None,
            }
            for item in found
        ],
    }
    return _dumps(data)


def rules_data(table: tuple[Rule, ...]) -> dict[str, Any]:
    """For scripts that map rule ids to severities."""
    return {
        "format": "botocontract.rules/1",
        "severities": [
            {"severity": level, "meaning": meaning} for level, meaning in SEVERITY_MEANINGS.items()
        ],
        "rules": [rule_data(rule) for rule in table],
    }


def rules(table: tuple[Rule, ...]) -> str:
    return _dumps(rules_data(table))


def _site(site: Site, request: bool) -> dict[str, Any]:
    data: dict[str, Any] = {"path": site.path, "line": site.line}
    if request and site.literal:
        data["value"] = site.value
    return data


def call_data(checked: CheckedCall) -> dict[str, Any]:
    call = checked.call
    return {
        "file": call.file,
        "line": call.line,
        "service": call.service,
        "method": call.method,
        "operation": checked.operation,
        "operations": list(checked.operations),
        "request": [_site(s, True) for s in checked.request],
        "response": [_site(s, False) for s in checked.response],
    }


def scan_data(report: ScanReport) -> dict[str, Any]:
    """Every call with the members it passes and reads, what could not be followed, the errors
    against the release, and the files not read."""
    return {
        "format": "botocontract.scan/1",
        "release": report.release.info.as_json(),
        "calls": [call_data(c) for c in report.calls],
        "unresolved": [
            {"file": u.file, "line": u.line, "reason": u.reason} for u in report.unresolved
        ],
        "errors": [{"file": e.file, "line": e.line, "message": e.message} for e in report.errors],
        "problems": [
            {"file": p.file, "line": p.line, "message": p.message} for p in report.result.problems
        ],
        "summary": {
            "files": report.result.files,
            "lines": report.result.lines,
            "calls": len(report.calls),
            "errors": len(report.errors),
            "unresolved": len(report.unresolved),
        },
    }


def scan(report: ScanReport) -> str:
    return _dumps(scan_data(report))


def show(report: ShowReport) -> str:
    """The operation list, or one operation's trees."""
    model = report.model
    data: dict[str, Any]
    if report.trees is None:
        data = {
            "service": model.name,
            "api_version": model.api_version,
            "full_name": model.full_name,
            "operations": {
                name: {"http": [op.http_method, op.request_uri], "deprecated": op.deprecated}
                for name, op in model.operations.items()
            },
            "sdk_extras_merged": list(model.extras),
        }
    else:
        data = dict(
            report.trees,
            service=model.name,
            api_version=model.api_version,
            sdk_extras_merged=list(model.extras),
        )
    return _dumps(data)
