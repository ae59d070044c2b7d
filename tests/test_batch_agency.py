"""`batch` as an agency runs it: clients in folders (searched recursively, mirrored in the
output, --exclude), one house format for the summary with totals per currency and links to
the PDFs, failed clients named, -q quiet; --shard and merge-summaries; a real Dask cluster
(scheduler and worker processes) building the reports, one worker lost mid-build."""

from __future__ import annotations

import csv
import os
import signal
import socket
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook
from test_batch import broken_workbook, good_workbook

from roi_report.cli import main
from roi_report.delivery import batch
from roi_report.delivery.batch import Shard, Source, discover_sources, pick_shard, shard_of
from roi_report.pdf.formatting import format_period

ROOT = Path(__file__).resolve().parent.parent


def invoke(*args, env=None):
    return CliRunner().invoke(main, [str(a) for a in args], env=env)


def read_csv(path: Path) -> list[dict]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def agency_folders(root: Path) -> Path:
    """clients/<client>/<file>: two in folders, one loose, one archived, one broken, one
    in EUR beside the USD ones."""
    clients = root / "clients"
    for folder in ("acme", "globex/2025", "archive"):
        (clients / folder).mkdir(parents=True)
    good_workbook(clients / "acme" / "q3.xlsx", "Acme Analytics")
    good_workbook(clients / "globex" / "2025" / "q3.xlsx", "Globex")
    good_workbook(clients / "initech.xlsx", "Initech")
    good_workbook(clients / "archive" / "old.xlsx", "Old Client")
    broken_workbook(clients / "globex" / "broken.xlsx")
    euro = clients / "acme" / "eu.xlsx"
    good_workbook(euro, "Acme Europe")
    book = load_workbook(euro)
    for label, value in book["Report"].iter_rows(min_row=2):
        if label.value == "Currency":
            value.value = "EUR"
    book.save(euro)
    return clients


@pytest.fixture(scope="module")
def run_fr(tmp_path_factory):
    root = tmp_path_factory.mktemp("agency")
    clients = agency_folders(root)
    out = root / "out"
    result = invoke(
        "batch", clients, "-o", out, "--exclude", "archive", "--language", "fr", "--no-pdf"
    )
    return {"result": result, "out": out, "clients": clients}


def test_folders_are_searched_recursively_and_mirrored(run_fr):
    out = run_fr["out"]
    written = sorted(p.relative_to(out).as_posix() for p in out.rglob("*-roi.xlsx"))
    assert written == [
        "Initech/initech-roi.xlsx",  # loose in the folder: named from its client
        "acme/eu-roi.xlsx",
        "acme/q3-roi.xlsx",
        "globex/2025/q3-roi.xlsx",
    ]
    assert not (out / "archive").exists()  # --exclude archive


def test_exclude_globs_and_discovery(tmp_path):
    clients = agency_folders(tmp_path)
    keys = [s.key for s in discover_sources([clients], exclude=["archive/**", "*/broken.xlsx"])]
    assert keys == ["acme/eu.xlsx", "acme/q3.xlsx", "globex/2025/q3.xlsx", "initech.xlsx"]
    (clients / "reports").mkdir()
    good_workbook(clients / "reports" / "x.xlsx", "Output")
    keys = [s.key for s in discover_sources([clients], skip=[clients / "reports"])]
    assert "reports/x.xlsx" not in keys and "archive/old.xlsx" in keys


def test_summary_in_the_house_language_with_totals_and_links(run_fr):
    result, out = run_fr["result"], run_fr["out"]
    assert result.exit_code == 1, result.output
    # The terminal table in French, whatever each report's language
    assert "Investissement" in result.output and "Total, 3 clients" in result.output
    assert "Total, 1 client" in result.output  # the EUR client apart from the USD ones
    assert "1 client sur 5 en échec" in result.output
    sheet = load_workbook(out / "summary.xlsx").active
    rows = [[c.value for c in row] for row in sheet.iter_rows()]
    assert rows[0][:5] == ["Client", "Classeur", "Période", "Devise", "Investissement"]
    by_client = {row[0]: row for row in rows[1:] if row[0]}
    assert by_client["Acme Analytics"][2] == format_period(
        date(2025, 7, 1), date(2025, 9, 30), "fr"
    )
    totals = [row for row in rows if str(row[0]).startswith("Total,")]
    assert {(row[3], row[4]) for row in totals} == {("USD", 3000.0), ("EUR", 1000.0)}
    # A link from each client to its report, relative so the folder can move
    links = {
        row[0].value: row[11].hyperlink.target
        for row in sheet.iter_rows(min_row=2)
        if row[11].hyperlink
    }
    assert links["Acme Analytics"] == "acme/q3-roi.xlsx"
    for target in links.values():
        assert (out / target).is_file()
    # The CSV stays data: English column names, ISO periods, status codes
    csv_rows = {r["Workbook"] + r["Client"]: r for r in read_csv(out / "summary.csv")}
    assert csv_rows["initech.xlsxInitech"]["Period"] == "2025-07-01 – 2025-09-30"


