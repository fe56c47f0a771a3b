from django.core.management.base import BaseCommand, CommandError

from designs.problem_files import ProblemFileError
from designs.services.examples import examples_load
from designs.services.problems import problems_load
from estimator.engine import DesignError


class Command(BaseCommand):
    help = ("Load the handbook examples (designs/examples/*.json) and the problem library "
            "(designs/problems/*.json); safe to run again.")

    def handle(self, *args, **options) -> None:
        try:
            designs = examples_load()
        except DesignError as error:
            raise CommandError(f"an example is invalid: {error}") from error
        for design in designs:
            self.stdout.write(f"{design.slug}: {design.name} (version {design.version})")
        try:
            problems = problems_load()
        except (DesignError, ProblemFileError) as error:
            raise CommandError(f"a problem is invalid: {error}") from error
        self.stdout.write(self.style.SUCCESS(
            f"{len(designs)} examples and {len(problems)} problems loaded"))
