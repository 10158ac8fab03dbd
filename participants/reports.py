"""The ESF+ indicator report: totals and breakdowns for a date range and a scope, in a fixed number of
queries whatever the number of participants (the database groups, Python only arranges the groups).

A participant counts in the period when their entry date falls in it; results count when their
leaving date does. A record counts toward the breakdowns only when all non-sensitive entry fields are
present; incomplete ones are counted in the totals only. Sensitive indicators are reported only as
aggregates, with cells under SMALL_CELL suppressed (and a second cell where one alone could be worked
out from the total).
"""

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date

from django.db.models import Count, Q, Sum
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from accounts.models import Organisation
from participants.models import (
    SENSITIVE_FIELDS,
    Activity,
    AgeBand,
    Education,
    ExitResult,
    Gender,
    LabourStatus,
    ParticipantRecord,
    PublicEvent,
    SensitiveAnswer,
    SensitiveIndicators,
)
from participants.models import SensitiveIndicators as Model

SMALL_CELL = 5
SUPPRESSED = "<5"
DIMENSIONS = {
    "gender": Gender,
    "age_band": AgeBand,
    "labour_status": LabourStatus,
    "education": Education,
}
NATIONAL = "national"


@dataclass(frozen=True)
class Scope:
    start: date
    end: date
    municipality_ids: frozenset[int] | None = None  # None: every municipality (national)
    activity: str | None = None  # None: both activities

    def records(self):
        records = ParticipantRecord.objects.all()
        if self.municipality_ids is not None:
            records = records.filter(municipality_id__in=self.municipality_ids)
        if self.activity:
            records = records.filter(activity=self.activity)
        return records


def yearly_scope(year: int, municipality_ids=None) -> Scope:
    return Scope(date(year, 1, 1), date(year, 12, 31), frozenset(municipality_ids) if municipality_ids else None)


def yearly_due_on(year: int) -> date:
    """The report for `year` is due by 30 January of the next year."""
    return date(year + 1, 1, 30)


@dataclass
class Totals:
    participants: int = 0
    complete: int = 0
    incomplete: int = 0
    left: int = 0
    completed: int = 0
    left_early: int = 0
    certificates: int = 0
    missing_exit: int = 0

    def add(self, other: "Totals") -> None:
        for name in self.__dataclass_fields__:
            setattr(self, name, getattr(self, name) + getattr(other, name))


@dataclass
class Report:
    scope: Scope
    municipality_names: dict
    # (activity, municipality_id) -> Totals
    totals: dict = field(default_factory=dict)
    # (activity, municipality_id, gender, age_band, labour_status, education) -> count of complete records
    cube: dict = field(default_factory=dict)
    events: dict = field(default_factory=dict)  # municipality_id -> (events, attendees)
    sensitive: dict | None = None  # (activity, municipality_id) -> {field: {answer: count}}

    # --- arranging ------------------------------------------------------------------------------
    def scopes(self) -> list:
        """The scopes a breakdown is given for: each municipality present, then national."""
        present = sorted(
            {m for (_a, m) in self.totals} | set(self.events),
            key=lambda m: (m is None, self.municipality_names.get(m, "")),
        )
        return [*present, NATIONAL]

    def scope_label(self, municipality_id) -> str:
        if municipality_id == NATIONAL:
            return _("National")
        if municipality_id is None:
            return _("No municipality")
        return self.municipality_names.get(municipality_id, str(municipality_id))

    def activities(self) -> list:
        return [self.scope.activity] if self.scope.activity else list(Activity.values)

    def total_for(self, activity, municipality_id) -> Totals:
        result = Totals()
        for (a, m), totals in self.totals.items():
            if (activity is None or a == activity) and (municipality_id == NATIONAL or m == municipality_id):
                result.add(totals)
        return result

    def breakdown(self, dimension: str, activity, municipality_id) -> dict[str, int]:
        index = list(DIMENSIONS).index(dimension) + 2
        counts = dict.fromkeys(DIMENSIONS[dimension].values, 0)
        for key, n in self.cube.items():
            if (activity is None or key[0] == activity) and (municipality_id == NATIONAL or key[1] == municipality_id):
                counts[key[index]] = counts.get(key[index], 0) + n
        return counts

    def combinations(self, activity, municipality_id) -> dict[tuple, int]:
        counts: dict[tuple, int] = defaultdict(int)
        for key, n in self.cube.items():
            if (activity is None or key[0] == activity) and (municipality_id == NATIONAL or key[1] == municipality_id):
                counts[key[2:]] += n
        return dict(sorted(counts.items()))

    def sensitive_for(self, activity, municipality_id) -> dict[str, dict[str, int]]:
        result = {name: dict.fromkeys(SensitiveAnswer.values, 0) for name in SENSITIVE_FIELDS}
        for (a, m), fields in (self.sensitive or {}).items():
            if (activity is None or a == activity) and (municipality_id == NATIONAL or m == municipality_id):
                for name, answers in fields.items():
                    for answer, n in answers.items():
                        result[name][answer] += n
        return result


