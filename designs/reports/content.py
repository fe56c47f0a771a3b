"""One report's content, built once from a design document and its estimate document.

Every format (Markdown, HTML, PDF) renders this structure and nothing else, so the formats
never disagree. The sections follow the handbook's interview chapter ("Detailed Guide to
System Design Interviews": requirements, estimation and constraints, data model, API
design, high-level design, detailed design, bottlenecks), with availability and the
questions to ask the interviewer added. Figures come formatted from
estimator.present.tables and the estimate's own derivations: no arithmetic here.
"""

from designs.diagram import diagram_svg
from designs.pages.patterns import pattern_url
from designs.reports.blocks import (
    FreeText,
    Image,
    Item,
    Items,
    Paragraph,
    ReportContent,
    Section,
    Subheading,
    Table,
)
from designs.reports.document import parsed_design
from designs.reports.handbook import handbook_blocks
from designs.reports.questions import questions_blocks
from designs.reports.simulation import HEADING as SIMULATION_HEADING
from designs.reports.simulation import simulation_blocks
from estimator.engine.model import Step, Workload
from estimator.engine.result import Bottleneck, Component, EstimateView
from estimator.present import tables
from estimator.present.empty import NOTHING_ESTIMATED_SENTENCE, nothing_estimated
from estimator.present.slos import slo_table
from estimator.present.units import fmt_bytes, fmt_fraction, significant

NOT_STATED = "Not stated."

SECTION_HEADINGS = (
    ("requirements", "Requirements"),
    ("estimation", "Estimation and constraints"),
    ("data-model", "Data model"),
    ("api-design", "API design"),
    ("high-level-design", "High-level design"),
    ("detailed-design", "Detailed design"),
    ("availability", "Availability"),
    ("bottlenecks", "Bottlenecks and their resolutions"),
    ("questions", "Questions to ask the interviewer"),
)
# The sections of figures, left out of the report of a design without workloads (nothing is
# estimated: the report says so at the top); the simulation's section goes with them.
FIGURE_SECTIONS = frozenset({"estimation", "detailed-design", "availability", "bottlenecks"})


def report_content(*, document: dict, estimate: EstimateView | dict, version: int,
                   slug: str, simulation: dict | None = None) -> ReportContent:
    """The content of one version's report: from its document and that version's estimate
    (its view, built here once when given the stored document), and the newest finished
    simulation of that version when there is one (a section of its own, before the
    questions)."""
    estimate = EstimateView.of(estimate)
    empty = nothing_estimated(estimate)
    builders = (
        _requirements, _estimation, _data_model, _api_design, _high_level, _detailed,
        _availability, _bottlenecks, questions_blocks,
    )
    parts = [(anchor, heading, build(document, estimate))
             for (anchor, heading), build in zip(SECTION_HEADINGS, builders, strict=True)
             if not (empty and anchor in FIGURE_SECTIONS)]
    if not empty:  # a handbook example: the handbook's own figures open the estimation
        parts = [(anchor, heading, handbook_blocks(document, slug) + blocks
                  if anchor == "estimation" else blocks) for anchor, heading, blocks in parts]
    if simulation is not None and not empty:
        parts.insert(-1, (*SIMULATION_HEADING, simulation_blocks(document, estimate, simulation)))
    sections = [Section(number, heading, anchor, blocks)
                for number, (anchor, heading, blocks) in enumerate(parts, start=1)]
    return ReportContent(
        title=str(document.get("name") or slug),
        version=version,
        slug=slug,
        description=str(document.get("description") or ""),
        sections=sections,
        notice=NOTHING_ESTIMATED_SENTENCE if empty else "",
    )


def _free_text(text: str | None) -> list:
    text = (text or "").strip()
    return [FreeText(text)] if text else [Paragraph(NOT_STATED, muted=True)]


# ---- 1. requirements, 3. data model, 4. API design: the design's own words ---------------

REQUIREMENT_HEADINGS = (
    ("functional", "Functional requirements"),
    ("non_functional", "Non-functional requirements"),
    ("extended", "Extended requirements"),
)


