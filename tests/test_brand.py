"""Branding: the brand file, the layering over the Report sheet, and the logo path rules."""

from __future__ import annotations

import os
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from roi_report.errors import RoiReportError
from roi_report.pdf.brand import (
    DEFAULT_ACCENT,
    DEFAULT_FONT,
    DEFAULT_PRIMARY,
    Brand,
    BrandError,
    check_logo,
    load_brand,
    resolve_brand,
)
from roi_report.workbook.models import Settings

SETTINGS = Settings(
    client="Acme",
    title="Social media ROI report",
    period_start=date(2025, 7, 1),
    period_end=date(2025, 9, 30),
    compare_with="Previous period",
    currency="USD",
    language="en",
    shared_costs="Proportional",
    slow_below=40.0,
    fast_from=70.0,
)
PNG = (  # a real 1 × 1 PNG: logos are decoded when checked
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00"
    b"\x00\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\xcf\xc0\xf0\x1f\x00\x05\x00\x01\xff"
    b"\x89\x99=\x1d\x00\x00\x00\x00IEND\xaeB`\x82"
)


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A workbook folder with a logo inside it and a secret file beside it."""
    work = tmp_path / "work"
    (work / "img").mkdir(parents=True)
    (work / "img" / "logo.png").write_bytes(PNG)
    (tmp_path / "secret.png").write_bytes(PNG)
    return work


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_brand_file_sets_every_key(folder):
    (folder / "agency.svg").write_text("<svg xmlns='http://www.w3.org/2000/svg'/>")
    brand = load_brand(
        write(
            folder / "brand.toml",
            """
        logo = "img/logo.png"
        agency_logo = "agency.svg"
        primary_color = "#112233"
        accent_color = "#aabbcc"
        font = "Source Sans 3"
        footer = "Confidential —   Northwind"
        prepared_by = "Northwind Agency"
        page_size = "letter"
    """,
        )
    )
    assert brand == Brand(
        primary="#112233",
        accent="#AABBCC",
        font="Source Sans 3",
        footer="Confidential — Northwind",
        prepared_by="Northwind Agency",
        page_size="Letter",
        logo=(folder / "img" / "logo.png").resolve(),
        agency_logo=(folder / "agency.svg").resolve(),
    )
    assert brand.logo_files == (brand.logo, brand.agency_logo)


def test_defaults():
    assert Brand() == Brand(DEFAULT_PRIMARY, DEFAULT_ACCENT, DEFAULT_FONT)
    assert Brand().logo_files == ()


@pytest.mark.parametrize(
    "text, message",
    [
        ('colour = "#112233"', "unknown key 'colour'"),
        ('primary_color = "#12345"', "is not a colour"),
        ('accent_color = "orange"', "is not a colour"),
        ("primary_color = 0x112233", "expected text in quotes"),
        ('page_size = "A3"', "not a page size"),
        ('font = "Inter; } body { color: red"', "not a font family name"),
        ('footer = "' + "x" * 201 + '"', "longer than 200"),
        ("primary_color = ", "not valid TOML"),
        ('[brand]\nprimary_color = "#112233"', "unknown key 'brand'"),
    ],
)
def test_bad_brand_files_are_refused_with_a_clear_message(folder, text, message):
    path = write(folder / "brand.toml", text)
    with pytest.raises(BrandError, match=message) as error:
        load_brand(path)
    assert str(path) in error.value.message
    assert isinstance(error.value, RoiReportError)


def test_unknown_key_lists_the_keys_there_are(folder):
    with pytest.raises(BrandError) as error:
        load_brand(write(folder / "brand.toml", 'logo_file = "x.png"'))
    for key in (
        "logo",
        "primary_color",
        "accent_color",
        "font",
        "footer",
        "prepared_by",
        "page_size",
    ):
        assert key in error.value.message


def test_missing_and_non_utf8_brand_files(tmp_path):
    with pytest.raises(BrandError, match="no such file"):
        load_brand(tmp_path / "nope.toml")
    (tmp_path / "latin1.toml").write_bytes('footer = "Société"'.encode("latin-1"))
    with pytest.raises(BrandError, match="UTF-8"):
        load_brand(tmp_path / "latin1.toml")


def test_report_sheet_then_brand_file_each_layer_wins(folder):
    settings = replace(
        SETTINGS,
        primary_color="#010203",
        accent_color="#040506",
        prepared_by="  In-house   team ",
        logo="img/logo.png",
    )
    sheet_only = resolve_brand(settings, folder)
    assert (sheet_only.primary, sheet_only.accent) == ("#010203", "#040506")
    assert sheet_only.prepared_by == "In-house team"
    assert sheet_only.logo == (folder / "img" / "logo.png").resolve()
    assert sheet_only.page_size is None

    brand_dir = folder / "house"
    brand_dir.mkdir()
    (brand_dir / "client.png").write_bytes(PNG)
    brand_file = write(
        brand_dir / "brand.toml",
        """
        accent_color = "#FF8800"
        prepared_by = "Northwind Agency"
        logo = "client.png"
    """,
    )
    both = resolve_brand(settings, folder, brand_file)
    assert both.primary == "#010203"  # not in the brand file: the sheet's
    assert both.accent == "#FF8800"
    assert both.prepared_by == "Northwind Agency"
    assert both.logo == (brand_dir / "client.png").resolve()


def test_brand_file_logo_replaces_a_bad_sheet_logo(folder):
    (folder / "client.png").write_bytes(PNG)
    brand_file = write(folder / "brand.toml", 'logo = "client.png"')
    settings = replace(SETTINGS, logo="../secret.png")
    assert resolve_brand(settings, folder, brand_file).logo == (folder / "client.png").resolve()
    with pytest.raises(BrandError, match="outside"):
        resolve_brand(settings, folder)


def test_bad_sheet_colour_is_refused_naming_the_setting(folder):
    with pytest.raises(BrandError, match="Report sheet's setting 'Accent color'"):
        resolve_brand(replace(SETTINGS, accent_color="red"), folder)


@pytest.mark.parametrize(
    "language, currency, size",
    [
        ("en", "USD", "Letter"),
        ("en", "usd", "Letter"),
        ("en", "EUR", "A4"),
        ("es", "USD", "A4"),
        ("fr", "EUR", "A4"),
        ("pl", "PLN", "A4"),
    ],
)
def test_page_size_follows_language_and_currency(language, currency, size):
    assert Brand().page_size_for(language, currency) == size
    assert Brand(page_size="A4").page_size_for("en", "USD") == "A4"


WHERE = "the Report sheet's setting 'Logo'"


def logo(value: str, folder: Path) -> Path | None:
    return check_logo(value, folder, WHERE, "the workbook's folder")


def test_logo_inside_the_folder_is_accepted(folder):
    inside = (folder / "img" / "logo.png").resolve()
    assert logo("img/logo.png", folder) == inside
    assert logo("./img/../img/logo.png", folder) == inside  # `..` that stays inside
    assert logo(str(inside), folder) == inside  # an absolute path inside the folder
    assert logo("", folder) is None
    assert logo("   ", folder) is None


@pytest.mark.parametrize(
    "value, message",
    [
        ("../secret.png", "points outside the workbook's folder"),
        ("img/../../secret.png", "points outside the workbook's folder"),
        ("/etc/passwd", "points outside the workbook's folder"),
        ("http://example.com/logo.png", "is a URL"),
        ("https://cdn.example.com/logo.svg", "is a URL"),
        ("file:///etc/passwd", "is a URL"),
        ("data:image/png;base64,AAAA", "is a URL"),
        ("//server/share/logo.png", "is a URL"),
        ("C:\\Users\\me\\logo.png", "outside"),
    ],
)
def test_logo_paths_that_leave_the_folder_or_are_urls_are_refused(folder, value, message):
    with pytest.raises(BrandError, match=message) as error:
        logo(value, folder)
    assert error.value.message.startswith(WHERE)
    assert "logo.png" in error.value.message  # says what to write instead


def test_missing_logo_names_the_file_looked_for(folder):
    with pytest.raises(BrandError, match="does not exist") as error:
        logo("img/missing.png", folder)
    assert str(folder / "img" / "missing.png") in error.value.message


def test_absolute_path_to_a_file_outside_is_refused(folder):
    secret = folder.parent / "secret.png"
    with pytest.raises(BrandError, match="outside"):
        logo(str(secret), folder)


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="no symlinks here")
def test_symlink_escape_is_refused(folder):
    (folder / "img" / "link.png").symlink_to(folder.parent / "secret.png")
    (folder / "linked").symlink_to(folder.parent, target_is_directory=True)
    with pytest.raises(BrandError, match="through a symbolic link"):
        logo("img/link.png", folder)
    with pytest.raises(BrandError, match="through a symbolic link"):
        logo("linked/secret.png", folder)


def test_symlink_inside_the_folder_is_fine(folder):
    (folder / "current.png").symlink_to(folder / "img" / "logo.png")
    assert logo("current.png", folder) == (folder / "img" / "logo.png").resolve()


def test_only_images_are_logos(folder):
    (folder / "notes.txt").write_text("hello")
    with pytest.raises(BrandError, match="SVG, PNG, JPEG"):
        logo("notes.txt", folder)
    (folder / "img" / "dir.png").mkdir()
    with pytest.raises(BrandError, match="'img/dir.png' is a folder, not an image file"):
        logo("img/dir.png", folder)


def test_brand_file_logo_must_stay_in_the_brand_files_folder(folder):
    house = folder / "house"
    house.mkdir()
    brand_file = write(house / "brand.toml", 'agency_logo = "../img/logo.png"')
    with pytest.raises(BrandError, match="outside the brand file's folder") as error:
        load_brand(brand_file)
    assert "agency_logo" in error.value.message


def test_batch_house_style_yields_to_the_clients_own_colours_and_logo(tmp_path):
    from types import SimpleNamespace

    from roi_report.pdf.brand import resolve_brand

    house = tmp_path / "house.toml"
    house.write_text('primary_color = "#112233"\naccent_color = "#445566"\n')
    own = SimpleNamespace(primary_color="#AA0000", accent_color="#E07A1F", prepared_by="", logo="")
    single = resolve_brand(own, tmp_path, house)
    assert (single.primary, single.accent) == ("#112233", "#445566")
    batch = resolve_brand(own, tmp_path, house, client_first=True)
    # The client chose its primary colour; its accent is the project default, so the house
    # style's accent applies.
    assert (batch.primary, batch.accent) == ("#AA0000", "#445566")


# ------------------------------------------------------------------------------ check


def check_run(*args):
    from click.testing import CliRunner

    from roi_report.cli import main

    return CliRunner().invoke(main, ["check", *map(str, args), "--language", "en"])


def brand_font_workbook(tmp_path: Path, font: str) -> tuple[Path, Path]:
    from workbooks import make_workbook

    source = make_workbook(tmp_path / "client.xlsx")
    return source, write(tmp_path / "house.toml", f'font = "{font}"\n')


def test_check_reports_a_brand_font_that_is_not_installed_as_build_does(tmp_path):
    source, house = brand_font_workbook(tmp_path, "Nonexistent Grotesk")
    result = check_run(source, "--brand", house)
    assert result.exit_code == 0, result.output
    lines = [line for line in result.output.splitlines() if "Nonexistent Grotesk" in line]
    assert lines == [
        "warning: the brand font 'Nonexistent Grotesk' is not installed on this machine: the "
        "PDF uses Inter instead — install the font, or remove 'font' from the brand file"
    ], result.output
    strict = check_run(source, "--brand", house, "--strict")
    assert strict.exit_code == 1 and "Nonexistent Grotesk" in strict.output, strict.output


def test_check_reads_the_brand_of_roi_report_toml_and_speaks_the_language(tmp_path, monkeypatch):
    source, house = brand_font_workbook(tmp_path, "Nonexistent Grotesk")
    write(tmp_path / "roi-report.toml", 'brand = "house.toml"\n')
    monkeypatch.chdir(tmp_path)  # the file in the folder the user runs from is trusted
    result = check_run(source)
    assert result.exit_code == 0, result.output
    assert "warning: the brand font 'Nonexistent Grotesk' is not installed" in result.output
    from click.testing import CliRunner

    from roi_report.cli import main

    german = CliRunner().invoke(main, ["check", str(source), "--language", "de"])
    line = next(x for x in german.output.splitlines() if "Nonexistent Grotesk" in x)
    assert "not installed" not in line and "is not" not in line, line


def test_check_says_nothing_of_an_installed_brand_font(tmp_path):
    source, house = brand_font_workbook(tmp_path, "DejaVu Sans")
    result = check_run(source, "--brand", house)
    assert result.exit_code == 0, result.output
    assert "DejaVu" not in result.output and "brand font" not in result.output, result.output
    assert result.output == check_run(source).output  # the same words as without a brand
