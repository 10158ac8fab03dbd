"""The coordinator's certificate list filters, as one FilterSet that the page and its exports share."""

import django_filters
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from certificates.models import Certificate, CertificateProgramme


class CertificateFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Name, email or number"), method="search", max_length=100)
    programme = django_filters.ModelChoiceFilter(
        label=_("Programme"), queryset=CertificateProgramme.objects.all(), empty_label=_("All")
    )
    status = django_filters.ChoiceFilter(label=_("Status"), choices=Certificate.Status.choices, empty_label=_("All"))
    year = django_filters.NumberFilter(label=_("Year"), min_value=2000, max_value=2100, decimal_places=0)
    renewal = django_filters.ChoiceFilter(
        label=_("Renewal"),
        method="renewal_state",
        empty_label=_("All"),
        choices=[
            ("due", _("Due for renewal (expires within 60 days or has expired)")),
            ("expired", pgettext_lazy("certificate", "Expired")),
        ],
    )

    class Meta:
        model = Certificate
        fields = ["q", "programme", "status", "year", "renewal"]

    def search(self, queryset: QuerySet[Certificate], name: str, value: str) -> QuerySet[Certificate]:
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(
            Q(holder_name__icontains=value) | Q(number__icontains=value) | Q(holder__email__icontains=value)
        )

    def renewal_state(self, queryset: QuerySet[Certificate], name: str, value: str) -> QuerySet[Certificate]:
        today = timezone.localdate()
        return queryset.due_for_renewal(today) if value == "due" else queryset.expired(today)
