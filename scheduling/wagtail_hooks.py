"""Groups, sessions and rooms in the Wagtail admin. Session changes go through the services,
so an edit in the admin checks conflicts, raises SEQUENCE and tells participants like the site does."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup

from scheduling import views_admin
from scheduling.models import ParticipantProfile, Room, Session, SupervisionGroup


class RoomViewSet(ModelViewSet):
    name = "scheduling_rooms"
    url_prefix = "scheduling/rooms"
    model = Room
    icon = "home"
    menu_label = _("Rooms")
    form_fields = ["name", "address", "municipality", "capacity"]
    list_display = ["name", "address", "municipality", "capacity"]
    search_fields = ["name", "address"]
    copy_view_enabled = False


class GroupViewSet(ModelViewSet):
    name = "scheduling_groups"
    url_prefix = "scheduling/groups"
    model = SupervisionGroup
    icon = "group"
    menu_label = _("Groups")
    form_fields = [
        "title",
        "kind",
        "supervisors",
        "municipality",
        "schools",
        "capacity",
        "mode",
        "room",
        "meeting_link",
        "school_year",
        "booking_open",
        "offers_in_queue_order",
        "single_session",
        "cancellation_deadline_hours",
        "school_quota",
    ]
    list_display = ["title", "kind", "mode", "municipality", "school_year", "capacity", "booking_open"]
    list_filter = ["kind", "mode", "booking_open", "school_year"]
    search_fields = ["title"]
    edit_view_class = views_admin.GroupEditView
    copy_view_enabled = False


class SessionViewSet(ModelViewSet):
    name = "scheduling_sessions"
    url_prefix = "scheduling/sessions"
    model = Session
    icon = "date"
    menu_label = _("Sessions")
    form_fields = ["group", "starts_at", "ends_at", "room", "location", "meeting_link", "change_reason"]
    list_display = ["group", "starts_at", "ends_at", "room", "status", "sequence"]
    list_filter = ["status", "group"]
    add_view_class = views_admin.SessionCreateView
    edit_view_class = views_admin.SessionEditView
    copy_view_enabled = False
    delete_view_enabled = False


class ParticipantProfileViewSet(ModelViewSet):
    name = "scheduling_leaders"
    url_prefix = "scheduling/leaders"
    model = ParticipantProfile
    icon = "user"
    menu_label = _("School leaders")
    form_fields = ["user", "is_school_leader"]
    list_display = ["user", "is_school_leader"]
    copy_view_enabled = False


class SchedulingViewSetGroup(ModelViewSetGroup):
    menu_label = _("Supervision")
    menu_icon = "calendar"
    menu_order = 250
    items = (GroupViewSet, SessionViewSet, RoomViewSet, ParticipantProfileViewSet)


@hooks.register("register_admin_viewset")
def register_viewset():
    return SchedulingViewSetGroup()
