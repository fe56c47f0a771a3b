"""estimator.present.whatif: a what-if answer's figures also as text."""

from estimator.engine import what_if
from estimator.present.whatif import with_texts


def test_the_answer_keeps_its_figures_and_gains_their_texts(design):
    answer = what_if(design, {"failed": ["cache"], "lost_instances": {"api": 1}})

    shown = with_texts(answer)

    assert shown["availability"]["overall"] == answer["availability"]["overall"]
    assert shown["availability"]["overall_text"].endswith("%")
    # The api, on one instance of 1,000/s, is offered 2,200/s at peak: 1,000 / 2,200 served
    # of the write workload (the read stops at the cache, down).
    assert answer["availability"]["requests_served"] < answer["availability"]["overall"]
    assert shown["availability"]["requests_served_text"].endswith("%")
    workloads = {w["name"]: w for w in shown["availability"]["workloads"]}
    assert workloads["read"]["availability_text"] == "0%"  # its route has the cache
    assert workloads["write"]["availability_text"].startswith("99.")
    components = {c["key"]: c for c in shown["components"]}
    assert components["cache"]["utilization_text"] == "down"
    assert components["api"]["utilization_text"] == "220%"  # 2,200 req/s at peak on one of 1,000
    assert components["client"]["utilization_text"] == "—"  # no capacity limit