def test_a_failed_client_is_named_with_its_period(run_fr):
    rows = read_csv(run_fr["out"] / "summary.csv")
    broken = next(r for r in rows if r["Workbook"] == "broken.xlsx")
    assert broken["Status"] == "failed" and "-50" in broken["Problem"]
    assert broken["Client"] == "Test Client"  # read from its Report sheet all the same
    assert broken["Period"] == "2025-07-01 – 2025-09-30"


def test_quiet_is_quiet(tmp_path):
    clients = tmp_path / "clients"
    clients.mkdir()
    good_workbook(clients / "a.xlsx", "A")
    (clients / "roi-report.toml").write_text("workers = 1\n")
    result = invoke("batch", clients, "-o", tmp_path / "out", "-q", "--no-pdf")
    assert result.exit_code == 0 and result.output == ""
    broken_workbook(clients / "b.xlsx")
    result = invoke("batch", clients, "-o", tmp_path / "out2", "-q", "--no-pdf")
    assert result.exit_code == 1
    assert result.output.startswith("Error: 1 of 2 clients failed:")  # failures only


# ------------------------------------------------------------------------------ shards


def test_shards_split_every_client_exactly_once_and_merge(tmp_path):
    clients = agency_folders(tmp_path)
    out = tmp_path / "out"
    keys = []
    for k in (1, 2, 3):
        result = invoke("batch", clients, "-o", out, "--shard", f"{k}/3", "--no-pdf", "-q")
        assert result.exit_code in (0, 1), result.output
        rows = read_csv(out / f"summary-{k}-of-3.csv")
        keys += [(r["Workbook"], r["Client"]) for r in rows]
    assert len(keys) == len(set(keys)) == 6  # each client in exactly one share
    result = invoke("merge-summaries", out, "--language", "fr")
    assert result.exit_code == 0, result.output
    assert "6 clients, 1 failed" in result.output or "6 clients, 1 en échec" in result.output
    merged = read_csv(out / "summary.csv")
    assert sorted((r["Workbook"], r["Client"]) for r in merged) == sorted(keys)
    reports = [r["Report"] for r in merged if r["Report"]]
    assert len(reports) == 5 and all((out / report).is_file() for report in reports)
    sheet = load_workbook(out / "summary.xlsx").active
    assert sheet["A1"].value == "Client" and sheet["C1"].value == "Période"
    # Merging again reads the shards, not the merged summary beside them
    assert invoke("merge-summaries", out).exit_code == 0
    assert len(read_csv(out / "summary.csv")) == 6


def test_shard_from_the_job_index_and_bad_shards():
    sources = [Source(Path(f"{name}.xlsx")) for name in "edcba"]
    assert shard_of(None, 3, env={"JOB_COMPLETION_INDEX": "1"}) == Shard(2, 3)
    assert shard_of(None, 2, env={"AWS_BATCH_JOB_ARRAY_INDEX": "0"}) == Shard(1, 2)
    assert shard_of("2/3", None, env={}) == Shard(2, 3)
    assert shard_of(None, None, env={"JOB_COMPLETION_INDEX": "4"}) is None
    assert [s.key for s in pick_shard(sources, Shard(2, 2))] == ["b.xlsx", "d.xlsx"]
    for text, count, env, message in (
        ("4/3", None, {}, "is not K/N"),
        ("x", None, {}, "is not K/N"),
        (None, 2, {"JOB_COMPLETION_INDEX": "2"}, "is not a share of --shard-count 2"),
        (None, 2, {}, "needs the share's number"),
    ):
        with pytest.raises(batch.BatchError, match=message):
            shard_of(text, count, env=env)