def _requirements(document: dict, estimate: EstimateView) -> list:
    stated = document.get("requirements") or {}
    blocks = []
    for key, heading in REQUIREMENT_HEADINGS:
        blocks += [Subheading(heading), *_free_text(stated.get(key))]
    return blocks


def _data_model(document: dict, estimate: EstimateView) -> list:
    return _free_text(document.get("data_model"))


def _api_design(document: dict, estimate: EstimateView) -> list:
    return _free_text(document.get("api_design"))


# ---- 2. estimation and constraints --------------------------------------------------------


def _figure_table(rows: list[dict]) -> Table:
    return Table(
        ["Figure", "Exact", "Rounded"],
        [[row["label"], row["exact"], row["approx"]] for row in rows],
        numeric=[False, True, True],
    )


def _estimation(document: dict, estimate: EstimateView) -> list:
    workloads = tables.workload_table(estimate)
    derivations = [d for d in estimate.derivations
                   if not d.key.startswith(("availability.", "overload.", "slos.", "latency.",
                                            "replicas[", "retries."))]
    blocks = [
        Paragraph("The handbook's estimate table: each figure exact, and rounded as in an "
                  "interview (one significant figure, two when the first digit is 1 or 2). "
                  "A day is 86,400 s, a month 30 days; sizes are decimal (1 KB = 1,000 B)."),
        _figure_table(tables.estimate_table(estimate)),
        Subheading("Traffic per workload"),
        Table(
            ["Workload", "Kind", "Requests/s", "Rounded", "Peak", "Per day"],
            [[w["name"], w["kind"], w["rps"], w["rps_approx"], w["peak_rps"], w["per_day"]]
             for w in workloads],
            numeric=[False, False, True, True, True, True],
        ) if workloads else Paragraph("No workloads.", muted=True),
        Subheading("Storage, bandwidth and cache"),
        _figure_table(tables.resource_table(estimate)),
        Subheading("How each figure follows from the inputs"),
    ]
    blocks.append(Items([Item(d.text, label=d.label, code=True) for d in derivations]))
    return blocks + _slos(estimate)


def _slos(estimate: EstimateView) -> list:
    """The design's SLOs met or missed: the design page's rows (estimator.present.slos)."""
    slos = slo_table(estimate)
    blocks: list = [Subheading("SLOs")]
    if not slos["rows"]:
        return blocks + [Paragraph(slos["empty"])]
    rows = slos["rows"]
    blocks += [
        Paragraph(f"{slos['met_count']} met, {slos['missed_count']} missed. {slos['note']}"),
        Table(["Target", "Stated", "Estimate", "Met?", "Margin"],
              [[r["label"], r["stated"], r["estimated"], r["verdict"], r["by"]] for r in rows],
              numeric=[False, True, True, False, True],
              highlight=[not r["ok"] for r in rows]),
    ]
    missed = [r["look_first"] for r in rows if r["look_first"]]
    if missed:
        blocks.append(Items([Item(text, label="Look first") for text in missed]))
    derivations = [r["derivation"] for r in rows if r.get("derivation")]
    if derivations:
        blocks.append(Items([Item(text, code=True) for text in derivations]))
    return blocks


# ---- 5. high-level design -----------------------------------------------------------------


def _component_item(component: Component, notes: str) -> Item:
    count = component.instances
    text = f"{component.kind.replace('_', ' ')}, {count} instance{'s' * (count != 1)}"
    if count > 1:
        text += f" ({component.redundancy})"
    if notes:
        text += f". {notes}"
    return Item(text, label=component.name)


PATHS_LISTED = 10  # a route may make 1,000 alternative paths: the first ones tell the story


def _step_text(step: Step) -> str:
    return step.key if step.fan_out == 1 else f"{step.key} x{significant(step.fan_out)}"


