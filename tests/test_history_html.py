"""The HTML range changelog: one self-contained page (no external anything), every model string
escaped, release sections, a change table with severity badges, growth charts, and filters that
work in a real browser (Debian's headless Chromium driven by Selenium)."""

from __future__ import annotations

import datetime as dt
import html
import json
import re
import shutil
from dataclasses import replace
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from botocontract.history.ranges import Growth, History, history
from botocontract.reports import HISTORY_FORMATS, renderer
from botocontract.reports.common import (
    delta_layout,
    pformat,
    severity_counts,
    severity_order,
)
from botocontract.reports.history_html import (
    CSP,
    LEAST_SPAN,
    Scale,
    anchor,
    json_island,
    render,
    shared_scale,
)
from botocontract.rules.change import _shown as in_a_message
from botocontract.rules.change import jsonable, shown_value
from botocontract.sources import open_release
from synthetic import operation

ATTACK = "<script>alert(1)</script>"  # a member name
BREAKOUT = "</script><script>alert(2)</script>"  # an enum value
TAG = "<img src=x onerror=alert(3)>"  # in a service's full name
VERSION_ATTACK = "9.9.9</script><script>alert(4)</script>"  # a release label (its __version__)


# ---------------------------------------------------------------------------------------------
# Synthetic releases: data folders with a botocore/__init__.py, so that labels are versions.


def _model(
    full_name: str, prefix: str, operations: dict[str, Any], shapes: dict[str, Any]
) -> dict[str, Any]:
    return {
        "version": "2.0",
        "metadata": {
            "serviceFullName": full_name,
            "protocol": "json",
            "endpointPrefix": prefix,
            "apiVersion": "2020-01-01",
        },
        "operations": operations,
        "shapes": {"S": {"type": "string"}, **shapes},
    }


def alpha(step: int) -> dict[str, Any]:
    """Step 1 -> 2: a member named like a script tag (info), a breakout enum value on the request
    (info) and on the response (warning), an operation removed (breaking). Step 2 -> 3: one more
    operation (info)."""
    colors = ["RED", "GREEN"] + ([BREAKOUT] if step >= 2 else [])
    members = {"Id": {"shape": "S"}, "Color": {"shape": "Color"}}
    if step >= 2:
        members[ATTACK] = {"shape": "S"}
    operations = {"Get": operation("Get", "GetIn", "GetOut")}
    if step == 1:
        operations["Old"] = operation("Old")
    if step >= 3:
        operations["Extra"] = operation("Extra", "GetIn")
    return _model(
        "Alpha Service",
        "alpha",
        operations,
        {
            "Color": {"type": "string", "enum": colors},
            "GetIn": {"type": "structure", "required": ["Id"], "members": members},
            "GetOut": {"type": "structure", "members": {"Color": {"shape": "Color"}}},
        },
    )


def beta(step: int) -> dict[str, Any]:
    """Step 2 -> 3: a request member removed (breaking), an operation added (info)."""
    members = {"Name": {"shape": "S"}} | ({"Gone": {"shape": "S"}} if step < 3 else {})
    operations = {"Put": operation("Put", "PutIn")}
    if step >= 3:
        operations["Describe"] = operation("Describe", None, "PutIn")
    return _model(
        f"Beta {TAG} Service",
        "beta",
        operations,
        {"PutIn": {"type": "structure", "members": members}},
    )


def write_release(root: Path, version: str, models: dict[str, dict[str, Any]]) -> Path:
    package = root / "botocore"
    for service, model in models.items():
        folder = package / "data" / service / "2020-01-01"
        folder.mkdir(parents=True)
        (folder / "service-2.json").write_text(json.dumps(model))
    (package / "__init__.py").write_text(f"__version__ = '{version}'\n")
    return root


VERSIONS = ("1.0.0", "1.0.1", "1.0.2")
DATES = (dt.date(2025, 1, 1), dt.date(2025, 1, 2), dt.date(2025, 1, 3))


def synthetic_history(root: Path, versions: tuple[str, ...] = VERSIONS) -> History:
    releases = []
    for step, (version, date) in enumerate(zip(versions, DATES, strict=True), start=1):
        folder = write_release(
            root / f"r{step}", version, {"alpha": alpha(step), "beta": beta(step)}
        )
        releases.append(open_release(str(folder), date=date))
    return history(releases, growth=True)


