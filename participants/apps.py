from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ParticipantsConfig(AppConfig):
    name = "participants"
    verbose_name = _("ESF+ participants")

    def ready(self) -> None:
        from accounts import navigation, permissions

        navigation.register(
            navigation.Section(
                key="my_participation",
                title=_("My ESF+ participation"),
                description=_("The few facts the European Social Fund Plus asks about each participant, and why."),
                url_name="participants:mine",
                visible=lambda user: permissions.has_role(user, "mentor", "educator"),
                order=45,
                in_header=False,
            )
        )
        navigation.register(
            navigation.Section(
                key="participants",
                title=_("ESF+ participants"),
                description=_("Participant records, incomplete entry data, missing exit data and public events."),
                url_name="participants:records",
                visible=permissions.can_coordinate,
                order=72,
                in_header=False,
            )
        )
        navigation.register(
            navigation.Section(
                key="esf_reports",
                title=_("ESF+ reports and figures"),
                description=_("The yearly indicator report, reports for any period, and charts of the programme."),
                url_name="participants:reports",
                visible=permissions.can_coordinate,
                order=74,
            )
        )