# ------------------------------------------------------------------------------ Dask


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def dask_process(*args: str) -> subprocess.Popen:
    """`dask scheduler` or `dask worker` as a real process, importing this tree."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.Popen(
        [sys.executable, "-m", "distributed.cli.dask_" + args[0], *args[1:]],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )


def stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGKILL)
    process.wait()


def wait_for(condition, seconds: float, what: str) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, f"waited {seconds:g} s for {what}"
        time.sleep(0.2)


@pytest.fixture
def scheduler():
    pytest.importorskip("distributed")
    port = free_port()
    process = dask_process(
        "scheduler", "--host", "127.0.0.1", "--port", str(port), "--dashboard-address", ":0"
    )
    address = f"tcp://127.0.0.1:{port}"

    def listening():
        with socket.socket() as sock:
            return sock.connect_ex(("127.0.0.1", port)) == 0

    wait_for(listening, 60, "the Dask scheduler")
    workers: list[subprocess.Popen] = []

    def add_worker() -> subprocess.Popen:
        worker = dask_process(
            "worker", address, "--nthreads", "1", "--no-nanny", "--dashboard-address", ":0"
        )
        workers.append(worker)
        return worker

    yield address, add_worker
    for running in [*workers, process]:
        stop(running)


def test_batch_on_a_dask_cluster(scheduler, tmp_path):
    address, add_worker = scheduler
    add_worker()
    add_worker()
    clients = agency_folders(tmp_path)
    out = tmp_path / "out"
    result = invoke("batch", clients, "-o", out, "--scheduler", address, "--exclude", "archive")
    assert result.exit_code == 1, result.output
    assert f"on the cluster at {address}" in result.output
    assert "broken.xlsx" in result.output and "-50 is negative" in result.output
    statuses = {(r["Workbook"], r["Client"]): r["Status"] for r in read_csv(out / "summary.csv")}
    assert statuses[("q3.xlsx", "Globex")] == "ok" and len(statuses) == 5
    pdfs = sorted(p.relative_to(out).as_posix() for p in out.rglob("*.pdf"))
    assert pdfs == [
        "Initech/initech-roi.pdf",
        "acme/eu-roi.pdf",
        "acme/q3-roi.pdf",
        "globex/2025/q3-roi.pdf",
    ]
    for pdf in pdfs:
        assert (out / pdf).read_bytes().startswith(b"%PDF-")
    assert not [p for p in out.iterdir() if p.name.startswith(".roi-batch-")]


def test_a_worker_lost_mid_build_is_retried(scheduler, tmp_path):
    address, add_worker = scheduler
    first = add_worker()
    clients = tmp_path / "clients"
    clients.mkdir()
    for name in ("a", "b"):
        good_workbook(clients / f"{name}.xlsx", name.upper())
    out = tmp_path / "out"
    out.mkdir()
    command = [
        sys.executable,
        "-m",
        "roi_report",
        "batch",
        str(clients),
        "-o",
        str(out),
        "--scheduler",
        address,
    ]
    run = subprocess.Popen(
        command,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        # A build has started on the worker once its staging folder appears
        wait_for(lambda: any(p.is_dir() for p in out.glob(".roi-batch-*/*")), 120, "a build")
        stop(first)  # the worker dies mid-build, as a machine of the cluster would
        add_worker()
        output, _ = run.communicate(timeout=300)
    finally:
        if run.poll() is None:
            run.kill()
    assert run.returncode == 0, output
    assert {r["Client"]: r["Status"] for r in read_csv(out / "summary.csv")} == {
        "A": "ok",
        "B": "ok",
    }


def test_scheduler_without_dask_says_how_to_install_it(tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "distributed", None)  # as if not installed
    clients = tmp_path / "clients"
    clients.mkdir()
    good_workbook(clients / "a.xlsx", "A")
    result = invoke("batch", clients, "-o", tmp_path / "out", "--scheduler", "tcp://x:8786")
    assert result.exit_code == 1
    assert "pip install 'roi-report[dask]'" in result.output
    assert not (tmp_path / "out").exists()


def test_batch_period_and_the_configs_house_language(tmp_path, monkeypatch):
    clients = tmp_path / "clients"
    clients.mkdir()
    good_workbook(clients / "a.xlsx", "A")
    (clients / "roi-report.toml").write_text('language = "pl"\ncompare = "none"\n')
    monkeypatch.chdir(clients)
    result = invoke("batch", ".", "-o", tmp_path / "out", "--period", "2025-07", "--no-pdf")
    assert result.exit_code == 0, result.output
    assert "Klient" in result.output and "Nakłady" in result.output  # the house language
    (row,) = read_csv(tmp_path / "out" / "summary.csv")
    assert row["Period"] == "2025-07-01 – 2025-07-31"
    assert row["ROI change (pp)"] == ""  # compare = "none": no comparison
    assert load_workbook(tmp_path / "out" / "summary.xlsx").active["A1"].value == "Klient"
    result = invoke("batch", ".", "-o", tmp_path / "bad", "--period", "Q3")
    # said in the house language, as every message of the batch
    assert result.exit_code == 1 and "--period 'Q3' nie jest okresem" in result.output
    assert not (tmp_path / "bad").exists()