def _route_item(workload: Workload) -> Item:
    """The path load follows, with fan-outs; with alternatives, each path (first ones)."""
    label = f"{workload.name} ({workload.kind})"
    route = " → ".join(map(_step_text, workload.route)) or "no route"
    if len(workload.paths) < 2:
        return Item(route, label=label)
    paths = [Item(" → ".join(path), label=f"path {number}")
             for number, path in enumerate(workload.paths[:PATHS_LISTED], start=1)]
    if len(workload.paths) > PATHS_LISTED:
        paths.append(Item(f"and {len(workload.paths) - PATHS_LISTED:,} more paths"))
    text = f"{route}; available when any of its {len(workload.paths):,} paths works"
    return Item(text, label=label, children=paths)


def _route_items(document: dict) -> list[Item]:
    design = parsed_design(document)
    if design is not None:
        return [_route_item(workload) for workload in design.workloads]
    # A document the engine no longer reads: its routes as the design page shows them.
    return [Item(row["route"] or "no route", label=row["name"])
            for row in tables.route_texts(document)]


def _high_level(document: dict, estimate: EstimateView) -> list:
    notes = {c["key"]: c.get("notes", "") for c in document.get("components", [])}
    components = [_component_item(c, notes.get(c.key, "")) for c in estimate.components]
    flows = _route_items(document)
    return [
        Image(diagram_svg(document, estimate), alt=f"High-level design of {document['name']}"),
        Paragraph("Boxes are filled by peak utilisation; a red dashed border marks a single "
                  "point of failure.", muted=True),
        Subheading("Components"),
        Items(components) if components else Paragraph("No components.", muted=True),
        Subheading("Request flows (each workload's route)"),
        Items(flows) if flows else Paragraph("No workloads.", muted=True),
    ]


# ---- 6. detailed design -------------------------------------------------------------------

COMPONENT_COLUMNS = [
    "Component", "Kind", "Instances", "Capacity each", "Peak load", "Peak use", "Needed",
    "Availability", "SPOF",
]


def _component_row(row: dict) -> list[str]:
    instances = str(row["instances"])
    if row["instances"] != 1:
        instances += f" {row['redundancy']}"
    return [
        row["name"], row["kind"].replace("_", " "), instances, row["capacity"],
        row["peak_load"], row["utilization"], str(row["instances_needed"]),
        row["availability"], "yes" if row["spof"] else "no",
    ]


def _headroom(estimate: EstimateView) -> Paragraph:
    room = tables.headroom_summary(estimate)
    if not room["first_saturating"]:
        return Paragraph("No component has a capacity limit, so no headroom figure.")
    users = "" if room["max_users"] == "—" else f" (about {room['max_users']} daily active users)"
    return Paragraph(f"Headroom: traffic can grow {room['factor']} before "
                     f"{room['first_saturating']} passes 100% utilisation at peak{users}.")


def _detailed(document: dict, estimate: EstimateView) -> list:
    rows = tables.component_table(estimate)
    target = estimate.assumptions.target_utilization
    return [
        Paragraph(f"Each component at peak: the load it receives along the routes, its "
                  f"utilisation, and the instances needed to stay under the "
                  f"{fmt_fraction(target)} target. Marked rows are over the target or single "
                  f"points of failure."),
        Table(
            COMPONENT_COLUMNS,
            [_component_row(row) for row in rows],
            numeric=[False, False, True, True, True, True, True, True, False],
            highlight=[row["level"] != "ok" or row["spof"] for row in rows],
        ) if rows else Paragraph("No components.", muted=True),
        _headroom(estimate),
        *_stores(estimate),
        *_n_plus_one(estimate),
        *_latency(estimate),
        *_growth(estimate),
        *_cost(estimate),
    ]


def _n_plus_one(estimate: EstimateView) -> list:
    verdicts = tables.n_plus_one_by_key(estimate)
    if not verdicts:
        return []
    rows = [[estimate.component_name(key), v["verdict"], v["after"]]
            for key, v in verdicts.items()]
    return [Subheading("N+1: losing one instance"),
            Paragraph("Does peak load still fit at or below 100% with one instance fewer "
                      "(active-passive needs its standby)?"),
            Table(["Component", "N+1", "Peak use after"], rows, numeric=[False, False, True],
                  highlight=[not v["passes"] for v in verdicts.values()])]


