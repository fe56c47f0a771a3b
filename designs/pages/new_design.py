"""The "New design" page: the templates a design can start from, each with a small preview."""

from dataclasses import dataclass

from designs.starter_files import Starter, starters


@dataclass(frozen=True)
class StarterCard:
    slug: str
    name: str
    summary: str
    components: int
    workloads: list[str]  # the workloads' names
    is_example: bool  # one of the handbook's


def _card(starter: Starter) -> StarterCard:
    document = starter.document
    return StarterCard(
        slug=starter.slug,
        name=starter.name,
        summary=starter.summary,
        components=len(document.get("components", [])),
        workloads=[w["name"] for w in document.get("workloads", [])],
        is_example=starter.is_example,
    )


def starter_cards() -> list[StarterCard]:
    return [_card(s) for s in starters()]