@pytest.fixture
def page(tmp_path: Path) -> str:
    return render(synthetic_history(tmp_path / "releases"))


class Elements(HTMLParser):
    """Every start tag with its attributes, and the text of each script element."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.scripts: list[tuple[dict[str, str | None], str]] = []
        self._script: dict[str, str | None] | None = None
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag == "script":
            self._script = dict(attrs)
            self.scripts.append((self._script, ""))

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._script = None

    def handle_data(self, data: str) -> None:
        if self._script is not None:
            attrs, text = self.scripts[-1]
            self.scripts[-1] = (attrs, text + data)
        else:
            self.text.append(data)


def parse(document: str) -> Elements:
    found = Elements()
    found.feed(document)
    found.close()
    return found


# ---------------------------------------------------------------------------------------------
# The page, without a browser.


def test_registered_for_the_history_formats() -> None:
    assert renderer(HISTORY_FORMATS, "html") is render


def test_one_self_contained_document(page: str) -> None:
    assert page.startswith("<!DOCTYPE html>\n")
    assert page.count("<html") == 1 and page.rstrip().endswith("</html>")
    assert f'<meta http-equiv="Content-Security-Policy" content="{CSP}">' in page
    assert "default-src 'none'" in CSP
    # no resource from anywhere: no URL at all, no src/href, no external style sheet or font
    assert (
        "http://" not in page
        and "https://" not in page
        and "//" not in re.sub(r"<script>.*?</script>", "", page, flags=re.S)
    )
    elements = parse(page)
    ids = {attrs["id"] for _, attrs in elements.tags if attrs.get("id")}
    for tag, attrs in elements.tags:
        assert "src" not in attrs, (tag, attrs)
        # the only links lead to a release on this page
        if "href" in attrs:
            assert tag == "a" and (attrs["href"] or "")[1:] in ids, attrs
            assert (attrs["href"] or "").startswith("#v"), attrs
        assert tag not in ("link", "iframe", "img", "object", "embed", "base"), tag
    assert "@import" not in page and "url(" not in page


def test_releases_are_collapsible_newest_first(page: str) -> None:
    elements = parse(page)
    releases = [
        attrs
        for tag, attrs in elements.tags
        if tag == "details" and "release" in (attrs.get("class") or "")
    ]
    assert [r["data-version"] for r in releases] == ["1.0.2", "1.0.1"]
    # collapsed, each named by its version: the page starts as an index of releases
    assert not any("open" in r for r in releases)
    assert [r["id"] for r in releases] == ["v1.0.2", "v1.0.1"]
    links = [attrs["href"] for tag, attrs in elements.tags if tag == "a"]
    assert links == ["#v1.0.2", "#v1.0.1"]
    assert "botocore 1.0.2 (2025-01-03)" in page and "from 1.0.1" in page
    # The published headline counts no removals; the removal is in the change table (below).
    assert "2025/01/02 - Alpha Service - 1 updated api methods" in page


def test_change_rows_carry_service_and_severity(page: str) -> None:
    rows = [
        attrs for tag, attrs in parse(page).tags if tag == "tr" and attrs.get("class") == "change"
    ]
    found = {(r["data-service"], r["data-severity"]) for r in rows}
    assert found == {
        ("alpha", "breaking"),
        ("alpha", "info"),
        ("alpha", "warning"),
        ("beta", "breaking"),
        ("beta", "info"),
    }
    assert '<span class="badge badge-breaking">breaking</span>' in page
    assert '<span class="badge badge-warning">warning</span>' in page
    assert '<span class="badge badge-info">info</span>' in page
    # rule, path and old/new value cells
    assert "<td>operation-removed</td><td><code>Old</code></td>" in page
    assert "<td>request-member-removed</td>" in page


def test_filters_list_every_service_and_severity(page: str) -> None:
    elements = parse(page)
    options = [attrs["value"] for tag, attrs in elements.tags if tag == "option"]
    assert options == ["", "alpha", "beta"]
    inputs = [attrs for tag, attrs in elements.tags if tag == "input"]
    assert (inputs[0]["id"], inputs[0]["type"]) == ("filter-text", "search")
    boxes = [i for i in inputs if i["type"] == "checkbox"]
    assert [(b["id"], b["value"], "checked" in b) for b in boxes] == [
        ("filter-breaking", "breaking", True),
        ("filter-warning", "warning", True),
        ("filter-info", "info", True),
    ]  # no "only pinned" box: no contracts were given
    buttons = [attrs["id"] for tag, attrs in elements.tags if tag == "button"]
    assert buttons == ["expand-all", "collapse-all"]


def test_growth_chart_per_service(page: str) -> None:
    elements = parse(page)
    figures = [
        attrs["data-service"]
        for tag, attrs in elements.tags
        if tag == "figure" and attrs.get("class") == "growth"
    ]
    assert figures == ["alpha", "beta"]
    lines = [attrs for tag, attrs in elements.tags if tag == "polyline"]
    assert [line["class"] for line in lines] == ["line-operations", "line-shapes"] * 2
    assert all(len((line["points"] or "").split()) == 3 for line in lines)  # one per release
    assert "change since 1.0.0, one scale for every chart</text>" in page
    # alpha: 2 operations, then 1 (Old removed), then 2 (Extra added)
    assert "1.0.1 (2025-01-02): 1 operations (−1)" in page
    assert "1.0.2 (2025-01-03): 2 operations (0)" in page
    assert "alpha: operations 2 → 2 (0), shapes 4 → 4 (0)" in page
    # the charts come after the releases, collapsed
    assert page.index('<details id="growth">') > page.index('<details class="release"')


def _plot(page: str) -> dict[str, dict[str, list[float]]]:
    """Per chart: its scale, the y of its zero line and of each line's points."""
    found: dict[str, dict[str, list[float]]] = {}
    service = ""
    for tag, attrs in parse(page).tags:
        if tag == "figure":
            service = attrs["data-service"] or ""
            found[service] = {}
        elif tag == "svg":
            found[service]["scale"] = [
                float(attrs["data-low"] or 0),
                float(attrs["data-high"] or 0),
            ]
        elif tag == "line" and attrs.get("class") == "zero":
            found[service]["zero"] = [float(attrs["y1"] or 0)]
        elif tag == "polyline":
            points = (attrs["points"] or "").split()
            found[service][attrs["class"] or ""] = [float(p.split(",")[1]) for p in points]
    return found


