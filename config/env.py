"""Typed readers of environment variables that fail loudly on a malformed value.

A typo such as DEBUG=ture must stop the process at start-up, not quietly
pick a default. Each reader returns the default only when the variable is
unset or empty.
"""

import os

from django.core.exceptions import ImproperlyConfigured

TRUE = ("1", "true", "yes", "on")
FALSE = ("0", "false", "no", "off")


def env_str(name: str, default: str) -> str:
    return os.environ.get(name, "").strip() or default


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name, "").strip().lower()
    if not value:
        return default
    if value in TRUE:
        return True
    if value in FALSE:
        return False
    raise ImproperlyConfigured(f"{name}={value!r} is not a boolean: use one of {TRUE + FALSE}")


def env_list(name: str, default: list[str]) -> list[str]:
    value = os.environ.get(name, "").strip()
    if not value:
        return list(default)
    items = [item.strip() for item in value.split(",")]
    if not all(items):
        raise ImproperlyConfigured(f"{name}={value!r} has an empty item: use a comma list")
    return items


def env_number(name: str, default: float, *, minimum: float = 0) -> float:
    value = os.environ.get(name, "").strip()
    if not value:
        return default
    try:
        number = float(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name}={value!r} is not a number") from None
    if not number >= minimum:  # also rejects NaN
        raise ImproperlyConfigured(f"{name}={value!r} must be at least {minimum:g}")
    return number


RATE_PERIODS = ("second", "minute", "hour", "day")


def env_rate(name: str, default: str) -> str:
    """A request rate as Django REST framework reads it: `<count>/<second|minute|hour|day>`."""
    value = os.environ.get(name, "").strip().lower()
    if not value:
        return default
    count, _, period = value.partition("/")
    if not (count.isdigit() and int(count) > 0 and period in RATE_PERIODS):
        periods = "|".join(RATE_PERIODS)
        raise ImproperlyConfigured(
            f"{name}={value!r} is not a rate: use <count>/<{periods}>, e.g. 60/minute"
        )
    return value
