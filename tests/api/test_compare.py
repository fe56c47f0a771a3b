import pytest
from django.urls import reverse

from designs.services.designs import design_create
from designs.services.examples import examples_load
from estimator.engine import estimate as engine_estimate
from tests.api.helpers import assert_error

URL = reverse("api:compare")
pytestmark = pytest.mark.django_db


@pytest.fixture
def examples():
    return examples_load()


def _ids(designs) -> str:
    return ",".join(str(design.pk) for design in designs)


def _figure(body: dict, key: str) -> dict:
    return next(row for row in body["figures"] if row["key"] == key)


def test_it_compares_the_five_handbook_examples(api, examples):
    response = api.get(URL, {"designs": _ids(examples)})

    assert response.status_code == 200, response.content
    body = response.json()
    assert [d["slug"] for d in body["designs"]] == [
        "url-shortener", "whatsapp", "twitter", "netflix", "uber"
    ]
    assert set(body["designs"][0]) == {"id", "slug", "name", "version"}
    rps = _figure(body, "traffic.total_rps")
    expected = [engine_estimate(d.document)["traffic"]["total_rps"] for d in examples]
    assert rps["values"] == pytest.approx(expected)
    assert rps["label"] == "Requests per second" and rps["unit"] == "rate"
    # The handbook: ~4K/s for the URL shortener; WhatsApp's ~23K/s messages sent, and as
    # many delivered, with heartbeats, app openings and media downloads besides.
    assert rps["values"][0] == pytest.approx(3896, rel=0.1)
    assert rps["values"][1] == pytest.approx(54_400, rel=0.01)
    assert rps["differences"][0] == {"absolute": 0, "relative": 0}
    assert rps["differences"][1]["absolute"] == pytest.approx(expected[1] - expected[0])
    assert rps["differences"][1]["relative"] == pytest.approx(expected[1] / expected[0] - 1)


def test_it_keeps_the_order_asked_for(api, examples):
    body = api.get(URL, {"designs": _ids(reversed(examples[:3]))}).json()

    assert [d["slug"] for d in body["designs"]] == ["twitter", "whatsapp", "url-shortener"]
    availability = _figure(body, "availability.overall")
    assert availability["unit"] == "fraction" and len(availability["values"]) == 3


def test_it_compares_the_callers_private_designs(owner_api, design, examples):
    response = owner_api.get(URL, {"designs": f"{design.pk},{examples[0].pk}"})

    assert response.status_code == 200
    assert response.json()["designs"][0]["name"] == "Photo sharing"


@pytest.mark.parametrize(
    ("designs", "words"),
    [
        ("1", "must name 2 to 6 designs, not 1"),
        ("1,2,3,4,5,6,7", "must name 2 to 6 designs, not 7"),
        ("1,two", "must be design ids"),
        ("1,,2", "must be design ids"),
        ("1,-2", "must be design ids"),
        ("1,2,1", "must not repeat a design"),
        ("", "may not be blank"),
    ],
)
def test_it_names_the_designs_parameter_when_malformed(api, designs, words):
    assert_error(api.get(URL, {"designs": designs}), 400, "designs", words)


def test_it_requires_the_designs_parameter(api):
    assert_error(api.get(URL), 400, "designs", "required")


def test_it_answers_404_for_another_users_private_design(other_api, design, examples):
    response = other_api.get(URL, {"designs": f"{examples[0].pk},{design.pk}"})

    assert_error(response, 404, "designs", f"no design {design.pk}")


def test_it_answers_404_for_a_design_that_does_not_exist(api, examples):
    assert_error(api.get(URL, {"designs": f"{examples[0].pk},999999"}), 404, "designs")


def test_a_design_without_workloads_has_null_values_and_is_not_the_base(
        owner_api, user, examples):
    empty = design_create(owner=user, document={"name": "Boxes only", "components": [
        {"key": "api", "kind": "service"}]})

    response = owner_api.get(URL, {"designs": _ids([empty, *examples[:2]])})

    assert response.status_code == 200, response.content
    body = response.json()
    assert body["base"] == examples[0].pk and body["nothing_estimated"] == [empty.pk]
    rps = _figure(body, "traffic.total_rps")
    assert rps["values"][0] is None
    assert rps["differences"][0] == {"absolute": None, "relative": None}
    assert rps["differences"][1] == {"absolute": 0, "relative": 0}
    assert _figure(body, "availability.overall")["values"][0] is None


def test_designs_all_without_workloads_have_no_base(owner_api, user):
    pair = [design_create(owner=user, document={"name": name}) for name in ("A", "B")]

    body = owner_api.get(URL, {"designs": _ids(pair)}).json()

    assert body["base"] is None and body["nothing_estimated"] == [d.pk for d in pair]
    assert all(row["values"] == [None, None] for row in body["figures"])


def test_the_base_is_the_first_design_when_every_design_has_workloads(api, examples):
    body = api.get(URL, {"designs": _ids(examples[1:3])}).json()

    assert body["base"] == examples[1].pk and body["nothing_estimated"] == []
