"""No practice page gives its answers away (issue 15): for every template of "New design"
(the handbook's examples and the other starters), no figure practice asks for appears in the
page's text or in any field's placeholder or value, in any form the app writes it or within
the 2x band the scorer uses.

The answers are read from each design's own estimate, never written here: the examples'
workloads change, and the test must follow them.
"""

import math
import re
from html.parser import HTMLParser

import pytest
from django.urls import reverse

from designs.problem_files import problem_files
from designs.selectors.estimates import design_estimate_document
from designs.services.designs import design_create
from designs.services.problems import problems_load
from designs.starter_files import starters
from estimator.engine.result import EstimateView
from estimator.present import practice
from estimator.present.units import fmt_bytes, fmt_count, fmt_percent, round_interview

# What a page shows, the same on any database: collected in the SQLite run only.
pytestmark = [pytest.mark.django_db, pytest.mark.rendering]

STARTERS = [starter.slug for starter in starters()]


# The components table gives each component's availability: the inputs the design's is
# worked out from. One of them may well be within 2x of the whole (a weakest link in series
# dominates), and hiding it would leave nothing to work from; every other figure is checked
# there too.
COMPONENTS_TABLE = "practice-components"


class _PageText(HTMLParser):
    """What a reader sees: the text (the diagram's tooltips included), and each visible
    field's placeholder and value; the components table's text apart."""

    def __init__(self):
        super().__init__()
        self.parts: list[str] = []
        self.components: list[str] = []
        self._skipping = 0
        self._in_components = 0

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag in ("script", "style"):
            self._skipping += 1
        if tag == "table" and (attributes.get("id") == COMPONENTS_TABLE or self._in_components):
            self._in_components += 1
        if tag in ("input", "textarea") and attributes.get("type") != "hidden":
            self.parts += [attributes.get("placeholder") or "", attributes.get("value") or ""]

    def handle_endtag(self, tag):
        if tag in ("script", "style") and self._skipping:
            self._skipping -= 1
        if tag == "table" and self._in_components:
            self._in_components -= 1

    def handle_data(self, data):
        if not self._skipping:
            (self.components if self._in_components else self.parts).append(data)


def _visible(page: str) -> tuple[str, str]:
    """The page's text, and its components table's."""
    parser = _PageText()
    parser.feed(page)
    return " \n ".join(parser.parts), " \n ".join(parser.components)


def _written_forms(unit: str, value: float) -> set[str]:
    """The ways the app (and a person) writes a figure: exact, rounded for an interview,
    grouped digits and scientific, with and without the unit's suffix."""
    rounded = round_interview(value)
    if unit == "rate":
        forms = {fmt_count(value), fmt_count(rounded), f"{round(value):,}", f"{rounded:,.0f}",
                 f"{value:.1e}", f"{value:.1e}".replace("e+0", "e")}
        return forms | {f"{form}/s" for form in forms}
    if unit in ("bytes", "bytes_rate"):
        forms = {fmt_bytes(value), fmt_bytes(rounded)}
        forms |= {form.replace(" ", "") for form in forms}
        return forms | {f"{form}/s" for form in forms} if unit == "bytes_rate" else forms
    return {fmt_percent(value, places) for places in range(1, 7)}


def _appears(form: str, text: str) -> bool:
    """The form as a whole figure: "12K" is not inside "112K" nor "12Kb"."""
    return re.search(rf"(?<![\w.,]){re.escape(form)}(?![\w,]|\.\d)", text) is not None


def _page_and_answers(client, slug: str, posted: dict | None = None
                      ) -> tuple[str, list[tuple[str, str, float]]]:
    """The practice page of a design made from that template (after posting `posted`, when
    given), and the figures it asks for, read from the design's own estimate."""
    design = design_create(owner=None, document=next(s for s in starters() if s.slug == slug)
                           .document, is_public=True, slug=f"practice-{slug}")
    url = reverse("designs:practice", args=[design.slug])
    response = client.post(url, posted) if posted else client.get(url)
    assert response.status_code == 200
    estimate = EstimateView.from_document(design_estimate_document(design))
    return response.content.decode(), practice.asked_figures(estimate)


def _nothing_asked(asked: list[tuple[str, str, float]]) -> bool:
    return all(value == 0 for key, unit, value in asked if key != "availability")


