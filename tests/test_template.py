"""The workbook template: sheets, Excel Tables, dropdowns, notes, safe text, atomic writes."""

from datetime import date

import pytest
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from roi_report.template.instructions import (
    COLUMN_NOTES,
    INSTRUCTIONS,
    column_note,
    instruction_blocks,
    setting_help,
)
from roi_report.template.sample_data import example_data
from roi_report.template.writer import (
    INSTRUCTIONS_SHEET,
    LISTS_SHEET,
    SETTINGS_TABLE,
    build_template,
    set_text,
    write_template,
)
from roi_report.workbook import contract

SHEETS = [INSTRUCTIONS_SHEET, contract.REPORT_SHEET] + [t.sheet for t in contract.FACT_TABLES]


@pytest.fixture(scope="module")
def blank(tmp_path_factory):
    path = tmp_path_factory.mktemp("blank") / "template.xlsx"
    write_template(path, client="Acme", currency="EUR")
    return load_workbook(path)


def _validations(ws):
    """Data validations by the column letter they cover."""
    return {
        get_column_letter(cell_range.min_col): (dv, cell_range)
        for dv in ws.data_validations.dataValidation
        for cell_range in dv.sqref.ranges
    }


def _letter(table, column):
    return get_column_letter(table.columns.index(column) + 1)


def test_sheets_in_contract_order_and_helper_hidden(blank):
    assert blank.sheetnames[: len(SHEETS)] == SHEETS
    assert blank.sheetnames[len(SHEETS) :] == [LISTS_SHEET]
    assert blank[LISTS_SHEET].sheet_state == "hidden"
    assert blank.active.title == INSTRUCTIONS_SHEET


@pytest.mark.parametrize("table", contract.FACT_TABLES, ids=lambda t: t.name)
def test_every_fact_table_is_an_excel_table_with_the_contract_headers(blank, table):
    ws = blank[table.sheet]
    headers = [c.header for c in table.columns]
    assert [cell.value for cell in ws[1]][: len(headers)] == headers
    assert list(ws.tables) == [table.name]
    excel_table = ws.tables[table.name]
    assert excel_table.displayName == table.name
    assert excel_table.tableStyleInfo.name.startswith("TableStyleMedium")
    last = get_column_letter(len(headers))
    assert excel_table.ref == f"A1:{last}2"  # header + one empty row
    assert [c.name for c in excel_table.tableColumns] == headers
    assert ws.freeze_panes == "A2"


@pytest.mark.parametrize("table", contract.FACT_TABLES, ids=lambda t: t.name)
def test_dropdowns_on_every_closed_list_and_channel_column(blank, table):
    found = _validations(blank[table.sheet])
    for column in table.columns:
        dv, cell_range = found[_letter(table, column)]
        assert cell_range.min_row == 2 and cell_range.max_row >= 5000
        assert dv.prompt, f"{column.header} has no input message"
        if column.kind is contract.Kind.CHOICE:
            assert dv.type == "list"
            assert dv.formula1.strip('"').split(",") == list(column.choices)
        elif column.kind is contract.Kind.YES_NO:
            assert dv.type == "list" and dv.formula1 == '"Yes,No"'
        elif column.kind is contract.Kind.CHANNEL:
            assert dv.type == "list" and dv.formula1 == "Channels!$A$2:$A$200"
        elif column.kind is contract.Kind.CHANNEL_OR_ALL:
            assert dv.type == "list" and dv.formula1.startswith(f"{LISTS_SHEET}!$A$1:")


def test_channel_or_all_list_starts_with_all_and_follows_the_channels_table(blank):
    lists = blank[LISTS_SHEET]
    assert lists["A1"].value == contract.ALL_CHANNELS
    assert lists["A2"].value == '=IF(Channels!$A2="","",Channels!$A2)'


def test_headers_carry_the_column_note_as_a_comment(blank):
    for table in contract.FACT_TABLES:
        ws = blank[table.sheet]
        for index, column in enumerate(table.columns, start=1):
            comment = ws.cell(1, index).comment
            assert comment is not None and COLUMN_NOTES[(table.name, column.key)][:20] in (
                comment.text.replace("\u00a0", " ")
            )


def test_report_sheet_layout(blank):
    ws = blank[contract.REPORT_SHEET]
    assert [ws["A1"].value, ws["B1"].value] == list(contract.SETTING_HEADER)
    labels = [ws.cell(row, 1).value for row in range(2, 2 + len(contract.SETTINGS))]
    assert labels == [s.label for s in contract.SETTINGS]
    values = {ws.cell(r, 1).value: ws.cell(r, 2).value for r in range(2, 2 + len(labels))}
    assert values["Client"] == "Acme"
    assert values["Currency"] == "EUR"
    assert values["Compare with"] == "Previous period"
    assert values["Slow band below"] == 40 and values["Fast band from"] == 70
    assert values["Period start"] is None and values["Prepared by"] is None
    assert list(ws.tables) == [SETTINGS_TABLE]
    assert ws.tables[SETTINGS_TABLE].ref == f"A1:C{1 + len(contract.SETTINGS)}"
    found = {str(dv.sqref): dv for dv in ws.data_validations.dataValidation}
    for row, setting in enumerate(contract.SETTINGS, start=2):
        if setting.kind is contract.Kind.CHOICE:
            assert found[f"B{row}"].formula1.strip('"').split(",") == list(setting.choices)
        assert ws.cell(row, 3).value  # a help line for every setting


def test_period_cells_are_real_dates(tmp_path):
    path = write_template(
        tmp_path / "t.xlsx", client="X", period_start=date(2025, 7, 1), period_end=date(2025, 9, 30)
    )
    ws = load_workbook(path)[contract.REPORT_SHEET]
    assert ws["B4"].value.date() == date(2025, 7, 1) and ws["B4"].is_date
    assert ws["B5"].value.date() == date(2025, 9, 30)
    assert ws["B4"].number_format == "yyyy-mm-dd"


