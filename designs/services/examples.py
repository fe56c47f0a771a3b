"""Loading the handbook's examples (designs/examples/*.json) as public designs."""

from django.db import transaction

from designs import example_files
from designs.models import Design
from designs.services.designs import design_create, design_update
from estimator.engine import parse_json


@transaction.atomic
def examples_load() -> list[Design]:
    """Load designs/examples/*.json as public examples owned by nobody.

    Idempotent: an example already loaded is updated only when its document
    changed. All or nothing: one invalid example loads none.
    """
    loaded = []
    for path in example_files.example_paths():
        document = parse_json(path.read_text(encoding="utf-8"))
        design = Design.objects.filter(slug=path.stem, is_example=True).first()
        if design is None:
            design = design_create(
                owner=None, document=document, is_public=True, is_example=True, slug=path.stem
            )
        elif design.document != document:
            design = design_update(design=design, document=document)
        loaded.append(design)
    return loaded