def test_charts_share_one_scale_with_a_zero_line(page: str) -> None:
    charts = _plot(page)
    assert charts["alpha"]["scale"] == charts["beta"]["scale"]
    low, high = charts["alpha"]["scale"]
    assert low <= -1 and high >= 1 and high - low >= LEAST_SPAN
    zero = charts["alpha"]["zero"][0]
    assert charts["beta"]["zero"] == [zero]
    # every line starts on the zero line: the change since the first release
    for chart in charts.values():
        assert chart["line-operations"][0] == chart["line-shapes"][0] == zero
    # a change of one operation is the same height in both charts: alpha -1, beta +1
    down = charts["alpha"]["line-operations"][1] - zero
    up = zero - charts["beta"]["line-operations"][2]
    assert down == pytest.approx(up) and down > 0


def test_shared_scale() -> None:
    def entries(*sizes: tuple[int, int]) -> tuple[Growth, ...]:
        return tuple(
            Growth(version=f"1.0.{i}", date=None, operations=o, shapes=sh)
            for i, (o, sh) in enumerate(sizes)
        )

    grew = entries((10, 100), (11, 140))
    shrank = entries((5, 50), (5, 38))
    assert shared_scale([grew, shrank]) == Scale(-12, 40)
    assert shared_scale([entries((3, 3), (4, 3))]) == Scale(0, LEAST_SPAN)  # +1 is not a cliff
    assert shared_scale([entries((3, 3), (2, 3))]) == Scale(-LEAST_SPAN, 0)
    assert shared_scale([]) == Scale(0, LEAST_SPAN)


def test_anchors_are_versions() -> None:
    assert anchor("1.40.3") == "v1.40.3"
    assert anchor("/tmp/my releases/new") == "v/tmp/my-releases/new"


def _contracts(folder: Path) -> Path:
    folder.mkdir(parents=True)
    (folder / "alpha.yaml").write_text(
        "botocontract: 1\nservice: alpha\nclauses:\n"
        "  - id: get-color\n    path: Get.request.Color\n    type: string\n"
        "  - id: old-call\n    path: Old.request\n    type: structure\n",
        encoding="utf-8",
    )
    return folder


