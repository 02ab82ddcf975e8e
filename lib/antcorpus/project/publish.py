"""`python -m antcorpus.project.publish`: figures/README.md and a static HTML site.

The site has an index, one page per notebook and a gallery. Everything is read from the
executed notebooks: a notebook's title and question from its first cell, its findings
from the output under `## Findings`, and each figure's caption from the prose cell
before the code cell that saves it. The site carries a subset of the CJK font, so
Chinese renders in any browser whether or not the machine has a CJK font.

Corpus text reaches the pages only escaped (see `safehtml`). The site is built in a
sibling folder and swapped in whole, so a failed publish leaves the previous site; for
a corpus other than seeds/ it goes to build/corpora/NAME/site.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import nbformat

from ..config import REPO, SEEDS, SITE, corpus_outputs, figures_dir, seeds_dir
from ..plots.base import font_path
from .atomic import staged, write_atomic
from .hygiene import terminal_safe
from .lock import build_lock
from .readme import readme_update
from .runner import notebooks
from .safehtml import SafeHTMLExporter, markdown_html, safe_outputs, text, url

__all__ = ["SITE", "site_build", "notebook_summary", "figure_entries"]
FONT_FAMILY = "Antcorpus CJK"
NAV = (
    '<div class="site-nav"><a href="index.html">Notebooks</a> · '
    '<a href="gallery.html">Figure gallery</a></div>'
)
SAVE_CALL = re.compile(r"save_figure\(\s*\w+\s*,\s*f?\"([^\"]+)\"")
STYLE = (
    '<link rel="icon" href="data:,">\n'
    "<style>\n"
    f'@font-face {{ font-family: "{FONT_FAMILY}"; '
    'src: url("fonts/cjk-subset.otf") format("opentype"); }\n'
    "body, .jp-RenderedHTMLCommon, .jp-OutputArea-output, pre, code, table {\n"
    '  font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", '
    f'Arial, "{FONT_FAMILY}", sans-serif; }}\n'
    # Code cells and tables keep a monospace face for Latin, with the CJK subset as its
    # fallback (the lab template's code font has none, so Chinese became boxes).
    ":root { --jp-code-font-family: Menlo, Consolas, 'DejaVu Sans Mono', "
    f'"{FONT_FAMILY}", monospace; }}\n'
    ".jp-CodeMirrorEditor, .highlight pre, .jp-OutputArea-output pre, pre code {\n"
    "  font-family: Menlo, Consolas, 'DejaVu Sans Mono', "
    f'"{FONT_FAMILY}", monospace !important; }}\n'
    ".site-nav { padding: 8px 16px; background: #f3f3f3; "
    "font: 14px system-ui, sans-serif; }\n"
    ".site-page { max-width: 1100px; margin: 0 auto; padding: 16px; }\n"
    ".gallery figure { display: inline-block; width: 340px; "
    "vertical-align: top; margin: 8px; }\n"
    ".gallery img { width: 100%; border: 1px solid #ddd; }\n"
    ".gallery figcaption { font-size: 13px; }\n"
    "</style>"
)


def plain(markdown: str) -> str:
    """Markdown reduced to one line of plain text (for captions)."""
    text = re.sub(r"\*\*|`", "", markdown.split("\n\n")[0])
    text = re.sub(r"(?<![\w*])\*([^*\n]+)\*", r"\1", text)
    return re.sub(r"\s+", " ", re.sub(r"\[([^\]]+)\]\([^)]+\)", r"\1", text)).strip()


def notebook_summary(path: Path) -> dict:
    """Title, question, findings and figures of one notebook.

    Findings are markdown; figures are (name pattern, caption) pairs.
    """
    nb = nbformat.read(path, as_version=4)
    first = nb.cells[0].source
    question = re.search(r"\*\*Question\.\*\*(.+?)(?:\n\n|$)", first, re.S)
    summary = {
        "path": path,
        "stem": path.stem,
        "title": first.splitlines()[0].lstrip("# ").strip(),
        "question": question.group(1).strip() if question else "",
        "findings": "",
        "figures": [],
    }
    prose, in_findings = "", False
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            prose, in_findings = cell.source, cell.source.startswith("## Findings")
            continue
        for name in SAVE_CALL.findall(cell.source):
            summary["figures"].append(
                (
                    re.sub(r"\{[^}]*\}", "*", name),
                    plain(re.sub(r"^#+ .*\n+", "", prose)),
                )
            )
        if in_findings:
            summary["findings"] += "".join(
                o.get("data", {}).get("text/markdown", "") for o in cell.outputs
            )
    return summary


def figure_entries(summaries: list[dict], folder: Path) -> list[dict]:
    """Every saved figure (PNG present) with notebook and caption, in notebook order.

    A name built in a loop (f"02-cloud-{era}") matches by pattern, never a name saved
    literally.
    """
    literal = {p for s in summaries for p, _ in s["figures"] if "*" not in p}
    entries = []
    for s in summaries:
        for pattern, caption in s["figures"]:
            for png in sorted(folder.glob(f"{pattern}.png")):
                if "*" not in pattern or png.stem not in literal:
                    entries.append(
                        {"name": png.stem, "notebook": s["stem"], "caption": caption}
                    )
    return entries


def figures_readme(entries: list[dict]) -> str:
    """figures/README.md: each figure with its caption and the notebook that made it."""
    lines = [
        "# Figures",
        "",
        "Generated by `make` (`python -m antcorpus.project.publish`);"
        " do not edit by hand.",
        "Each figure is saved as `.png` (200 dpi), `.svg` (text as paths)"
        " and `.csv` (the data plotted).",
        "",
        "| figure | notebook | caption |",
        "|---|---|---|",
    ]
    lines += [
        f"| [{e['name']}]({e['name']}.png)"
        f" ([svg]({e['name']}.svg), [csv]({e['name']}.csv)) | "
        f"[{e['notebook']}](../notebooks/{e['notebook']}.ipynb)"
        f" | {e['caption'].replace('|', '/')} |"
        for e in entries
    ]
    return "\n".join(lines) + "\n"


def page(title: str, body: str) -> str:
    """A site page with the shared style and navigation."""
    return (
        '<!DOCTYPE html>\n<html lang="zh-Hans"><head><meta charset="utf-8">'
        f"<title>{text(title)}</title>"
        f"{STYLE}</head><body>{NAV}"
        f'<div class="site-page">{body}</div></body></html>\n'
    )


def site_title() -> str:
    """The README's first heading for the repository's corpus, else the folder name."""
    if seeds_dir() != SEEDS.resolve():
        return f"Research notebooks on the corpus in {seeds_dir().name}/"
    first = (REPO / "README.md").read_text(encoding="utf-8").splitlines()[0]
    return first.lstrip("# ").strip()


def index_page(summaries: list[dict]) -> str:
    """The index: each notebook's question and findings, linked to its page."""
    parts = [f"<h1>{text(site_title())}</h1>"]
    for s in summaries:
        parts.append(
            f'<h2><a href="{url(s["stem"])}.html">{text(s["title"])}</a></h2>'
            f"<p>{markdown_html(s['question'])}</p>"
            f"<h3>Findings</h3>{markdown_html(s['findings'])}"
        )
    return page("Notebooks", "\n".join(parts))


