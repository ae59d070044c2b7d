"""Regenerate the bundled sample workbooks in sample_workbooks/ (fixed seeds).

python scripts/make_samples.py [--out DIR]
"""

from __future__ import annotations

import argparse
import io
import os
import re
import sys
import zipfile
from datetime import date, datetime
from pathlib import Path

from openpyxl import Workbook

from roi_report.template.sample_data import Profile, generate, report_title
from roi_report.template.writer import build_template

ROOT = Path(__file__).resolve().parent.parent
# Fixed document dates and zip timestamps: regenerating gives byte-identical files.
DOCUMENT_DATE = datetime(2025, 10, 1, 9, 0, 0)
ZIP_DATE = (1980, 1, 1, 0, 0, 0)

SAMPLES: dict[str, tuple[Profile, int]] = {
    "acme-saas-us.xlsx": (
        Profile(
            client="Acme Analytics Inc.",
            currency="USD",
            language="en",
            period_start=date(2025, 7, 1),
            period_end=date(2025, 9, 30),
            months_of_history=12,
            channels=(
                ("LinkedIn", "Social"),
                ("X", "Social"),
                ("YouTube", "Social"),
                ("Facebook", "Social"),
                ("Email", "Other"),
                ("Google Ads", "Other"),
                ("Events", "Other"),
            ),
            cost_rows=300,
            staff_rows=80,
            result_rows=300,
            leads=3000,
            compare_with="Previous period",
            shared_costs="Proportional",
            metrics=("leads", "demos", "subscribers", "followers", "shares"),
            customer_value=6000.0,
            email_to="marketing@acme-analytics.example",
        ),
        101,
    ),
    "iberia-agency-es.xlsx": (
        Profile(
            client="Viajes Mediterráneo S.L.",
            currency="EUR",
            language="es",
            period_start=date(2025, 6, 1),
            period_end=date(2025, 6, 30),
            months_of_history=14,
            channels=(
                ("Instagram", "Social"),
                ("LinkedIn", "Social"),
                ("Facebook", "Social"),
                ("TikTok", "Social"),
            ),
            cost_rows=260,
            staff_rows=70,
            result_rows=280,
            leads=2500,
            compare_with="Same period last year",
            shared_costs="Proportional",
            slow_below=35,
            fast_from=65,
            prepared_by="Agencia Brisa Digital",
            metrics=("leads", "quotes", "subscribers", "followers", "shares"),
            customer_value=1850.0,
            title=report_title("es"),
            primary_color="#0E5E6F",
            accent_color="#F2A541",
        ),
        202,
    ),
    "kowalski-manufacturing-pl.xlsx": (
        Profile(
            client="Kowalski Maszyny Sp. z o.o.",
            currency="PLN",
            language="pl",
            period_start=date(2025, 1, 1),
            period_end=date(2025, 6, 30),
            months_of_history=12,
            channels=(
                ("LinkedIn", "Social"),
                ("Facebook", "Social"),
                ("YouTube", "Social"),
                ("Targi branżowe", "Other"),
                ("Email", "Other"),
                ("Google Ads", "Other"),
            ),
            cost_rows=250,
            staff_rows=70,
            result_rows=250,
            leads=2000,
            compare_with="Previous period",
            shared_costs="Even",
            slow_below=45,
            fast_from=75,
            metrics=("leads", "quotes", "followers"),
            customer_value=150000.0,
            conversion_factor=0.2,
            title=report_title("pl"),
            primary_color="#8B1E1E",
            accent_color="#3C6E71",
        ),
        303,
    ),
    "atelier-fr.xlsx": (
        Profile(
            client="Atelier Lumière SAS",
            currency="EUR",
            language="fr",
            period_start=date(2025, 4, 1),
            period_end=date(2025, 6, 30),
            months_of_history=9,
            channels=(
                ("Instagram", "Social"),
                ("Pinterest", "Social"),
                ("Facebook", "Social"),
                ("LinkedIn", "Social"),
                ("Email", "Other"),
                ("Salons", "Other"),
            ),
            cost_rows=220,
            staff_rows=60,
            result_rows=240,
            leads=1800,
            compare_with="Previous period",
            shared_costs="None",
            slow_below=35,
            fast_from=75,
            metrics=("leads", "subscribers", "followers", "shares"),
            customer_value=2400.0,
            title=report_title("fr"),
            primary_color="#2F3E46",
            accent_color="#C9A227",
        ),
        404,
    ),
    "schwarzwald-kuechen-de.xlsx": (
        Profile(
            client="Schwarzwald Küchenmanufaktur GmbH",
            currency="EUR",
            language="de",
            period_start=date(2025, 7, 1),
            period_end=date(2025, 9, 30),
            months_of_history=15,
            channels=(
                ("Instagram", "Social"),
                ("Facebook", "Social"),
                ("LinkedIn", "Social"),
                ("YouTube", "Social"),
                ("Messen", "Other"),
                ("Email", "Other"),
                ("Google Ads", "Other"),
            ),
            cost_rows=240,
            staff_rows=60,
            result_rows=240,
            leads=1600,
            compare_with="Same period last year",
            shared_costs="Proportional",
            slow_below=40,
            fast_from=70,
            prepared_by="Agentur Nordlicht Digital",
            metrics=("leads", "quotes", "subscribers", "followers", "shares"),
            customer_value=18500.0,
            conversion_factor=0.25,
            title=report_title("de"),
            email_to="marketing@schwarzwald-kuechen.example",
            primary_color="#1F4E3D",
            accent_color="#C8553D",
        ),
        505,
    ),
}


def save_reproducible(wb: Workbook, path: Path) -> Path:
    wb.properties.created = wb.properties.modified = DOCUMENT_DATE
    wb.properties.creator = wb.properties.lastModifiedBy = "roi-report"
    buffer = io.BytesIO()
    wb.save(buffer)
    temporary = path.with_name(f".{path.name}.tmp")
    with zipfile.ZipFile(buffer) as source, zipfile.ZipFile(temporary, "w") as target:
        for info in source.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=ZIP_DATE)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = info.external_attr
            content = source.read(info.filename)
            if info.filename == "docProps/core.xml":  # openpyxl stamps the save time
                content = re.sub(
                    rb"(<dcterms:modified[^>]*>)[^<]*",
                    rb"\g<1>" + DOCUMENT_DATE.strftime("%Y-%m-%dT%H:%M:%SZ").encode(),
                    content,
                )
            target.writestr(entry, content)
    os.replace(temporary, path)
    return path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "sample_workbooks")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    for name, (profile, seed) in SAMPLES.items():
        data = generate(profile, seed)
        path = save_reproducible(build_template(data=data), args.out / name)
        counts = ", ".join(f"{table} {len(rows)}" for table, rows in data.rows.items())
        print(f"{path}: {counts}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
