"""Two builds writing the same output at once leave complete files, never a torn one."""

import multiprocessing
import zipfile
from datetime import date

from openpyxl import load_workbook
from workbooks import make_workbook

from roi_report.pipeline import BuildOptions, build


def _build(source, out_dir):
    build(source, BuildOptions(out_dir=out_dir, pdf=False))


def test_parallel_builds_into_one_folder(tmp_path):
    source = make_workbook(
        tmp_path / "client.xlsx",
        costs=[
            {
                "Date": date(2025, 7, 5),
                "Category": "Ads",
                "Channel": "LinkedIn",
                "Type": "Paid",
                "Campaign": "A",
                "Amount": 900,
            }
        ],
    )
    out = tmp_path / "out"
    context = multiprocessing.get_context("spawn")
    workers = [context.Process(target=_build, args=(source, out)) for _ in range(4)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(120)
        assert worker.exitcode == 0
    assert [p.name for p in out.iterdir()] == ["client-roi.xlsx"]  # no temp files left
    with zipfile.ZipFile(out / "client-roi.xlsx") as package:
        assert package.testzip() is None
    assert "ROI Summary" in load_workbook(out / "client-roi.xlsx").sheetnames
