from django.http import HttpResponse

from lms import downloads


def test_a_latvian_file_name_survives_in_the_header():
    response = downloads.download(b"x", "Apliecība Nr. 1.pdf", "application/pdf")
    header = response["Content-Disposition"]
    assert header.startswith("attachment;")
    assert "filename*=utf-8''Apliec%C4%ABba%20Nr.%201.pdf" in header


def test_inline_files_open_in_the_browser():
    response = downloads.named(HttpResponse(b"%PDF"), "sign-in-1.pdf", inline=True)
    assert response["Content-Disposition"] == 'inline; filename="sign-in-1.pdf"'


def test_a_quote_in_a_name_cannot_break_the_header():
    header = downloads.download(b"x", 'a"; filename="evil.exe', "text/plain")["Content-Disposition"]
    assert 'filename="evil.exe"' not in header


def test_a_csv_download_streams_spreadsheet_safe_cells():
    response = downloads.csv_download("saraksts.csv", ["Vārds"], [["=1+1"]])
    text = response.getvalue().decode("utf-8-sig")
    assert text.splitlines() == ["Vārds", "'=1+1"]
