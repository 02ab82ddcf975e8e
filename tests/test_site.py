"""The published site: built from the committed notebooks, opened in headless Chromium.

Needs Debian's `chromium` and `chromium-driver` (`.ci/run` installs them). Without them
the browser test is skipped, unless ANTCORPUS_REQUIRE_BROWSER=1 (as in CI) makes that a
failure.
"""

import contextlib
import functools
import http.server
import os
import re
import shutil
import threading

import matplotlib
import nbformat
import pandas as pd
import pytest

from antcorpus.config import FIGURES, REPO
from antcorpus.project import publish
from antcorpus.project.runner import notebooks

CHROMIUM, DRIVER = shutil.which("chromium"), shutil.which("chromedriver")
SCREENSHOTS = REPO / "build" / "screenshots"
# Marks every visible element whose own text holds Chinese, so each can be checked.
MARK_HAN = (
    "\n"
    "const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);\n"
    "let n = 0;\n"
    "while (walker.nextNode()) {\n"
    "  const el = walker.currentNode.parentElement;\n"
    "  if (/[\\u4e00-\\u9fff]/.test(walker.currentNode.textContent)"
    " && el.offsetParent !== null && !el.hasAttribute('data-han')) {\n"
    "    el.setAttribute('data-han', String(n++)); }\n"
    "}\n"
    "return n;"
)


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    out = tmp_path_factory.mktemp("site")
    made = publish.site_build(out, FIGURES)
    return out, made


