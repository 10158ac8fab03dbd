"""Rules that write participant records. Views, tasks, the admin and the demo all call these."""

import logging
from datetime import date, timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Organisation, Role, User
from participants import access, sources
from participants.models import (
    ENTRY_FIELDS,
    EXIT_DEADLINE_DAYS,
    SENSITIVE_FIELDS,
    Activity,
    EntryVersion,
    ExitResult,
    ParticipantRecord,
    PublicEvent,
    SensitiveIndicators,
    age_band_for,
)

log = logging.getLogger(__name__)

# How long before the 4-week deadline the coordinators are reminded of missing exit data.
EXIT_REMINDER_DAYS = 7


class ParticipantError(Exception):
    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code
        self.message = message


def _municipality_id(person: User) -> int | None:
    return person.organisation.municipality_id if person.organisation_id else None


def _check_activity(activity: str) -> None:
    if activity not in Activity.values:
        raise ParticipantError("activity", _("Unknown activity."))


@transaction.atomic
def open_record(person: User, activity: str) -> ParticipantRecord:
    """The person's record for `activity`, opened with the derived entry date if it does not exist yet.

    Raises ParticipantError: "activity", "not_started" (no attended session or opened lesson).
    """
    _check_activity(activity)
    record = ParticipantRecord.objects.filter(person=person, activity=activity).first()
    if record is not None:
        return record
    entry_date = sources.entry_date_for(person, activity)
    if entry_date is None:
        raise ParticipantError("not_started", _("This person has not started this activity yet."))
    try:
        with transaction.atomic():
            return ParticipantRecord.objects.create(
                person=person, activity=activity, entry_date=entry_date, municipality_id=_municipality_id(person)
            )
    except IntegrityError:  # opened by a parallel request
        return ParticipantRecord.objects.get(person=person, activity=activity)


def _clean_entry(data: dict, entry_date: date) -> dict:
    values = {name: data.get(name) or "" for name in ENTRY_FIELDS if name != "age_band"}
    birth_year = data.get("birth_year")
    values["birth_year"] = birth_year
    values["age_band"] = age_band_for(birth_year, entry_date) if birth_year else ""
    return values


def _add_version(record: ParticipantRecord, values: dict, *, by: User, reason: str) -> EntryVersion:
    number = (record.versions.order_by("-number").values_list("number", flat=True).first() or 0) + 1
    version = EntryVersion.objects.create(record=record, number=number, entered_by=by, reason=reason, **values)
    record.current_entry = version
    record.save(update_fields=["current_entry"])
    return version


def _lock(record: ParticipantRecord) -> ParticipantRecord:
    return ParticipantRecord.objects.select_for_update(of=("self",)).select_related("current_entry").get(pk=record.pk)


def _may_write(by: User, record: ParticipantRecord) -> bool:
    return record.person_id == by.pk or access.can_manage_record(by, record)


@transaction.atomic
def submit_entry(person: User, activity: str, data: dict, *, by: User) -> EntryVersion:
    """Confirm the entry data of `person`'s record (opening it if needed): the first version, frozen.

    Called when the person submits the entry form or a coordinator completes it.
    Raises ParticipantError: "activity", "not_started", "forbidden", "frozen" (already confirmed:
    correct it instead).
    """
    record = _lock(open_record(person, activity))
    if not _may_write(by, record):
        raise ParticipantError("forbidden", _("You may not enter data for this person."))
    if record.current_entry_id is not None:
        raise ParticipantError(
            "frozen", _("The entry data were already confirmed. A change is made as a correction with its reason.")
        )
    return _add_version(record, _clean_entry(data, record.entry_date), by=by, reason="")


@transaction.atomic
def correct_entry(record: ParticipantRecord, data: dict, *, by: User, reason: str) -> EntryVersion:
    """Add a corrected version of the entry data; the earlier versions stay as they were.

    Raises ParticipantError: "forbidden", "not_confirmed", "reason_required", "unchanged".
    """
    record = _lock(record)
    if not _may_write(by, record):
        raise ParticipantError("forbidden", _("You may not correct this record."))
    if record.current_entry_id is None:
        raise ParticipantError("not_confirmed", _("The entry data have not been confirmed yet."))
    reason = " ".join((reason or "").split())[:300]
    if not reason:
        raise ParticipantError("reason_required", _("Say why the entry data are corrected."))
    values = _clean_entry(data, record.entry_date)
    current = record.current_entry
    if all(getattr(current, name) == value for name, value in values.items()):
        raise ParticipantError("unchanged", _("Nothing was changed."))
    return _add_version(record, values, by=by, reason=reason)


@transaction.atomic
def save_sensitive(record: ParticipantRecord, answers: dict, *, consent: bool, by: User) -> SensitiveIndicators:
    """Store the optional answers the person gives with explicit consent (only the person may).

    Raises ParticipantError: "forbidden", "consent_required".
    """
    if record.person_id != by.pk:
        raise ParticipantError("forbidden", _("Only the person can answer these questions."))
    if not consent:
        raise ParticipantError("consent_required", _("These answers are stored only with your explicit consent."))
    values = {name: answers.get(name) or "" for name in SENSITIVE_FIELDS}
    indicators, _created = SensitiveIndicators.objects.update_or_create(
        record=record, defaults={**values, "consent_at": timezone.now()}
    )
    return indicators


