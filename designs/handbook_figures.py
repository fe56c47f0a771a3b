"""What the handbook counted in each of its worked examples, and the figures it published.

The examples (designs/examples/*.json) model whole designs, read paths included; the
handbook's estimates count only some workloads (chapter V: posting tweets, not reading
timelines). The design page's "The handbook's figures" table computes each figure below
from those workloads alone (estimator.engine.counted) and sets it beside the handbook's.
Kept here, beside the examples, rather than in the design document: it describes a
book's arithmetic, not the design.
"""

from dataclasses import dataclass

from estimator.engine.counted import counted_figures
from estimator.present.handbook import handbook_table


@dataclass(frozen=True)
class HandbookFigure:
    path: str  # key path into the counted figures: "traffic.workloads[post tweet].rps"
    value: float  # the handbook's figure
    words: str  # as the handbook says it


@dataclass(frozen=True)
class HandbookExample:
    workloads: tuple[str, ...]  # the workloads the handbook counted
    lines: str  # where in the handbook (seeds/004) its estimates are
    figures: tuple[HandbookFigure, ...]


F = HandbookFigure

HANDBOOK_EXAMPLES = {
    "url-shortener": HandbookExample(("shorten", "redirect"), "lines 4636-4666", (
        F("traffic.write_rps", 40, "writes ~40/s"),
        F("traffic.read_rps", 4_000, "reads ~4,000/s"),
        F("traffic.read_write_ratio", 100, "100:1 read:write"),
        F("bandwidth.ingress_bytes_per_s", 20e3, "incoming ~20 KB/s"),
        F("bandwidth.egress_bytes_per_s", 2e6, "outgoing ~2 MB/s"),
        F("storage.bytes_total", 6e12, "6 TB over 10 years"),
        F("cache.bytes_per_day", 35e9, "cache ~35 GB/day"),
    )),
    "whatsapp": HandbookExample(("send message",), "lines 5218-5240", (
        F("traffic.writes_per_day", 2e9, "2 billion messages/day"),
        F("traffic.write_rps", 24e3, "~24K messages/s"),
        F("storage.text_bytes_per_day", 200e9, "200 GB/day of messages"),
        F("storage.media_bytes_per_day", 10e12, "10 TB/day of media"),
        F("storage.bytes_per_day", 10.2e12, "10.2 TB/day"),
        F("storage.bytes_total", 38e15, "~38 PB over 10 years"),
        F("bandwidth.ingress_bytes_per_s", 120e6, "~120 MB/s"),
    )),
    "twitter": HandbookExample(("post tweet",), "lines 5475-5490", (
        F("traffic.writes_per_day", 1e9, "1 billion tweets/day"),
        F("traffic.write_rps", 12e3, "12K requests/s"),
        F("storage.text_bytes_per_day", 100e9, "100 GB/day of text"),
        F("storage.media_bytes_per_day", 5e12, "5 TB/day of media"),
        F("storage.bytes_total", 19e15, "~19 PB over 10 years"),
        F("bandwidth.ingress_bytes_per_s", 60e6, "ingress ~60 MB/s"),
    )),
    "netflix": HandbookExample(("watch video", "upload video"), "lines 5975-6035", (
        F("traffic.reads_per_day", 1e9, "1 billion views/day"),
        F("traffic.writes_per_day", 5e6, "5 million uploads/day"),
        F("traffic.read_write_ratio", 200, "200:1 read:write"),
        F("traffic.read_rps", 12e3, "12K requests/s"),
        F("storage.bytes_per_day", 500e12, "~500 TB/day"),
        F("storage.bytes_total", 1_825e15, "~1,825 PB over 10 years"),
        F("bandwidth.ingress_bytes_per_s", 5.8e9, "ingress ~5.8 GB/s"),
    )),
    "uber": HandbookExample(("rider and driver actions",), "lines 6388-6445", (
        F("traffic.writes_per_day", 1e9, "1 billion requests/day"),
        F("traffic.total_rps", 12e3, "12K requests/s"),
        F("storage.bytes_per_day", 400e9, "~400 GB/day"),
        F("storage.bytes_total", 1.4e15, "~1.4 PB over 10 years"),
        F("bandwidth.ingress_bytes_per_s", 5e6, "~5 MB/s"),
    )),
}


def handbook_table_of(slug: str, document: dict) -> dict | None:
    """The handbook's figures table of an example's document (with `lines`, where the
    handbook gives them), or None when the slug is no example's or the document no longer
    has every workload the handbook counted."""
    example = HANDBOOK_EXAMPLES.get(slug)
    names = {w.get("name") for w in document.get("workloads", []) if isinstance(w, dict)}
    if example is None or not set(example.workloads) <= names:
        return None
    table = handbook_table(counted_figures(document, list(example.workloads)),
                           example.workloads, example.figures)
    return {**table, "lines": example.lines}
