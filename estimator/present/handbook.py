"""The handbook's figures table: a worked example's figures computed from only the
workloads the handbook counted, each beside the handbook's own and the difference."""

from estimator.present.units import exact_rate, fmt_bytes, fmt_count, fmt_fraction, fmt_plain

# The handbook rounds to one or two significant figures: within this it is reproduced.
TOLERANCE = 0.10


def lookup(figures: dict, path: str) -> float:
    """'traffic.workloads[post tweet].rps': keys, and [name] to pick a list item by name."""
    value = figures
    for part in path.split("."):
        key, _, name = part.partition("[")
        value = value[key]
        if name:
            value = next(item for item in value if item["name"] == name.rstrip("]"))
    return value


def _formatted(path: str, value: float) -> str:
    """A figure in its unit, told by its key: rates, bytes a second, bytes, counts, ratios."""
    leaf = path.rsplit(".", 1)[-1]
    if leaf.endswith("rps"):
        return exact_rate(value)
    if leaf.endswith("bytes_per_s"):
        return f"{fmt_bytes(value)}/s"
    if "bytes" in leaf:
        return fmt_bytes(value)
    if leaf.endswith("per_day"):
        return fmt_count(value)
    return fmt_plain(value, 2)


def handbook_table(counted: dict, workloads: list[str], figures: list) -> dict:
    """The rows (figure as the handbook says it, the handbook's value, ours, the
    difference, within the tolerance or not) and the workloads they come from.

    counted: estimator.engine.counted.counted_figures of those workloads; figures: items
    with path, value and words."""
    rows = []
    for figure in figures:
        ours = lookup(counted, figure.path)
        off = ours / figure.value - 1
        rows.append({
            "words": figure.words,
            "key": figure.path,
            "handbook": _formatted(figure.path, figure.value),
            "ours": _formatted(figure.path, ours),
            "value": ours,
            "handbook_value": figure.value,
            # Signed (above or below), and no sign on a difference that rounds to nothing.
            "off": ("+" if round(off * 100, 1) > 0 else "") + fmt_fraction(off, 1),
            "within": abs(off) <= TOLERANCE,
        })
    return {"workloads": list(workloads), "rows": rows,
            "all_within": all(row["within"] for row in rows)}