def test_pinned_changes_are_marked(tmp_path: Path) -> None:
    from botocontract.contracts.load import load_contracts
    from botocontract.gate import touched_clauses

    found = synthetic_history(tmp_path / "releases")
    contracts = load_contracts(_contracts(tmp_path / "contracts"))
    changes = [c for log in found.changelogs for s in log.sections for c in s.changes]
    document = render(replace(found, touched=touched_clauses(changes, contracts)))
    elements = parse(document)
    pinned = [
        attrs
        for tag, attrs in elements.tags
        if tag == "tr" and "pinned" in (attrs.get("class") or "").split()
    ]
    # the request enum value under Get.request.Color, and the removal of Old (which holds it)
    assert sorted(a["data-severity"] or "" for a in pinned) == ["breaking", "info"]
    assert "pinned: old-call</span>" in document and "pinned: get-color</span>" in document
    assert "2 change(s) touch 2 contract clause(s)" in document
    assert ("input", "filter-pinned") in [(t, a.get("id")) for t, a in elements.tags]
    # the release holding them says so while collapsed
    assert "2 pinned</span>" in document
    # contracts that nothing touches: said, and nothing marked
    untouched = render(replace(found, touched={}))
    assert "No change touches a contract clause." in untouched
    assert 'class="change pinned"' not in untouched


def test_methods_show_their_published_deltas(page: str) -> None:
    assert '<div class="side">Changes (request, response)</div>' in page
    # the pprint delta, escaped: the member named like a script tag and the new enum value
    assert html.escape(repr(ATTACK)) in page
    assert html.escape(repr({BREAKOUT})) in page


def test_the_page_orders_counts_and_lays_out_as_the_other_formats(tmp_path: Path) -> None:
    """What the formats share (reports.common) decides the page too: rows in the order of the
    Markdown table, release counts as every summary counts, a method's severities gravest
    first, deltas under the published headings the text changelog prints."""
    found = synthetic_history(tmp_path)
    document = render(found)
    elements = parse(document)
    logs = found.changelogs
    sections = [section for log in logs for section in log.sections]
    methods = [method for section in sections for method in section.methods]

    rows = [attrs["title"] for tag, attrs in elements.tags if tag == "tr" and "title" in attrs]
    assert rows == [
        change.message
        for section in sections
        for change in sorted(section.changes, key=severity_order)
    ]
    counts = re.findall(r'<span class="badge badge-(\w+)" title="(\d+) \1">', document)
    assert counts == [
        (str(level), str(count))
        for log in logs
        for level, count in severity_counts(c for s in log.sections for c in s.changes).items()
        if count
    ]
    levels = [
        attrs["data-severities"]
        for tag, attrs in elements.tags
        if tag == "div" and "data-severities" in attrs
    ]
    assert levels == [
        " ".join(level for level, count in severity_counts(m.changes).items() if count)
        for m in methods
    ]
    assert "warning info" in levels
    layout = [item for method in methods for item in delta_layout(method)]
    assert re.findall(r'<div class="side">(.*?)</div>', document) == [h for h, _ in layout]
    assert re.findall(r"<pre>(.*?)</pre>", document, flags=re.S) == [
        html.escape(pformat(delta)) for _, delta in layout if delta is not None
    ]


def test_old_and_new_values_read_as_messages_and_the_json_say_them(tmp_path: Path) -> None:
    """Booleans and lists in the old and new cells as the messages and the JSON write them
    (``true``, ``["Items", "More"]``), not as Python prints them (``True``, ``('Items',)``)."""
    releases = []
    for step in (1, 2):
        tag = {"shape": "S", "deprecated": True} if step == 2 else {"shape": "S"}
        shapes = {
            "ListIn": {"type": "structure", "members": {"Tag": tag}},
            "ListOut": {"type": "structure", "members": {"Items": {"shape": "S"}}},
        }
        model = _model("Gamma", "gamma", {"List": operation("List", "ListIn", "ListOut")}, shapes)
        folder = write_release(tmp_path / f"r{step}", VERSIONS[step - 1], {"gamma": model})
        keys = ["Items"] if step == 1 else ["Items", "More"]
        pages = {
            "pagination": {"List": {"input_token": "T", "output_token": "T", "result_key": keys}}
        }
        pages_file = folder / "botocore" / "data" / "gamma" / "2020-01-01" / "paginators-1.json"
        pages_file.write_text(json.dumps(pages))
        releases.append(open_release(str(folder), date=DATES[step - 1]))
    found = history(releases)
    changes = [
        change
        for log in found.changelogs
        for section in log.sections
        for change in sorted(section.changes, key=severity_order)
    ]

    def as_json(value: Any) -> str:
        if value is None:
            return '<span class="none">—</span>'
        return f"<code>{html.escape(value if isinstance(value, str) else json.dumps(value))}</code>"

    cell = r"(<(?:code|span)[^>]*>[^<]*</(?:code|span)>)"
    cells = re.findall(f"<td>{cell}</td><td>{cell}</td></tr>", render(found))
    assert cells == [(as_json(c.as_json()["old"]), as_json(c.as_json()["new"])) for c in changes]
    assert ("<code>false</code>", "<code>true</code>") in cells
    listed = tuple(
        f"<code>{html.escape(json.dumps(keys))}</code>" for keys in (["Items"], ["Items", "More"])
    )
    assert listed in cells


