"""File names from client names never leave their folder and never collide."""

from __future__ import annotations

import os

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from roi_report.delivery.safe_names import (
    MAX_BYTES,
    MAX_CHARS,
    NameAllocator,
    child_path,
    is_reserved,
    safe_name,
)
from roi_report.errors import OutputError

NASTY = [
    "../../etc/passwd",
    "..",
    ".",
    "",
    "   ",
    "/",
    "\\\\server\\share",
    "C:\\Windows\\System32",
    "a/../../b",
    "CON",
    "con",
    "Con.txt",
    "NUL",
    "nul.tar.gz",
    "PRN",
    "AUX",
    "COM1",
    "lpt9",
    "COM\u00b9",
    "CONIN$",
    "\x00\x1b[31mred\x07",
    "name\r\nBcc: x",
    "trailing dots...",
    " spaced out ",
    ".hidden",
    "~$lock",
    "-rf",
    "a..b",
    "\u202eexe.pdf",  # right-to-left override
    "x" * 500,
    "ł" * 300,  # two bytes each in UTF-8
    "日本語の顧客名" * 40,
    "Żółć & Co. (Łódź)",
    "O'Neill & Partners LLP",
    '=HYPERLINK("http://evil")',
    "e\u0301cole",  # decomposed accent
    "\uff0e\uff0e\uff0fescape",  # fullwidth ../ (NFKC folds it to ../)
]


def assert_safe_component(name: str) -> None:
    assert name and name not in (".", "..")
    assert "/" not in name and "\\" not in name and "\x00" not in name
    assert ".." not in name
    assert not name.startswith((".", "-", " ")) and not name.endswith((".", " "))
    assert not is_reserved(name)
    assert len(name) <= MAX_CHARS and len(name.encode("utf-8")) <= MAX_BYTES
    assert all(ch.isprintable() and not ch.isspace() for ch in name)


@pytest.mark.parametrize("name", NASTY)
def test_nasty_names_become_safe_components_inside_the_folder(tmp_path, name):
    safe = safe_name(name)
    assert_safe_component(safe)
    target = child_path(tmp_path, safe)
    assert target.parent == tmp_path.resolve()
    target.mkdir()  # the operating system accepts it
    assert target.resolve().is_relative_to(tmp_path.resolve())


def test_readable_names_stay_readable():
    assert safe_name("Żółć & Co. (Łódź)") == "Żółć-Co.-Łódź"
    assert safe_name("O'Neill & Partners LLP") == "O-Neill-Partners-LLP"
    assert safe_name("Café Niño S.A.") == "Café-Niño-S.A"
    assert safe_name("e\u0301cole") == "\u00e9cole"
    assert safe_name("CON") == "CON_"
    assert safe_name("../../etc/passwd") == "etc-passwd"
    assert safe_name("") == "client"


def test_allocator_never_gives_the_same_name_twice():
    allocator = NameAllocator(reserved=("summary.xlsx", "summary.csv"))
    names = [
        allocator.allocate(n)
        for n in ["Acme", "Acme", "ACME", "acme", "A/cme", "Acme-2", "", "", "summary.xlsx"]
    ]
    assert len({n.casefold() for n in names}) == len(names)
    assert names[:4] == ["Acme", "Acme-2", "ACME-3", "acme-4"]
    assert names[5] == "Acme-2-2"  # "Acme-2" was taken by the second Acme
    assert names[6:8] == ["client", "client-2"]
    assert names[8] == "summary.xlsx-2"


def test_long_names_keep_their_suffix_within_the_cap():
    allocator = NameAllocator()
    long_name = "Ż" * 400
    names = [allocator.allocate(long_name) for _ in range(12)]
    assert len(set(names)) == 12
    assert names[11].endswith("-12")
    for name in names:
        assert_safe_component(name)


def test_child_path_refuses_to_leave_the_folder(tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    base = tmp_path / "out"
    base.mkdir()
    (base / "link").symlink_to(outside, target_is_directory=True)
    for bad in ("..", "../outside", "a/b", "/etc", "link", ""):
        with pytest.raises(OutputError, match="would leave the folder"):
            child_path(base, bad)
    assert child_path(base, "fine") == base.resolve() / "fine"


@settings(max_examples=300, deadline=None)
@given(st.text(min_size=0, max_size=300))
def test_any_text_gives_a_safe_name(tmp_path_factory, text):
    safe = safe_name(text)
    assert_safe_component(safe)
    base = tmp_path_factory.getbasetemp()
    assert child_path(base, safe).parent == base.resolve()


@settings(max_examples=100, deadline=None)
@given(st.lists(st.text(max_size=30), min_size=1, max_size=20))
def test_any_names_get_distinct_folders(tmp_path_factory, names):
    allocator = NameAllocator()
    folders = [allocator.allocate(n) for n in names]
    assert len({f.casefold() for f in folders}) == len(folders)
    base = tmp_path_factory.mktemp("alloc")
    for folder in folders:
        os.mkdir(child_path(base, folder))  # no two collide, even on a case-blind disk
    assert len(list(base.iterdir())) == len(folders)
