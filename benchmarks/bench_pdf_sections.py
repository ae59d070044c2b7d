"""Where WeasyPrint's time goes in one report, section by section, and what the cheap levers
would save.

    python benchmarks/bench_pdf_sections.py [--workbook WB] [--repeat 5]

The report's HTML and CSS are made by `roi_report.pdf.render.report_html`, exactly as `build`
makes them (default workbook: a sample-size client as `bench_batch.py` generates it, seed 3).
WeasyPrint then renders, in one warm process (fonts and imports paid):

- the whole report, each chapter alone (with the cover's page rules and stylesheet) and the
  empty document: what one chapter costs;
- the whole report with one lever applied: a CSS override appended to the stylesheet, no
  PDF/UA tags, or the report without its charts: what that lever would save.

Every variant is rendered `--repeat` times, interleaved with the others so all see the same
machine load; the quickest CPU time counts. `calls` is the number of Python function calls
of one render (cProfile): unlike CPU seconds on a shared VM it does not vary from run to
run, so it shows small differences reliably. Figures are printed, never asserted.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import pstats
import re
import sys
import tempfile
import time
from collections import namedtuple
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_batch import make_clients  # noqa: E402

CHAPTER = re.compile(r"^<section\b.*?^</section>\n?", re.MULTILINE | re.DOTALL)
CHAPTER_ID = re.compile(r'\bid="([^"]+)"')
CHAPTER_CLASS = re.compile(r'\bclass="([^" ]+)')
PDF_UA = "pdf/ua-1"

# Each lever keeps the content and gives up some of the look: what it would save tells
# whether it is worth a redesign.
CSS_LEVERS = {
    "tables: table-layout fixed": "table.data { table-layout: fixed !important; }",
    "no flexbox (cards, splits, formulas)": (
        ".kpis, .split, .funnel, dl.formulas > div { display: block !important; }"
    ),
    "no font features (kerning, tabular figures)": (
        "* { font-feature-settings: normal !important; font-variant-numeric: normal !important;"
        " font-kerning: none !important; }"
    ),
    "no keep-together rules": (
        "* { break-inside: auto !important; orphans: 1 !important; widows: 1 !important; }"
    ),
    "no text wrapping in cells and cards": "td, th, .kpi * { white-space: nowrap !important; }",
}


@dataclass(frozen=True)
class Variant:
    name: str
    html: str
    css: str
    tagged: bool = True  # rendered as PDF/UA-1, as build does


Measured = namedtuple("Measured", "cpu pages calls")  # CPU s, pages, Python calls


def report_source(workbook: Path, charts: bool = True) -> tuple[str, str, Path, Path]:
    from roi_report.language import use_language
    from roi_report.metrics.compute import compute
    from roi_report.pdf.render import report_html
    from roi_report.pipeline import BuildOptions, load, report_brand

    book = load(workbook)
    with use_language(book.settings.language):
        brand = report_brand(book, workbook.parent, BuildOptions())
        return report_html(compute(book), book, brand, charts=charts, warnings=book.warnings)


def chapters(html: str) -> tuple[str, list[tuple[str, str]]]:
    """The document with its chapters cut out, and each chapter by name."""
    found = []
    for match in CHAPTER.finditer(html):
        tag = match.group(0).split(">", 1)[0]
        name = CHAPTER_ID.search(tag) or CHAPTER_CLASS.search(tag)
        found.append((name.group(1), match.group(0)))
    return CHAPTER.sub("", html), found


def with_only(shell: str, html: str, chapter: str) -> str:
    first = CHAPTER.search(html)
    return shell[: first.start()] + chapter + shell[first.start() :]


class Renderer:
    def __init__(self, base_dir: Path) -> None:
        from weasyprint.text.fonts import FontConfiguration

        from roi_report.pdf.fetcher import ReportURLFetcher
        from roi_report.resources import templates_dir

        self.fonts = FontConfiguration()
        self.fetcher = ReportURLFetcher([templates_dir()], ())
        self.base = base_dir.as_uri() + "/"

    def render(self, variant: Variant) -> int:
        from weasyprint import CSS, HTML

        pdf_variant = PDF_UA if variant.tagged else None
        sheet = CSS(
            string=variant.css,
            base_url=self.base,
            url_fetcher=self.fetcher,
            font_config=self.fonts,
        )
        document = HTML(string=variant.html, base_url=self.base, url_fetcher=self.fetcher)
        rendered = document.render(
            stylesheets=[sheet], font_config=self.fonts, pdf_variant=pdf_variant
        )
        rendered.write_pdf(io.BytesIO(), pdf_variant=pdf_variant)
        return len(rendered.pages)

    def calls(self, variant: Variant) -> int:
        profile = cProfile.Profile()
        profile.runcall(self.render, variant)
        return pstats.Stats(profile).total_calls

    def measure(self, variants: list[Variant], repeat: int) -> list[Measured]:
        pages = [self.render(v) for v in variants]  # warms fonts and caches for every variant
        quickest = [float("inf")] * len(variants)
        for _ in range(max(1, repeat)):
            for index, variant in enumerate(variants):
                start = time.process_time()
                self.render(variant)
                quickest[index] = min(quickest[index], time.process_time() - start)
        calls = [self.calls(v) for v in variants]
        return [Measured(*figures) for figures in zip(quickest, pages, calls)]


def print_table(title: str, variants: list[Variant], measured: list[Measured]) -> None:
    whole = measured[0]
    print(f"\n{title}\n")
    print(f"{'':44} {'CPU s':>7} {'share':>6} {'pages':>5} {'calls':>9} {'calls vs whole':>14}")
    for variant, figures in zip(variants, measured):
        share = f"{figures.cpu / whole.cpu:6.0%}"
        change = f"{figures.calls / whole.calls - 1:+14.1%}"
        print(
            f"{variant.name:44} {figures.cpu:7.3f} {share} {figures.pages:5}"
            f" {figures.calls:9,} {change}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--workbook", type=Path, help="default: a generated sample-size client")
    parser.add_argument("--repeat", type=int, default=5, help="quickest of this many renders")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        workbook = args.workbook or make_clients(Path(tmp), 4)[3]
        html, css, html_dir, css_dir = report_source(workbook)
        bare_html = report_source(workbook, charts=False)[0]
    renderer = Renderer(html_dir)
    whole = Variant("whole report", html, css)
    shell, found = chapters(html)
    parts = [whole] + [
        Variant(f"  {name} alone", with_only(shell, html, text), css) for name, text in found
    ]
    parts.append(Variant("  empty document (page rules, stylesheet)", shell, css))
    levers = [whole] + [Variant(name, html, css + "\n" + rule) for name, rule in CSS_LEVERS.items()]
    levers.append(
        Variant("all the CSS levers at once", html, css + "\n" + "\n".join(CSS_LEVERS.values()))
    )
    levers.append(Variant("no PDF/UA tags", html, css, tagged=False))
    levers.append(Variant("no charts (content lever)", bare_html, css))
    print(f"workbook: {workbook.name if args.workbook else 'generated sample-size client, seed 3'}")
    print(f"HTML {len(html):,} characters, {html.count('<'):,} tags; stylesheet {len(css):,}")
    print_table("Chapters (each alone)", parts, renderer.measure(parts, args.repeat))
    print_table("Levers (whole report)", levers, renderer.measure(levers, args.repeat))


if __name__ == "__main__":
    main()
