"""The blocks a report's content is made of (paragraphs, items, tables, images) and the
content itself (ReportContent: sections of blocks). designs.reports.content and
designs.reports.questions build them; markdown, html and pdf render them.
"""

from dataclasses import dataclass, field


@dataclass
class Paragraph:
    text: str
    kind: str = "paragraph"
    muted: bool = False


@dataclass
class FreeText:
    """The design's own words, Markdown: rendered (and sanitised) by the HTML report and the
    PDF, kept as written by the Markdown report."""

    text: str
    kind: str = "free_text"


@dataclass
class Subheading:
    text: str
    kind: str = "subheading"


@dataclass
class Item:
    text: str
    label: str = ""  # shown in bold before the text
    children: list["Item"] = field(default_factory=list)
    highlight: bool = False
    code: bool = False  # a formula or working, shown as code
    href: str = ""  # the label links there (a remedy's pattern page)


@dataclass
class Items:
    items: list[Item]
    kind: str = "items"
    ordered: bool = False


@dataclass
class Table:
    columns: list[str]
    rows: list[list[str]]
    numeric: list[bool] = field(default_factory=list)  # right-aligned columns
    highlight: list[bool] = field(default_factory=list)  # rows to mark
    kind: str = "table"

    def __post_init__(self):
        self.numeric = self.numeric or [False] * len(self.columns)
        self.highlight = self.highlight or [False] * len(self.rows)

    @property
    def header(self) -> list[dict]:
        return [{"text": c, "numeric": n} for c, n in zip(self.columns, self.numeric, strict=True)]

    @property
    def marked_rows(self) -> list[dict]:
        """Rows with their marks and alignment, for templates."""
        return [
            {"mark": mark,
             "cells": [{"text": t, "numeric": n} for t, n in zip(row, self.numeric, strict=True)]}
            for row, mark in zip(self.rows, self.highlight, strict=True)
        ]


@dataclass
class Image:
    svg: str  # self-contained inline SVG (designs.diagram)
    alt: str
    kind: str = "image"


@dataclass
class Section:
    number: int
    heading: str
    anchor: str
    blocks: list = field(default_factory=list)

    @property
    def title(self) -> str:
        return f"{self.number}. {self.heading}"


@dataclass
class ReportContent:
    """One report's content: numbered sections of blocks, which every format renders."""

    title: str
    version: int
    slug: str
    description: str
    sections: list[Section]
    # Said at the top, before the contents: why the figure sections are left out.
    notice: str = ""

    @property
    def filename_stem(self) -> str:
        return f"{self.slug}-v{self.version}"