def gallery_page(entries: list[dict]) -> str:
    """Every figure with its caption, its notebook, and links to SVG and CSV."""
    cards = [
        f'<figure><a href="figures/{url(e["name"])}.png">'
        f'<img src="figures/{url(e["name"])}.png" '
        f'alt="{text(e["caption"] or e["name"])}"></a>'
        f"<figcaption><b>{text(e['name'])}</b> — {text(e['caption'])}"
        f' (from <a href="{url(e["notebook"])}.html">'
        f'{text(e["notebook"])}</a>; <a href="figures/{url(e["name"])}.svg">svg</a>,'
        f' <a href="figures/{url(e["name"])}.csv">csv</a>)'
        "</figcaption></figure>"
        for e in entries
    ]
    return page(
        "Figure gallery",
        '<h1>Figure gallery</h1><div class="gallery">' + "\n".join(cards) + "</div>",
    )


def notebook_page(path: Path) -> str:
    """One executed notebook as HTML, with the site's font and no CDN scripts.

    CDN scripts would fail offline. Markdown is escaped, HTML outputs cleaned.
    """
    exporter = SafeHTMLExporter(
        template_name="lab", mathjax_url="", require_js_url="", jquery_url=""
    )
    nb = nbformat.read(path, as_version=4)
    safe_outputs(nb)
    title = nb.cells[0].source.splitlines()[0].lstrip("# ").strip()
    body, _ = exporter.from_notebook_node(nb, resources={"metadata": {"name": title}})
    body = re.sub(r"<script src=\"\">\s*</script>", "", body)
    body = body.replace("</head>", STYLE + "</head>", 1)
    return re.sub(r"(<body[^>]*>)", lambda m: m.group(1) + NAV, body, count=1)