@pytest.mark.parametrize(
    "value", [True, False, 0, 42, "ml.m5.large", ("Items", "More"), frozenset({"b", "a"})]
)
def test_shown_value_is_what_messages_and_the_json_say(value: Any) -> None:
    assert shown_value(value) == in_a_message(value)  # as a message words a short value
    assert (value if isinstance(value, str) else json.loads(shown_value(value))) == jsonable(value)


def test_shown_value_is_whole() -> None:
    # A message cuts a long value short; a table cell has room for all of it.
    keys = tuple(f"Key{n}" for n in range(20))
    assert in_a_message(keys).endswith("...")
    assert json.loads(shown_value(keys)) == list(keys)


def test_every_model_string_is_escaped(page: str) -> None:
    for attack in (ATTACK, BREAKOUT, TAG):
        assert attack not in page
        assert html.escape(attack) in page
    elements = parse(page)
    # only the page's own two scripts, neither holding a model string
    assert [attrs for attrs, _ in elements.scripts] == [
        {"type": "application/json", "id": "history-data"},
        {},
    ]
    assert "alert(" not in elements.scripts[1][1]
    # what the browser shows as text is the model's text, unchanged
    text = "".join(elements.text)
    assert ATTACK in text and BREAKOUT in text and TAG in text


def test_json_island_cannot_break_out(tmp_path: Path) -> None:
    assert json_island({"x": "</script><!--"}) == '{"x":"\\u003c/script\\u003e\\u003c!--"}'
    document = render(synthetic_history(tmp_path, ("1.0.0", VERSION_ATTACK, "1.0.2")))
    assert VERSION_ATTACK not in document
    assert html.escape(VERSION_ATTACK) in document
    elements = parse(document)
    assert len(elements.scripts) == 2
    data = json.loads(elements.scripts[0][1])
    assert data["format"] == "botocontract.history-page/1"
    assert [r["botocore"] for r in data["releases"]] == ["1.0.0", VERSION_ATTACK, "1.0.2"]
    assert [g["botocore"] for g in data["growth"]["alpha"]] == ["1.0.0", VERSION_ATTACK, "1.0.2"]
    assert [g["operations"] for g in data["growth"]["alpha"]] == [2, 1, 2]


def test_a_range_without_changes(tmp_path: Path) -> None:
    releases = [
        open_release(str(write_release(tmp_path / name, version, {"alpha": alpha(1)})))
        for name, version in (("a", "1.0.0"), ("b", "1.0.1"))
    ]
    document = render(history(releases, growth=True))
    assert 'id="no-changes"' in document and 'class="release"' not in document
    assert '<figure class="growth" data-service="alpha">' in document


def test_the_cli_writes_the_page_for_a_pair(tmp_path: Path) -> None:
    from clirun import run_cli

    old = write_release(tmp_path / "old", "1.0.0", {"alpha": alpha(1), "beta": beta(1)})
    new = write_release(tmp_path / "new", "1.0.1", {"alpha": alpha(2), "beta": beta(2)})
    done = run_cli("changelog", str(old), str(new), "--format", "html")
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("<!DOCTYPE html>")
    assert 'data-version="1.0.1"' in done.stdout
    assert ATTACK not in done.stdout and html.escape(ATTACK) in done.stdout


