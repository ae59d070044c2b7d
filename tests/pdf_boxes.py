"""Word boxes of a PDF (`pdftotext -bbox`), and the layout checks the render tests share."""

from __future__ import annotations

import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

PAGE = re.compile(r'<page width="([\d.]+)" height="([\d.]+)">')
WORD = re.compile(
    r'<word xMin="([\d.-]+)" yMin="([\d.-]+)" xMax="([\d.-]+)" yMax="([\d.-]+)">(.*?)</word>'
)


@dataclass(frozen=True)
class Word:
    page: int  # from 1
    x0: float
    y0: float
    x1: float
    y1: float
    text: str


@dataclass(frozen=True)
class Page:
    number: int
    width: float
    height: float
    words: tuple[Word, ...]


def pages(pdf: Path) -> list[Page]:
    html = subprocess.run(
        ["pdftotext", "-bbox", "-enc", "UTF-8", str(pdf), "-"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    found = []
    for number, chunk in enumerate(html.split("<page ")[1:], start=1):
        width, height = map(float, PAGE.match("<page " + chunk).groups())
        words = tuple(
            Word(number, float(a), float(b), float(c), float(d), text)
            for a, b, c, d, text in WORD.findall(chunk)
        )
        found.append(Page(number, width, height, words))
    return found


def off_page(page: Page, margin: float = 0.5) -> list[Word]:
    """Words that reach past an edge of the page."""
    return [
        w
        for w in page.words
        if w.x0 < margin
        or w.y0 < margin
        or w.x1 > page.width - margin
        or w.y1 > page.height - margin
    ]


def overlapping(page: Page, tolerance: float = 1.0) -> list[tuple[Word, Word]]:
    """Pairs of words drawn over each other (text running into other text)."""
    words = sorted(page.words, key=lambda w: w.x0)
    pairs = []
    for i, a in enumerate(words):
        for b in words[i + 1 :]:
            if b.x0 >= a.x1 - tolerance:
                break
            # Lines set close (a cover title) overlap by their ascent and descent only.
            overlap_y = min(a.y1, b.y1) - max(a.y0, b.y0)
            least = 0.4 * min(a.y1 - a.y0, b.y1 - b.y0)
            if overlap_y > max(tolerance, least) and min(a.x1, b.x1) - b.x0 > tolerance:
                pairs.append((a, b))
    return pairs


def filled_fraction(page: Page) -> float:
    """How far down the page its text reaches, as a fraction of the body's height (the
    running header and footer, in the top and bottom 30 mm, left out)."""
    band = 30 * 72 / 25.4
    body = [w for w in page.words if band < w.y0 and w.y1 < page.height - band]
    if not body:
        return 0.0
    return (max(w.y1 for w in body) - band) / (page.height - 2 * band)
