"""The indicator report: totals equal direct counts, breakdowns per sheet, constant queries, suppression."""

import io
import uuid
from datetime import date

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from accounts.models import Organisation, User
from participants import reports
from participants.models import Activity, AgeBand, EntryVersion, Gender, ParticipantRecord
from tests.participants.conftest import ENTRY

pytestmark = pytest.mark.django_db

FIELD_VALUES = {
    "gender": ["", "woman", "man", "non_binary"],
    "age_band": ["", "under_18", "18_29", "30_54", "55_plus"],
    "labour_status": ["", "employed", "unemployed", "long_term_unemployed", "inactive"],
    "education": ["", "isced_0_2", "isced_3_4", "isced_5_8"],
}

participant = st.fixed_dictionaries(
    {
        "activity": st.sampled_from(["mentor_training", "supervision"]),
        "municipality": st.sampled_from([0, 1, None]),
        "entry_date": st.dates(date(2025, 6, 1), date(2027, 6, 30)),
        "entry": st.one_of(st.none(), st.fixed_dictionaries({k: st.sampled_from(v) for k, v in FIELD_VALUES.items()})),
        "result": st.sampled_from(["", "completed", "left_early"]),
    }
)


def _make(participants, municipalities):
    for spec in participants:
        person = User.objects.create_user(email=f"p{uuid.uuid4().hex}@example.lv")
        municipality = municipalities[spec["municipality"]] if spec["municipality"] is not None else None
        record = ParticipantRecord.objects.create(
            person=person,
            activity=spec["activity"],
            municipality=municipality,
            entry_date=spec["entry_date"],
            left_on=spec["entry_date"] if spec["result"] else None,
            exit_result=spec["result"],
        )
        if spec["entry"] is not None:
            version = EntryVersion.objects.create(record=record, number=1, **spec["entry"])
            record.current_entry = version
            record.save(update_fields=["current_entry"])


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(people=st.lists(participant, max_size=25))
def test_report_totals_equal_direct_counts(people, valmiera, jelgava):
    ParticipantRecord.objects.all().delete()
    User.objects.filter(email__startswith="p", email__endswith="@example.lv").exclude(pk__in=[]).delete()
    _make(people, [valmiera, jelgava])
    scope = reports.Scope(date(2026, 1, 1), date(2026, 12, 31))
    report = reports.build(scope)
    in_year = [p for p in people if scope.start <= p["entry_date"] <= scope.end]

    def complete(p):
        return p["entry"] is not None and all(p["entry"].values())

    national = report.total_for(None, reports.NATIONAL)
    assert national.participants == len(in_year)
    assert national.complete == sum(1 for p in in_year if complete(p))
    assert national.incomplete == national.participants - national.complete
    assert national.completed == sum(1 for p in in_year if p["result"] == "completed")
    for index, municipality in enumerate([valmiera, jelgava]):
        for activity in ("mentor_training", "supervision"):
            mine = [p for p in in_year if p["municipality"] == index and p["activity"] == activity]
            assert report.total_for(activity, municipality.pk).participants == len(mine)
            women = sum(1 for p in mine if complete(p) and p["entry"]["gender"] == "woman")
            assert report.breakdown("gender", activity, municipality.pk)["woman"] == women
    for dimension in reports.DIMENSIONS:
        assert sum(report.breakdown(dimension, None, reports.NATIONAL).values()) == national.complete
    assert sum(report.combinations(None, reports.NATIONAL).values()) == national.complete


def _records(n, municipality):
    _make(
        [
            {
                "activity": "supervision",
                "municipality": 0,
                "entry_date": date(2026, 3, 1),
                "entry": {**{k: v for k, v in ENTRY.items() if k != "birth_year"}, "age_band": "30_54"},
                "result": "completed" if i % 2 else "",
            }
            for i in range(n)
        ],
        [municipality],
    )


def test_the_report_takes_the_same_queries_for_few_and_many(valmiera, django_assert_num_queries):
    scope = reports.Scope(date(2026, 1, 1), date(2026, 12, 31))
    _records(3, valmiera)
    with django_assert_num_queries(4):
        reports.build(scope)
    _records(60, valmiera)
    with django_assert_num_queries(4):
        assert reports.build(scope).total_for(None, reports.NATIONAL).participants == 63


