"""python manage.py import FILE [--format FORMAT] [--owner USERNAME] [--name NAME] [--print]"""

import json
import sys
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from designs.management.commands.estimate import failure, one_line
from designs.services.imports import design_import, design_import_read
from estimator import formats
from estimator.formats.base import MAX_IMPORT_BYTES, FormatError


class Command(BaseCommand):
    help = ("Read a file (" + ", ".join(formats.IMPORTERS) + "; detected when --format is "
            "left out; - reads standard input) into a new design: saved as a private design "
            "of --owner, or with --print written to standard output as a design document. "
            "The import's notes go to stderr. Bad input exits 1 with one line on stderr; "
            "nothing is saved.")

    def add_arguments(self, parser):
        parser.add_argument("file", help="the file to read (- for standard input)")
        parser.add_argument("--format", help=f"one of {', '.join(formats.IMPORTERS)}")
        parser.add_argument("--owner", help="the username to save the design for")
        parser.add_argument("--name", default="", help="the new design's name")
        parser.add_argument("--print", action="store_true",
                            help="write the design document to standard output, save nothing")

    def handle(self, *args, **options):
        try:
            self._import(options)
        except CommandError as error:
            raise CommandError(one_line(str(error))) from error
        except Exception as error:  # a fault of a reader or the database
            raise CommandError(one_line(f"{options['file']}: failed: {failure(error)}")) from error

    def _read(self, name: str) -> bytes:
        if name == "-":
            return sys.stdin.buffer.read(MAX_IMPORT_BYTES + 1)
        try:
            with Path(name).open("rb") as file:
                return file.read(MAX_IMPORT_BYTES + 1)
        except OSError as error:
            raise CommandError(f"{name}: {error.strerror or error}") from None

    def _import(self, options: dict) -> None:
        if options["format"] and options["format"] not in formats.IMPORTERS:
            raise CommandError(f"--format: {options['format']!r} is not one of "
                               f"{', '.join(formats.IMPORTERS)}")
        if not options["print"] and not options["owner"]:
            raise CommandError("--owner: name the user to save the design for (or --print)")
        owner = None
        if options["owner"]:
            owner = get_user_model().objects.filter(username=options["owner"]).first()
            if owner is None:
                raise CommandError(f"--owner: no user called {options['owner']!r}")
        text = self._read(options["file"])
        arguments = {"text": text, "format": options["format"], "name": options["name"],
                     "filename": "" if options["file"] == "-" else options["file"]}
        try:
            if options["print"]:
                result = design_import_read(**arguments)
            else:
                design, result = design_import(owner=owner, **arguments)
        except FormatError as error:
            raise CommandError(f"{options['file']}: {error}") from None
        for note in result.notes:
            self.stderr.write(f"note: {note}")
        if options["print"]:
            self.stdout.write(json.dumps(result.document, indent=2, ensure_ascii=False))
            return
        self.stdout.write(f"{design.slug}: {design.name} ({len(design.document['components'])} "
                          f"components, read as {result.format})")
