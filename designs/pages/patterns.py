"""The pattern library's pages: the list, one pattern with the designs that use it, and the
link from a remedy's name to its pattern page."""

from dataclasses import dataclass
from urllib.parse import urlencode

from django.conf import settings
from django.urls import reverse

from designs.problem_files import problem_files
from designs.starter_files import starters
from estimator.present import patterns


@dataclass(frozen=True)
class DesignUse:
    """A shipped design (a handbook example, a problem's reference or a template) and its
    components that use a pattern."""

    name: str
    url: str
    label: str  # "handbook example", "problem" or "template": also the list's order
    components: list[str]


def pattern_url(remedy_name: str, *, absolute: bool = False) -> str:
    """The page of the pattern behind a remedy the engine names ("" for an unknown name);
    absolute for files read away from the site (reports)."""
    slug = patterns.slug_for_remedy(remedy_name)
    if slug is None:
        return ""
    path = reverse("designs:pattern", args=[slug])
    return settings.SITE_URL + path if absolute else path


def _starter_url(slug: str, is_example: bool) -> str:
    if is_example:
        return reverse("designs:detail", args=[slug])
    return reverse("designs:new") + "?" + urlencode({"template": slug})


USE_ORDER = ("handbook example", "problem", "template")


def designs_using(pattern: patterns.Pattern) -> list[DesignUse]:
    """The shipped examples, the problems' reference designs and the templates with a
    component that uses the pattern, found from their documents (kind, redundancy,
    instances), in that order."""
    uses = []
    for starter in starters():
        components = patterns.components_using(pattern, starter.document)
        if components:
            label = "handbook example" if starter.is_example else "template"
            uses.append(DesignUse(starter.name, _starter_url(starter.slug, starter.is_example),
                                  label, components))
    for problem in problem_files():
        components = patterns.components_using(pattern, problem.reference)
        if components:
            uses.append(DesignUse(problem.title, reverse("designs:problem", args=[problem.slug]),
                                  "problem", components))
    return sorted(uses, key=lambda use: USE_ORDER.index(use.label))


def remedies_of(pattern: patterns.Pattern) -> list[str]:
    """The remedy names the engine writes that lead to this pattern."""
    return sorted(name for name, slug in patterns.REMEDY_PATTERNS.items()
                  if slug == pattern.slug)


def pattern_categories() -> list[tuple[str, list[patterns.Pattern]]]:
    """The patterns grouped by category, in the catalogue's order."""
    groups: dict[str, list[patterns.Pattern]] = {}
    for pattern in patterns.patterns():
        groups.setdefault(pattern.category, []).append(pattern)
    return list(groups.items())