def _latency(estimate: EstimateView) -> list:
    latency = tables.latency_tables(estimate)
    rows = [[w["name"], w["mean"], w["p50"], w["p95"], w["p99"]] for w in latency["workloads"]]
    blocks = [Subheading("Latency at peak"),
              Table(["Workload", "Mean", "p50", "p95", "p99"], rows,
                    numeric=[False, True, True, True, True]),
              Paragraph(latency["note"], muted=True)]
    if latency["steep"]:
        blocks.append(Paragraph(f"Latency climbs steeply (over 80% busy) at: "
                                f"{', '.join(latency['steep'])}."))
    derivations = [row["derivation"] for row in latency["workloads"] if row.get("derivation")]
    if derivations:
        blocks.append(Items([Item(text, code=True) for text in derivations]))
    return blocks


def _growth(estimate: EstimateView) -> list:
    growth = tables.growth_summary(estimate)
    rate = "No growth assumed." if growth["no_growth"] else f"Traffic grows {growth['rate']}."
    limits = growth["limits"] or ["No component passes its capacity or storage over the "
                                  "period."]
    return [Subheading("Growth"), Paragraph(rate), Items([Item(m) for m in limits])]


def _cost(estimate: EstimateView) -> list:
    cost = tables.cost_summary(estimate)
    return [
        Subheading("Cost per month"),
        Paragraph(f"Total: {cost['total']} a month ({cost['currency']}): compute "
                  f"{cost['compute']}, storage {cost['storage']} (end of the first year; "
                  f"{cost['storage_at_end']} at the end of the period), egress "
                  f"{cost['egress']}."),
        Paragraph("Prices are AWS on-demand list prices; a design may override them.",
                  muted=True),
    ]


def _importance(estimate: EstimateView) -> list:
    advice = tables.improve_first(estimate)
    if advice is None:
        return []
    rows = [[r["name"], r["if_perfect"], r["gain"]] for r in tables.importance_rows(estimate)]
    return [Subheading("Improve first"), Paragraph(advice),
            Table(["Component", "Availability if perfect", "Gain"], rows,
                  numeric=[False, True, True])]


def _uncertainty(estimate: EstimateView) -> list:
    uncertainty = tables.uncertainty_table(estimate)
    if not uncertainty.get("samples"):
        return []
    rows = [[r["label"], r["p10"], r["p50"], r["p90"]] for r in uncertainty["rows"]]
    return [Subheading("Uncertainty"),
            Paragraph(f"{uncertainty['samples']} seeded runs over the ranged inputs: "
                      f"{', '.join(uncertainty['inputs'])}."),
            Table(["Figure", "P10", "P50", "P90"], rows, numeric=[False, True, True, True])]


def _stores(estimate: EstimateView) -> list:
    """What each store keeps over the retention period, against what it holds."""
    kept = [c for c in estimate.components if c.stored_bytes_total]
    if not kept:
        return []
    rows = [[c.name, fmt_bytes(c.stored_bytes_total), fmt_bytes(c.storage_bytes)]
            for c in kept]
    years = estimate.storage.years
    return [Subheading("Data stores"),
            Table(["Store", f"Kept over {significant(years)} years (one copy)", "Provisioned"],
                  rows, numeric=[False, True, True])]


# ---- 7. availability ----------------------------------------------------------------------


def _availability(document: dict, estimate: EstimateView) -> list:
    summary = tables.availability_summary(estimate)
    overall = estimate.derivation("availability.overall")
    routes = tables.route_availability_rows(document, estimate)
    components = tables.component_availability_rows(estimate)
    blocks = [
        Paragraph(f"Overall availability: {summary['overall']} ({summary['nines']} nines), "
                  f"the design as users see it: each workload's route in series, weighted "
                  f"by its traffic."),
    ]
    if overall:
        blocks.append(Items([Item(overall.text, code=True)]))
    blocks.append(Paragraph(f"Requests served: {summary['requests_served']}, the availability "
                            f"of components up times the share of requests served at peak."))
    served = estimate.derivation("availability.requests_served")
    if served:
        blocks.append(Items([Item(served.text, code=True)]))
    blocks += [
        *_overload(estimate),
        *_retries(estimate),
        Table(["Downtime per", "Time"],
              [[d["period"], d["time"]] for d in summary["downtime"]],
              numeric=[False, True]),
        Paragraph("A year is 365.25 days and a month a twelfth of it.", muted=True),
        Subheading("Each route in series"),
        Table(["Workload", "Route", "In series", "Method", "Nines"],
              [[r["name"], r["route"], r["formula"], r["method"], r["nines"]] for r in routes],
              numeric=[False, False, False, False, True]),
        Subheading("Each component with its instances (parallel, or k of n)"),
        Table(["Component", "Instances", "Redundancy", "Availability", "Nines"],
              [[c["name"], str(c["instances"]), c["redundancy"], c["availability"], c["nines"]]
               for c in components],
              numeric=[False, True, False, True, True]),
        *_importance(estimate),
        *_uncertainty(estimate),
    ]
    return blocks


