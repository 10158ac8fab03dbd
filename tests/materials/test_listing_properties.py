"""Whatever people do to the library, in any order, the listing and search show what the database holds
for the person looking: property-based (Hypothesis writes the sequences), with the shared cache kept
across every step and example, as a running site keeps it."""

import html
import re

import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from accounts.services import set_roles
from materials import access, audiences
from materials.filters import MaterialFilter
from materials.models import Material
from materials.services import update_material
from tests.materials.conftest import make_material

pytestmark = pytest.mark.django_db

URL = reverse("materials:list")
WORDS = ["sadarbība", "kopiena", "vecāki", "plāns"]
TAGS = ["mentorings", "supervīzija"]
KINDS = [audiences.PUBLIC, audiences.SIGNED_IN, audiences.ROLES]

steps = st.lists(
    st.one_of(
        st.tuples(
            st.just("create"), st.sampled_from(WORDS), st.sampled_from(KINDS), st.sampled_from(["mentor", "educator"])
        ),
        st.tuples(st.just("retitle"), st.integers(0, 30), st.sampled_from(WORDS), st.none()),
        st.tuples(
            st.just("audience"), st.integers(0, 30), st.sampled_from(KINDS), st.sampled_from(["mentor", "educator"])
        ),
        st.tuples(st.just("tag"), st.integers(0, 30), st.sampled_from(TAGS), st.none()),
        st.tuples(st.just("untag"), st.integers(0, 30), st.none(), st.none()),
        st.tuples(st.just("delete"), st.integers(0, 30), st.none(), st.none()),
        st.tuples(
            st.just("roles"),
            st.sampled_from([(), ("educator",), ("mentor",), ("mentor", "educator")]),
            st.none(),
            st.none(),
        ),
    ),
    min_size=1,
    max_size=12,
)
looks = st.lists(
    st.tuples(
        st.sampled_from(["educator", "mentor", "visitor"]), st.sampled_from(["", *WORDS]), st.sampled_from(["", *TAGS])
    ),
    min_size=1,
    max_size=3,
)


def shown(response) -> tuple[list[str], int]:
    titles = [html.unescape(t) for t in re.findall(r'<a id="title-\d+" href="[^"]+">([^<]*)</a>', response.text)]
    return titles, response.context["page"].paginator.count


def expected(user, params) -> tuple[list[str], int]:
    """The same question asked of the database directly, without the cache."""
    filters = MaterialFilter(params, queryset=access.materials_for(user))
    results = filters.qs.matching(filters.query)
    return [m.title for m in results[:50]], results.count()


def act(step, people) -> None:
    action, first, second, third = step
    existing = list(Material.objects.order_by("pk"))
    target = existing[first % len(existing)] if existing and isinstance(first, int) else None
    if action == "create":
        make_material(
            f"{first.capitalize()} {len(existing)}", kind=second, roles=[third] if second == audiences.ROLES else []
        )
    elif action == "retitle" and target:
        target.title = f"{second.capitalize()} {target.pk}"
        update_material(target, tags=list(target.tags.names()))
    elif action == "audience" and target:
        target.audience_kind = second
        target.set_roles([third] if second == audiences.ROLES else [])
        update_material(target, tags=list(target.tags.names()))
    elif action == "tag" and target:
        target.tags.add(second)
    elif action == "untag" and target:
        target.tags.clear()
    elif action == "delete" and target:
        target.delete()
    elif action == "roles":
        set_roles(people["educator"], list(first))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(sequence=steps, questions=looks)
def test_the_listing_always_shows_what_the_database_holds_for_the_person(client, educator, mentor, sequence, questions):
    people = {"educator": educator, "mentor": mentor}
    for step in sequence:
        act(step, people)
        for who, word, tag in questions:
            params = {key: value for key, value in {"q": word, "tag": tag}.items() if value}
            if who == "visitor":
                client.logout()
                user = AnonymousUser()
            else:
                client.force_login(people[who])
                user = people[who]
            assert shown(client.get(URL, params)) == expected(user, params or None)
