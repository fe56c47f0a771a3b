"""The report as Markdown: one self-contained file, the diagram embedded as a data URI."""

import base64
import re

from designs.reports.blocks import Image, Item, Items, ReportContent, Section, Table

# Underscores inside words (api_gateway) are literal in CommonMark: only those at a word's
# edge could start emphasis.
_SPECIAL = re.compile(r"([\\`*\[\]<>|]|(?<!\w)_|_(?!\w))")


def escape(text: str) -> str:
    """Generated or user-given text as literal Markdown (names may hold * or <)."""
    return _SPECIAL.sub(r"\\\1", text)


def code(text: str) -> str:
    """An inline code span that survives backticks in the text."""
    fence = "`" * (max((len(run) for run in re.findall(r"`+", text)), default=0) + 1)
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def image_data_uri(svg: str) -> str:
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode("ascii")


def _cell(text: str, bold: bool) -> str:
    text = escape(" ".join(str(text).split()))
    return f"**{text}**" if bold and text else text


def _table(table: Table) -> str:
    align = ["---:" if numeric else "---" for numeric in table.numeric]
    lines = ["| " + " | ".join(escape(c) for c in table.columns) + " |",
             "| " + " | ".join(align) + " |"]
    for row, marked in zip(table.rows, table.highlight, strict=True):
        lines.append("| " + " | ".join(_cell(cell, marked) for cell in row) + " |")
    return "\n".join(lines)


def _item(item: Item, bullet: str, indent: str = "") -> list[str]:
    text = code(item.text) if item.code else escape(item.text)
    if item.highlight and not item.code and not item.children:
        text = f"**{text}**"
    label = f"**{escape(item.label)}**: " if item.label else ""
    if item.label and item.href:  # the URL in full: a Markdown file travels without the site
        label = f"**[{escape(item.label)}](<{item.href}>)**: "
    lines = [f"{indent}{bullet} {label}{text}"]
    for child in item.children:  # nested under the parent's text, past its bullet
        lines += _item(child, "-", indent + " " * (len(bullet) + 1))
    return lines


def _items(block: Items) -> str:
    lines = []
    for number, item in enumerate(block.items, start=1):
        lines += _item(item, f"{number}." if block.ordered else "-")
    return "\n".join(lines)


def _block(block) -> str:
    if block.kind == "paragraph":
        return f"_{escape(block.text)}_" if block.muted else escape(block.text)
    if block.kind == "free_text":
        return block.text  # the design's own words, Markdown as they wrote it
    if block.kind == "subheading":
        return f"### {escape(block.text)}"
    if block.kind == "items":
        return _items(block)
    if block.kind == "table":
        return _table(block)
    if isinstance(block, Image):
        return f"![High-level design]({image_data_uri(block.svg)})"
    raise ValueError(f"unknown block {block.kind!r}")


def _section(section: Section) -> str:
    return "\n\n".join([f"## {escape(section.title)}", *map(_block, section.blocks)])


def render_markdown(content: ReportContent) -> str:
    head = [f"# {escape(content.title)}: interview report",
            f"_Version {content.version} of `{content.slug}`, from Design estimator._"]
    if content.description:
        head.append(escape(content.description))
    if content.notice:
        head.append(f"**{escape(content.notice)}**")
    toc = "\n".join(f"{s.number}. {escape(s.heading)}" for s in content.sections)
    parts = [*head, "**Contents**", toc, *map(_section, content.sections)]
    return "\n\n".join(parts) + "\n"