def test_site_has_every_notebook_and_figure(site):
    out, made = site
    assert made["pages"] == sorted(
        ["index.html", "gallery.html", "explorer.html"]
        + [f"{p.stem}.html" for p in notebooks()]
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


def need_browser():
    """Skip without chromium and chromedriver (fail instead under CI's flag)."""
    if CHROMIUM and DRIVER:
        return
    if os.environ.get("ANTCORPUS_REQUIRE_BROWSER"):
        pytest.fail(
            "chromium and chromedriver are required here"
            " (apt-get install chromium chromium-driver)"
        )
    pytest.skip("chromium/chromedriver not installed")


@contextlib.contextmanager
def chromium(folder, profile):
    """Headless Chromium and the base URL of a local server for `folder`."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    handler = functools.partial(QuietHandler, directory=str(folder))
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
        f"--user-data-dir={profile}",
        "--window-size=1280,2000",
    ):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(DRIVER), options=options)
    try:
        yield driver, f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        driver.quit()
        server.shutdown()


@pytest.fixture(scope="module")
def browser(site, tmp_path_factory):
    need_browser()
    out, _ = site
    with chromium(out, tmp_path_factory.mktemp("chrome")) as opened:
        yield opened


def platform_fonts(driver, selector: str) -> list[list[dict]]:
    """The fonts Chromium used for the text of each element matching `selector`."""
    driver.execute_cdp_cmd("DOM.enable", {})
    driver.execute_cdp_cmd("CSS.enable", {})
    root = driver.execute_cdp_cmd("DOM.getDocument", {"depth": -1})["root"]["nodeId"]
    nodes = driver.execute_cdp_cmd(
        "DOM.querySelectorAll", {"nodeId": root, "selector": selector}
    )["nodeIds"]
    return [
        driver.execute_cdp_cmd("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]
        for node in nodes
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
    assert not [f for f in platform_fonts(driver, "#c")[0] if is_cjk(f)]


@pytest.mark.parametrize(
    "page",
    ["index.html", "gallery.html", "explorer.html"]
    + [f"{p.stem}.html" for p in notebooks()],
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
    assert driver.execute_script(MARK_HAN), "no visible Chinese text on the page"
    # Every element with Chinese text of its own: code, prose, tables, captions.
    bad = [
        (driver.find_element("css selector", f'[data-han="{i}"]').text[:40], fonts)
        for i, fonts in enumerate(platform_fonts(driver, "[data-han]"))
        if not [f for f in fonts if is_cjk(f)]
    ]
    assert not bad, f"Chinese on {page} drawn without a CJK font: {bad[:3]}"


def test_notebook_pages_load_nothing_from_the_network(site):
    out, _ = site
    for p in notebooks():
        text = (out / f"{p.stem}.html").read_text(encoding="utf-8")
        assert 'src=""' not in text and not re.search(
            r'<script[^>]+src="https?://', text
        )


# Corpus text that would run as script if a page took it as markup.
PAYLOADS = ("<img src=x onerror=alert(1)>", "<script>alert(1)</script>")
MARKERS = (
    '<img src=x onerror="window.__pwned=1">',
    "<script>window.__pwned=1</script>",
)
HOSTILE = " ".join(PAYLOADS + MARKERS)
RAN = re.compile(
    r"<script[^>]*>\s*(alert|window\.__pwned)|<[a-z][^>]*\sonerror\s*=|javascript:",
    re.I,
)


def hostile_notebook(folder):
    """An executed notebook whose title, caption, outputs and findings carry markup."""
    cell = nbformat.v4.new_code_cell
    table = pd.DataFrame({"doc_id": [PAYLOADS[0]], "era": [PAYLOADS[1]]})
    nb = nbformat.v4.new_notebook()
    nb.cells = [
        nbformat.v4.new_markdown_cell(
            f"# Title {HOSTILE}\n\n**Question.** why {HOSTILE}?\n\nIt will not run."
        ),
        cell("table", execution_count=1),
        nbformat.v4.new_markdown_cell(f"A caption with {HOSTILE}."),
        cell('plots.save_figure(fig, "01-hostile-figure", data)', execution_count=2),
        nbformat.v4.new_markdown_cell(f"## Findings\n\n```mermaid\n{HOSTILE}\n```"),
        cell("display(Markdown(findings))", execution_count=3),
    ]
    nb.cells[1].outputs = [
        nbformat.v4.new_output(
            "execute_result",
            {"text/html": table.to_html(escape=False) + MARKERS[1], "text/plain": "t"},
            execution_count=1,
        )
    ]
    nb.cells[5].outputs = [
        nbformat.v4.new_output(
            "display_data",
            {
                "text/markdown": f"- finding {HOSTILE} [link](javascript:alert(1))",
                "application/javascript": "window.__pwned = 1",
                "text/plain": "findings",
            },
        )
    ]
    nbformat.write(nb, folder / "01-hostile-page.ipynb")


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory):
    from antcorpus import plots

    matplotlib.use("Agg")
    source = tmp_path_factory.mktemp("notebooks")
    figures = tmp_path_factory.mktemp("figures")
    hostile_notebook(source)
    fig = matplotlib.figure.Figure()
    plots.save_figure(fig, "01-hostile-figure", pd.DataFrame({"a": [1]}), figures)
    out = tmp_path_factory.mktemp("hostile") / "site"
    return out, publish.site_build(out=out, figures=figures, source=source)


def test_corpus_markup_is_escaped_on_every_page(hostile_site):
    out, made = hostile_site
    assert made["pages"] == [
        "01-hostile-page.html",
        "explorer.html",
        "gallery.html",
        "index.html",
    ]
    for page in made["pages"]:
        text = (out / page).read_text(encoding="utf-8")
        assert not [p for p in PAYLOADS + MARKERS if p in text], page
        # Escaped text inside a quoted attribute (the caption as alt) is inert.
        tags = re.sub(r'alt="[^"<>]*"', 'alt=""', text)
        assert not RAN.search(tags), (page, RAN.search(tags))
        # The explorer shows the corpus, not the notebooks (test_explorer's hostile
        # corpus covers it).
        if page != "explorer.html":
            assert "&lt;img src=x onerror=alert(1)&gt;" in text, page
    gallery = (out / "gallery.html").read_text(encoding="utf-8")
    assert "A caption with &lt;img src=x onerror=alert(1)&gt;" in gallery


def test_no_corpus_markup_runs_in_a_browser(hostile_site, tmp_path):
    need_browser()
    out, made = hostile_site
    (out / "control.html").write_text(f"<html><body>{HOSTILE}</body></html>")
    with chromium(out, tmp_path / "chrome") as (driver, base):
        driver.execute_cdp_cmd(
            "Page.addScriptToEvaluateOnNewDocument",
            {"source": "window.alert = () => { window.__pwned = 'alert'; };"},
        )
        ran = {}
        for page in ["control.html", *made["pages"]]:
            driver.get(f"{base}/{page}")
            driver.execute_async_script("setTimeout(arguments[0], 300)")
            ran[page] = driver.execute_script("return window.__pwned || null")
    assert ran.pop("control.html"), "the check cannot see a payload run"
    assert ran == dict.fromkeys(made["pages"])


def test_a_failed_publish_leaves_the_previous_site(tmp_path, monkeypatch):
    out = tmp_path / "site"
    out.mkdir()
    (out / "index.html").write_text("previous")

    def broken(path):
        raise RuntimeError("export failed")

    monkeypatch.setattr(publish, "notebook_page", broken)
    with pytest.raises(RuntimeError, match="export failed"):
        publish.site_build(out, FIGURES)
    assert [p.name for p in out.iterdir()] == ["index.html"]
    assert (out / "index.html").read_text() == "previous"
    assert [p.name for p in tmp_path.iterdir()] == ["site"]


def test_pages_are_titled_and_figures_described(site):
    """Each notebook page carries its notebook title; each image its caption as alt."""
    import html

    out, made = site
    for path in notebooks():
        name = f"{path.stem}.html"
        if name in made["pages"]:
            nb = nbformat.read(path, as_version=4)
            title = nb.cells[0].source.splitlines()[0].lstrip("# ").strip()
            page = (out / name).read_text(encoding="utf-8")
            assert f"<title>{html.escape(title)}</title>" in page
    gallery = (out / "gallery.html").read_text(encoding="utf-8")
    alts = re.findall(r'alt="([^"]*)"', gallery)
    assert alts and all(len(a) > 20 for a in alts), "alt text should be the caption"


def test_wide_tables_scroll_in_their_own_box(browser):
    """On a narrow window the keyness table scrolls; the page does not."""
    driver, base = browser
    driver.set_window_size(700, 900)
    try:
        driver.get(f"{base}/05-contrast-optimism-critique.html")
        page_wide = driver.execute_script(
            "return document.documentElement.scrollWidth > window.innerWidth + 1"
        )
        scrolling = driver.execute_script(
            "return [...document.querySelectorAll('table.dataframe')]"
            ".filter(t => t.scrollWidth > t.clientWidth + 1).length"
        )
    finally:
        driver.set_window_size(1280, 2000)
    assert not page_wide and scrolling > 0
