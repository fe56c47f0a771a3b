import pytest
from django.core.exceptions import ImproperlyConfigured

from config.env import env_bool, env_list, env_rate, env_str


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("1", True),
        ("True", True),
        ("yes", True),
        ("on", True),
        ("0", False),
        ("false", False),
        ("NO", False),
        ("off", False),
    ],
)
def test_it_reads_booleans(monkeypatch, value, expected):
    monkeypatch.setenv("FLAG", value)

    assert env_bool("FLAG", not expected) is expected


@pytest.mark.parametrize("value", ["maybe", "ture", "2", "y"])
def test_it_rejects_a_malformed_boolean(monkeypatch, value):
    monkeypatch.setenv("DEBUG", value)

    with pytest.raises(ImproperlyConfigured, match="DEBUG"):
        env_bool("DEBUG", True)


def test_it_uses_the_default_when_unset_or_empty(monkeypatch):
    monkeypatch.delenv("FLAG", raising=False)
    assert env_bool("FLAG", True) is True
    monkeypatch.setenv("FLAG", "  ")
    assert env_bool("FLAG", False) is False
    assert env_str("FLAG", "default") == "default"
    assert env_list("FLAG", ["a"]) == ["a"]


def test_it_reads_a_comma_list(monkeypatch):
    monkeypatch.setenv("HOSTS", "example.com, www.example.com")

    assert env_list("HOSTS", []) == ["example.com", "www.example.com"]


@pytest.mark.parametrize("value", ["a,,b", "a,", ",a"])
def test_it_rejects_a_comma_list_with_an_empty_item(monkeypatch, value):
    monkeypatch.setenv("ALLOWED_HOSTS", value)

    with pytest.raises(ImproperlyConfigured, match="ALLOWED_HOSTS"):
        env_list("ALLOWED_HOSTS", [])


@pytest.mark.parametrize("value", ["60/minute", "1/second", "10/HOUR", "1000/day"])
def test_it_reads_request_rates(monkeypatch, value):
    monkeypatch.setenv("RATE", value)

    assert env_rate("RATE", "5/minute") == value.lower()


@pytest.mark.parametrize("value", ["lots", "60", "60/m", "60/fortnight", "0/minute", "1.5/day"])
def test_it_rejects_a_malformed_rate(monkeypatch, value):
    monkeypatch.setenv("RATE", value)

    with pytest.raises(ImproperlyConfigured, match="RATE=.* is not a rate"):
        env_rate("RATE", "5/minute")
