"""The availability page: the handbook's table of nines and the calculator (GET, linkable)."""

import re

import pytest
from django.urls import reverse

URL = "/availability/"


def _page(client, query: str = "") -> str:
    response = client.get(f"{URL}?{query}" if query else URL)
    assert response.status_code == 200
    return response.content.decode()


def _rows(page: str) -> list[list[str]]:
    table = page.split('id="nines-table"', 1)[1].split("</table>", 1)[0]
    body = table.split("<tbody>", 1)[1]
    return [re.findall(r"<t[hd][^>]*>([^<]*)</t[hd]>", row) for row in body.split("</tr>")[:-1]]


def test_the_url(db):
    assert reverse("designs:availability") == URL


def test_it_shows_the_nines_from_one_to_nine(client, db):
    rows = _rows(_page(client))

    assert [row[0] for row in rows] == [
        "90%", "99%", "99.9%", "99.99%", "99.999%", "99.9999%", "99.99999%", "99.999999%",
        "99.9999999%",
    ]
    assert rows[2] == ["99.9%", "three nines", "8.77 hours", "43.8 minutes", "10.1 minutes"]
    assert rows[4] == ["99.999%", "five nines", "5.26 minutes", "26.3 seconds", "6.05 seconds"]


def test_it_states_the_conventions(client, db):
    page = _page(client)

    assert "365.25 days" in page and "a twelfth of it" in page


def test_without_input_the_calculator_says_how_to_begin(client, db):
    page = _page(client)

    assert "Fill in at least one block" in page
    assert 'id="id_b1-availability"' in page and 'id="id_b2-availability"' in page
    assert 'for="id_b1-availability"' in page and 'for="id_b1-k"' in page
    assert 'data-testid="calculator-result"' not in page


def test_two_three_nines_blocks_in_series(client, db):
    page = _page(client, "b1-availability=0.999&b2-availability=0.999")

    assert '<span data-testid="calculator-availability">99.8001%</span>' in page
    assert "2.70 nines" in page
    assert "17.5 hours" in page  # downtime a year


def test_two_of_three_at_99_percent(client, db):
    page = _page(client, "b1-availability=0.99&b1-instances=3&b1-redundancy=k-of-n&b1-k=2")

    assert '<span data-testid="calculator-availability">99.9702%</span>' in page
    block = page.split('data-testid="block-1"', 1)[1].split("</td>", 1)[0]
    assert "99.9702%" in block


def test_blank_rows_are_skipped_and_another_blank_row_is_offered(client, db):
    page = _page(client, "b1-availability=0.9&b3-availability=0.9")

    assert '<span data-testid="calculator-availability">81%</span>' in page
    assert 'id="id_b2-availability"' in page and 'id="id_b4-availability"' not in page


@pytest.mark.parametrize(
    ("query", "field", "message"),
    [
        ("b1-availability=1.5", "b1-availability",
         "must be a fraction between 0 and 1 (got 1.5)"),
        ("b1-availability=0.9&b1-instances=2&b1-redundancy=k-of-n&b1-k=3", "b1-k",
         "must not exceed instances (3 &gt; 2)"),
        ("b1-availability=0.9&b1-redundancy=k-of-n", "b1-k",
         "is required when redundancy is &#x27;k-of-n&#x27;"),
        ("b1-instances=2", "b1-availability", "is required"),
        ("b1-availability=0.9&b1-instances=0", "b1-instances", "must be greater than 0"),
        ("b1-availability=abc", "b1-availability", "Enter a number."),
        ("b1-availability=0.9&b1-redundancy=mirror", "b1-redundancy", "Select a valid choice."),
    ],
)
def test_a_bad_field_shows_its_message_at_the_field(client, db, query, field, message):
    page = _page(client, f"b2-availability=0.999&{query}")

    error = page.split(f'data-testid="error-{field}"><p class="field-error">', 1)[1]
    assert error.startswith(message)
    assert f'aria-invalid="true" aria-describedby="id_{field}_error"' in page
    assert 'data-testid="calculator-result"' not in page
    assert "Fix the fields marked above" in page
    assert 'value="0.999"' in page  # nothing typed is lost


def test_the_calculator_takes_at_most_eight_blocks(client, db):
    query = "&".join(f"b{n}-availability=0.9" for n in range(1, 10))

    page = _page(client, query)

    assert 'id="id_b8-availability"' in page and 'id="id_b9-availability"' not in page
    assert "All 8 blocks in series" in page
