"""The materials library's filters, as one FilterSet. The search words are folded here and searched by the
view, after the filters, because Wagtail's search runs on a queryset of its own."""

import django_filters
from django.conf import settings
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from materials import audiences
from materials.folding import fold_query
from materials.models import Material, MaterialKind


def _all(choices) -> list[tuple[str, str]]:
    return [("", _("All")), *choices]


class MaterialFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="keep", max_length=10_000)
    audience = django_filters.ChoiceFilter(
        label=_("Audience"), field_name="audience_kind", choices=audiences.kind_choices, empty_label=_("All")
    )
    kind = django_filters.ChoiceFilter(label=_("Type"), choices=MaterialKind.choices, empty_label=_("All"))
    tag = django_filters.CharFilter(label=_("Topic"), method="tagged", max_length=100)
    language = django_filters.ChoiceFilter(label=_("Language"), choices=settings.LANGUAGES, empty_label=_("All"))
    year = django_filters.NumberFilter(label=_("Year"), min_value=2000, max_value=2100, decimal_places=0)
    programme = django_filters.CharFilter(label=_("Programme"), method="in_programme", max_length=200)

    class Meta:
        model = Material
        fields = ["q", "audience", "kind", "tag", "language", "year", "programme"]

    @property
    def query(self) -> str:
        """The folded search words ("" when there are none)."""
        if not self.is_bound or "q" in self.errors:
            return ""
        return fold_query(self.form.cleaned_data.get("q") or "")

    def keep(self, queryset: QuerySet[Material], name: str, value: str) -> QuerySet[Material]:
        return queryset

    def tagged(self, queryset: QuerySet[Material], name: str, value: str) -> QuerySet[Material]:
        value = value.strip()
        return queryset.filter(tags__slug=value) if value else queryset

    def in_programme(self, queryset: QuerySet[Material], name: str, value: str) -> QuerySet[Material]:
        value = value.strip()
        return queryset.filter(programme__icontains=value) if value else queryset