def test_the_xlsx_has_one_sheet_per_breakdown_and_the_csv_every_table(client, coordinator, valmiera):
    _records(7, valmiera)
    client.force_login(coordinator)
    url = reverse("participants:reports") + "?start=2026-01-01&end=2026-12-31"
    response = client.get(url + "&format=xlsx")
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    workbook = load_workbook(io.BytesIO(response.getvalue()))
    assert len(workbook.sheetnames) == 7  # summary, 4 dimensions, combinations, public events
    with translation.override("lv"):
        supervision, participants, summary_title = str(Activity.SUPERVISION.label), _("Participants"), _("Summary")
        genders = [str(g.label) for g in Gender]
    summary = workbook.worksheets[0]
    assert summary.title == summary_title
    rows = [[c.value for c in row] for row in summary.iter_rows(min_row=2)]
    assert ["Valmieras novads", supervision, 7, 7, 0, 3, 3, 0, 0, 0] in rows
    gender = workbook.worksheets[1]
    assert [c.value for c in gender[1]][2:5] == genders
    assert ["Valmieras novads", supervision, 7, 0, 0, 7] in [[c.value for c in r] for r in gender.iter_rows(min_row=2)]
    csv = b"".join(client.get(url + "&format=csv").streaming_content).decode("utf-8-sig")
    assert f"{summary_title};Valmieras novads;{supervision};{participants};7" in csv


def test_a_municipal_coordinator_reports_only_on_their_municipality(client, coordinator, valmiera, jelgava):
    _records(5, valmiera)
    _records(6, jelgava)
    client.force_login(coordinator)
    url = reverse("participants:reports") + "?start=2026-01-01&end=2026-12-31&format=csv"
    body = b"".join(client.get(url).streaming_content).decode("utf-8-sig")
    assert "Valmieras novads" in body and "Jelgava" not in body
    outside = client.get(
        reverse("participants:reports") + f"?start=2026-01-01&end=2026-12-31&municipality={jelgava.pk}"
    )
    assert outside.status_code == 200
    assert outside.context["report"] is None  # the form refuses a municipality outside the scope


@pytest.mark.parametrize(
    "query",
    ["start=&end=", "start=9999-01-01&end=9999-12-31", "start=2026-12-31&end=2026-01-01", "start=abc&end=<script>"],
)
def test_hostile_periods_get_a_clear_message(client, coordinator, query):
    client.force_login(coordinator)
    response = client.get(reverse("participants:reports") + "?" + query)
    assert response.status_code == 200
    assert response.context["report"] is None
    assert response.context["form"].errors


def test_cells_under_five_are_suppressed_with_a_second_cell_when_one_alone_would_show():
    assert reports.suppress({"yes": 3, "no": 20, "prefer_not": 7}) == {"yes": "<5", "no": 20, "prefer_not": "<5"}
    assert reports.suppress({"yes": 3, "no": 2, "prefer_not": 9}) == {"yes": "<5", "no": "<5", "prefer_not": 9}
    assert reports.suppress({"yes": 0, "no": 12, "prefer_not": 5}) == {"yes": 0, "no": 12, "prefer_not": 5}
    assert reports.suppress_total(4) == "<5" and reports.suppress_total(0) == 0


def test_age_bands_follow_the_year_of_birth():
    from participants.models import age_band_for

    on = date(2026, 5, 1)
    assert age_band_for(2008, on) == AgeBand.FROM_18_TO_29  # turns 18 in 2026: counted by the year
    assert age_band_for(2009, on) == AgeBand.UNDER_18
    assert age_band_for(1971, on) == "55_plus"
    assert age_band_for(1972, on) == "30_54"


def test_public_events_are_counted_apart(client, coordinator, valmiera):
    from participants.models import PublicEvent

    PublicEvent.objects.create(
        title="Informācijas diena", held_on=date(2026, 4, 2), municipality=valmiera, attendees=41
    )
    report = reports.build(reports.Scope(date(2026, 1, 1), date(2026, 12, 31)))
    assert report.events == {valmiera.pk: (1, 41)}
    assert report.total_for(None, reports.NATIONAL).participants == 0


def test_no_municipality_scope_label(valmiera):
    report = reports.Report(scope=reports.Scope(date(2026, 1, 1), date(2026, 1, 2)), municipality_names={})
    assert report.scope_label(None) and report.scope_label(reports.NATIONAL)
    assert Organisation.objects.filter(pk=valmiera.pk).exists()
