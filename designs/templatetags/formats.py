"""`{% export_formats as formats %}`: (name, label) of every export format, for the menus."""

from django import template

from designs.exports import export_formats as formats_list

register = template.Library()


@register.simple_tag
def export_formats() -> list[tuple[str, str]]:
    return formats_list()
