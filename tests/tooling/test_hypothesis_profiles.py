"""The slowest properties take fewer examples under the ci profile only
(tests/hypothesis_profiles.py)."""

from hypothesis import settings

from tests import hypothesis_profiles


def test_under_ci_a_slow_property_takes_its_own_smaller_count(monkeypatch):
    monkeypatch.setattr(hypothesis_profiles, "PROFILE", "ci")
    assert hypothesis_profiles.ci_examples(20).max_examples == 20


def test_under_long_it_keeps_the_profiles_count(monkeypatch):
    loaded = hypothesis_profiles.PROFILE
    monkeypatch.setattr(hypothesis_profiles, "PROFILE", "long")
    settings.load_profile("long")
    try:
        assert hypothesis_profiles.ci_examples(20).max_examples == 10_000
    finally:
        settings.load_profile(loaded)
