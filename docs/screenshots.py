"""Take docs/review.png and docs/review-rows.png: the review of a faulted copy of the corpus
in headless chromium (run from the repository root: `python docs/screenshots.py`)."""

from __future__ import annotations

import os
import random
import sys
import tempfile
import time
from pathlib import Path

from click.testing import CliRunner
from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

import faults  # noqa: E402

from aligner.cli import cli  # noqa: E402
from aligner.readers import read_document  # noqa: E402

CORPUS = ROOT / "translations" / "baku-2014-child-sex-trafficking"


def main() -> None:
    docs = {x: read_document(CORPUS / f"{x}.md") for x in ("en", "fr", "de", "it", "ru", "es")}
    rng = random.Random(3)
    en = docs["en"]
    made = {
        "ru": faults.drop(docs["ru"], en, rng).document,
        "de": faults.merge(docs["de"], en, rng).document,
        "fr": faults.change_number(docs["fr"], en, rng).document,
        "it": faults.untranslate(docs["it"], en, rng).document,
    }
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "baku-2014"
        faults.write_set([made.get(x, d) for x, d in docs.items()], folder)
        page = Path(tmp) / "review.html"
        os.chdir(tmp)  # the report names files as given: baku-2014/ru.md
        CliRunner().invoke(cli, ["review", "baku-2014", "--format", "html", "-o", str(page)])
        options = Options()
        options.binary_location = "/usr/bin/chromium"
        for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1280,900"):
            options.add_argument(arg)
        driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
        try:
            driver.get(page.as_uri())
            driver.save_screenshot(str(ROOT / "docs" / "review.png"))
            driver.get(page.as_uri() + "#u-baku-2014-8")
            time.sleep(0.2)
            driver.save_screenshot(str(ROOT / "docs" / "review-rows.png"))
        finally:
            driver.quit()


if __name__ == "__main__":
    main()
