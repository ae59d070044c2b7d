"""Regenerate tests/golden/<sample>.json, the expected metrics of every bundled sample.

    python scripts/update_golden.py

Run it after an intended change to the metrics or the samples, and review the diff.
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

from roi_report.pipeline import BuildOptions, build

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = ROOT / "tests" / "golden"


def golden_metrics(sample: Path) -> dict:
    with tempfile.TemporaryDirectory() as out:
        return build(sample, BuildOptions(out_dir=Path(out), pdf=False)).as_dict()


def main() -> None:
    GOLDEN.mkdir(parents=True, exist_ok=True)
    for sample in sorted((ROOT / "sample_workbooks").glob("*.xlsx")):
        target = GOLDEN / f"{sample.stem}.json"
        text = json.dumps(golden_metrics(sample), indent=2, ensure_ascii=False) + "\n"
        target.write_text(text, encoding="utf-8")
        print(f"wrote {target.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
