"""estimator.present.sizing: a sizing proposal's figures as text, and the page's tables."""

from estimator.engine.sizing import size_to_slos
from estimator.present.sizing import NO_SLOS, sizing_table, with_texts
from tests.engine.test_sizing import _api_and_db, _one_service


def test_the_proposal_keeps_its_figures_and_gains_their_texts():
    proposal = size_to_slos(_one_service(monthly_budget=1000))
    shown = with_texts(proposal)
    assert shown["before"]["cost_month"] == proposal["before"]["cost_month"]
    assert shown["before"]["cost_month_text"] == "$70/month"
    assert shown["after"]["cost_month_text"] == "$1,050/month"
    assert shown["before"]["p99_ms"] == [{"name": "read", "p99_ms": None,
                                          "p99_text": "saturated"}]
    assert shown["after"]["utilization_max_text"] == "66.7%"  # 10,000 / 15,000
    [change] = shown["changes"]
    assert change["cost_change_month"] == 980 and change["cost_change_text"] == "+$980/month"
    assert shown["status_text"].startswith("Not every target can be met")


def test_the_page_table_reads_before_and_after():
    table = sizing_table(size_to_slos(_api_and_db(availability=0.999)))
    assert table["status"] == "met" and table["empty"] == ""
    assert table["changes"] == [{"key": "db", "name": "db", "instances": "1 → 2",
                                 "cost_change": "+$125/month"}]
    assert table["cost_change"] == "+$125/month"
    availability = table["figures"][0]
    assert availability["label"] == "Availability (requests served)"
    assert availability["before"] == "99.8999% (3.00 nines)"
    assert availability["after"].startswith("99.9998%") and availability["changed"]
    p99 = table["figures"][1]
    assert p99["label"] == "p99 of 'read'" and p99["changed"] is False


def test_a_shrink_shows_a_saving_with_a_minus_sign():
    table = sizing_table(size_to_slos(_one_service(instances=40, monthly_budget=100_000)))
    assert table["changes"][0]["instances"] == "40 → 15"
    assert table["cost_change"] == "−$1,750/month"


def test_without_slos_the_table_says_how_to_add_them():
    document = _one_service()
    del document["slos"]
    table = sizing_table(size_to_slos(document))
    assert table["empty"] == NO_SLOS and "`slos`" in NO_SLOS
