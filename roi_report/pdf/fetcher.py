"""The only way WeasyPrint may read anything while it renders a report.

It serves `data:` URLs, files inside the template folders (fonts, the default logo) and the
logo files named by the workbook or the brand file — those exact files, already checked in
`brand`. Everything else is refused: other local files, http(s) and every other scheme, and
so redirects too. A refused URL is logged and remembered in `refused`; WeasyPrint then
leaves the resource out, as it does for any broken link.
"""

from __future__ import annotations

import logging
import mimetypes
import re
from collections.abc import Iterable
from pathlib import Path
from urllib.parse import unquote, urlsplit
from urllib.request import url2pathname

from weasyprint.urls import URLFetcher, URLFetcherResponse

from roi_report.language import messages_for

LOG = logging.getLogger(__name__)
_ = messages_for(__name__).gettext
SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*):")
TYPES = {
    ".css": "text/css",
    ".svg": "image/svg+xml",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".gif": "image/gif",
    ".webp": "image/webp",
    ".ttf": "font/ttf",
    ".otf": "font/otf",
    ".woff": "font/woff",
    ".woff2": "font/woff2",
}


class FetchRefused(ValueError):
    """A URL the report may not read."""


class ReportURLFetcher(URLFetcher):
    """WeasyPrint's fetcher, narrowed to data: URLs and an allow-list of local files."""

    def __init__(self, roots: Iterable[Path], files: Iterable[Path] = ()):
        super().__init__(timeout=5, allowed_protocols=("data", "file"), allow_redirects=False)
        self.roots = tuple(Path(r).resolve() for r in roots)
        self.files = frozenset(Path(f).resolve() for f in files)
        self.refused: list[str] = []

    def fetch(self, url, headers=None):
        match = SCHEME.match(url)
        scheme = match[1].lower() if match else ""
        if scheme == "data":
            return super().fetch(url, headers)
        if scheme == "file":
            path = self._allowed_path(url)
            if path is not None:
                return URLFetcherResponse(
                    path.as_uri(),
                    body=path.read_bytes(),
                    headers={
                        "Content-Type": TYPES.get(path.suffix.lower())
                        or mimetypes.guess_type(path.name)[0]
                        or "application/octet-stream"
                    },
                )
        return self._refuse(url)

    def _allowed_path(self, url: str) -> Path | None:
        parts = urlsplit(url)
        if parts.netloc not in ("", "localhost"):
            return None
        try:
            path = Path(url2pathname(unquote(parts.path))).resolve()
        except (OSError, RuntimeError, ValueError):
            return None
        allowed = path in self.files or any(path.is_relative_to(root) for root in self.roots)
        return path if allowed and path.is_file() else None

    def _refuse(self, url: str):
        shown = url if len(url) <= 200 else url[:197] + "..."
        self.refused.append(shown)
        LOG.warning(
            _(
                "the report may not read {url}: only data: URLs, template files and the "
                "named logo files are allowed"
            ).format(url=shown)
        )
        raise FetchRefused(_("refused by the report's URL fetcher: {url}").format(url=shown))
