"""Design practice in words: the scorer's answer (estimator.engine.design_score) as the result
page, the progress page and the tests read it. Each check and interview step gets a label,
one sentence on what was found (naming the components), and the patterns that fix a miss.
"""

from estimator.present import patterns
from estimator.present.units import fmt_count, fmt_money, fmt_ms, fmt_percent, significant

CHECK_LABELS = {
    "load": "Peak load served",
    "availability": "Availability target",
    "p99": "p99 latency targets",
    "budget": "Monthly budget",
    "write_path_spof": "No single point of failure on the write path",
    "storage": "Storage for the retention period",
}
STEP_LABELS = {
    "requirements": "Requirements",
    "estimates": "Back-of-the-envelope estimates",
    "data_model": "Data model",
    "api_design": "API design",
    "high_level": "High-level design",
    "bottlenecks": "Bottlenecks",
}
# The pattern pages (estimator/present/patterns.json) that fix each miss.
PATTERNS = {
    "load": ("horizontal-scaling", "cache-aside", "queue-based-load-levelling"),
    "availability": ("replicated-load-balanced-services", "active-passive-failover"),
    "p99": ("cache-aside", "horizontal-scaling", "timeouts"),
    "budget": ("auto-scaling", "cdn"),
    "write_path_spof": ("replicated-load-balanced-services", "active-passive-failover",
                        "redundant-load-balancers"),
    "storage": ("sharding", "data-archiving-and-tiering"),
    "high_level": ("cache-aside", "work-queue", "cdn"),
    "bottlenecks": ("horizontal-scaling", "read-replicas"),
}
KIND_WORDS = {
    "entry": "a load balancer or API gateway", "cdn": "a CDN", "cache": "a cache",
    "queue": "a queue", "database": "a database", "object_store": "an object store",
    "search": "a search index", "worker": "workers",
}
TEXT_WORDS = {"functional": "functional requirements", "non_functional":
              "non-functional requirements", "data_model": "a data model",
              "api_design": "an API design"}
ISSUE_WORDS = {"saturated": "saturated", "over_target": "over the utilisation target",
               "spof": "a single point of failure", "storage": "short of storage",
               "memory": "short of memory", "retries": "retries multiply its load"}


def level(score: int) -> str:
    """One word for a score: strong (80 and up), partial (50-79), weak."""
    return "strong" if score >= 80 else "partial" if score >= 50 else "weak"


def _names(rows: list[dict]) -> str:
    names = [f"{row['name']} ({fmt_percent(row['utilization'], 0)} busy)"
             if row.get("utilization") is not None else row["name"] for row in rows]
    return ", ".join(names)


def _not_carried(kinds: list[str]) -> str:
    if len(kinds) == 2:
        return "Your design has no workloads: it carries none of the problem's traffic."
    return (f"Your design has no {kinds[0][:-1]} workload: the problem's {kinds[0]} have no "
            "route through it.")


def _load(details: dict, status: str) -> str:
    if details["missing_kinds"]:
        return _not_carried(details["missing_kinds"])
    if details["saturated"]:
        return (f"Under the problem's peak of {fmt_count(details['peak_rps'])} requests a "
                f"second, saturated: {_names(details['saturated'])}; "
                f"{fmt_percent(details['served_share'], 1)} of requests are served.")
    if details["served_share"] < 0.9999:
        return (f"{fmt_percent(details['served_share'], 2)} of requests are served at peak: "
                "retries or timeouts lose the rest.")
    if details["over_target"]:
        return (f"Every request is served at the peak of {fmt_count(details['peak_rps'])} a "
                f"second, but over the {fmt_percent(details['target_utilization'], 0)} "
                f"utilisation target: {_names(details['over_target'])}.")
    return (f"Every request served at the problem's peak of {fmt_count(details['peak_rps'])} "
            "a second, every component under the utilisation target.")


def _availability(details: dict, status: str) -> str:
    if not details["stated"]:
        return "The problem sets no availability target."
    if details.get("missing_kinds"):
        return _not_carried(details["missing_kinds"])
    said = (f"{fmt_percent(details['actual'], 3)} of requests served against a target of "
            f"{fmt_percent(details['target'], 3)}")
    if status == "met":
        return said + "."
    if details.get("shed"):
        return said + ": most of what is lost is shed at peak (see Peak load served)."
    first = details.get("improve_first")
    return said + (f"; make {first} more available first." if first else ".")


def _p99(details: dict, status: str) -> str:
    if not details["checked"]:
        return "The problem sets no p99 target for these workloads."
    if not details["missed"]:
        return f"All {details['checked']} workloads within their p99 targets."
    parts = [f"no {row['kind'][:-1]} workload" for row in details["missed"]
             if row["workload"] is None]
    parts += [f"{row['workload']} "
             f"{'never completes (saturated)' if row['actual'] is None else fmt_ms(row['actual'])}"
             f" against {fmt_ms(row['target'])}" for row in details["missed"]
              if row["workload"] is not None]
    return "Missed: " + "; ".join(parts) + "."


