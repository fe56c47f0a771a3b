"""estimator.present.patterns: the pattern library's content, and the map from every remedy
the engine can write to a pattern page."""

import json
from pathlib import Path

import pytest

from estimator.engine import estimate
from estimator.engine.practice import FIGURE_PATHS
from estimator.engine.remedies import FALLBACK, REMEDIES
from estimator.present import patterns
from estimator.present.practice import reveal

EXAMPLES = Path(__file__).resolve().parents[2] / "designs" / "examples"
SLUGS = {p.slug for p in patterns.patterns()}


def _engine_remedy_names() -> set[str]:
    """Every remedy name estimator.engine.remedies can write, for any bottleneck kind."""
    by_component = [items for table in REMEDIES.values() for items in table.values()]
    return {name for items in [*by_component, FALLBACK] for name, _ in items}


@pytest.mark.parametrize("name", sorted(_engine_remedy_names()))
def test_every_remedy_the_engine_writes_maps_to_an_existing_pattern(name):
    assert patterns.slug_for_remedy(name) in SLUGS


def test_the_map_names_only_remedies_the_engine_writes():
    # A renamed remedy would otherwise leave its old name here and lose its link.
    assert set(patterns.REMEDY_PATTERNS) == _engine_remedy_names()


def test_the_library_holds_at_least_twenty_patterns_with_unique_slugs():
    raw = json.loads(patterns.CATALOGUE.read_text())["patterns"]

    assert len(raw) >= 20
    assert len(SLUGS) == len(raw)


@pytest.mark.parametrize("pattern", patterns.patterns(), ids=lambda p: p.slug)
def test_each_pattern_says_when_when_not_trade_offs_figures_and_source(pattern):
    assert pattern.slug.replace("-", "").isalnum() and pattern.slug == pattern.slug.lower()
    for text in (pattern.name, pattern.category, pattern.summary, pattern.when,
                 pattern.when_not, pattern.source):
        assert text.strip()
    assert pattern.tradeoffs and pattern.effects
    assert set(pattern.moves) <= set(FIGURE_PATHS)


def test_a_pattern_without_a_rule_is_used_by_no_component():
    component = {"key": "db", "kind": "database", "instances": 3, "redundancy": "k-of-n"}

    assert not patterns.Uses().matches(component)


def test_a_rule_holds_only_when_every_condition_does():
    rule = patterns.Uses(kinds=("database",), min_instances=2, words=("shard",))

    assert rule.matches({"kind": "database", "instances": 4, "notes": "Sharded by user id"})
    assert not rule.matches({"kind": "database", "instances": 4, "notes": "One primary"})
    assert not rule.matches({"kind": "database", "instances": 1, "notes": "Sharded"})
    assert not rule.matches({"kind": "cache", "instances": 4, "notes": "Sharded"})


def test_components_using_reads_kinds_from_the_document():
    document = {"components": [{"key": "c", "kind": "cache", "name": "Hot keys"},
                               {"key": "db", "kind": "database", "name": "Rows"}, "junk"]}

    assert patterns.components_using(patterns.pattern("cache-aside"), document) == ["Hot keys"]


def test_the_practice_reveal_names_the_patterns_that_move_each_figure():
    document = json.loads((EXAMPLES / "url-shortener.json").read_text())

    rows = {row["key"]: row for row in reveal({}, {}, estimate(document))}

    cache_patterns = {p["slug"] for p in rows["cache_per_day"]["patterns"]}
    assert "cache-aside" in cache_patterns and "sharding" not in cache_patterns
    assert "active-active" in {p["slug"] for p in rows["availability"]["patterns"]}
    assert all(p["slug"] in SLUGS for row in rows.values() for p in row["patterns"])
