"""The retention part of the privacy notice, from the same settings the retention task applies."""

from dataclasses import dataclass

from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext


@dataclass(frozen=True)
class RetentionLine:
    category: str
    period: str


def _days(n: int) -> str:
    return ngettext("%(n)d day", "%(n)d days", n) % {"n": n}


def _months(n: int) -> str:
    return ngettext("%(n)d month", "%(n)d months", n) % {"n": n}


def retention_lines(settings_row) -> list[RetentionLine]:
    until = date_format(settings_row.esf_obligation_ends_on, "SHORT_DATE_FORMAT")
    return [
        RetentionLine(
            _("ESF+ participant records (entry data, results, optional answers)"),
            _("until %(date)s, the end of the ESF+ audit period; then deleted") % {"date": until},
        ),
        RetentionLine(
            _("Your account, enrolments, progress, attendance and certificates"),
            _(
                "while you take part; on erasure your name, email address and free text are removed, and anonymous "
                "rows needed for ESF+ reports and certificate numbers are kept (ESF+ participants: not before %(date)s)"
            )
            % {"date": until},
        ),
        RetentionLine(
            _("Invitations"),
            _("%(period)s after they were accepted, withdrawn or expired")
            % {"period": _days(settings_row.invitations_days)},
        ),
        RetentionLine(
            _("Notices of absence and their notes"),
            _("%(period)s after the session") % {"period": _days(settings_row.absence_notices_days)},
        ),
        RetentionLine(
            _("Audit trails (register changes, the log of who viewed or exported your data)"),
            _days(settings_row.audit_trail_days),
        ),
        RetentionLine(
            _("Sent-email ledger (recipients and subjects)"),
            _("%(period)s; then anonymised") % {"period": _days(settings_row.sent_email_days)},
        ),
        RetentionLine(
            _("Download statistics of materials (counts per role, never names)"),
            _months(settings_row.download_statistics_months),
        ),
        RetentionLine(
            _("Your own-data downloads"),
            _("%(period)s after they are ready") % {"period": _days(settings_row.own_data_download_days)},
        ),
    ]
