"""The group finder's filters, as one FilterSet."""

import django_filters
from django import forms
from django.db.models import F, QuerySet
from django.utils.translation import gettext_lazy as _

from accounts.models import Organisation
from scheduling.forms import WEEKDAYS
from scheduling.models import Session, SupervisionGroup


class GroupFilter(django_filters.FilterSet):
    municipality = django_filters.ModelChoiceFilter(
        label=_("Municipality"), queryset=Organisation.objects.municipalities(), empty_label=_("Any")
    )
    kind = django_filters.ChoiceFilter(
        label=_("Group for"), choices=SupervisionGroup.Kind.choices, empty_label=_("Any")
    )
    mode = django_filters.ChoiceFilter(label=_("Mode"), choices=SupervisionGroup.Mode.choices, empty_label=_("Any"))
    weekday = django_filters.ChoiceFilter(
        label=_("Day of the week"), choices=WEEKDAYS, empty_label=_("Any"), method="meets_on"
    )
    free_seats = django_filters.BooleanFilter(
        label=_("Only groups with free seats"), widget=forms.CheckboxInput, method="with_free_seats"
    )

    class Meta:
        model = SupervisionGroup
        fields = ["municipality", "kind", "mode", "weekday", "free_seats"]

    def meets_on(self, queryset: QuerySet[SupervisionGroup], name: str, value: str) -> QuerySet[SupervisionGroup]:
        """Groups with a scheduled session on that ISO weekday (1 = Monday)."""
        sessions = Session.objects.scheduled().filter(starts_at__iso_week_day=int(value))
        return queryset.filter(pk__in=sessions.values("group"))

    def with_free_seats(self, queryset: QuerySet[SupervisionGroup], name: str, value) -> QuerySet[SupervisionGroup]:
        if not value:
            return queryset
        return queryset.with_seat_counts().filter(seats_taken__lt=F("capacity"))