def test_number_formats_follow_the_currency(tmp_path):
    path = write_template(tmp_path / "t.xlsx", currency="PLN", data=example_data(currency="PLN"))
    book = load_workbook(path)
    costs = book["Costs"]
    assert costs["G2"].number_format == '#,##0.00 "PLN"'
    assert costs["A2"].number_format == "yyyy-mm-dd" and costs["A2"].is_date
    assert costs.column_dimensions["H"].number_format == "0%"
    assert book["Goals"].column_dimensions["G"].number_format == "0.0%"


@pytest.mark.parametrize("client", ['=HYPERLINK("http://x","y")', "=1+1", "#N/A", "+44 20"])
def test_user_text_that_looks_like_a_formula_stays_text(tmp_path, client):
    path = write_template(tmp_path / "t.xlsx", client=client, prepared_by="=Agency")
    ws = load_workbook(path)[contract.REPORT_SHEET]
    assert ws["B2"].value == client and ws["B2"].data_type == "s"
    assert ws["B12"].value == "=Agency" and ws["B12"].data_type == "s"


def test_set_text_forces_text_and_drops_control_characters():
    ws = build_template()[contract.REPORT_SHEET]
    cell = set_text(ws["D1"], "=SUM(A1:A2)")
    assert cell.data_type == "s" and cell.value == "=SUM(A1:A2)" and cell.quotePrefix
    assert set_text(ws["D2"], "a\x07b").value == "ab"
    assert set_text(ws["D3"], 12).value == 12


def test_write_refuses_to_overwrite_without_force(tmp_path):
    path = tmp_path / "t.xlsx"
    write_template(path, client="First")
    with pytest.raises(FileExistsError):
        write_template(path, client="Second")
    assert load_workbook(path)[contract.REPORT_SHEET]["B2"].value == "First"
    write_template(path, client="Second", force=True)
    assert load_workbook(path)[contract.REPORT_SHEET]["B2"].value == "Second"
    assert [p.name for p in tmp_path.iterdir()] == ["t.xlsx"]  # no temporary file left


def test_failed_write_leaves_the_old_file_and_no_temporary(tmp_path, monkeypatch):
    path = tmp_path / "t.xlsx"
    write_template(path, client="Kept")
    before = path.read_bytes()

    def broken_save(self, filename):
        with open(filename, "wb") as handle:
            handle.write(b"half")
        raise OSError("disk full")

    monkeypatch.setattr("openpyxl.workbook.workbook.Workbook.save", broken_save)
    with pytest.raises(OSError):
        write_template(path, client="Lost", force=True)
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["t.xlsx"]


def test_each_language_has_its_own_instructions(tmp_path):
    texts = {}
    for language in contract.LANGUAGES:
        path = write_template(tmp_path / f"{language}.xlsx", language=language)
        book = load_workbook(path)
        ws = book[INSTRUCTIONS_SHEET]
        texts[language] = "\n".join(str(c.value) for c in ws["A"] if c.value)
        assert ws["A1"].font.bold and ws.column_dimensions["A"].width >= 60
        # Headers and list values stay in English in every language.
        assert [c.value for c in book["Costs"][1]] == [c.header for c in contract.COSTS.columns]
        help_text = book[contract.REPORT_SHEET]["C2"].value.replace("\u00a0", " ")
        assert help_text == setting_help("client", language).replace("\u00a0", " ")
    assert len(set(texts.values())) == len(contract.LANGUAGES)
    assert "Cómo rellenar" in texts["es"] and "Comment remplir" in texts["fr"]
    assert "Jak wypełnić" in texts["pl"] and "So füllen Sie" in texts["de"]


def test_translations_fit_excel_limits():
    # Completeness is tests/test_catalogs.py's job; here the lengths Excel accepts.
    for language in contract.LANGUAGES:
        assert len(instruction_blocks(language)) == len(instruction_blocks("en"))
        for table in contract.FACT_TABLES:
            for column in table.columns:
                assert len(column_note(table.name, column.key, language)) <= 225
        for setting in contract.SETTINGS:
            assert len(setting_help(setting.key, language)) <= 255
    assert len(INSTRUCTIONS) > 20


def test_example_fills_every_table(tmp_path):
    path = write_template(tmp_path / "example.xlsx", example=True, client="Demo GmbH")
    book = load_workbook(path)
    assert book[contract.REPORT_SHEET]["B2"].value == "Demo GmbH"
    for table in contract.FACT_TABLES:
        ws = book[table.sheet]
        rows = ws.max_row - 1
        assert rows >= 4, table.name
        assert ws.tables[table.name].ref.endswith(str(rows + 1))
    assert book["Leads"].max_row - 1 == 300


def test_large_data_is_streamed_with_the_same_layout(tmp_path, monkeypatch):
    monkeypatch.setattr("roi_report.template.writer.STREAMING_ROWS", 100)
    path = write_template(tmp_path / "big.xlsx", data=example_data(client="=Evil Corp"))
    book = load_workbook(path)
    client = book[contract.REPORT_SHEET]["B2"]
    assert client.value == "=Evil Corp" and client.data_type == "s"
    assert book.sheetnames[: len(SHEETS)] == SHEETS
    leads = book["Leads"]
    assert leads.tables["Leads"].ref == "A1:J301"
    assert leads.freeze_panes == "A2" and leads["A1"].comment is not None
    assert any(dv.type == "list" for dv in leads.data_validations.dataValidation)
    assert book[LISTS_SHEET].sheet_state == "hidden"
    assert book["Costs"]["G2"].number_format == '#,##0.00 "USD"'
