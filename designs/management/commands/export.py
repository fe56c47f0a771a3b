"""python manage.py export <id | slug> --format FORMAT [-o FILE]"""

import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from designs.exports import design_export_file, export_format_names
from designs.management.commands.estimate import failure, one_line
from designs.management.commands.report import _design
from estimator.engine import DesignError
from estimator.formats.base import FormatError


class Command(BaseCommand):
    help = ("Write a saved design or example (by id or slug) in a format: "
            + ", ".join(export_format_names())
            + ". -o - writes to standard output. Bad input exits 1 with one line on stderr.")

    def add_arguments(self, parser):
        parser.add_argument("design", help="a design's id or slug (e.g. url-shortener)")
        parser.add_argument("--format", required=True,
                            help=f"one of {', '.join(export_format_names())}")
        parser.add_argument("-o", "--output",
                            help='the file to write (default "<slug>-v<version>.<extension>")')

    def handle(self, *args, **options):
        try:
            self._export(options["design"], options["format"], options["output"])
        except CommandError as error:
            raise CommandError(one_line(str(error))) from error
        except Exception as error:  # a fault of a writer or the database
            raise CommandError(one_line(
                f"{options['design']}: failed: {failure(error)}")) from error

    def _export(self, argument: str, fmt: str, output: str | None) -> None:
        if fmt not in export_format_names():
            raise CommandError(f"--format: {fmt!r} is not one of "
                               f"{', '.join(export_format_names())}")
        design = _design(argument)
        try:
            file = design_export_file(design, fmt)
        except (FormatError, DesignError) as error:
            raise CommandError(f"{design.slug}: {error}") from None
        output = output or file.filename
        if output == "-":
            sys.stdout.buffer.write(file.content)
            return
        try:
            Path(output).write_bytes(file.content)
        except OSError as error:
            raise CommandError(f"{output}: {error.strerror or error}") from None
        self.stdout.write(f"{output}: {fmt} of {design.slug} v{design.version}, "
                          f"{len(file.content):,} bytes")
