"""ESF+ participant records (see privacy/registry.py). The person's own optional answers are part of their
download (their right of access); nobody else ever sees them per person.

On erasure the record and its entry versions stay, anonymous, for the ESF+ figures; the free text of
corrections goes, and so do the optional answers, which were given on consent."""

from participants.models import SENSITIVE_FIELDS, EntryVersion, ParticipantRecord, SensitiveIndicators


def export(user) -> dict[str, list[dict]]:
    records = list(ParticipantRecord.objects.filter(person=user).select_related("municipality"))
    versions = EntryVersion.objects.filter(record__person=user).select_related("record").order_by("record", "number")
    sensitive = SensitiveIndicators.objects.filter(record__person=user).select_related("record")
    return {
        "participant_records": [
            {
                "activity": str(r.get_activity_display()),
                "municipality": r.municipality.name if r.municipality else "",
                "entry_date": r.entry_date,
                "left_on": r.left_on,
                "result": str(r.get_exit_result_display()) if r.exit_result else "",
                "certificate": r.exit_certificate,
            }
            for r in records
        ],
        "participant_entry_versions": [
            {
                "activity": str(v.record.get_activity_display()),
                "version": v.number,
                "gender": str(v.get_gender_display()) if v.gender else "",
                "year_of_birth": v.birth_year,
                "age_band": str(v.get_age_band_display()) if v.age_band else "",
                "labour_market_status": str(v.get_labour_status_display()) if v.labour_status else "",
                "education": str(v.get_education_display()) if v.education else "",
                "entered": v.entered_at,
                "entered_by_you": v.entered_by_id == user.pk,
                "reason": v.reason,
            }
            for v in versions
        ],
        "sensitive_indicators": [
            {
                "activity": str(s.record.get_activity_display()),
                "consent_given": s.consent_at,
                **{
                    name: str(getattr(s, f"get_{name}_display")()) if getattr(s, name) else ""
                    for name in SENSITIVE_FIELDS
                },
            }
            for s in sensitive
        ],
    }


def erase(user) -> dict[str, int]:
    versions = EntryVersion.objects.filter(record__person=user).exclude(reason="")
    cleared = 0
    for version in versions:
        version.reason = "–"  # a correction still needs a reason (constraint); the words are gone
        version.save(erasing=True, update_fields=["reason"])
        cleared += 1
    return {
        "participant_entry_versions": cleared,
        "sensitive_indicators": SensitiveIndicators.objects.filter(record__person=user).delete()[0],
    }
