"""The roi-report command on good workbooks: check, --strict, build, --json, --version."""

from __future__ import annotations

import hashlib
import json
import os
import stat
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook
from workbooks import make_workbook

from roi_report import __version__
from roi_report.cli import main

JSON_KEYS = {"schema", "headline", "channels", "goals", "bands", "new_business"}


def cost(day, amount, category="Ads", channel="LinkedIn", kind="Paid"):
    return {
        "Date": day,
        "Category": category,
        "Channel": channel,
        "Type": kind,
        "Campaign": "Launch",
        "Amount": amount,
    }


def result(day, count, metric="Leads"):
    return {
        "Date": day,
        "Channel": "LinkedIn",
        "Type": "Paid",
        "Campaign": "Launch",
        "Metric": metric,
        "Count": count,
    }


GOAL = {"Goal": "Leads", "Metric": "Leads", "Channel": "All", "Target": 100, "Value per result": 30}
LEADS = [
    {
        "Lead ID": "L-1",
        "Created": date(2025, 7, 3),
        "Source": "LinkedIn",
        "Score": 80,
        "Stage": "Won",
        "Won date": date(2025, 8, 1),
        "Revenue": 5000,
    },
    {"Lead ID": "L-2", "Created": date(2025, 7, 9), "Source": "Email", "Score": 30, "Stage": "MQL"},
]


def clean(path):
    return make_workbook(
        path,
        costs=[cost(date(2025, 7, 5), 1000)],
        goals=[GOAL],
        results=[result(date(2025, 7, 20), 40)],
        leads=LEADS,
    )


def doubtful(path):
    """Valid, with two warnings: a metric no goal values, and an agency fee equal to an ad."""
    return make_workbook(
        path,
        costs=[cost(date(2025, 7, 5), 1000), cost(date(2025, 7, 28), 1000, category="Agency")],
        goals=[GOAL],
        results=[result(date(2025, 7, 20), 40), result(date(2025, 7, 21), 300, "Likes")],
        leads=LEADS,
    )


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