def test_the_cli_marks_pinned_changes(tmp_path: Path) -> None:
    from clirun import run_cli

    old = write_release(tmp_path / "old", "1.0.0", {"alpha": alpha(1), "beta": beta(1)})
    new = write_release(tmp_path / "new", "1.0.1", {"alpha": alpha(2), "beta": beta(2)})
    contracts = _contracts(tmp_path / "contracts")
    done = run_cli(
        "changelog", str(old), str(new), "--format", "html", "--contracts", str(contracts)
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.count('class="change pinned"') == 2
    # a format without pinned marks refuses them, in one line
    done = run_cli("changelog", str(old), str(new), "--contracts", str(contracts))
    assert done.returncode == 2 and done.stdout == ""
    assert done.stderr == "botocontract: --contracts goes with --format html\n"
    done = run_cli(
        "changelog", str(old), str(new), "--format", "html", "--contracts", str(tmp_path / "x")
    )
    assert done.returncode == 2 and len(done.stderr.splitlines()) == 1, done.stderr
    assert str(tmp_path / "x") in done.stderr


@pytest.mark.network
def test_a_real_range() -> None:
    from botocontract import api

    found = api.history("1.37.20", "1.37.23", services=["sagemaker", "eks"], growth=True)
    document = render(found)
    assert [r.name for r in found.releases] == ["1.37.20", "1.37.21", "1.37.22", "1.37.23"]
    assert "(2025-03-27)" in document and "2025/03/27 - " in document
    elements = parse(document)
    assert [attrs["data-service"] for tag, attrs in elements.tags if tag == "figure"] == [
        "eks",
        "sagemaker",
    ]
    assert "http://" not in document and "https://" not in document
    assert not [attrs for _, attrs in elements.tags if "src" in attrs]
    links = [attrs["href"] for _, attrs in elements.tags if "href" in attrs]
    assert links == ["#v1.37.23", "#v1.37.22"]  # the releases that changed eks or sagemaker


# ---------------------------------------------------------------------------------------------
# In a real browser.

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
CHROMIUM_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
    "--window-size=1280,2000",
)


@pytest.fixture
def browser(tmp_path: Path) -> Any:
    missing = [str(p) for p in (CHROMIUM, CHROMEDRIVER) if not p.exists()]
    if missing:
        pytest.skip(
            f"no headless browser: {', '.join(missing)} missing "
            "(apt-get install chromium chromium-driver; .ci/run does)"
        )
    webdriver = pytest.importorskip(
        "selenium.webdriver", reason="selenium is not installed (pip install -e '.[test]')"
    )
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    profile = tmp_path / "chromium-profile"
    profile.mkdir()
    for flag in (*CHROMIUM_FLAGS, f"--user-data-dir={profile}"):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=options)
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


def _shown(driver: Any, selector: str) -> list[Any]:
    from selenium.webdriver.common.by import By

    return [e for e in driver.find_elements(By.CSS_SELECTOR, selector) if e.is_displayed()]


def _wait(driver: Any, condition: Any, what: str) -> None:
    from selenium.webdriver.support.ui import WebDriverWait

    WebDriverWait(driver, 10).until(lambda d: condition(d), message=what)


def _search(driver: Any, text: str) -> None:
    """Type into the search box (it applies after a pause in typing) and wait until it has."""
    from selenium.webdriver.common.by import By

    box = driver.find_element(By.ID, "filter-text")
    box.clear()
    box.send_keys(text)
    driver.execute_script("arguments[0].dispatchEvent(new Event('input'))", box)
    _wait(
        driver,
        lambda d: d.execute_script("return new Promise(r => setTimeout(() => r(true), 250))"),
        "the search to apply",
    )


def _fits(driver: Any) -> bool:
    """Whether the page fits its window's width: nothing scrolls sideways but inside a table
    or a code block of its own."""
    return bool(
        driver.execute_script("return document.documentElement.scrollWidth <= window.innerWidth")
    )


