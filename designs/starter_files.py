"""The templates a new design starts from: a blank canvas, the handbook's examples
(designs/examples/) and a few common shapes (designs/starters/), each a design document.

The page calls them templates; the code calls them starters, apart from Django's templates.
"""

import copy
import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from designs.example_files import example_paths, example_slugs

STARTERS_DIR = Path(__file__).resolve().parent / "starters"
BLANK = "blank"
# The page's order and each template's one line; the handbook's examples come after blank.
SUMMARIES = {
    BLANK: "An empty canvas: add components from the palette, link them, add workloads.",
    "url-shortener": "The handbook's URL shortener: 100 million new links and 10 billion "
    "redirects a month, a cache in front of the database.",
    "whatsapp": "The handbook's chat service: 2 billion messages a day, 5% with media, "
    "kept for 10 years.",
    "twitter": "The handbook's Twitter: 1 billion tweets a day, 10% with media, a newsfeed "
    "and search.",
    "netflix": "The handbook's video service: 1 billion views and 5 million 100 MB uploads "
    "a day behind a CDN.",
    "uber": "The handbook's ride hailing: 100 million daily users, 1 billion location and "
    "booking requests a day.",
    "three-tier-web-app": "A load balancer, web servers, application servers and a "
    "relational database for one million daily users.",
    "read-heavy-cache-cdn": "Fifty reads for each write: a CDN and a cache take most reads "
    "before they reach the database.",
    "event-pipeline": "500 million events a day through an ingest service and a queue to "
    "workers and an object store; a dashboard reads aggregates.",
    "design-estimator-deployment": "This app as deployed: gunicorn web machines, Celery "
    "workers, PostgreSQL and Redis, with capacities from its own benchmarks.",
}


@dataclass(frozen=True)
class Starter:
    slug: str
    summary: str
    document: dict  # a copy: the caller may change it

    @property
    def name(self) -> str:
        """What the page calls it: the document's name, "Blank" for the empty one."""
        return "Blank" if self.slug == BLANK else self.document["name"]

    @property
    def is_example(self) -> bool:
        return self.slug in example_slugs()


@cache
def _documents() -> dict[str, dict]:
    """Every starter's document by slug, read once: blank, the examples, then the shapes."""
    paths = [STARTERS_DIR / f"{BLANK}.json", *example_paths()]
    paths += sorted(p for p in STARTERS_DIR.glob("*.json") if p.stem != BLANK)
    return {path.stem: json.loads(path.read_text()) for path in paths}


def starters() -> list[Starter]:
    """The templates in the page's order (blank, the handbook's examples, the common shapes)."""
    order = list(SUMMARIES)
    slugs = sorted(_documents(), key=lambda s: order.index(s) if s in order else len(order))
    return [starter(slug) for slug in slugs]


def starter(slug: str) -> Starter | None:
    """The template of that slug, or None for an unknown one."""
    document = _documents().get(slug)
    if document is None:
        return None
    return Starter(slug=slug, summary=SUMMARIES.get(slug, ""), document=copy.deepcopy(document))
