"""Pages with forms take any input: a form error at the field, never a 500.

Huge numbers, NaN and infinities, 5,000-digit strings and NUL characters (which PostgreSQL
refuses in a query) in the availability calculator, the practice form, the compare picker and
the account forms.
"""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from designs import forms
from estimator.engine import DesignError, FieldError
from estimator.present import practice
from tests.designs.factories import DesignFactory

pytestmark = pytest.mark.django_db

HOSTILE_NUMBERS = ["1e400", "-1e400", "nan", "inf", "-inf", "9" * 5000, "9" * 400, "\x00", "1\x002",
                   "a\nb", "4\nK/s x"]


@pytest.fixture
def raising_client(client):
    """A 500 is an answer to check, not an exception in the test."""
    client.raise_request_exception = False
    return client


@pytest.fixture
def public_design(user, document):
    return DesignFactory(owner=user, document=document, is_public=True)


@pytest.mark.parametrize("value", HOSTILE_NUMBERS)
@pytest.mark.parametrize("field", ["availability", "instances", "k"])
def test_the_availability_calculator_shows_an_error_at_the_field(raising_client, field, value):
    query = {"b1-availability": "0.99", "b1-instances": "3", "b1-redundancy": "k-of-n",
             "b1-k": "2", f"b1-{field}": value}

    response = raising_client.get("/availability/", query)

    assert response.status_code == 200
    assert f'data-testid="error-b1-{field}"' in response.content.decode()


@pytest.mark.parametrize("path", ["blocks[0]", "", "blocks[7].key", "components"])
def test_the_availability_calculator_shows_an_engine_error_of_any_path(raising_client, path,
                                                                       monkeypatch):
    def refuse(blocks):
        raise DesignError([FieldError(path, "is refused")])

    monkeypatch.setattr(forms.availability, "blocks_in_series", refuse)

    response = raising_client.get("/availability/", {"b1-availability": "0.99"})

    assert response.status_code == 200
    assert "is refused" in response.content.decode()


@pytest.mark.parametrize("signed_in", [False, True], ids=["visitor", "member"])
@pytest.mark.parametrize("value", HOSTILE_NUMBERS)
def test_the_practice_form_shows_an_error_at_each_field(raising_client, public_design, user,
                                                        value, signed_in):
    if signed_in:
        raising_client.force_login(user)
    guesses = {figure.key: value for figure in practice.FIGURES}

    response = raising_client.post(f"/designs/{public_design.slug}/practice/", guesses)

    assert response.status_code == 200
    page = response.content.decode()
    for figure in practice.FIGURES:
        assert f'data-testid="error-{figure.key}"' in page, figure.key


@pytest.mark.parametrize(
    "query", [{"designs": "a\x00b,c"}, {"designs": ["a\x00b", "c"]}, {"designs": "\x00,\x00\x00"}]
)
def test_the_compare_page_names_a_design_with_a_nul_as_not_found(raising_client, design,
                                                                 query):
    response = raising_client.get("/compare/", query)

    assert response.status_code == 200
    assert "No design you may see is called" in response.content.decode()


def test_the_signup_form_refuses_a_nul_at_the_field(raising_client):
    password = "a long pass\x00phrase"
    response = raising_client.post(
        "/account/signup/", {"username": "ada\x00", "password1": password, "password2": password}
    )

    assert response.status_code == 200
    assert "Null characters are not allowed." in response.content.decode()


def test_the_login_form_refuses_a_nul_at_the_field(raising_client, member, fast_hashing):
    response = raising_client.post("/account/login/", {"username": "alice\x00",
                                                       "password": "x\x00"})

    assert response.status_code == 200
    assert "Null characters are not allowed." in response.content.decode()


# Typed text: anything a browser can send in a form field (no surrogates: it sends UTF-8).
typed = st.one_of(
    st.text(st.characters(exclude_categories=["Cs"]), max_size=40),
    st.sampled_from(HOSTILE_NUMBERS),
    st.from_regex(r"-?[0-9]{0,6}(\.[0-9]{0,6})?(e[-+]?[0-9]{1,4})? ?[KMGTPE]?(B|B/s|/s|%)?",
                  fullmatch=True),
)


@pytest.mark.property
@settings(suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(guesses=st.fixed_dictionaries({}, optional={f.key: typed for f in practice.FIGURES}))
def test_the_practice_form_answers_any_guesses(raising_client, public_design, guesses):
    response = raising_client.post(f"/designs/{public_design.slug}/practice/", guesses)

    assert response.status_code == 200


@pytest.mark.property
@settings(suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(query=st.dictionaries(
    st.sampled_from([f"b{n}-{field}" for n in (1, 2, 9)
                     for field in ("availability", "instances", "redundancy", "k")]),
    typed, max_size=8,
))
def test_the_availability_calculator_answers_any_query(raising_client, query):
    assert raising_client.get("/availability/", query).status_code == 200
