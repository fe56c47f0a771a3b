from estimator.engine import estimate


def _found(document):
    return {(b["component"], b["kind"]): b for b in estimate(document)["bottlenecks"]}


def test_saturated_component_is_critical_and_comes_first(design):
    bottlenecks = estimate(design)["bottlenecks"]
    first = bottlenecks[0]
    assert (first["component"], first["kind"]) == ("api", "saturated")
    assert first["severity"] == "critical"
    assert "110%" in first["message"] and "needs 4 serving instances" in first["message"]
    assert first["remedies"] and all(r["name"] and r["why"] for r in first["remedies"])


def test_over_target_is_a_warning(design):
    design["components"][1]["instances"] = 3  # 2,200 / 3,000 = 73%
    found = _found(design)
    assert found[("api", "over_target")]["severity"] == "warning"
    assert ("api", "saturated") not in found


def test_spof_storage_memory_and_least_available_are_reported(design):
    design["components"][1].update(instances=10)
    design["components"][2].update(memory_bytes=1e9, instances=2, availability=0.99)
    design["components"][3].update(storage_bytes=1e12)
    found = _found(design)
    assert ("db", "spof") in found
    assert ("db", "storage") in found and "31.5 TB" in found[("db", "storage")]["message"]
    assert ("cache", "memory") in found
    assert "34.6 GB" in found[("cache", "memory")]["message"]
    assert "has 2 GB of memory" in found[("cache", "memory")]["message"]
    assert found[("db", "low_availability")]["severity"] == "info"


def test_cache_memory_counts_only_reads_through_that_cache(design):
    design["workloads"][1]["route"] = ["client", "api", "db"]
    design["components"][2].update(memory_bytes=1e9)
    assert ("cache", "memory") not in _found(design)


def test_a_healthy_design_reports_nothing(design):
    design["components"][1]["instances"] = 10
    design["components"][2]["instances"] = 2
    design["components"][3]["instances"] = 2
    assert estimate(design)["bottlenecks"] == []


def test_the_least_available_component_is_reported_under_four_nines(design):
    design["components"][1]["instances"] = 10
    design["components"][2]["instances"] = 2
    design["components"][3].update(instances=2, availability=0.98)
    found = _found(design)
    assert list(found) == [("db", "low_availability")]
    assert "99.99%" in found[("db", "low_availability")]["message"]
