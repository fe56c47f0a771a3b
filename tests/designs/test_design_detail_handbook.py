"""Each handbook example's design page shows "The handbook's figures": the handbook's
figures computed from only the workloads it counted, each beside the handbook's value and
the difference; a design of one's own (a copy of an example too) shows no such table."""

import json
from html import escape
from pathlib import Path

import pytest
from django.urls import reverse

from designs.handbook_figures import HANDBOOK_EXAMPLES
from designs.services.designs import design_create
from designs.services.examples import examples_load

EXAMPLES_DIR = Path(__file__).resolve().parents[2] / "designs" / "examples"
pytestmark = pytest.mark.django_db


def _section(page: str) -> str:
    return page.split('<section id="handbook-figures"')[1].split("</section>")[0]


@pytest.mark.parametrize("slug", list(HANDBOOK_EXAMPLES))
def test_the_example_page_shows_the_handbook_figures_from_the_counted_workloads(client, slug):
    examples_load()
    page = client.get(reverse("designs:detail", args=[slug])).content.decode()
    section = _section(page)
    example = HANDBOOK_EXAMPLES[slug]
    for name in example.workloads:
        assert f"<q>{escape(name)}</q>" in section
    assert example.lines in section and "each within 10%" in section
    rows = section.split("<tbody>")[1].split("</tbody>")[0].split("</tr>")[:-1]
    assert len(rows) == len(example.figures)
    for row, figure in zip(rows, example.figures, strict=True):
        assert f'data-key="{figure.path}"' in row
        assert f'<th scope="row">{escape(figure.words)}</th>' in row
        assert "level-ok" in row and "level-hot" not in row
    # The full estimate, beside it, counts the read paths the handbook leaves out.
    assert page.index('id="handbook-figures"') < page.index('id="estimate-table"')


def test_the_twitter_table_gives_the_handbook_value_ours_and_the_difference(client):
    examples_load()
    page = client.get(reverse("designs:detail", args=["twitter"])).content.decode()
    row = _section(page).split('data-key="traffic.write_rps"')[1].split("</tr>")[0]
    assert ('<td class="num">12,000/s</td><td class="num">11,574/s</td>'
            '<td class="num level-ok">-3.5%</td>') in row


def test_a_copy_of_an_example_shows_no_handbook_table(client, user):
    document = json.loads((EXAMPLES_DIR / "twitter.json").read_text())
    design = design_create(owner=user, document=document)  # estimated in-process
    client.force_login(user)
    page = client.get(reverse("designs:detail", args=[design.slug])).content.decode()
    assert 'id="estimate-table"' in page
    assert 'id="handbook-figures"' not in page
