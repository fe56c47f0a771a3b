"""Template filters for figures: the engine's formatting, so templates hold no arithmetic."""

from django import template

from estimator.present import units

register = template.Library()

for _name in (
    "fmt_bytes",
    "approx_bytes",
    "fmt_count",
    "approx_count",
    "fmt_percent",
    "fmt_duration",
    "fmt_nines",
):
    register.filter(_name, getattr(units, _name))