def _overload(estimate: EstimateView) -> list:
    """Requests served at peak: the design page's rows (estimator.present.overload)."""
    overload = tables.overload_table(estimate)
    blocks: list = [Subheading("Requests served at peak")]
    if not overload["overloaded"]:
        return blocks + [Paragraph(overload["empty"])]
    blocks += [
        Paragraph(f"{overload['served_share']} of peak requests are served. "
                  f"{overload['note']}"),
        Table(["Workload", "Peak", "Served", "Lost"],
              [[w["name"], w["peak"], w["served_share"], w["lost"]]
               for w in overload["workloads"]],
              numeric=[False, True, True, True]),
        Table(["Component", "Offered", "Served", "Shed"],
              [[c["name"], c["offered"], c["served"], c["shed"]]
               for c in overload["components"]],
              numeric=[False, True, True, True],
              highlight=[True] * len(overload["components"])),
    ]
    derivations = [w["derivation"] for w in overload["workloads"] if w.get("derivation")]
    if derivations:
        blocks.append(Items([Item(text) for text in derivations]))
    return blocks


def _retries(estimate: EstimateView) -> list:
    """Retry amplification, when some route step has a timeout or retries (nothing
    otherwise): the design page's rows (estimator.present.retries)."""
    retries = tables.retries_table(estimate)
    if not retries["stated"]:
        return []
    blocks: list = [
        Subheading("Timeouts and retries"),
        Paragraph(retries["note"]),
        Table(["Step", "Timeout", "Retries", "Attempt fails", "Attempts per call", "Calls lost"],
              [[s["label"], s["timeout"], s["retries"],
                s["fails"], s["per_call"], s["lost"]]
               for s in retries["steps"]],
              numeric=[False, True, True, True, True, True]),
    ]
    if retries["components"]:
        blocks.append(Table(["Component", "Peak load without retries", "With them",
                             "Attempts per call"],
                            [[c["name"], c["without"], c["with"], c["factor"]]
                             for c in retries["components"]],
                            numeric=[False, True, True, True]))
    derivations = [row["derivation"] for row in retries["steps"] + retries["components"]
                   if row.get("derivation")]
    if derivations:
        blocks.append(Items([Item(text) for text in derivations]))
    return blocks


# ---- 8. bottlenecks and their resolutions -------------------------------------------------


def _bottleneck_item(bottleneck: Bottleneck) -> Item:
    remedies = [Item(r.why, label=r.name, href=pattern_url(r.name, absolute=True))
                for r in bottleneck.remedies]
    label = f"{bottleneck.severity}, {bottleneck.kind.replace('_', ' ')}"
    return Item(bottleneck.message, label=label, children=remedies,
                highlight=bottleneck.severity == "critical")


def _bottlenecks(document: dict, estimate: EstimateView) -> list:
    found = estimate.bottlenecks
    if not found:
        return [Paragraph("No bottlenecks found at these assumptions."), _headroom(estimate)]
    return [
        Paragraph("Each finding with the patterns that resolve it (as the pattern catalogues "
                  "name them, each linked to its page in the pattern library) and one line "
                  "on why each helps here."),
        Items([_bottleneck_item(b) for b in found], ordered=True),
        _headroom(estimate),
    ]
