"""A short, seeded round of the reader fuzzer (tests/fuzz/fuzz_reader.py): every mutated
workbook gets the tool's own clear message or is read, never another exception."""

from __future__ import annotations

from fuzz.fuzz_reader import fuzz


def test_a_hundred_mutated_workbooks_fail_only_clearly(tmp_path):
    report = fuzz(iterations=100, seed=20251123, crash_dir=tmp_path / "crashes")
    assert report.iterations == 100
    assert not report.crashes, "\n".join(message for _, message in report.crashes)
    # The mutations reach past the zip: most examples are read, or refused for their content.
    refused_for_content = sum(
        count for outcome, count in report.outcomes.items() if outcome.startswith("WorkbookInvalid")
    )
    assert report.outcomes["accepted"] + refused_for_content >= 30, report.outcomes


def test_mutated_workbooks_read_as_columns_fail_only_clearly(tmp_path, monkeypatch):
    from roi_report.workbook import reading

    monkeypatch.setattr(reading, "COLUMNAR_MIN_BYTES", 0)  # every Leads sheet via fastexcel
    report = fuzz(iterations=100, seed=20261123, crash_dir=tmp_path / "crashes")
    assert not report.crashes, "\n".join(message for _, message in report.crashes)
    assert report.outcomes["accepted"] >= 10, report.outcomes
