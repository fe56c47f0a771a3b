"""python manage.py estimate <file.json | slug> [--json]"""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError

from designs.example_files import EXAMPLES_DIR
from designs.models import Design
from estimator.engine import DesignError, estimate, parse_json
from estimator.engine.result import EstimateView
from estimator.present.tables import render_text


class Command(BaseCommand):
    help = (
        "Estimate a design: a design-document JSON file, or the slug of a saved design or "
        "of a handbook example (url-shortener, whatsapp, twitter, netflix, uber). "
        "Prints a summary table, or the estimate document with --json. Bad input exits 1 "
        "with one line on stderr naming the field; any other failure exits 1 with one line."
    )

    def add_arguments(self, parser):
        parser.add_argument("design", help="path to a design JSON file, or a design's slug")
        parser.add_argument("--json", action="store_true", help="print the estimate document")

    def handle(self, *args, **options):
        design = options["design"]
        try:
            self.stdout.write(_estimated(design, as_json=options["json"]), ending="")
        except CommandError as error:
            raise CommandError(one_line(str(error))) from error
        except Exception as error:  # a fault of the engine or the table (or the disk)
            # Django prints a CommandError's message; --traceback shows this chain.
            raise CommandError(one_line(f"{design}: failed: {failure(error)}")) from error


def _estimated(design: str, *, as_json: bool) -> str:
    """What to print: the estimate document as JSON, or the summary table."""
    document = _load(design)
    try:
        result = estimate(document)
    except DesignError as error:
        raise CommandError(f"{design}: {error}") from None
    if as_json:
        return json.dumps(result, indent=2) + "\n"
    return render_text(document["name"], EstimateView.from_document(result))


def failure(error: Exception) -> str:
    """An unexpected exception as a person reads it: its kind and message."""
    return f"{type(error).__name__}: {error}" if str(error) else type(error).__name__


def one_line(message: str) -> str:
    """The message on one line, as the commands promise: a file name, a slug or an
    exception's text may hold newlines."""
    return " ".join(message.split())


def _load(argument: str) -> dict:
    """The design document named on the command line: a file, a saved design, an example."""
    path = Path(argument)
    if path.is_file():
        return _parse(argument, path.read_bytes())
    saved = _saved_document(argument)
    if saved is not None:
        return saved
    example = EXAMPLES_DIR / f"{argument}.json"
    if example.is_file():
        return _parse(argument, example.read_bytes())
    raise CommandError(f"{argument}: no such file, saved design or example")


def _parse(label: str, content: bytes) -> dict:
    try:
        return parse_json(content)
    except DesignError as error:
        raise CommandError(f"{label}: {error}") from None


def _saved_document(slug: str) -> dict | None:
    try:
        design = Design.objects.filter(slug=slug).first()
    except DatabaseError:  # not migrated yet: files and examples still work
        return None
    return None if design is None else design.document