def sha256(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def succeeded(result):
    assert result.exit_code == 0, result.output
    assert result.exception is None, result.output
    return result


def test_check_clean_workbook(tmp_path):
    source = clean(tmp_path / "client.xlsx")
    output = succeeded(run("check", source)).output
    assert f"{source}: no problems found." in output
    assert "warning" not in output


def test_check_prints_warnings_and_passes(tmp_path):
    source = doubtful(tmp_path / "client.xlsx")
    output = succeeded(run("check", source)).output
    assert "no problems found." in output
    assert (
        "warning: Results!E3: no goal values the metric 'Likes' — add it to the Goals sheet"
        in output
    )
    assert (
        "warning: Costs!G3: this agency fee equals the ad spend in Costs row 2 of the same "
        "month" in output
    )


def test_check_strict_fails_on_warnings(tmp_path):
    source = doubtful(tmp_path / "client.xlsx")
    before = sha256(source)
    result = run("check", "--strict", source)
    assert result.exit_code == 1, result.output
    assert isinstance(result.exception, SystemExit)
    assert "Traceback" not in result.output
    assert "Results!E3: no goal values the metric 'Likes'" in result.output
    assert "Costs!G3: this agency fee equals the ad spend" in result.output
    assert sha256(source) == before


def test_check_strict_passes_a_clean_workbook(tmp_path):
    succeeded(run("check", "--strict", clean(tmp_path / "client.xlsx")))


def test_warnings_name_the_cell_where_the_column_really_is(tmp_path):
    source = doubtful(tmp_path / "client.xlsx")
    book = load_workbook(source)
    book["Results"].insert_cols(1)  # the user adds a column in front: Metric moves to F
    book["Results"]["A1"] = "Notes"
    book.save(source)
    output = succeeded(run("check", source)).output
    assert "warning: Results!F3: no goal values the metric 'Likes'" in output


def test_build_writes_the_results_workbook(tmp_path):
    (tmp_path / "in").mkdir()
    source = doubtful(tmp_path / "in" / "client.xlsx")
    before = sha256(source)
    out = tmp_path / "out"
    result = succeeded(run("build", source, "--no-pdf", "-o", out))
    target = out / "client-roi.xlsx"
    assert f"wrote {target}" in result.stdout
    assert "warning: Results!E3: no goal values the metric 'Likes'" in result.stderr
    assert sorted(p.name for p in out.iterdir()) == ["client-roi.xlsx"]
    assert sha256(source) == before
    assert sorted(p.name for p in source.parent.iterdir()) == ["client.xlsx"]
    names = load_workbook(target).sheetnames
    assert names[:7] == ["Report", "Channels", "Costs", "Staff", "Goals", "Results", "Leads"]
    assert "ROI Summary" in names


def test_build_defaults_to_the_workbook_folder(tmp_path):
    source = clean(tmp_path / "client.xlsx")
    succeeded(run("build", source, "--no-pdf"))
    assert (tmp_path / "client-roi.xlsx").is_file()


def test_build_json(tmp_path):
    source = doubtful(tmp_path / "client.xlsx")
    result = succeeded(run("build", source, "--no-pdf", "-o", tmp_path / "out", "--json"))
    data = json.loads(result.stdout)
    assert data.keys() >= JSON_KEYS
    assert data["schema"] == "roi-report/metrics/1"
    assert data["headline"]["investment"]["current"] == 2000
    assert data["headline"]["return"]["current"] == 40 * 30
    assert {w["where"] for w in data["warnings"]} == {"Results!E3", "Costs!G3"}
    assert (tmp_path / "out" / "client-roi.xlsx").is_file()


def test_version():
    result = succeeded(run("--version"))
    assert result.output.strip() == f"roi-report, version {__version__}"


def test_python_dash_m_version():
    completed = subprocess.run(
        [sys.executable, "-m", "roi_report", "--version"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert completed.returncode == 0, completed.stderr
    assert __version__ in completed.stdout


@pytest.mark.parametrize("command", ["check", "build"])
def test_help(command):
    result = succeeded(run(command, "--help"))
    assert "WORKBOOK" in result.output


def test_usage_errors_exit_2(tmp_path):
    source = clean(tmp_path / "client.xlsx")
    assert run("check").exit_code == 2
    assert run("build", source, "--no-such-option").exit_code == 2
    assert run("frobnicate").exit_code == 2
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    result = run("build", source, "--no-pdf", "-o", blocker)
    assert result.exit_code == 2
    assert "Traceback" not in result.output


def test_outputs_get_the_permissions_of_a_new_file(tmp_path):
    """Written through private temporary files, yet readable as any new file in the folder."""
    source = Path(__file__).parent.parent / "sample_workbooks" / "atelier-fr.xlsx"
    previous = os.umask(0o022)
    try:
        result = CliRunner().invoke(main, ["build", str(source), "-o", str(tmp_path / "out")])
        init = CliRunner().invoke(main, ["init", str(tmp_path / "blank.xlsx")])
    finally:
        os.umask(previous)
    assert result.exit_code == 0, result.output
    assert init.exit_code == 0, init.output
    written = [*sorted((tmp_path / "out").iterdir()), tmp_path / "blank.xlsx"]
    assert [p.suffix for p in written] == [".pdf", ".xlsx", ".xlsx"]
    assert {stat.S_IMODE(p.stat().st_mode) for p in written} == {0o644}


@pytest.mark.parametrize("language, said", [("en", "interrupted"), ("de", "abgebrochen")])
def test_ctrl_c_before_a_command_handles_it_exits_130_with_one_line(
    tmp_path, monkeypatch, language, said
):
    # `check` has no interrupt handling of its own: click would print "Aborted!", exit 1.
    import roi_report.commands

    def stopped(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(roi_report.commands, "check_workbook", stopped)
    monkeypatch.setenv("LANGUAGE", language)
    book = tmp_path / "book.xlsx"
    book.write_bytes(b"")  # never read: the command is stopped first
    result = CliRunner().invoke(main, ["check", str(book)])
    assert result.exit_code == 130, result.output
    assert said in result.output and "Aborted" not in result.output
    assert "Traceback" not in result.output