def suppress(cells: dict[str, int]) -> dict[str, int | str]:
    """Small-cell suppression for one row of a table whose total is shown: cells from 1 to 4 become
    "<5"; when exactly one cell would be hidden, the next smallest non-zero cell is hidden too, so the
    hidden one cannot be worked out by subtraction."""
    hidden = {k for k, n in cells.items() if 0 < n < SMALL_CELL}
    if len(hidden) == 1:
        others = sorted((n, k) for k, n in cells.items() if k not in hidden and n > 0)
        if others:
            hidden.add(others[0][1])
    return {k: (SUPPRESSED if k in hidden else n) for k, n in cells.items()}


def suppress_total(total: int) -> int | str:
    return SUPPRESSED if 0 < total < SMALL_CELL else total


def build(scope: Scope, *, include_sensitive: bool = False) -> Report:
    """Compute the report. Queries: entries, exits, events, municipality names (+1 with sensitive data)."""
    records = scope.records()
    entered = records.entered_between(scope.start, scope.end)
    report = Report(scope=scope, municipality_names={})

    rows = entered.values(
        "activity",
        "municipality_id",
        "current_entry__gender",
        "current_entry__age_band",
        "current_entry__labour_status",
        "current_entry__education",
    ).annotate(n=Count("pk"))
    for row in rows.order_by():
        key = (row["activity"], row["municipality_id"])
        totals = report.totals.setdefault(key, Totals())
        values = (
            row["current_entry__gender"],
            row["current_entry__age_band"],
            row["current_entry__labour_status"],
            row["current_entry__education"],
        )
        totals.participants += row["n"]
        if all(values):
            totals.complete += row["n"]
            report.cube[(*key, *values)] = report.cube.get((*key, *values), 0) + row["n"]
        else:
            totals.incomplete += row["n"]

    exits = (
        records.filter(left_on__gte=scope.start, left_on__lte=scope.end)
        .values("activity", "municipality_id")
        .annotate(
            left=Count("pk"),
            completed=Count("pk", filter=Q(exit_result=ExitResult.COMPLETED)),
            left_early=Count("pk", filter=Q(exit_result=ExitResult.LEFT_EARLY)),
            certificates=Count("pk", filter=Q(exit_certificate=True)),
            missing=Count("pk", filter=Q(exit_result="")),
        )
        .order_by()
    )
    for row in exits:
        totals = report.totals.setdefault((row["activity"], row["municipality_id"]), Totals())
        totals.left += row["left"]
        totals.completed += row["completed"]
        totals.left_early += row["left_early"]
        totals.certificates += row["certificates"]
        totals.missing_exit += row["missing"]

    events = PublicEvent.objects.filter(held_on__gte=scope.start, held_on__lte=scope.end)
    if scope.municipality_ids is not None:
        events = events.filter(municipality_id__in=scope.municipality_ids)
    for row in events.values("municipality_id").annotate(count=Count("pk"), people=Sum("attendees")).order_by():
        report.events[row["municipality_id"]] = (row["count"], row["people"] or 0)

    if include_sensitive:
        report.sensitive = _sensitive(entered)

    ids = {m for (_a, m) in report.totals if m is not None} | {m for m in report.events if m is not None}
    report.municipality_names = dict(Organisation.objects.filter(pk__in=ids).values_list("pk", "name"))
    return report


def _sensitive(entered) -> dict:
    aggregates = {
        f"{name}__{answer}": Count("pk", filter=Q(**{name: answer}))
        for name in SENSITIVE_FIELDS
        for answer in SensitiveAnswer.values
    }
    result = {}
    rows = (
        SensitiveIndicators.objects.filter(record__in=entered.values("pk"))
        .values("record__activity", "record__municipality_id")
        .annotate(**aggregates)
        .order_by()
    )
    for row in rows:
        result[(row["record__activity"], row["record__municipality_id"])] = {
            name: {answer: row[f"{name}__{answer}"] for answer in SensitiveAnswer.values} for name in SENSITIVE_FIELDS
        }
    return result


