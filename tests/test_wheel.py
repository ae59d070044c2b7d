"""The wheel carries the report templates, stylesheet, fonts and default logo, and an
installed copy finds them."""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHIPPED = (
    "report.html",
    "report.css",
    "logo-default.svg",
    "partials/macros.html",
    "partials/cover.html",
    "partials/summary.html",
    "partials/investment.html",
    "partials/channels.html",
    "partials/goals.html",
    "partials/lead_costs.html",
    "partials/bands.html",
    "partials/new_business.html",
    "partials/methods.html",
    "fonts/Inter-Regular.ttf",
    "fonts/Inter-Medium.ttf",
    "fonts/Inter-SemiBold.ttf",
    "fonts/Inter-Bold.ttf",
    "fonts/OFL.txt",
    "email/subject.txt.j2",
    "email/body.txt.j2",
    "email/body.html.j2",
)


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    if importlib.util.find_spec("build") is None:
        pytest.skip("the 'build' package is not installed (pip install build)")
    out = tmp_path_factory.mktemp("dist")
    # Without isolation when hatchling is already installed (offline-friendly, faster).
    isolation = [] if importlib.util.find_spec("hatchling") is None else ["--no-isolation"]
    done = subprocess.run(
        [sys.executable, "-m", "build", "--wheel", *isolation, "--outdir", str(out), str(ROOT)],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    wheels = list(out.glob("roi_report-*.whl"))
    assert len(wheels) == 1
    return wheels[0]


def test_wheel_holds_templates_stylesheet_fonts_and_logo(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    missing = [name for name in SHIPPED if f"roi_report/templates/{name}" not in names]
    assert not missing, f"not in the wheel: {missing}"
    assert not any(name.startswith("templates/") for name in names)  # only under the package


def test_wheel_command_starts_where_ctrl_c_during_imports_is_handled(wheel):
    with zipfile.ZipFile(wheel) as package:
        name = next(n for n in package.namelist() if n.endswith(".dist-info/entry_points.txt"))
        entry_points = package.read(name).decode()
    assert "roi-report = roi_report.__main__:run" in entry_points


def test_installed_wheel_finds_its_templates(wheel, tmp_path):
    site = tmp_path / "site"
    out = run_installed(
        wheel,
        site,
        "import roi_report, roi_report.pdf.render as r; "
        "folder = r.templates_dir(); "
        "print(roi_report.__file__); print(folder); "
        "print((folder / 'fonts' / 'Inter-Regular.ttf').is_file())",
    )
    package_file, folder, font_found = out.split("\n")[:3]
    assert Path(package_file).is_relative_to(site)
    assert Path(folder) == site / "roi_report" / "templates"
    assert font_found == "True"


def test_wheel_holds_the_report_catalogs_and_speaks_german_installed(wheel, tmp_path):
    names = set(zipfile.ZipFile(wheel).namelist())
    for language in ("es", "fr", "pl", "de"):
        assert f"roi_report/locale/{language}/LC_MESSAGES/pdf.po" in names, language
    probe = (
        "from roi_report.language import Messages, use_language\n"
        "with use_language('de'):\n"
        "    print(Messages('pdf').gettext('Executive summary'))"
    )
    assert run_installed(wheel, tmp_path / "site", probe).strip() == "Management-Zusammenfassung"


def run_installed(wheel: Path, site: Path, probe: str) -> str:
    """What `probe` prints, run with the wheel unpacked in `site` as the only roi_report."""
    zipfile.ZipFile(wheel).extractall(site)
    env = {**os.environ, "PYTHONPATH": str(site)}
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, cwd=site.parent, env=env
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_installed_wheel_speaks_german(wheel, tmp_path):
    """The catalogs ship inside the package: `init --language de` works from the wheel."""
    names = set(zipfile.ZipFile(wheel).namelist())
    for language in ("de", "es", "fr", "pl"):
        assert f"roi_report/locale/{language}/LC_MESSAGES/template.po" in names
    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    target = tmp_path / "de.xlsx"
    env = {**os.environ, "PYTHONPATH": str(site)}
    done = subprocess.run(
        [sys.executable, "-m", "roi_report", "init", str(target), "--language", "de"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=env,
    )
    assert done.returncode == 0, done.stderr
    from openpyxl import load_workbook

    assert (
        load_workbook(target)["Instructions"]["A1"].value == "So füllen Sie diese Arbeitsmappe aus"
    )