@pytest.mark.browser
def test_filters_in_a_browser(browser: Any, tmp_path: Path) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    path = tmp_path / "history.html"
    path.write_text(render(synthetic_history(tmp_path / "releases")), encoding="utf-8")
    browser.get(path.as_uri())
    # the model's strings stayed text: the title is whole and no script of theirs ran
    assert browser.title == "botocore 1.0.0 → 1.0.2"
    assert browser.execute_script("return document.scripts.length") == 2
    assert _shown(browser, "#filters"), "the script did not run (the filters stay hidden)"
    # collapsed: the releases are an index, no change shows until one opens
    assert [e.get_attribute("data-version") for e in _shown(browser, "details.release")] == [
        "1.0.2",
        "1.0.1",
    ]
    assert not _shown(browser, "tr.change") and not _shown(browser, "figure.growth svg")
    assert browser.find_element(By.ID, "filter-count").text == "7 of 7 changes shown"
    browser.find_element(By.ID, "expand-all").click()
    assert len(_shown(browser, "tr.change")) == 7

    browser.find_element(By.ID, "filter-info").click()
    assert not _shown(browser, 'tr.change[data-severity="info"]')
    assert len(_shown(browser, 'tr.change[data-severity="breaking"]')) == 2
    assert len(_shown(browser, 'tr.change[data-severity="warning"]')) == 1
    assert browser.find_element(By.ID, "filter-count").text == "3 of 7 changes shown"

    browser.find_element(By.ID, "growth").click()  # open the charts
    Select(browser.find_element(By.ID, "filter-service")).select_by_value("beta")
    assert not _shown(browser, 'section.service[data-service="alpha"]')
    assert not _shown(browser, 'figure.growth[data-service="alpha"]')
    assert [e.get_attribute("data-service") for e in _shown(browser, "section.service")] == ["beta"]
    assert [e.get_attribute("data-severity") for e in _shown(browser, "tr.change")] == ["breaking"]
    # the release that changed only alpha has nothing left to show
    assert [e.get_attribute("data-version") for e in _shown(browser, "details.release")] == [
        "1.0.2"
    ]
    assert _shown(browser, 'figure.growth[data-service="beta"] polyline')

    browser.find_element(By.ID, "filter-breaking").click()  # nothing left at all
    assert not _shown(browser, "tr.change") and not _shown(browser, "details.release")
    assert _shown(browser, "#filter-empty")

    browser.find_element(By.ID, "filter-info").click()
    browser.find_element(By.ID, "filter-breaking").click()
    Select(browser.find_element(By.ID, "filter-service")).select_by_value("")
    assert len(_shown(browser, "tr.change")) == 7
    browser.find_element(By.ID, "collapse-all").click()
    assert not _shown(browser, "tr.change")

    shot = tmp_path / "history.png"
    assert browser.save_screenshot(str(shot))
    data = shot.read_bytes()
    assert len(data) > 1000 and data.startswith(b"\x89PNG\r\n\x1a\n")


@pytest.mark.browser
def test_search_anchors_and_pins_in_a_browser(browser: Any, tmp_path: Path) -> None:
    from selenium.webdriver.common.by import By

    from botocontract.contracts.load import load_contracts
    from botocontract.gate import touched_clauses

    found = synthetic_history(tmp_path / "releases")
    changes = [c for log in found.changelogs for s in log.sections for c in s.changes]
    contracts = load_contracts(_contracts(tmp_path / "contracts"))
    path = tmp_path / "history.html"
    path.write_text(
        render(replace(found, touched=touched_clauses(changes, contracts))), encoding="utf-8"
    )
    browser.get(path.as_uri() + "#v1.0.1")
    # the anchor opened its release, and only that one
    opened_ids = (
        "return Array.from(document.querySelectorAll('details.release'))"
        ".filter(d => d.open).map(d => d.id)"
    )
    assert browser.execute_script(opened_ids) == ["v1.0.1"]
    assert {e.get_attribute("data-service") for e in _shown(browser, "tr.change")} == {"alpha"}

    # a search opens what it finds, in any release, and shows only that
    _search(browser, "Gone")
    assert [e.text for e in _shown(browser, "tr.change td:nth-child(3) code")] == [
        "Put.request.Gone"
    ]
    assert [e.get_attribute("id") for e in _shown(browser, "details.release")] == ["v1.0.2"]
    assert browser.find_element(By.ID, "filter-count").text == "1 of 7 changes shown"
    _search(browser, "beta")  # a service's name shows all of its changes
    assert {e.get_attribute("data-service") for e in _shown(browser, "tr.change")} == {"beta"}
    assert len(_shown(browser, "tr.change")) == 2
    _search(browser, "no such thing")
    assert not _shown(browser, "details.release") and _shown(browser, "#filter-empty")
    _search(browser, "")  # cleared: what the search opened closes again, the rest stays
    assert len(_shown(browser, "details.release")) == 2
    assert browser.execute_script(opened_ids) == ["v1.0.1"]

    # pinned: marked, and a filter down to them
    browser.find_element(By.ID, "expand-all").click()
    assert len(_shown(browser, "tr.change.pinned")) == 2
    browser.find_element(By.ID, "filter-pinned").click()
    assert len(_shown(browser, "tr.change")) == 2
    assert [e.get_attribute("id") for e in _shown(browser, "details.release")] == ["v1.0.1"]
    browser.find_element(By.ID, "filter-pinned").click()

    # a link to another release opens it
    browser.execute_script("location.hash = '#v1.0.2'")
    _wait(
        browser,
        lambda d: d.execute_script("return document.getElementById('v1.0.2').open"),
        "the anchor to open its release",
    )

    # on a phone: nothing scrolls sideways, with everything open
    browser.set_window_size(390, 844)
    browser.find_element(By.ID, "growth").click()
    assert _fits(browser)
    assert browser.find_element(By.CSS_SELECTOR, "figure.growth").size["width"] <= 390


