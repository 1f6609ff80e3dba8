"""Create a personal API token for a user and print the key (shown only this once)."""
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from translations.tokens import create_token
from workbench.errors import WorkbenchError


class Command(BaseCommand):
    help = "Create an API token for a user; the key is printed once and never stored."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--name", default="command line", help="A label for the token")

    def handle(self, *args, username, name, **options):
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"No user named {username!r}.")
        try:
            token, plain = create_token(user, name)
        except WorkbenchError as exc:
            raise CommandError(exc.message) from None
        self.stderr.write(f"Token {token.name!r} for {user}; keep the key, it is not shown again:")
        self.stdout.write(plain)
