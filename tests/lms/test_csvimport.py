from lms.csvimport import CSVRow, Preview, Staging


def clean_preview():
    return Preview(rows=[CSVRow(line=2, values={"email": "anna@skola.lv"})])


def test_a_clean_preview_waits_for_the_confirmation_of_the_same_scope_only():
    session = {}
    Staging(session, "import", scope=1).keep(clean_preview(), language="lv")
    assert Staging(session, "import", scope=2).take() is None
    stored = Staging(session, "import", scope=1).take()
    assert stored["rows"] == [{"email": "anna@skola.lv"}] and stored["language"] == "lv"


def test_a_preview_with_problems_clears_what_an_earlier_upload_staged():
    session = {}
    staging = Staging(session, "import")
    staging.keep(clean_preview())
    broken = Preview(rows=[CSVRow(line=2, values={"email": "x"}, errors=["Nav e-pasta adreses."])])
    staging.keep(broken)
    assert broken.has_errors and broken.valid_count == 0
    assert staging.take() is None


def test_an_import_that_allows_it_stages_only_the_rows_without_problems():
    session = {}
    preview = Preview(
        rows=[
            CSVRow(line=2, values={"email": "anna@skola.lv"}),
            CSVRow(line=3, values={"email": "x"}, errors=["Nav e-pasta adreses."]),
        ]
    )
    staging = Staging(session, "import")
    staging.keep(preview, valid_only=True)
    stored = staging.take()
    assert stored["rows"] == [{"email": "anna@skola.lv"}] and stored["partial"] is True
    staging.keep(
        Preview(rows=[CSVRow(line=2, values={"email": "x"}, errors=["Nav e-pasta adreses."])]), valid_only=True
    )
    assert staging.take() is None
