from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from accounts import permissions
from certificates.models import CertificateProgramme


class NationalProgrammePolicy(ModelPermissionPolicy):
    """Programmes are national: one changed in the CMS changes the certificates of every municipality and
    can name any municipality's supervision groups, so only national coordinators (and admins) configure them.
    Municipal coordinators issue certificates of existing programmes at /certificates/manage/issue/."""

    def user_has_permission(self, user, action):
        return permissions.is_national_coordinator(user) and super().user_has_permission(user, action)


register_permission_policy(CertificateProgramme, NationalProgrammePolicy(CertificateProgramme))


class CertificateProgrammeViewSet(SnippetViewSet):
    model = CertificateProgramme
    icon = "doc-full"
    menu_label = _("Certificate programmes")
    add_to_admin_menu = True
    menu_order = 300
    list_display = ["title_lv", "number_prefix", "hours", "hours_unit"]
    search_fields = ["title_lv", "title_en", "number_prefix"]
    panels = [
        MultiFieldPanel([FieldPanel("title_lv"), FieldPanel("title_en")], heading=_("Title")),
        MultiFieldPanel(
            [FieldPanel("approval_number"), FieldPanel("approving_body_lv"), FieldPanel("approving_body_en")],
            heading=_("Approval"),
        ),
        FieldRowPanel([FieldPanel("hours"), FieldPanel("hours_unit")], heading=_("Scope")),
        MultiFieldPanel(
            [FieldPanel("provider_lv"), FieldPanel("provider_en"), FieldPanel("provider_legal_identifier")],
            heading=_("Provider"),
        ),
        FieldPanel("number_prefix"),
        MultiFieldPanel(
            [FieldPanel("course"), FieldPanel("supervision_groups", widget=forms.CheckboxSelectMultiple)],
            heading=_("Issued automatically on completion of"),
        ),
        MultiFieldPanel(
            [FieldPanel("validity_months"), FieldPanel("refresher_course"), FieldPanel("refresher_group")],
            heading=_("Validity and renewal"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("signatory_name"),
                FieldPanel("signatory_title_lv"),
                FieldPanel("signatory_title_en"),
                FieldPanel("signature_image"),
                FieldPanel("logo"),
            ],
            heading=_("Signatory and images"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("show_approval"),
                FieldPanel("show_hours"),
                FieldPanel("show_dates"),
                FieldPanel("show_provider"),
                FieldPanel("show_signatory"),
                FieldPanel("show_signature"),
                FieldPanel("show_logo"),
            ],
            heading=_("Shown on the PDF"),
        ),
    ]


register_snippet(CertificateProgrammeViewSet)
