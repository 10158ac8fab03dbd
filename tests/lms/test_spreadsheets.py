from io import BytesIO

from openpyxl import load_workbook

from lms.spreadsheets import csv_lines, safe_cell, xlsx_bytes


def test_cells_that_would_run_as_formulas_are_kept_as_text():
    assert safe_cell('=HYPERLINK("http://evil","x")') == '\'=HYPERLINK("http://evil","x")'
    assert safe_cell("+371 2000000") == "'+371 2000000"
    assert safe_cell("-1") == "'-1"
    assert safe_cell("@SUM(A1)") == "'@SUM(A1)"
    assert safe_cell("Ērika Kalniņa") == "Ērika Kalniņa"
    assert safe_cell(None) == ""


def test_csv_starts_with_a_bom_and_defuses_every_cell():
    text = "".join(csv_lines(["Vārds"], [["=1+1"], ["Līga"]]))
    assert text.startswith("\ufeffVārds")
    assert "'=1+1" in text


def test_xlsx_cells_are_text_not_formulas():
    workbook = load_workbook(BytesIO(xlsx_bytes("Saraksts", ["Vārds"], [["=1+1"]])))
    sheet = workbook["Saraksts"]
    assert sheet["A2"].value == "'=1+1"
    assert sheet["A2"].data_type == "s"
