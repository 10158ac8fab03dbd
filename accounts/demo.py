"""Demo organisations and one account per role."""

from allauth.account.models import EmailAddress

from accounts.models import Invitation, Organisation, User
from accounts.services import set_roles

AGENCY = "Valsts izglītības attīstības aģentūra"
MUNICIPALITIES = {
    "Valmieras novads": ["Valmieras Viestura vidusskola", "Valmieras pamatskola", "Rūjienas vidusskola"],
    "Jelgavas valstspilsēta": ["Jelgavas Valsts ģimnāzija", "Jelgavas 4. vidusskola"],
    "Rēzeknes novads": ["Maltas vidusskola", "Viļānu vidusskola", "Rēzeknes novada sociālais dienests"],
}
INSTITUTIONS = {"Rēzeknes novada sociālais dienests"}

# Invited by the coordinator, not accepted yet: email, first name, last name, organisation
PENDING_INVITATION = ("agnese.jauna@demo.kopiena.lv", "Agnese", "Jaunā", "Valmieras pamatskola")
# email, first name, last name, roles, organisation
DEMO_ACCOUNTS = [
    ("mentor@demo.kopiena.lv", "Līga", "Ozoliņa", ["mentor"], "Valmieras Viestura vidusskola"),
    ("educator@demo.kopiena.lv", "Jānis", "Bērziņš", ["educator"], "Valmieras pamatskola"),
    ("supervisor@demo.kopiena.lv", "Ērika", "Kalniņa", ["supervisor"], "Valmieras novads"),
    ("coordinator@demo.kopiena.lv", "Māris", "Zariņš", ["coordinator"], "Valmieras novads"),
    ("editor@demo.kopiena.lv", "Anna", "Liepiņa", ["editor"], AGENCY),
    ("admin@demo.kopiena.lv", "Guntis", "Šņore", [], AGENCY),
]


def organisation(name: str) -> Organisation:
    return Organisation.objects.get(name=name)


def seed(password: str, stdout) -> None:
    Organisation.objects.get_or_create(name=AGENCY, parent=None, defaults={"kind": Organisation.Kind.AGENCY})
    for municipality_name, schools in MUNICIPALITIES.items():
        municipality, _ = Organisation.objects.get_or_create(
            name=municipality_name, parent=None, defaults={"kind": Organisation.Kind.MUNICIPALITY}
        )
        for school in schools:
            kind = Organisation.Kind.INSTITUTION if school in INSTITUTIONS else Organisation.Kind.SCHOOL
            Organisation.objects.get_or_create(name=school, parent=municipality, defaults={"kind": kind})

    for email, first, last, roles, org_name in DEMO_ACCOUNTS:
        user = User.objects.filter(email=email).first()
        if user is not None:
            continue
        user = User.objects.create_user(
            email=email,
            password=password,
            first_name=first,
            last_name=last,
            organisation=organisation(org_name),
            is_staff=not roles,
            is_superuser=not roles,
        )
        EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
        set_roles(user, roles)
        stdout.write(f"Created {email}")

    # An invitation the coordinator sent that is not accepted yet (written directly: no email goes out).
    coordinator = User.objects.filter(email="coordinator@demo.kopiena.lv").first()
    if coordinator is not None and not Invitation.objects.filter(email=PENDING_INVITATION[0]).exists():
        email, first, last, org_name = PENDING_INVITATION
        Invitation.objects.create(
            email=email,
            first_name=first,
            last_name=last,
            organisation=organisation(org_name),
            roles=["educator"],
            invited_by=coordinator,
        )
