"""The HTML review in a real browser: Debian's headless chromium driven by selenium.

Skipped when chromium, chromium-driver or selenium is missing (`.ci/run` installs them).
The page is read after its scripts ran: matrix statuses, own numbers, marks, anchors,
clicks, filters, keyboard, layouts, and no console errors.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from test_review import faulted_set

from aligner.cli import cli
from aligner.model import Document

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMEDRIVER = shutil.which("chromedriver") or "/usr/bin/chromedriver"

webdriver = pytest.importorskip("selenium.webdriver")
if not (Path(CHROMIUM).exists() and Path(CHROMEDRIVER).exists()):
    pytest.skip("chromium and chromium-driver are not installed", allow_module_level=True)

from selenium.webdriver.chrome.options import Options  # noqa: E402
from selenium.webdriver.chrome.service import Service  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    options = Options()
    options.binary_location = CHROMIUM
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1400,1000"):
        options.add_argument(arg)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    yield driver
    driver.quit()


@pytest.fixture(scope="module")
def report(
    tmp_path_factory: pytest.TempPathFactory, corpus_docs: dict[str, Document]
) -> tuple[Path, dict[str, int]]:
    folder = tmp_path_factory.mktemp("browser")
    where = faulted_set(corpus_docs, folder / "set")
    out = folder / "review.html"
    result = CliRunner().invoke(
        cli, ["review", str(folder / "set"), "--format", "html", "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    return out, where


@pytest.fixture
def page(browser: Any, report: tuple[Path, dict[str, int]]) -> Any:
    browser.set_window_size(1400, 1000)
    browser.get(report[0].as_uri())
    browser.get_log("browser")  # start each test with an empty console
    browser.get(report[0].as_uri())
    return browser


def _severe(browser: Any) -> list[dict[str, Any]]:
    return [e for e in browser.get_log("browser") if e["level"] in ("SEVERE", "ERROR")]


def _matrix(browser: Any) -> dict[tuple[str, str], str]:
    cells = browser.execute_script(
        "return Array.from(document.querySelectorAll('table.matrix td[data-status]'))"
        ".map(c => [c.dataset.doc, c.dataset.lang, c.dataset.paragraph, c.dataset.status])"
    )
    assert {c[0] for c in cells} == {"set"}
    return {(lang, unit): status for _, lang, unit, status in cells}


def test_matrix_statuses(page: Any, report: tuple[Path, dict[str, int]]) -> None:
    where = report[1]
    status = _matrix(page)
    assert len(status) == 6 * 20
    expected = {
        ("ru", str(where["ru"])): "missing",
        ("de", str(where["de"])): "error",
        ("de", str(where["de"] + 1)): "error",
        ("fr", str(where["fr"])): "error",  # a changed number fails CI
        ("it", str(where["it"])): "error",  # so does an untranslated paragraph
    }
    assert {k: v for k, v in status.items() if v != "ok"} == expected
    assert _severe(page) == []


def test_own_numbers_and_marked_tokens(page: Any, report: tuple[Path, dict[str, int]]) -> None:
    where = report[1]
    ru = page.find_element(
        By.CSS_SELECTOR, f'tr[data-ref-paragraph="{where["ru"] + 1}"] td[data-lang="ru"] .num'
    )
    assert ru.text == f"ru {where['ru']}"  # renumbered: the en row holds ru's own number
    fr_cell = f'tr[data-ref-paragraph="{where["fr"]}"] td[data-lang="fr"]'
    marked = page.find_element(By.CSS_SELECTOR, f"{fr_cell} p.text mark").text
    evidence = page.find_element(By.CSS_SELECTOR, f"{fr_cell} .evidence mark").text
    assert marked.isdigit() and evidence.isdigit() and marked != evidence
    reference = page.find_element(
        By.CSS_SELECTOR, f'tr[data-ref-paragraph="{where["fr"]}"] td[data-lang="en"] p.text'
    ).text
    assert evidence in reference and marked not in reference
    it_cell = f'tr[data-ref-paragraph="{where["it"]}"] td[data-lang="it"]'
    assert page.find_element(By.CSS_SELECTOR, f"{it_cell} p.text mark").text
    langs = page.execute_script(
        "return Array.from(document.querySelectorAll('table.sbs td.c:not(.blank)'))"
        ".every(td => td.lang && td.lang === td.dataset.lang)"
    )
    assert langs


def test_finding_anchor_and_click_scrolls_to_row(
    page: Any, report: tuple[Path, dict[str, int]]
) -> None:
    where = report[1]
    anchor = f"f-set-ru-{where['ru']}-missing-paragraph"
    page.get(report[0].as_uri() + "#" + anchor)
    assert page.execute_script("return document.querySelector(':target').id") == anchor
    page.execute_script("window.scrollTo(0, 0)")
    cell = page.find_element(
        By.CSS_SELECTOR, f'table.matrix td[data-lang="de"][data-paragraph="{where["de"]}"]'
    )
    assert page.execute_script("return getComputedStyle(arguments[0]).backgroundColor", cell) in (
        "rgb(179, 38, 30)",
    )
    cell.click()
    row_id = f"u-set-{where['de']}"
    assert page.execute_script("return location.hash") == "#" + row_id
    top, bottom, height = page.execute_script(
        "const r = document.getElementById(arguments[0]).getBoundingClientRect();"
        "return [r.top, r.bottom, window.innerHeight]",
        row_id,
    )
    assert 0 <= top < height and bottom > 0
    assert _severe(page) == []


def test_filters_hide_what_they_should(page: Any, report: tuple[Path, dict[str, int]]) -> None:
    where = report[1]
    page.find_element(By.CSS_SELECTOR, 'input[data-filter-lang="ru"]').click()
    shown = page.execute_script(
        "return Array.from(document.querySelectorAll('td[data-lang=ru], th[data-lang=ru]'))"
        ".filter(e => e.offsetParent !== null).length"
    )
    assert shown == 0
    assert (
        page.find_element(By.CSS_SELECTOR, 'table.matrix tr[data-lang="ru"]').is_displayed()
        is False
    )
    assert page.find_element(By.CSS_SELECTOR, 'td[data-lang="fr"].c').is_displayed()
    page.find_element(By.CSS_SELECTOR, 'input[data-filter-lang="ru"]').click()
    page.execute_script(
        "const s = document.getElementById('filter-rule'); s.value = 'number-mismatch';"
        "s.dispatchEvent(new Event('change'))"
    )
    rows = page.execute_script(
        "return Array.from(document.querySelectorAll('tr.row'))"
        ".filter(r => r.offsetParent !== null).map(r => r.dataset.refParagraph)"
    )
    assert rows == [str(where["fr"])]
    page.execute_script(
        "const s = document.getElementById('filter-rule'); s.value = '';"
        "s.dispatchEvent(new Event('change'))"
    )
    page.find_element(By.CSS_SELECTOR, 'input[data-filter-severity="warning"]').click()
    visible = page.execute_script(
        "return Array.from(document.querySelectorAll('.finding'))"
        ".filter(f => f.offsetParent !== null).map(f => f.dataset.severity)"
    )
    assert visible and set(visible) == {"error"}
    page.find_element(By.ID, "filter-suspect").click()
    rows = page.execute_script(
        "return Array.from(document.querySelectorAll('tr.row'))"
        ".filter(r => r.offsetParent !== null).map(r => r.dataset.refParagraph)"
    )
    assert set(rows) == {
        str(where["ru"]),
        str(where["de"]),
        str(where["de"] + 1),
        str(where["fr"]),
        str(where["it"]),
    }
    assert _severe(page) == []


def test_keyboard_moves_between_findings_and_languages(page: Any) -> None:
    body = page.find_element(By.TAG_NAME, "body")
    body.send_keys("j")
    first = page.execute_script("return document.activeElement.id")
    assert first.startswith("f-set-")
    body = page.switch_to.active_element
    body.send_keys("j")
    second = page.execute_script("return document.activeElement.id")
    assert second.startswith("f-set-") and second != first
    page.switch_to.active_element.send_keys("k")
    assert page.execute_script("return document.activeElement.id") == first
    page.switch_to.active_element.send_keys("l")
    lang = page.execute_script("return document.activeElement.dataset.lang")
    page.switch_to.active_element.send_keys("l")
    assert page.execute_script("return document.activeElement.dataset.lang") not in (None, lang)
    assert _severe(page) == []


def test_narrow_screen_and_print(page: Any, report: tuple[Path, dict[str, int]]) -> None:
    page.set_window_size(420, 900)
    page.get(report[0].as_uri())
    width = page.execute_script("return [document.documentElement.scrollWidth, innerWidth]")
    assert width[0] <= width[1] + 1
    assert not page.find_element(By.CSS_SELECTOR, "table.sbs thead").is_displayed()
    page.set_window_size(1400, 1000)
    page.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    try:
        assert not page.find_element(By.ID, "controls").is_displayed()
    finally:
        page.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})
    assert _severe(page) == []
