"""The design page's tables carry the derivation of each figure that has one."""

import json
from pathlib import Path

from estimator.engine import estimate
from estimator.present.tables import (
    availability_summary,
    estimate_table,
    resource_table,
    route_availability_rows,
)

URL_SHORTENER = Path(__file__).resolve().parents[2] / "designs" / "examples" / "url-shortener.json"


def _document() -> dict:
    return json.loads(URL_SHORTENER.read_text())


def test_estimate_rows_carry_their_derivation_where_one_exists():
    rows = {row["label"]: row for row in estimate_table(estimate(_document()))}

    assert rows["Reads per second"]["derivation"] == (
        "reads/s = 10,000,000,000 per month / (30 x 86,400 s) = 3,858/s ~ 4K/s")
    assert rows["Storage over 10 years"]["derivation"].endswith("= 6.08 TB ~ 6 TB")
    assert rows["Cache memory per day"]["derivation"].startswith("cache = 20% of the daily read")
    assert "derivation" not in rows["Reads per day"]  # no derivation of its own


def test_resource_rows_carry_their_derivation_where_one_exists():
    rows = {row["label"]: row for row in resource_table(estimate(_document()))}

    assert rows["Outgoing bandwidth"]["derivation"].startswith("outgoing = requests/s x ")
    assert "derivation" not in rows["Outgoing bandwidth at peak"]


def test_each_route_and_the_overall_availability_carry_their_working():
    document = _document()
    result = estimate(document)

    rows = {row["name"]: row for row in route_availability_rows(document, result)}

    assert rows["redirect"]["derivation"].startswith("redirect: client 100% x ")
    assert availability_summary(result)["derivation"].startswith("availability = ")
