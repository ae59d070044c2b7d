"""The PDF's layout holds for hostile content: huge amounts, long names, scripts Inter lacks.

Checked on the rendered pages with `pdftotext -bbox` word boxes (tests/pdf_boxes.py).
"""

from __future__ import annotations

import re
import shutil
import subprocess
from dataclasses import replace
from pathlib import Path

import pytest
from click.testing import CliRunner
from pdf_boxes import filled_fraction, off_page, overlapping, pages

from roi_report.cli import main
from roi_report.pdf import charts
from roi_report.pdf.brand import check_color
from roi_report.pdf.fonts import system_font_for
from roi_report.pipeline import BuildOptions, build
from roi_report.template import sample_data
from roi_report.template.sample_data import random_profile
from roi_report.template.writer import write_workbook
from roi_report.workbook.values import to_color

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = sorted((ROOT / "sample_workbooks").glob("*.xlsx"))
LONG_CLIENT = (
    "PT Sinar Harapan Nusantara Internasional Perkasa Global Teknologi Digital Indonesia Tbk"
)
LONG_AGENCY = (
    "Agencia de Comunicación Estratégica y Marketing Digital Integral "
    "Hermanos Fernández-Villaverde y Asociados S.L."
)
CJK_CLIENT = "北京星辰数字营销有限公司"
CJK_CHANNEL = "微信 WeChat"
UNDRAWABLE = "\U0010fffd"  # a private-use character no font has

pytestmark = pytest.mark.skipif(
    shutil.which("pdftotext") is None, reason="poppler-utils (pdftotext) is not installed"
)


def workbook(path: Path, monkeypatch, *, scale: float = 1.0, **changes) -> Path:
    """A sample-size workbook in IDR; `scale` multiplies every amount."""
    monkeypatch.setitem(sample_data.CURRENCY_SCALE, "IDR", scale)
    profile = replace(random_profile(3), currency="IDR", zero_investment=False, **changes)
    return write_workbook(path, profile, 3)


def pdf_of(source: Path, out: Path) -> Path:
    return build(source, BuildOptions(out_dir=out)).pdf_path


def one_line(words) -> bool:
    return len({round(w.y0) for w in words}) == 1


@pytest.mark.parametrize("language", ["en", "fr", "de"])
def test_huge_amounts_and_long_names_stay_on_the_page(tmp_path, monkeypatch, language):
    source = workbook(
        tmp_path / "huge.xlsx",
        monkeypatch,
        scale=1.5e8,  # investment and return in the 10^12 of rupiah
        language=language,
        client=LONG_CLIENT,
        prepared_by=LONG_AGENCY,
    )
    found = pages(pdf_of(source, tmp_path / "out"))
    for page in found:
        assert not off_page(page), f"page {page.number}: {off_page(page)}"
        assert not overlapping(page), f"page {page.number}: {overlapping(page)[:3]}"
    for page in found[1:]:  # the cover has no running header or footer
        band = 20 * 72 / 25.4  # the margin boxes: body text keeps 22 mm off the edges
        header = [w for w in page.words if w.y1 < band]
        footer = [w for w in page.words if w.y0 > page.height - band]
        assert header and one_line(header), f"page {page.number}: header on several lines"
        assert footer and one_line(footer), f"page {page.number}: footer on several lines"
        footer_text = " ".join(w.text for w in footer)
        assert re.search(rf"\b{page.number} (of|sur|von) {len(found)}$", footer_text), footer_text
        assert "…" in footer_text and "…" in " ".join(w.text for w in header)
    summary = " ".join(w.text for w in found[1].words)
    # The headline cards abbreviate; the tables keep every digit.
    assert re.search(r"\d+[.,]\d\s?(T|B|Bn|Md|Bio\.|Mrd\.)(?!\w)", summary), summary[:400]


def test_cjk_names_are_drawn_with_a_font_that_has_them(tmp_path, monkeypatch):
    if system_font_for("北") is None:
        pytest.skip("no installed font has Chinese characters (fonts-noto-cjk)")
    source = workbook(
        tmp_path / "cjk.xlsx",
        monkeypatch,
        client=CJK_CLIENT,
        language="en",
        channels=(("LinkedIn", "Social"), (CJK_CHANNEL, "Social"), ("Email", "Other")),
    )
    pdf = pdf_of(source, tmp_path / "out")
    text = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert CJK_CLIENT in text
    # The channels page names the channel in its table and, as text, in its chart.
    channels_page = next(page for page in text.split("\f") if "ROI by channel" in page)
    assert channels_page.count(CJK_CHANNEL) >= 2, channels_page
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True).stdout
    cjk = system_font_for("北").family.replace(" ", "-")
    assert cjk in fonts, fonts


