"""The link from a remedy's name to its page in the pattern library."""

from django import template

from designs.pages.patterns import pattern_url as _pattern_url

register = template.Library()


@register.filter
def pattern_url(remedy_name: str) -> str:
    """{{ remedy.name|pattern_url }}: the pattern page's path, "" for an unknown name."""
    return _pattern_url(str(remedy_name))