def _budget(details: dict, status: str) -> str:
    if not details["stated"]:
        return "The problem sets no budget."
    if status != "met" and details["missing_kinds"] and details["actual"] == 0:
        return "Nothing to cost: the design carries none of the problem's traffic."
    said = (f"{fmt_money(details['actual'])} a month against a budget of "
            f"{fmt_money(details['target'])}")
    return said + ("." if status == "met" else ": over budget.")


def _spof(details: dict, status: str) -> str:
    if details["no_write_path"]:
        return "The design has no write workload, so the problem's writes have no path."
    if details["spofs"]:
        return ("Single points of failure on the write path: "
                + ", ".join(row["name"] for row in details["spofs"])
                + " (one instance, or all needed, on every path).")
    return "Every component on the write path has a spare or is managed."


def _storage(details: dict, status: str) -> str:
    years = details["years"]
    if details["nothing_kept"]:
        return ("Nothing in the design keeps the problem's writes (no database or store on "
                "their route).")
    parts = []
    if details["short"]:
        parts.append("short of storage for " + f"{years:g} years: " + ", ".join(
            f"{row['name']} keeps {significant(row['kept'] / row['storage'])}x what it holds"
            for row in details["short"]))
    if details["unsized"]:
        parts.append("no storage stated for "
                     + ", ".join(row["name"] for row in details["unsized"]))
    if not parts:
        return f"Every store holds what it keeps over the {years:g} years."
    return parts[0][0].upper() + "; ".join(parts)[1:] + "."


def _text(details: dict, status: str) -> str:
    if not details["missing"]:
        return "Written."
    return "Missing: " + ", ".join(TEXT_WORDS[name] for name in details["missing"]) + "."


def _estimates(details: dict, status: str) -> str:
    parts = []
    for kind in ("reads", "writes"):
        own, problem = details[f"{kind}_per_day"], details[f"problem_{kind}_per_day"]
        ratio = details["ratios"][kind]
        if ratio is None:
            parts.append(f"no {kind}" if own == 0 else f"{kind} the problem does not have")
        else:
            parts.append(f"{kind} {fmt_count(own)} a day against the problem's "
                         f"{fmt_count(problem)} ({significant(ratio)}x off)"
                         if ratio > 1.0001 else f"{kind} {fmt_count(own)} a day, as the problem")
    return "Your workloads: " + "; ".join(parts) + "."


def _high_level(details: dict, status: str) -> str:
    if not details["missing_kinds"]:
        return "Has every kind of component the reference relies on."
    return ("The reference relies on " + ", ".join(KIND_WORDS[k] for k in details["missing_kinds"])
            + ", which this design lacks (or which carries no load).")


def _bottlenecks(details: dict, status: str) -> str:
    if details["no_traffic"]:
        return "Nothing to judge: the design carries no traffic."
    if not details["issues"]:
        return "No bottleneck under the problem's load."
    return "Left in: " + "; ".join(
        f"{row['name'] or row['key']} {ISSUE_WORDS[row['kind']]}"
        for row in details["issues"]) + "."


SENTENCES = {
    "load": _load, "availability": _availability, "p99": _p99, "budget": _budget,
    "write_path_spof": _spof, "storage": _storage, "requirements": _text,
    "estimates": _estimates, "data_model": _text, "api_design": _text,
    "high_level": _high_level, "bottlenecks": _bottlenecks,
}


def _row(item: dict, labels: dict) -> dict:
    return {
        "key": item["key"], "label": labels[item["key"]], "status": item["status"],
        "points": item["points"], "max": item["max"],
        "text": SENTENCES[item["key"]](item["details"], item["status"]),
        "patterns": [{"slug": slug, "name": patterns.pattern(slug).name}
                     for slug in PATTERNS.get(item["key"], ())] if item["status"] != "met" else [],
    }


def result_rows(result: dict) -> dict:
    """The result page's view of a scorer's answer: `checks` and `steps` rows (label,
    status, points, one sentence, pattern slugs for a miss), `score`, `level`, `missed`
    (labels of what was not met) and `note` when the design could not be put under the
    problem's load."""
    checks = [_row(item, CHECK_LABELS) for item in result["checks"]]
    steps = [_row(item, STEP_LABELS) for item in result["steps"]]
    note = "" if result["under_problem_load"] else (
        "The design could not be scaled to the problem's traffic (its own is too far off): "
        "the checks read its own figures.")
    return {
        "score": result["score"], "max": result["max"], "level": level(result["score"]),
        "checks": checks, "steps": steps, "note": note,
        "missed": [row["label"] for row in checks + steps if row["status"] != "met"],
    }


def problem_targets(document: dict) -> list[dict]:
    """A problem's targets as its page lists them (label, text), from its reference
    design's `slos`: availability, each workload's p99, the monthly budget."""
    slos = document.get("slos", {})
    rows = []
    if "availability" in slos:
        rows.append({"label": "Availability",
                     "text": f"{fmt_percent(slos['availability'])} of requests served"})
    for workload, target in slos.get("p99_ms", {}).items():
        rows.append({"label": f"p99 of {workload}", "text": fmt_ms(target)})
    if "monthly_budget" in slos:
        rows.append({"label": "Monthly budget", "text": fmt_money(slos["monthly_budget"])})
    return rows
