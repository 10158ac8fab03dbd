import importlib

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import transaction

DEFAULT_PASSWORD = "kopiena-demo-2026"


class Command(BaseCommand):
    help = "Create the demo site, organisations and one account per role. Running it again changes nothing."

    def add_arguments(self, parser):
        parser.add_argument("--password", default=DEFAULT_PASSWORD, help="Password for new demo accounts.")

    def handle(self, *args, password: str, **options):
        # Each app that has demo data keeps it in <app>/demo.py with seed(password, stdout);
        # they run in INSTALLED_APPS order so later apps can build on earlier ones.
        for config in apps.get_app_configs():
            try:
                module = importlib.import_module(f"{config.name}.demo")
            except ModuleNotFoundError as error:
                if error.name != f"{config.name}.demo":
                    raise
                continue
            with transaction.atomic():
                module.seed(password=password, stdout=self.stdout)

        from accounts.demo import DEMO_ACCOUNTS

        self.stdout.write(self.style.SUCCESS(f"\nDemo accounts (password: {password} for accounts created now):"))
        for email, _first, _last, roles, _org in DEMO_ACCOUNTS:
            self.stdout.write(f"  {email:<32} {', '.join(roles) or 'admin'}")
