"""Every page of one or more PDFs side by side in one PNG, to look at a layout change.

    python benchmarks/contact_sheet.py OUT.png A.pdf [B.pdf ...] [--dpi 60] [--columns 6]

Each PDF is one block of rows (its pages rendered by `pdftoppm -png -r DPI`), titled with
its file name. Compare two runs by making one sheet of each, or one sheet of both.
"""

from __future__ import annotations

import argparse
import subprocess
import tempfile
from pathlib import Path


def pages(pdf: Path, dpi: int, folder: Path) -> list[Path]:
    prefix = folder / pdf.stem
    subprocess.run(["pdftoppm", "-png", "-r", str(dpi), str(pdf), str(prefix)], check=True)
    return sorted(folder.glob(f"{pdf.stem}-*.png"), key=lambda p: int(p.stem.rsplit("-", 1)[1]))


def main() -> None:
    from PIL import Image, ImageDraw

    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("out", type=Path)
    parser.add_argument("pdfs", type=Path, nargs="+")
    parser.add_argument("--dpi", type=int, default=60)
    parser.add_argument("--columns", type=int, default=6)
    args = parser.parse_args()
    gap, title = 8, 18
    with tempfile.TemporaryDirectory() as tmp:
        blocks = [(pdf, pages(pdf, args.dpi, Path(tmp))) for pdf in args.pdfs]
        sample = Image.open(blocks[0][1][0])
        w, h = sample.size
        rows = sum(-(-len(files) // args.columns) for _, files in blocks)
        sheet = Image.new(
            "RGB",
            (args.columns * (w + gap) + gap, rows * (h + gap) + len(blocks) * title + gap),
            "#9AA1AB",
        )
        draw = ImageDraw.Draw(sheet)
        y = gap
        for pdf, files in blocks:
            draw.text((gap, y), f"{pdf.name} ({len(files)} pages)", fill="black")
            y += title
            for i, file in enumerate(files):
                x = gap + (i % args.columns) * (w + gap)
                sheet.paste(
                    Image.open(file).convert("RGB"), (x, y + (i // args.columns) * (h + gap))
                )
            y += -(-len(files) // args.columns) * (h + gap)
        sheet.save(args.out)
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
