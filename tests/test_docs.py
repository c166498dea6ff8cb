"""The rule table on the command line (``botocontract rules``), and the docs in the repository:
docs/rules.md is that command's markdown output, and every relative link in the docs resolves."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from botocontract.reports.markdown import REGENERATE
from botocontract.rules.severity import LEVELS
from botocontract.rules.table import ANYWHERE, OUTSIDE_TREES, REQUEST, RESPONSE, RULES
from clirun import run_cli

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
# Markdown links and images: [text](target) and ![alt](target), the target up to a blank or ")".
LINK = re.compile(r"!?\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
FENCE = re.compile(r"^(```|~~~).*?^\1", re.MULTILINE | re.DOTALL)


def test_rules_text_lists_every_rule_in_table_order() -> None:
    result = run_cli("rules")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["id", "severity", "side", "kind", "explanation"]
    rows = [line.split() for line in lines[1:]]
    assert [row[0] for row in rows] == [rule.id for rule in RULES]
    assert [row[1] for row in rows] == [rule.severity for rule in RULES]
    for line, rule in zip(lines[1:], RULES, strict=True):
        assert line.endswith(rule.explanation)


SIDE_WORDS = {REQUEST: "request", RESPONSE: "response", OUTSIDE_TREES: None, ANYWHERE: "any"}


def test_rules_json_is_the_table_with_its_format_marker() -> None:
    result = run_cli("rules", "--format", "json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["format"] == "botocontract.rules/1"
    assert sorted(s["severity"] for s in data["severities"]) == sorted(LEVELS)
    assert all(s["meaning"] for s in data["severities"])
    assert [r["id"] for r in data["rules"]] == [rule.id for rule in RULES]
    for row, rule in zip(data["rules"], RULES, strict=True):
        assert row == {
            "id": rule.id,
            "severity": rule.severity,
            "side": SIDE_WORDS[rule.sides],
            "kind": rule.kind.value if rule.kind is not None else "any",
            "explanation": rule.explanation,
        }


def test_rules_markdown_has_a_row_per_rule() -> None:
    result = run_cli("rules", "--format", "markdown")
    assert result.returncode == 0, result.stderr
    rows = [line for line in result.stdout.splitlines() if line.startswith("| `")]
    assert [row.split("`")[1] for row in rows] == [rule.id for rule in RULES]
    assert all(row.count(" | ") == 4 for row in rows)  # five cells: no explanation split a row


def test_rules_refuses_an_unknown_format_in_one_line() -> None:
    result = run_cli("rules", "--format", "yaml")
    assert result.returncode == 2
    assert result.stdout == ""
    assert len(result.stderr.splitlines()) == 1
    assert "'yaml'" in result.stderr


def test_docs_rules_md_is_the_generated_table() -> None:
    result = run_cli("rules", "--format", "markdown")
    assert result.returncode == 0, result.stderr
    on_disk = (DOCS / "rules.md").read_text(encoding="utf-8")
    assert on_disk == result.stdout, f"docs/rules.md is stale: regenerate it with `{REGENERATE}`"


def _documents() -> list[Path]:
    found = [ROOT / name for name in ("README.md", "CONTRIBUTING.md", "ARCHITECTURE.md")]
    return [path for path in found if path.exists()] + sorted(DOCS.glob("*.md"))


def _anchors(text: str) -> set[str]:
    """The ids GitHub gives a file's headings: lower case, punctuation dropped, blanks to ``-``."""
    headings = re.findall(r"^#{1,6}\s+(.+?)\s*#*$", FENCE.sub("", text), re.MULTILINE)
    return {re.sub(r"[^\w\- ]", "", h.strip().lower()).replace(" ", "-") for h in headings}


def _links(text: str) -> list[str]:
    """Link targets outside code blocks and code spans (examples there are not links)."""
    prose = re.sub(r"`[^`\n]*`", "", FENCE.sub("", text))
    return LINK.findall(prose)


@pytest.mark.parametrize("document", _documents(), ids=lambda p: str(p.relative_to(ROOT)))
def test_every_relative_link_resolves(document: Path) -> None:
    text = document.read_text(encoding="utf-8")
    broken = []
    for target in _links(text):
        if re.match(r"[a-z][a-z0-9+.-]*:", target):  # http:, https:, mailto: ...
            continue
        file_part, _, anchor = target.partition("#")
        linked = (document.parent / file_part).resolve() if file_part else document
        if not linked.exists() or ROOT not in linked.parents:
            broken.append(f"{target}: no such file in the repository")
        elif (
            anchor
            and linked.suffix == ".md"
            and anchor not in _anchors(linked.read_text(encoding="utf-8"))
        ):
            broken.append(f"{target}: no heading #{anchor} in {linked.relative_to(ROOT)}")
    assert not broken, f"{document.relative_to(ROOT)}: " + "; ".join(broken)


def test_the_link_checker_finds_links_and_anchors() -> None:
    # The checker's own parts, on links it must find and judge broken.
    text = "# Só far, so good\n\n[a](missing.md) ![b](<img.png>) `[c](code.md)`\n"
    assert _links(text) == ["missing.md", "img.png"]
    assert _anchors(text) == {"só-far-so-good"}
