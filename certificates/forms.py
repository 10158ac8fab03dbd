import re
from datetime import date

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts import permissions
from accounts.models import User
from certificates.models import CertificateProgramme

# The browser's own date picker; it sends ISO dates, which DATE_INPUT_FORMATS accept.
DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class LookupForm(forms.Form):
    number = forms.CharField(label=_("Certificate number"), max_length=40, help_text=_("For example KOP-2026-000123"))
    code = forms.CharField(label=_("Verification code"), max_length=40, help_text=_("16 letters and digits"))


# Kopiena's programmes began in 2025; an earlier date on a certificate is a typing mistake.
EARLIEST_DATE = date(2025, 1, 1)


class IssueForm(forms.Form):
    programme = forms.ModelChoiceField(label=_("Programme"), queryset=CertificateProgramme.objects.all())
    emails = forms.CharField(
        label=_("People"),
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Email addresses of the people, one per line (commas and semicolons also separate them)."),
    )
    started_on = forms.DateField(label=_("Programme started on"), required=False, widget=DATE_WIDGET)
    completed_on = forms.DateField(
        label=_("Programme completed on"), required=False, help_text=_("Today if empty."), widget=DATE_WIDGET
    )
    after_revocation = forms.BooleanField(
        label=_("Also issue to people whose earlier certificate of this programme was revoked"), required=False
    )
    override_reason = forms.CharField(
        label=_("Reason for issuing without completion"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Needed only when someone listed has not completed the programme; kept with the certificate."),
    )

    def __init__(self, *args, user: User, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_emails(self) -> list[User]:
        emails = [e.lower() for e in re.split(r"[\s,;]+", self.cleaned_data["emails"]) if e]
        if not emails:
            raise forms.ValidationError(_("Enter at least one email address."))
        if len(emails) > 1000:
            raise forms.ValidationError(_("Issue at most 1,000 certificates at a time."))
        people = {u.email: u for u in permissions.people_visible_to(self.user).filter(email__in=emails)}
        unknown = [e for e in dict.fromkeys(emails) if e not in people]
        if unknown:
            raise forms.ValidationError(
                _("No person you manage has these addresses: %(emails)s") % {"emails": ", ".join(unknown)}
            )
        return list(people.values())

    def clean(self):
        data = super().clean()
        started, completed = data.get("started_on"), data.get("completed_on")
        if completed and completed > timezone.localdate():
            self.add_error("completed_on", _("The completion date cannot be in the future."))
        if started and started > (completed or timezone.localdate()):
            self.add_error("started_on", _("The programme cannot start after it ends."))
        for name in ("started_on", "completed_on"):
            value = data.get(name)
            if value and value < EARLIEST_DATE and name not in self.errors:
                self.add_error(
                    name,
                    _("Dates before %(date)s are not possible here.") % {"date": EARLIEST_DATE.strftime("%d.%m.%Y.")},
                )
        return data


class RevokeForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for revoking"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        help_text=_("Kept with the certificate; shown only to coordinators."),
    )


class ReissueForm(forms.Form):
    holder_name = forms.CharField(label=_("Name to print on the certificate"), max_length=300)


# A certificate PDF is about 100 KB; a credential a few KB. Anything far bigger is not one of ours.
CHECK_MAX_BYTES = 5 * 1024 * 1024


class CheckForm(forms.Form):
    credential = forms.CharField(
        label=_("Open Badges credential"),
        required=False,
        max_length=200_000,
        widget=forms.Textarea(attrs={"rows": 4, "spellcheck": "false"}),
        help_text=_("Paste the signed credential (the text that starts with “eyJ”)."),
    )
    file = forms.FileField(
        label=_("Or a file"),
        required=False,
        help_text=_("The certificate PDF, or the credential file (.jwt or .json)."),
    )

    def clean(self):
        data = super().clean()
        token, upload = (data.get("credential") or "").strip(), data.get("file")
        if self.errors:
            return data
        if bool(token) == bool(upload):
            raise forms.ValidationError(_("Paste a credential or choose a file, one of the two."))
        data["content"], data["is_pdf"] = b"", False
        if upload is not None:
            if upload.size > CHECK_MAX_BYTES:
                raise forms.ValidationError(_("The file is larger than 5 MB; no certificate of ours is."))
            content = upload.read()
            data["content"], data["is_pdf"] = content, content.startswith(b"%PDF")
            if not data["is_pdf"]:
                data["content"] = _credential_from_file(content)
        data["credential"] = token
        return data


def _credential_from_file(content: bytes) -> bytes:
    """A .jwt file is the compact JWS itself; a .json file may wrap it (as our .json download does not)."""
    import json

    text = content.decode("utf-8", "replace").strip()
    if text.startswith("{"):
        try:
            parsed = json.loads(text)
        except ValueError:
            return b""
        if isinstance(parsed, dict):
            for key in ("credential", "jwt", "proof"):
                if isinstance(parsed.get(key), str):
                    return parsed[key].encode()
        return b""
    return text.encode()