@transaction.atomic
def withdraw_sensitive(record: ParticipantRecord, *, by: User) -> bool:
    """Withdrawing consent deletes the answers at once. Raises ParticipantError "forbidden"."""
    if record.person_id != by.pk:
        raise ParticipantError("forbidden", _("Only the person can withdraw this consent."))
    deleted, _rows = SensitiveIndicators.objects.filter(record=record).delete()
    return bool(deleted)


@transaction.atomic
def record_exit(record: ParticipantRecord, *, result: str, left_on: date, certificate: bool, by: User):
    """A coordinator records how the person left.

    Raises ParticipantError: "forbidden", "result", "dates".
    """
    record = _lock(record)
    if not access.can_manage_record(by, record):
        raise ParticipantError("forbidden", _("You may not change this record."))
    if result not in ExitResult.values:
        raise ParticipantError("result", _("Choose the result."))
    if left_on < record.entry_date or left_on > timezone.localdate():
        raise ParticipantError("dates", _("The leaving date must be between the entry date and today."))
    record.left_on = left_on
    record.exit_result = result
    record.exit_certificate = certificate
    record.exit_source = ParticipantRecord.ExitSource.COORDINATOR
    record.exit_recorded_at = timezone.now()
    record.exit_recorded_by = by
    record.save(
        update_fields=[
            "left_on",
            "exit_result",
            "exit_certificate",
            "exit_source",
            "exit_recorded_at",
            "exit_recorded_by",
        ]
    )
    return record


def materialise_records(person_ids=None) -> int:
    """Open the records of everyone who has started an activity but has none yet; returns how many.

    Idempotent: the unique constraint on (person, activity) backs up the check."""
    started = sources.first_attendance(person_ids)
    existing = set(ParticipantRecord.objects.values_list("person_id", "activity"))
    missing = [key for key in started if key not in existing]
    if not missing:
        return 0
    organisations = dict(
        User.objects.filter(pk__in={person_id for person_id, _activity in missing}).values_list(
            "pk", "organisation__parent_id"
        )
    )
    own_kind = dict(
        User.objects.filter(pk__in={p for p, _a in missing}, organisation__kind="municipality").values_list(
            "pk", "organisation_id"
        )
    )
    rows = [
        ParticipantRecord(
            person_id=person_id,
            activity=activity,
            entry_date=started[(person_id, activity)],
            municipality_id=own_kind.get(person_id) or organisations.get(person_id),
        )
        for person_id, activity in missing
    ]
    created = ParticipantRecord.objects.bulk_create(rows, batch_size=1000, ignore_conflicts=True)
    log.info("participants: opened %d records", len(created))
    return len(created)


def apply_derived_exits(today: date | None = None) -> int:
    """Fill in the exit data the completion records tell; returns how many records changed.

    A record whose leaving date is known but whose result is not gets the date only, so it shows as
    missing exit data until a coordinator records the result."""
    changed = 0
    for record in ParticipantRecord.objects.filter(exit_result=""):
        derived = sources.derived_exit(record.person_id, record.activity)
        if derived is None or derived.left_on is None:
            continue
        left_on = max(derived.left_on, record.entry_date)
        if record.left_on == left_on and not derived.result:
            continue
        record.left_on = left_on
        record.exit_certificate = derived.certificate
        fields = ["left_on", "exit_certificate"]
        if derived.result:
            record.exit_result = derived.result
            record.exit_source = ParticipantRecord.ExitSource.DERIVED
            record.exit_recorded_at = timezone.now()
            fields += ["exit_result", "exit_source", "exit_recorded_at"]
        record.save(update_fields=fields)
        changed += 1
    return changed


def records_needing_exit_reminder(today: date | None = None):
    """Records missing exit data whose 4-week deadline is at most EXIT_REMINDER_DAYS away (or passed),
    not yet reminded about."""
    today = today or timezone.localdate()
    horizon = today - timedelta(days=EXIT_DEADLINE_DAYS - EXIT_REMINDER_DAYS)
    return (
        ParticipantRecord.objects.missing_exit()
        .filter(left_on__lte=horizon, exit_reminded_at__isnull=True)
        .select_related("person", "municipality")
    )


def coordinators_for(municipality_id: int | None):
    """Who hears about a municipality's records: its coordinators, or the national ones without any."""

    coordinators = User.objects.filter(user_roles__role=Role.COORDINATOR, is_active=True)
    local = coordinators.filter(organisation_id=municipality_id) if municipality_id else coordinators.none()
    if municipality_id and local.exists():
        return local
    return coordinators.filter(organisation__kind=Organisation.Kind.AGENCY)


@transaction.atomic
def create_event(*, title: str, kind: str, held_on: date, municipality, attendees: int, by: User) -> PublicEvent:
    """Raises ParticipantError "forbidden" outside the coordinator's municipalities."""
    if not access.reporting_municipalities(by).filter(pk=municipality.pk).exists():
        raise ParticipantError("forbidden", _("You may not record events of this municipality."))
    return PublicEvent.objects.create(
        title=title, kind=kind, held_on=held_on, municipality=municipality, attendees=attendees, created_by=by
    )


@transaction.atomic
def delete_event(event: PublicEvent, *, by: User) -> None:
    if not access.events_visible_to(by).filter(pk=event.pk).exists():
        raise ParticipantError("forbidden", _("You may not delete this event."))
    event.delete()