# --- sheets for XLSX and CSV ----------------------------------------------------------------------


def _activity_label(activity) -> str:
    return str(Activity(activity).label) if activity else _("Both activities")


def _choice_label(choices, value) -> str:
    return str(choices(value).label)


def sheets(report: Report) -> Iterator[tuple[str, list[str], list[list]]]:
    """(title, header, rows) for each breakdown: the XLSX has one sheet each, the CSV all of them."""
    activities = [*report.activities(), None] if not report.scope.activity else report.activities()
    scope_header = [pgettext("report", "Scope"), _("Activity")]

    summary = []
    for m in report.scopes():
        for a in activities:
            t = report.total_for(a, m)
            summary.append(
                [
                    report.scope_label(m),
                    _activity_label(a),
                    t.participants,
                    t.complete,
                    t.incomplete,
                    t.left,
                    t.completed,
                    t.left_early,
                    t.certificates,
                    t.missing_exit,
                ]
            )
    yield (
        _("Summary"),
        [
            *scope_header,
            _("Participants"),
            _("With complete entry data"),
            _("Incomplete (counted in the total only)"),
            _("Left in the period"),
            _("Completed"),
            _("Left before completing"),
            _("Received a certificate"),
            _("Exit data missing"),
        ],
        summary,
    )

    titles = {
        "gender": _("Gender"),
        "age_band": _("Age band"),
        "labour_status": _("Labour-market status"),
        "education": _("Education level"),
    }
    for dimension, choices in DIMENSIONS.items():
        rows = []
        for m in report.scopes():
            for a in activities:
                counts = report.breakdown(dimension, a, m)
                rows.append([report.scope_label(m), _activity_label(a), *counts.values(), sum(counts.values())])
        yield titles[dimension], [*scope_header, *(str(c.label) for c in choices), _("Total")], rows

    combination_rows = []
    for m in report.scopes():
        for a in activities:
            for (gender, age, labour, education), n in report.combinations(a, m).items():
                combination_rows.append(
                    [
                        report.scope_label(m),
                        _activity_label(a),
                        _choice_label(Gender, gender),
                        _choice_label(AgeBand, age),
                        _choice_label(LabourStatus, labour),
                        _choice_label(Education, education),
                        n,
                    ]
                )
    yield (
        _("Combinations"),
        [*scope_header, titles["gender"], titles["age_band"], titles["labour_status"], titles["education"], _("Count")],
        combination_rows,
    )

    event_rows = [
        [report.scope_label(m), "–", count, people]
        for m, (count, people) in sorted(report.events.items(), key=lambda item: report.scope_label(item[0]))
    ]
    if event_rows:
        event_rows.append(
            [
                report.scope_label(NATIONAL),
                "–",
                sum(c for c, _p in report.events.values()),
                sum(p for _c, p in report.events.values()),
            ]
        )
    yield _("Public events"), [*scope_header, _("Events"), _("Attendees")], event_rows

    if report.sensitive is not None:
        yield _("Sensitive (aggregates)"), *sensitive_table(report, activities)


def sensitive_table(report: Report, activities) -> tuple[list[str], list[list]]:

    header = [
        pgettext("report", "Scope"),
        _("Activity"),
        _("Indicator"),
        *(str(a.label) for a in SensitiveAnswer),
        _("Answered"),
    ]
    rows = []
    for m in report.scopes():
        for a in activities:
            data = report.sensitive_for(a, m)
            for name in SENSITIVE_FIELDS:
                cells = data[name]
                shown = suppress(cells)
                label = str(Model._meta.get_field(name).verbose_name)
                rows.append(
                    [
                        report.scope_label(m),
                        _activity_label(a),
                        label,
                        *shown.values(),
                        suppress_total(sum(cells.values())),
                    ]
                )
    return header, rows


def csv_rows(report: Report) -> tuple[list[str], Iterator[list]]:
    """All sheets in one CSV: the sheet's title, then its header names as column/value pairs."""

    def rows():
        for title, header, body in sheets(report):
            for row in body:
                labels, values = row[:2], row[2:]
                for name, value in zip(header[2:], values, strict=False):
                    yield [title, *labels, name, value]

    return [_("Table"), pgettext("report", "Scope"), _("Activity"), _("Column"), _("Value")], rows()
