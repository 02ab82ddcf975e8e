"""The published site: built from the committed notebooks, opened in headless Chromium.

Needs Debian's `chromium` and `chromium-driver` (`.ci/run` installs them). Without them
the browser test is skipped, unless ANTCORPUS_REQUIRE_BROWSER=1 (as in CI) makes that a
failure.
"""

import functools
import http.server
import os
import re
import shutil
import threading

import pytest

from antcorpus.config import FIGURES, REPO
from antcorpus.project import publish
from antcorpus.project.runner import notebooks

CHROMIUM, DRIVER = shutil.which("chromium"), shutil.which("chromedriver")
SCREENSHOTS = REPO / "build" / "screenshots"
FIND_HAN = (
    "\n"
    "const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);\n"
    "while (walker.nextNode()) {\n"
    "  const el = walker.currentNode.parentElement;\n"
    "  if (/[\\u4e00-\\u9fff]/.test(walker.currentNode.textContent)"
    " && el.offsetParent !== null) {\n"
    "    el.id = el.id || 'antcorpus-han-probe'; return el.id; }\n"
    "}\n"
    "return null;"
)


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    out = tmp_path_factory.mktemp("site")
    made = publish.site_build(out, FIGURES)
    return out, made


def test_site_has_every_notebook_and_figure(site):
    out, made = site
    assert made["pages"] == sorted(
        ["index.html", "gallery.html"] + [f"{p.stem}.html" for p in notebooks()]
    )
    assert made["figures"] == len(list(FIGURES.glob("*.png")))
    index = (out / "index.html").read_text(encoding="utf-8")
    assert index.count("<h3>Findings</h3>") == len(notebooks()) and "cdnjs" not in index
    for p in notebooks():
        assert "cdnjs.cloudflare.com/ajax/libs/require" not in (
            out / f"{p.stem}.html"
        ).read_text(encoding="utf-8")


def test_committed_figures_readme_is_current(site):
    _, made = site
    assert (FIGURES / "README.md").read_text(
        encoding="utf-8"
    ) == publish.figures_readme(made["entries"]), "run `make`"


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    """Serves the site without logging every request."""

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def browser(site, tmp_path_factory):
    if not (CHROMIUM and DRIVER):
        if os.environ.get("ANTCORPUS_REQUIRE_BROWSER"):
            pytest.fail(
                "chromium and chromedriver are required here"
                " (apt-get install chromium chromium-driver)"
            )
        pytest.skip("chromium/chromedriver not installed")
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    out, _ = site
    handler = functools.partial(QuietHandler, directory=str(out))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        f"--user-data-dir={tmp_path_factory.mktemp('chrome')}",
        "--window-size=1280,2000",
    ):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(DRIVER), options=options)
    yield driver, f"http://127.0.0.1:{server.server_address[1]}"
    driver.quit()
    server.shutdown()


def platform_fonts(driver, selector: str) -> list[dict]:
    """The fonts Chromium actually used for an element's text (DevTools protocol)."""
    driver.execute_cdp_cmd("DOM.enable", {})
    driver.execute_cdp_cmd("CSS.enable", {})
    root = driver.execute_cdp_cmd("DOM.getDocument", {})["root"]["nodeId"]
    node = driver.execute_cdp_cmd(
        "DOM.querySelector", {"nodeId": root, "selector": selector}
    )["nodeId"]
    return driver.execute_cdp_cmd("CSS.getPlatformFontsForNode", {"nodeId": node})[
        "fonts"
    ]


def is_cjk(font: dict) -> bool:
    """The site's own font, or a system face whose name marks it as Chinese."""
    return font["isCustomFont"] or any(
        k in font["familyName"] for k in ("CJK", " SC", "Hei", "Song", "Ming")
    )


@pytest.mark.skipif(
    bool(shutil.which("fc-list") and os.popen("fc-list :lang=zh").read().strip()),
    reason="the machine has a system CJK font,"
    " so a page without ours still draws Chinese",
)
def test_the_font_check_fails_on_a_page_without_a_cjk_font(site, browser):
    out, _ = site
    (out / "control.html").write_text(
        '<html><head><link rel="icon" href="data:,"></head>'
        '<body><p id="c" style="font-family: sans-serif">蚂蚁金服</p></body></html>',
        encoding="utf-8",
    )
    driver, base = browser
    driver.get(f"{base}/control.html")
    assert not [f for f in platform_fonts(driver, "#c") if is_cjk(f)]


@pytest.mark.parametrize(
    "page", ["index.html", "gallery.html"] + [f"{p.stem}.html" for p in notebooks()]
)
def test_page_opens_without_console_errors_and_draws_chinese_with_a_cjk_font(
    browser, page
):
    driver, base = browser
    driver.get_log("browser")  # drop anything logged by an earlier page
    driver.get(f"{base}/{page}")
    driver.execute_async_script("document.fonts.ready.then(() => arguments[0]())")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    driver.save_screenshot(str(SCREENSHOTS / page.replace(".html", ".png")))
    errors = [e for e in driver.get_log("browser") if e["level"] == "SEVERE"]
    assert not errors, errors
    probe = driver.execute_script(FIND_HAN)
    assert probe, "no visible Chinese text on the page"
    fonts = platform_fonts(driver, f"#{probe}")
    assert [f for f in fonts if is_cjk(f)], (
        f"Chinese on {page} drawn with {fonts}, not a CJK font"
    )


def test_notebook_pages_load_nothing_from_the_network(site):
    out, _ = site
    for p in notebooks():
        text = (out / f"{p.stem}.html").read_text(encoding="utf-8")
        assert 'src=""' not in text and not re.search(
            r'<script[^>]+src="https?://', text
        )
