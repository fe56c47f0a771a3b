"""Section 9 of the report: the handbook's clarifying questions, with this design's answers.

The questions are those of the handbook's interview chapter ("Detailed Guide to System
Design Interviews", seeds/004), stage by stage. Under the ones an estimate depends on,
the report shows what this design assumed, and the table after them says which
assumptions the design set itself and which it took from the engine's defaults.
"""

from designs.reports.blocks import Item, Items, Paragraph, Subheading, Table
from designs.reports.document import parsed_design
from estimator.engine.result import EstimateView
from estimator.present import tables
from estimator.present.empty import nothing_estimated
from estimator.present.units import (
    fmt_bytes,
    fmt_count,
    fmt_fraction,
    fmt_nines,
    fmt_percent,
    significant,
)

SET, DEFAULT = "set in this design", "default"

# (stage, [(question, the assumption it asks about or None)]), in the handbook's words.
QUESTIONS = (
    ("Functional requirements", (
        ("What are the primary features of this system?", "workloads"),
        ("Are there any specific business rules or use cases we should consider?", None),
        ("What are the expected user interactions and workflows?", None),
    )),
    ("Non-functional requirements", (
        ("What are the performance requirements?", "target_utilization"),
        ("What are the uptime and availability expectations?", "availability"),
        ("Are there specific security considerations we need to address?", None),
    )),
    ("Extended requirements", (
        ("Are there any analytics or monitoring requirements?", None),
        ("Do we need to support multiple languages or regions?", None),
    )),
    ("Estimation and constraints", (
        ("What is the estimated number of users or requests per second?", "daily_active_users"),
        ("What is the expected data volume and growth rate?", "sizes"),
        ("What is the read/write ratio of the system?", "read_write_ratio"),
        ("Are there peak times or high traffic scenarios we need to plan for?", "peak_factor"),
    )),
    ("Data model", (
        ("What are the core entities and their relationships (one-to-many, many-to-many)?",
         None),
        ("Which tables, fields and indexes; normalised or denormalised for this use?", None),
        ("SQL or NoSQL, given how structured the data is?", None),
    )),
    ("API design", (
        ("What are the main API endpoints and their responsibilities?", None),
        ("What are the request and response formats?", None),
        ("How will we handle errors and edge cases?", None),
    )),
    ("High-level design", (
        ("Should we use a monolithic or microservices architecture?", None),
        ("What type of load balancing and caching strategies will be used?", "cache_fraction"),
        ("How will data be partitioned and replicated?", "replication_factor"),
    )),
    ("Detailed design", (
        ("How will we implement data partitioning and replication?", None),
        ("What caching strategies will we use to improve performance?", None),
        ("How will we handle data consistency and availability?", None),
    )),
    ("Bottlenecks", (
        ("Are there any single points of failure in the system?", "spof"),
        ("How can we scale the system to handle increased traffic?", "headroom"),
        ("What strategies will we use for load distribution and fault tolerance?", None),
    )),
)


def _source(stated: dict, key: str) -> str:
    return SET if stated.get(key) is not None else DEFAULT


def _sizes(workload, raw: dict) -> tuple[str, str]:
    """One workload's sizes as text, and whether the design set them all."""
    parts = [f"request {fmt_bytes(workload.request_bytes)}",
             f"response {fmt_bytes(workload.response_bytes)}"]
    fields = ["request_bytes", "response_bytes"]
    if workload.kind == "write":
        parts.append(f"stored {fmt_bytes(workload.stored_bytes)}")
        fields.append("stored_bytes")
        if workload.media_fraction:
            parts.append(f"media {fmt_percent(workload.media_fraction)} x "
                         f"{fmt_bytes(workload.media_bytes)}")
    missing = [f for f in fields if raw.get(f) is None]
    source = SET if not missing else f"{DEFAULT} for {', '.join(missing)}"
    return ", ".join(parts), source