def test_chart_labels_are_page_text_with_the_page_fonts():
    """A chart's label is HTML text like the table beside it: WeasyPrint sets it with the
    page's font stack, and fontconfig's fallback for what Inter lacks (the CJK test above
    finds the channel twice on its page, in a CJK font)."""
    from roi_report.pdf.render import template_environment

    style = charts.ChartStyle("#1F3A5F", "#E8A33D", "Inter", "en", "USD")
    chart = charts.bar_chart(
        labels=["LinkedIn", CJK_CHANNEL], values=[3.0, 2.0], value_labels=["3", "2"], style=style
    )
    page = '{% from "partials/macros.html" import chart %}{{ chart(c) }}'
    markup = template_environment().from_string(page).render(c=chart)
    assert re.search(r'<div class="bar-label"[^>]*>' + re.escape(CJK_CHANNEL) + "</div>", markup)
    assert "<img" not in markup and "<svg" not in markup and "font-family" not in markup


def test_an_undrawable_character_is_one_warning_and_no_library_warns(tmp_path, monkeypatch):
    assert system_font_for(UNDRAWABLE) is None
    source = workbook(
        tmp_path / "odd.xlsx",
        monkeypatch,
        client=f"Acme {UNDRAWABLE} Corp",
        channels=(("LinkedIn", "Social"), (f"Channel {UNDRAWABLE}", "Social"), ("Email", "Other")),
    )
    # In English: the warning speaks the report's language, and this workbook's is random.
    out = str(tmp_path / "out")
    result = CliRunner().invoke(main, ["build", str(source), "-o", out, "--language", "en"])
    assert result.exit_code == 0, result.output
    lines = [line for line in result.output.splitlines() if "U+10FFFD" in line]
    assert len(lines) == 1 and lines[0].startswith("warning: no installed font has"), lines
    for noise in ("UserWarning", "Glyph", "findfont", "fontTools", "WARNING"):
        assert noise not in result.output, result.output


def test_a_brand_font_that_is_not_installed_is_reported(tmp_path, monkeypatch):
    source = workbook(tmp_path / "brand.xlsx", monkeypatch)
    brand = tmp_path / "house.toml"
    brand.write_text('font = "Nonexistent Grotesk"\n', encoding="utf-8")
    out = str(tmp_path / "out")
    result = CliRunner().invoke(
        main, ["build", str(source), "-o", out, "--brand", str(brand), "--language", "en"]
    )
    assert result.exit_code == 0, result.output
    assert "brand font 'Nonexistent Grotesk' is not installed" in result.output


@pytest.mark.parametrize("short, full", [("#fff", "#FFFFFF"), ("#1a3", "#11AA33")])
def test_shorthand_colours_are_accepted(short, full):
    assert to_color(short) == full
    assert check_color(short, "brand primary colour") == full


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: p.stem)
def test_no_near_empty_page_in_the_samples(tmp_path, sample):
    found = pages(pdf_of(sample, tmp_path))
    for page in found[:-1]:
        assert filled_fraction(page) >= 0.45, f"page {page.number} is nearly empty"
    for page in found:
        assert not off_page(page) and not overlapping(page), page.number


def debian_packages(text: str) -> list[str]:
    command = re.search(r"apt-get install -y(?: -qq)?((?:\s+\\?\s*[a-z0-9][a-z0-9.+-]+)+)", text)
    return command.group(1).replace("\\", " ").split()


def test_readme_and_ci_install_the_same_debian_packages_fonts_included():
    readme = debian_packages((ROOT / "README.md").read_text(encoding="utf-8"))
    ci = debian_packages((ROOT / ".ci" / "run").read_text(encoding="utf-8"))
    assert readme == ci
    assert {"fonts-noto-core", "fonts-noto-cjk", "fonts-dejavu-core"} <= set(ci)
