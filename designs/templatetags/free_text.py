"""The `markdown` filter: a design's free text (Markdown) as sanitised HTML, rendered by
estimator.present.free_text (which escapes or strips any markup the text holds)."""

from django import template
from django.utils.safestring import SafeString, mark_safe

from estimator.present.free_text import markdown_html

register = template.Library()


@register.filter
def markdown(text: str | None) -> SafeString:
    return mark_safe(markdown_html(text))  # noqa: S308 - nh3 cleaned it
