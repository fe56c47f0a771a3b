from django.core.management.base import BaseCommand, CommandError

from designs.services.examples import examples_load
from estimator.engine import DesignError


class Command(BaseCommand):
    help = "Load the handbook examples (designs/examples/*.json); safe to run again."

    def handle(self, *args, **options) -> None:
        try:
            designs = examples_load()
        except DesignError as error:
            raise CommandError(f"an example is invalid: {error}") from error
        for design in designs:
            self.stdout.write(f"{design.slug}: {design.name} (version {design.version})")
        self.stdout.write(self.style.SUCCESS(f"{len(designs)} examples loaded"))
