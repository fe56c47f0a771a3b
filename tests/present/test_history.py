"""The one-line summaries of the version history and the compare page's difference rows."""

from estimator.present.history import change_summary, difference_rows, document_changes
from tests.samples import sample_document


def test_the_first_version_says_so():
    assert change_summary(None, sample_document("photo-sharing")) == "first version"


def test_equal_documents_have_no_change():
    document = sample_document("photo-sharing")
    assert change_summary(document, sample_document("photo-sharing")) == (
        "no change to the document")
    assert difference_rows(document, document) == []


def test_components_added_instances_and_a_route_changed_read_as_the_issue_says():
    old = sample_document("photo-sharing")
    new = sample_document("photo-sharing")
    new["components"] += [{"key": "queue", "kind": "queue"}, {"key": "cdn", "kind": "cdn"}]
    new["components"][1]["instances"] = 6
    new["workloads"][1]["route"] = ["client", "api", "db"]

    summary = change_summary(old, new)

    assert summary == ("2 components added (queue, cdn); instances of api 3 -> 6; "
                       "route of workload 'feed' changed")


def test_removals_links_assumptions_and_slos_are_named():
    old = sample_document("photo-sharing")
    new = sample_document("photo-sharing")
    new["components"] = [c for c in new["components"] if c["key"] != "cache"]
    new["links"] = [{"from": "client", "to": "api"}, {"from": "api", "to": "db"}]
    new["assumptions"]["daily_active_users"] = 2_000_000
    new["slos"] = {"availability": 0.999}

    summary = change_summary(old, new)

    assert "1 component removed (cache)" in summary
    assert "1 link added (api → db)" in summary
    assert "2 links removed (api → cache, cache → db)" in summary
    assert "daily_active_users of the assumptions 1,000,000 -> 2,000,000" in summary
    assert "availability of the SLOs — -> 0.999" in summary


def test_a_long_summary_stays_one_line_and_counts_the_rest():
    old = sample_document("photo-sharing")
    new = sample_document("photo-sharing")
    for field, value in (("peak_factor", 3), ("retention_years", 5), ("cache_fraction", 0.3),
                         ("replication_factor", 2), ("target_utilization", 0.5)):
        new["assumptions"][field] = value
    new["name"], new["description"] = "Renamed", "Other"

    summary = change_summary(old, new)

    assert summary.startswith("name changed; description changed; ")
    assert summary.endswith("and 1 more change") and "\n" not in summary


def test_difference_rows_give_each_changed_field_its_old_and_new_value():
    old = sample_document("photo-sharing")
    new = sample_document("photo-sharing")
    new["components"][3]["redundancy"] = "active-active"
    new["workloads"].append({"name": "like", "kind": "write", "per_user_per_day": 1,
                             "route": ["client", "api", "db"]})

    rows = difference_rows(old, new)

    assert {"section": "Components", "item": "db", "field": "redundancy",
            "old": "active-passive", "new": "active-active"} in rows
    assert {"section": "Workloads", "item": "like", "field": "", "old": "—",
            "new": "added"} in rows
    assert len(rows) == 2


def test_a_malformed_section_is_read_as_empty_not_an_error():
    changes = document_changes({"components": "nonsense", "links": None},
                               {"components": [{"key": "a"}], "links": [3]})
    assert changes["components"]["added"] == ["a"] and changes["links"]["added"] == []