OPENED = (
    "return Array.from(document.querySelectorAll('details.release'))"
    ".filter(d => d.open).map(d => d.id)"
)
# rows the browser shows (not hidden, not inside a closed release)
ROWS_SHOWN = (
    "return Array.from(document.querySelectorAll('tr.change'))"
    ".filter(r => r.checkVisibility()).map(r => r.textContent.toLowerCase())"
)


@pytest.mark.network
@pytest.mark.browser
def test_a_long_real_range_in_a_browser(browser: Any, tmp_path: Path) -> None:
    """1.40.0 -> 1.40.24, every service: 24 releases, thousands of changes, in one page that
    opens collapsed and whose expand-all, anchors and search work."""
    from selenium.webdriver.common.by import By

    from botocontract import api

    found = api.history("1.40.0", "1.40.24", growth=True)
    versions = [f"v{log.new.name}" for log in found.changelogs]
    assert len(found.releases) == 25 and len(versions) >= 20
    total = sum(len(s.changes) for log in found.changelogs for s in log.sections)
    path = tmp_path / "range.html"
    path.write_text(render(found), encoding="utf-8")
    browser.get(path.as_uri())

    assert browser.execute_script(OPENED) == []
    assert browser.execute_script(ROWS_SHOWN) == []
    assert [e.get_attribute("id") for e in _shown(browser, "details.release")] == versions
    assert not _shown(browser, "figure.growth")
    assert browser.find_element(By.ID, "filter-count").text == f"{total} of {total} changes shown"
    # collapsed, the page is about a screen per ten releases, not hundreds of thousands of pixels
    height = browser.execute_script("return document.documentElement.scrollHeight")
    assert height < 120 * len(versions) + 1000, height
    shot = tmp_path / "range.png"
    assert browser.save_screenshot(str(shot))
    assert shot.read_bytes().startswith(b"\x89PNG\r\n\x1a\n")

    browser.find_element(By.ID, "expand-all").click()
    assert browser.execute_script(OPENED) == versions
    assert len(browser.execute_script(ROWS_SHOWN)) == total
    browser.find_element(By.ID, "collapse-all").click()
    assert browser.execute_script(OPENED) == []

    # an anchor opens its release and brings it on screen
    target = versions[len(versions) // 2]
    browser.get(f"{path.as_uri()}#{target}")
    assert browser.execute_script(OPENED) == [target]
    top = browser.execute_script(
        f"return document.getElementById('{target}').getBoundingClientRect().top"
    )
    assert 0 <= top < browser.execute_script("return window.innerHeight"), top

    # search for one change's path: only rows holding it show, in the releases it is in
    change = found.changelogs[-1].sections[0].changes[0]
    holding = [
        f"v{log.new.name}"
        for log in found.changelogs
        if any(change.path in c.path for s in log.sections for c in s.changes)
    ]
    _search(browser, change.path)
    rows = browser.execute_script(ROWS_SHOWN)
    assert rows and all(change.path.lower() in row for row in rows), rows[:5]
    assert set(holding) <= {e.get_attribute("id") for e in _shown(browser, "details.release")}
    assert set(holding) <= set(browser.execute_script(OPENED))
    count = browser.find_element(By.ID, "filter-count").text
    assert count == f"{len(rows)} of {total} changes shown"
    _search(browser, "")
    assert browser.execute_script(OPENED) == [target]  # what the search opened closes again
