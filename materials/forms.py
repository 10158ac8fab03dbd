from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils.translation import gettext_lazy as _

from accounts.models import Role
from lms.bounds import EARLIEST_DATE, LATEST_DATE
from materials import audiences
from materials.models import Material


class MaterialForm(forms.ModelForm):
    audience_kind = forms.ChoiceField(label=_("Who may download it"))
    roles = forms.MultipleChoiceField(
        label=_("Roles"), choices=Role.choices, required=False, widget=forms.CheckboxSelectMultiple
    )
    audience_key = forms.ChoiceField(label=_("Course or group"), required=False)
    topics = forms.CharField(label=_("Topics"), required=False, help_text=_("Separate topics with commas."))

    class Meta:
        model = Material
        fields = ["title", "description", "language", "kind", "year", "programme", "alt_text"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["audience_kind"].choices = audiences.kind_choices()
        keys = []
        for kind in audiences.registered_kinds():
            entry = audiences.registered(kind)
            keys += [(key, f"{entry.label}: {label}") for key, label in entry.choices()]
        if keys:
            self.fields["audience_key"].choices = [("", "—"), *keys]
        else:
            del self.fields["audience_key"]
        self.fields["year"].min_value, self.fields["year"].max_value = EARLIEST_DATE.year, LATEST_DATE.year
        self.fields["year"].validators += [MinValueValidator(EARLIEST_DATE.year), MaxValueValidator(LATEST_DATE.year)]
        if self.instance.pk:
            self.initial.update(
                audience_kind=self.instance.audience_kind,
                roles=self.instance.role_list,
                audience_key=self.instance.audience_key,
                topics=", ".join(sorted(self.instance.tags.names())),
            )

    def clean_topics(self) -> list[str]:
        names = [t.strip()[:100] for t in self.cleaned_data["topics"].split(",")]
        return sorted({n for n in names if n})[:20]

    def apply_audience(self, material: Material) -> None:
        material.audience_kind = self.cleaned_data["audience_kind"]
        material.set_roles(self.cleaned_data["roles"] if material.audience_kind == audiences.ROLES else [])
        builtin = {audiences.PUBLIC, audiences.SIGNED_IN, audiences.ROLES}
        material.audience_key = "" if material.audience_kind in builtin else self.cleaned_data.get("audience_key", "")


class NewMaterialForm(MaterialForm):
    upload = forms.FileField(label=_("File"))


class VersionForm(forms.Form):
    upload = forms.FileField(label=_("New file"))