def _assert_no_answer_shown(page: str, asked: list[tuple[str, str, float]]) -> None:
    text, components = _visible(page)
    assert components  # the table is there, and read apart
    not_availability = [figure for figure in asked if figure[0] != "availability"]
    for shown, figures in ((text, asked), (components, not_availability)):
        written = [(key, form) for key, unit, value in figures if value and math.isfinite(value)
                   for form in _written_forms(unit, value) if _appears(form, shown)]
        assert written == []
        near = [(shown[start:end], unit)
                for start, end, unit, value in practice.figures_in_text(shown)
                if practice.gives_away(unit, value, figures)]
        assert near == []


@pytest.mark.parametrize("slug", STARTERS)
def test_no_practice_page_states_a_figure_it_asks_for(client, slug):
    page, asked = _page_and_answers(client, slug)

    if _nothing_asked(asked):
        # Nothing estimated (the blank canvas): nothing is asked, so nothing can leak.
        assert 'data-testid="practice-nothing-estimated"' in page
        assert 'data-testid="guess-total_rps"' not in page
        return
    assert 'data-testid="guess-total_rps"' in page
    _assert_no_answer_shown(page, asked)


# A wrong unit in each field: its message says how to write the figure, in words.
WRONG_UNITS = {"total_rps": "1 apples", "storage_per_day": "1 XB", "storage_total": "lots",
               "ingress": "1 XB", "egress": "1 furlongs", "cache_per_day": "1 XB",
               "availability": "1 percent"}


@pytest.mark.parametrize("slug", [slug for slug in STARTERS if slug != "blank"])
def test_no_error_message_states_a_figure_it_asks_for(client, slug):
    page, asked = _page_and_answers(client, slug, WRONG_UNITS)

    assert page.count('class="field-error"') == len(WRONG_UNITS)
    _assert_no_answer_shown(page, asked)


def test_the_check_finds_a_figure_the_page_would_give_away(client):
    """The test above can fail: Twitter's requirements once said "12K requests/s", and its
    placeholders were the URL shortener's answers ("e.g. 4K", "e.g. 6 TB")."""
    page, asked = _page_and_answers(client, "twitter")
    rate = next(value for key, unit, value in asked if key == "total_rps")
    said = fmt_count(round_interview(rate))
    leaked = _visible(page)[0] + f" a high request throughput ({said} requests/s)"

    assert any(_appears(form, leaked) for form in _written_forms("rate", rate))
    assert any(practice.gives_away(unit, value, asked)
               for _, _, unit, value in practice.figures_in_text(leaked))


def test_twitters_throughput_requirement_is_hidden_and_its_inputs_stay(client):
    page, _ = _page_and_answers(client, "twitter")
    text, _ = _visible(page)

    assert "a high request throughput ([hidden: you estimate this])" in text
    assert "12K" not in text
    # What the candidate works from: users, tweets a day and their sizes.
    assert "200 million daily active users post 5 tweets a day" in text
    assert "~50 KB media file" in text


# ---- the problem library: every problem's estimate practice, and its problem page --------


PROBLEMS = {problem.slug: problem for problem in problem_files()}


def _problem_reference(slug: str):
    return design_create(owner=None, document=PROBLEMS[slug].reference, is_public=True,
                         slug=slug)


@pytest.mark.parametrize("slug", sorted(PROBLEMS))
def test_no_problem_page_nor_its_estimate_practice_states_a_figure_asked_for(client, slug):
    """The estimate practice of the problem's reference hides every asked figure; the problem
    page gives the statement, the scale and where the figures come from, none stating one
    either. Its targets (the SLOs a design is judged against) are requirements, not answers,
    and are read apart."""
    design = _problem_reference(slug)
    asked = practice.asked_figures(EstimateView.from_document(design_estimate_document(design)))
    page = client.get(reverse("designs:practice", args=[design.slug])).content.decode()
    assert 'data-testid="guess-total_rps"' in page
    _assert_no_answer_shown(page, asked)

    problems_load()
    page = client.get(reverse("designs:problem", args=[slug])).content.decode()
    # The statement and scale, then the sources: everything but the targets.
    givens = (page[page.index('data-testid="problem-statement"'):page.index('id="targets"')]
              + page[page.index('id="sources"'):])
    text, _ = _visible(givens)
    assert PROBLEMS[slug].scale[0].split()[0] in text  # the givens are there
    written = [(key, form) for key, unit, value in asked if value and math.isfinite(value)
               for form in _written_forms(unit, value) if _appears(form, text)]
    assert written == []
    near = [(text[start:end], unit) for start, end, unit, value in practice.figures_in_text(text)
            if unit in practice.ALWAYS_HIDDEN_UNITS or practice.gives_away(unit, value, asked)]
    assert near == []
