"""python manage.py report <id | slug> [--format md|html|pdf|json] [-o FILE]"""

import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from designs import reports
from designs.management.commands.estimate import failure, one_line
from designs.models import Design
from designs.selectors.estimates import design_version_documents
from estimator.engine import DesignError


class Command(BaseCommand):
    help = (
        "Write the interview report of a saved design or handbook example (by id or slug) "
        "for its current version: md (Markdown, the diagram inside), html (standalone, "
        "printable), pdf, or json (the design and estimate documents). -o - writes to "
        "standard output. Bad input, or any other failure, exits 1 with one line on stderr."
    )

    def add_arguments(self, parser):
        parser.add_argument("design", help="a design's id or slug (e.g. url-shortener)")
        parser.add_argument(
            "--format", default="md", help=f"one of {', '.join(reports.FORMATS)} (default md)"
        )
        parser.add_argument(
            "-o", "--output", help='the file to write (default "<slug>-v<version>.<format>")'
        )

    def handle(self, *args, **options):
        try:
            self._report(options["design"], options["format"], options["output"])
        except CommandError as error:
            raise CommandError(one_line(str(error))) from error
        except Exception as error:  # a fault of the engine, the renderer or the database
            # Django prints a CommandError's message; --traceback shows this chain.
            message = f"{options['design']}: failed: {failure(error)}"
            raise CommandError(one_line(message)) from error

    def _report(self, argument: str, fmt: str, output: str | None) -> None:
        if fmt not in reports.FORMATS:
            raise CommandError(f"--format: {fmt!r} is not one of {', '.join(reports.FORMATS)}")
        design = _design(argument)
        try:
            document, estimate = design_version_documents(design, design.version)
        except DesignError as error:
            raise CommandError(f"{design.slug}: {error}") from None
        content = reports.render(fmt, document=document, estimate=estimate,
                                 version=design.version, slug=design.slug)
        output = output or reports.filename(design.slug, design.version, fmt)
        if output == "-":
            sys.stdout.buffer.write(content)
            return
        try:
            Path(output).write_bytes(content)
        except OSError as error:
            raise CommandError(f"{output}: {error.strerror or error}") from None
        self.stdout.write(f"{output}: {fmt} report of {design.slug} v{design.version}, "
                          f"{len(content):,} bytes")


def _design(argument: str) -> Design:
    found = Design.objects.filter(slug=argument).first()
    if found is None and argument.isdigit():
        found = Design.objects.filter(pk=int(argument)).first()
    if found is None:
        raise CommandError(f"{argument}: no design with this id or slug")
    return found
