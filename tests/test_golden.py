"""Each bundled sample's metrics, as `build --json` prints them, against the reviewed golden
file (regenerate with `python scripts/update_golden.py`)."""

import json
import math
from pathlib import Path

import pytest
from click.testing import CliRunner

from roi_report.cli import main

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = sorted((ROOT / "sample_workbooks").glob("*.xlsx"))


def test_every_sample_has_a_golden_file():
    assert len(SAMPLES) >= 3
    assert {p.stem for p in SAMPLES} == {p.stem for p in (ROOT / "tests/golden").glob("*.json")}


def differences(want, got, path=()):
    if isinstance(want, dict) and isinstance(got, dict):
        for key in want.keys() | got.keys():
            yield from differences(want.get(key), got.get(key), (*path, key))
    elif isinstance(want, list) and isinstance(got, list) and len(want) == len(got):
        for index, (a, b) in enumerate(zip(want, got)):
            yield from differences(a, b, (*path, index))
    elif isinstance(want, float) and isinstance(got, (int, float)):
        if not math.isclose(want, got, rel_tol=1e-12, abs_tol=1e-9):
            yield path, want, got
    elif want != got:
        yield path, want, got


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: p.stem)
def test_sample_metrics_match_golden(tmp_path, sample):
    result = CliRunner().invoke(
        main, ["build", str(sample), "-o", str(tmp_path), "--no-pdf", "--json"]
    )
    assert result.exit_code == 0, result.output
    got = json.loads(result.stdout)
    want = json.loads((ROOT / "tests/golden" / f"{sample.stem}.json").read_text("utf-8"))
    wrong = list(differences(want, got))
    assert not wrong, wrong[:10]
