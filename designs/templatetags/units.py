"""Template filters for figures: the presentation layer's formatting, so templates hold no
arithmetic; and the engine's defaults as text for the editor's hints."""

from django import template

from estimator.present import defaults, units

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


@register.simple_tag
def default_texts() -> dict:
    """estimator.present.defaults.default_texts, for {{ ...|json_script }}."""
    return defaults.default_texts()