def font_subset(text: str, target: Path) -> None:
    """The CJK font cut down to the characters the site uses."""
    from fontTools import subset

    options = subset.Options()
    options.layout_features = ["*"]
    font = subset.load_font(font_path(), options)
    subsetter = subset.Subsetter(options)
    subsetter.populate(text="".join(sorted(set(text))))
    subsetter.subset(font)
    target.parent.mkdir(parents=True, exist_ok=True)
    subset.save_font(font, str(target), options)


def site_write(out: Path, figures: Path, summaries: list[dict]) -> dict:
    """Write the pages, figure files and font subset into the empty folder `out`."""
    entries = figure_entries(summaries, figures)
    (out / "figures").mkdir(parents=True)
    pages = {"index.html": index_page(summaries), "gallery.html": gallery_page(entries)}
    pages.update({f"{s['stem']}.html": notebook_page(s["path"]) for s in summaries})
    for name, page_text in pages.items():
        (out / name).write_text(page_text, encoding="utf-8")
    for e in entries:
        for ext in ("png", "svg", "csv"):
            shutil.copy2(figures / f"{e['name']}.{ext}", out / "figures")
    font_subset("".join(pages.values()), out / "fonts" / "cjk-subset.otf")
    return {"pages": sorted(pages), "figures": len(entries), "entries": entries}


def site_build(
    out: Path = SITE, figures: Path | None = None, source: Path | None = None
) -> dict:
    """Build the site from the notebooks in `source` and swap it in at `out`.

    Index, notebook pages, gallery, figure files, font subset; a build that fails
    leaves the previous `out` as it was.
    """
    figures = figures or figures_dir()
    summaries = [
        notebook_summary(p) for p in notebooks(source or corpus_outputs().notebooks)
    ]
    with staged(Path(out)) as stage:
        made = site_write(stage, figures, summaries)
    made["summaries"] = summaries
    return made


def shown(path: Path) -> str:
    """A path as printed: relative to the repo when inside it."""
    path = Path(path).resolve()
    return str(path.relative_to(REPO)) if path.is_relative_to(REPO) else str(path)


def publish() -> str:
    """Build the corpus's site and figures/README.md (and the README findings block)."""
    out = corpus_outputs()
    figures = figures_dir()
    if not notebooks(out.notebooks):
        raise SystemExit(
            f"no executed notebooks in {shown(out.notebooks)}; run `make notebooks`"
            " (with the same ANTCORPUS_SEEDS) first"
        )
    made = site_build(out.site, figures, out.notebooks)
    if out.committed and readme_update(made["summaries"]):
        print("README.md: findings block regenerated from notebook 06")
    write_atomic(figures / "README.md", figures_readme(made["entries"]))
    return (
        f"{shown(out.site)}/: {len(made['pages'])} pages and a gallery of"
        f" {made['figures']} figures (open {shown(out.site)}/index.html);"
        f" {shown(figures)}/README.md regenerated"
    )


def main() -> int:
    """Regenerate figures/README.md and the site, holding the build lock."""
    with build_lock("site"):
        print(terminal_safe(publish()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
