"""The interview-prep report of a design, in four formats from one source of content.

content.report_content() assembles the sections once (a blocks.ReportContent); markdown,
html and pdf render that structure; json is the design and estimate documents themselves.
A design without workloads has nothing estimated: each format says so at the top, and the
three rendered ones leave out the sections of figures.
The Report model (designs.models) is one such file, kept.
"""

import json
from dataclasses import dataclass

from estimator.present.empty import NOTHING_ESTIMATED_SENTENCE, nothing_estimated


@dataclass(frozen=True)
class Format:
    extension: str
    content_type: str
    label: str


FORMATS = {
    "md": Format("md", "text/markdown; charset=utf-8", "Markdown"),
    "html": Format("html", "text/html; charset=utf-8", "HTML"),
    "pdf": Format("pdf", "application/pdf", "PDF"),
    "json": Format("json", "application/json", "JSON"),
}


def render(fmt: str, *, document: dict, estimate: dict, version: int, slug: str,
           simulation: dict | None = None) -> bytes:
    """The report of one version of a design in `fmt` (a key of FORMATS), as bytes; with the
    newest finished simulation of that version (its document) when there is one."""
    if fmt == "json":
        # The documents whole, as the API gives them; a design without workloads says first
        # that its estimate holds no figure of a request.
        notice = {"notice": NOTHING_ESTIMATED_SENTENCE} if nothing_estimated(estimate) else {}
        bundle = {**notice, "design": document, "estimate": estimate, "version": version}
        if simulation is not None:
            bundle["simulation"] = simulation
        return json.dumps(bundle, indent=2, ensure_ascii=False).encode()
    from designs.reports.content import report_content
    from designs.reports.html import render_html
    from designs.reports.markdown import render_markdown

    content = report_content(document=document, estimate=estimate, version=version, slug=slug,
                             simulation=simulation)
    if fmt == "pdf":
        from designs.reports.pdf import render_pdf  # WeasyPrint loads only for PDFs

        return render_pdf(content)
    if fmt == "html":
        return render_html(content).encode()
    if fmt == "md":
        return render_markdown(content).encode()
    raise ValueError(f"unknown report format {fmt!r}")

def filename(slug: str, version: int, fmt: str) -> str:
    return f"{slug}-v{version}.{FORMATS[fmt].extension}"