def assumption_rows(document: dict, estimate: EstimateView | dict) -> list[dict]:
    """Every assumption the estimate rests on: label, value, source, and set by the design."""
    view = EstimateView.of(estimate)
    design = parsed_design(document)
    stated = document.get("assumptions") or {}
    used = view.assumptions
    ratio = view.traffic.read_write_ratio
    rows = [
        ("daily_active_users", "Daily active users",
         fmt_count(used.daily_active_users) if used.daily_active_users else
         "none: every rate is absolute", _source(stated, "daily_active_users")),
        ("read_write_ratio", "Read:write ratio",
         "no writes" if ratio is None else f"{significant(ratio)}:1", "follows from the workloads"),
    ]
    # Which sizes the design wrote itself: the parsed workload has its defaults filled in.
    raw_workloads = {w.get("name"): w for w in document.get("workloads") or []
                     if isinstance(w, dict)}
    for workload in design.workloads if design else ():
        value, source = _sizes(workload, raw_workloads.get(workload.name, {}))
        rows.append(("sizes", f"Sizes: {workload.name}", value, source))
    rows += [
        ("retention_years", "Retention", f"{significant(used.retention_years)} years",
         _source(stated, "retention_years")),
        ("peak_factor", "Peak factor", f"{significant(used.peak_factor)}x the average",
         _source(stated, "peak_factor")),
        ("replication_factor", "Replication",
         f"{used.replication_factor:g} cop{'y' if used.replication_factor == 1 else 'ies'}"
         " of every stored byte", _source(stated, "replication_factor")),
        ("cache_fraction", "Cache share", f"{fmt_fraction(used.cache_fraction)} of a day's reads",
         _source(stated, "cache_fraction")),
        ("target_utilization", "Target utilisation",
         f"{fmt_fraction(used.target_utilization)} at peak", _source(stated, "target_utilization")),
    ]
    return [{"key": key, "label": label, "value": value, "source": source,
             "explicit": source == SET} for key, label, value, source in rows]


def _answers(document: dict, estimate: EstimateView, rows: list[dict]) -> dict[str, list[tuple]]:
    """What this design assumed, by the assumption a question asks about: (text, whether
    the design set it itself)."""
    answers: dict[str, list[tuple]] = {}
    for row in rows:
        text = f"{row['label']}: {row['value']} ({row['source']})"
        answers.setdefault(row["key"], []).append((text, row["explicit"]))
    workloads = [f"{w.name} ({w.kind})" for w in estimate.traffic.workloads]
    answers["workloads"] = [(f"Workloads: {', '.join(workloads) or 'none'}", False)]
    answers["sizes"] = [  # none per workload in a design without workloads
        *answers.get("sizes", []),
        *answers.pop("retention_years"),
    ]
    if nothing_estimated(estimate):  # no figure to quote: the report says so at its top
        return answers
    table = {r["label"]: r for r in tables.estimate_table(estimate)}
    total = table["Requests per second (total)"]
    answers["daily_active_users"].append(
        (f"Requests per second: {total['exact']} ({total['approx']})", False))
    storage = estimate.storage
    answers["sizes"].append((f"Storage over {significant(storage.years)} years: "
                             f"{fmt_bytes(storage.bytes_total)}", False))
    available = estimate.availability
    answers["availability"] = [(f"This design reaches {fmt_percent(available.overall, 6)} "
                                f"({fmt_nines(available.nines)} nines)", False)]
    spofs = [c.name for c in estimate.components if c.spof]
    answers["spof"] = [(f"Single points of failure: {', '.join(spofs) or 'none'}", False)]
    room = tables.headroom_summary(estimate)
    headroom = (f"Headroom: {room['factor']} before {room['first_saturating']} saturates"
                if room["first_saturating"] else "Headroom: no component has a capacity limit")
    answers["headroom"] = [(headroom, False)]
    return answers


def _stage_items(questions, answers: dict) -> list[Item]:
    items = []
    for question, key in questions:
        notes = [Item(text, highlight=explicit) for text, explicit in answers.get(key, [])]
        items.append(Item(question, children=notes, highlight=bool(notes)))
    return items


def questions_blocks(document: dict, estimate: EstimateView | dict) -> list:
    estimate = EstimateView.of(estimate)
    rows = assumption_rows(document, estimate)
    answers = _answers(document, estimate, rows)
    blocks = [Paragraph("The handbook's checklist of clarifying questions, stage by stage. "
                        "Under the questions an estimate depends on: what this design "
                        "assumed. Ask them before you estimate.")]
    for stage, questions in QUESTIONS:
        blocks += [Subheading(stage), Items(_stage_items(questions, answers))]
    blocks += [
        Subheading("This design's assumptions"),
        Paragraph("Marked rows are the assumptions this design set itself; the others are "
                  "the engine's defaults (see the Help page for their sources).", muted=True),
        Table(["Assumption", "Value", "Source"],
              [[r["label"], r["value"], r["source"]] for r in rows],
              highlight=[r["explicit"] for r in rows]),
    ]
    return blocks

