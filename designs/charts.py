"""Every chart of the app, built with Plotly from estimate documents.

Each function returns a figure as a JSON-serialisable dict ({"data", "layout"}) that the
page hands to plotly.js (`Plotly.newPlot(element, figure.data, figure.layout)`). Values are
read from the estimate's typed view (estimator.engine.result; a document is read into one);
bytes show in decimal units (SI tick labels, hover text from estimator.present.units),
rates per second; titles name figures as the catalogue does (estimator.present.figures).
"""

import json
import textwrap
from datetime import datetime, timedelta

import plotly.graph_objects as go

from estimator.engine.result import EstimateView
from estimator.present.figures import figure
from estimator.present.tables import utilization_level
from estimator.present.units import (
    approx_count,
    exact_rate,
    fmt_bytes,
    fmt_factor,
    fmt_fraction,
    fmt_nines,
    significant,
)

FONT = "system-ui, -apple-system, Segoe UI, Roboto, Helvetica Neue, Arial, sans-serif"
INK, GRID = "#1d2330", "#e6eaf0"
TEXT_COLOUR, MEDIA_COLOUR = "#1f5fbf", "#e0892e"
KIND_COLOURS = {"read": ("#8fb4ea", "#1f5fbf"), "write": ("#f3b877", "#c2610c")}
LEVEL_COLOURS = {"ok": "#3d9a5b", "warm": "#d69a1f", "hot": "#c8372d", "none": "#9aa3b2"}
DESIGN_COLOURS = ("#1f5fbf", "#e0892e", "#3d9a5b", "#8e5cc4", "#c8372d", "#4aa3b8")
TARGET_COLOUR, LIMIT_COLOUR = "#9a6200", "#b3261e"


def _figure(fig: go.Figure) -> dict:
    return json.loads(fig.to_json())


# Plotly's toolbar (the modebar, shown on hover or tap) sits in the top right corner, 26 px
# tall: the title starts below it, so on a narrow chart the toolbar never covers the title.
MODEBAR_ROOM = 34
LEGEND_ROOM = 28


def _layout(title: str, **extra) -> dict:
    # No legend: no room kept for it under the x axis.
    legend_room = 0 if extra.get("showlegend") is False else LEGEND_ROOM
    layout = {
        "template": "none",
        "title": {"text": title, "x": 0, "xanchor": "left", "font": {"size": 15},
                  "yref": "container", "y": 1, "yanchor": "top", "pad": {"t": MODEBAR_ROOM}},
        "font": {"family": FONT, "size": 12, "color": INK},
        "paper_bgcolor": "#ffffff",
        "plot_bgcolor": "#ffffff",
        "margin": {"l": 64, "r": 24, "t": MODEBAR_ROOM + 40, "b": 56 + legend_room},
        "height": 340,
        # At the chart's foot, below the x axis's title (at 390 px a legend placed by the
        # plot's height ran into it).
        "legend": {"orientation": "h", "x": 0, "y": 0, "yref": "container", "yanchor": "bottom"},
        "hoverlabel": {"font": {"family": FONT}},
        # A bar's label that would shrink below 9 px (narrow bars at 390 px) is left to the
        # hover instead of printed too small to read.
        "uniformtext": {"minsize": 9, "mode": "hide"},
    }
    return layout | extra


def _axis(title: str = "", **extra) -> dict:
    axis = {"title": {"text": title}, "gridcolor": GRID, "zeroline": False, "automargin": True,
            "linecolor": GRID}
    return axis | extra


BYTES_AXIS = {"tickformat": "~s", "ticksuffix": "B"}  # SI prefixes: 6T -> "6TB"
RATE_AXIS = {"tickformat": "~s", "ticksuffix": "/s"}


def _line(value: float, label: str, colour: str, axis: str = "x",
          side: str = "left") -> tuple[dict, dict]:
    """A reference line across the plot at `value` of the x (or y) axis, and its label."""
    other = "y" if axis == "x" else "x"
    shape = {"type": "line", "xref": "x" if axis == "x" else "paper",
             "yref": "paper" if axis == "x" else "y",
             f"{axis}0": value, f"{axis}1": value, f"{other}0": 0, f"{other}1": 1,
             "line": {"color": colour, "width": 1.5, "dash": "dash"}}
    note = {"text": label, "showarrow": False, "font": {"color": colour, "size": 11},
            "bgcolor": "rgba(255, 255, 255, 0.85)",  # readable where it crosses a bar
            "xref": shape["xref"], "yref": shape["yref"],
            "x": value if axis == "x" else 1, "y": 1 if axis == "x" else value,
            "xanchor": side if axis == "x" else "right", "yanchor": "bottom"}
    return shape, note


# ---- the design page ------------------------------------------------------------------------


def storage_growth(estimate: EstimateView | dict) -> dict:
    """Storage kept at the end of each year of the retention period, text and media stacked
    (replication included, as the estimate states it)."""
    storage = EstimateView.of(estimate).storage
    by_year = storage.by_year
    years = [row.year for row in by_year]
    parts = [("Text", "text_bytes", TEXT_COLOUR)]
    if any(row.media_bytes for row in by_year):
        parts.append(("Media", "media_bytes", MEDIA_COLOUR))
    traces = [
        go.Bar(
            name=name, x=years, y=[getattr(row, field) for row in by_year], marker_color=colour,
            customdata=[fmt_bytes(getattr(row, field)) for row in by_year],
            hovertemplate=f"Year %{{x:g}}: %{{customdata}}<extra>{name}</extra>",
        )
        for name, field, colour in parts
    ]
    title = (f"Storage kept over {significant(storage.years)} years "
             f"(replication x{storage.replication_factor:g})")
    ticks = {"dtick": 1} if len(years) <= 20 else {}
    layout = _layout(title, barmode="stack", xaxis=_axis("Year", **ticks),
                     yaxis=_axis("Stored, all copies", **BYTES_AXIS))
    return _figure(go.Figure(traces, layout))


def _two_lines(name: str, width: int = 18) -> str:
    """A long axis label on at most two lines of about `width` characters, the rest cut
    with "…" (the hover has the whole name): at 390 px one-line names left the bars a third
    of the chart, and a name of a hundred characters took Plotly's automatic margins past
    the chart's height (its "axis scaling" error)."""
    lines = textwrap.wrap(name, width, break_long_words=True) or [name]
    if len(lines) == 1:
        return lines[0]
    rest = " ".join(lines[1:])
    second = rest if len(rest) <= width + 4 else rest[:width].rstrip() + "…"
    return "<br>".join([lines[0], second])


def utilization(estimate: EstimateView | dict) -> dict:
    """Peak utilisation of each component with a capacity, against the target and 100%."""
    view = EstimateView.of(estimate)
    target = view.assumptions.target_utilization
    components = [c for c in view.components if c.utilization is not None]
    bar = go.Bar(
        orientation="h",
        x=[c.utilization for c in components],
        y=[c.key for c in components],
        marker_color=[LEVEL_COLOURS[utilization_level(c.utilization, target)]
                      for c in components],
        text=[fmt_fraction(c.utilization) for c in components],
        textposition="outside",
        cliponaxis=False,
        customdata=[[view.component_name(c.key), exact_rate(c.peak_load_rps), c.instances]
                    for c in components],
        hovertemplate=("%{customdata[0]}: %{x:.1%} at peak<br>%{customdata[1]} over "
                       "%{customdata[2]} instances<extra></extra>"),
        name="Peak utilisation",
    )
    # The target's label ends at its line and 100%'s starts at its own: on a narrow chart the
    # two lines are close, and labels on the same side overlapped.
    target_line, target_note = _line(target, f"target {fmt_fraction(target)}", TARGET_COLOUR,
                                     side="right")
    full_line, full_note = _line(1, "100%", LIMIT_COLOUR)
    layout = _layout(
        "Peak utilisation per component",
        height=max(220, 110 + 34 * len(components)) + MODEBAR_ROOM,
        showlegend=False,
        xaxis=_axis("Utilisation at peak", tickformat=".0%", rangemode="tozero"),
        yaxis=_axis(autorange="reversed", tickmode="array",
                    tickvals=[c.key for c in components],
                    ticktext=[_two_lines(view.component_name(c.key)) for c in components]),
        shapes=[target_line, full_line],
        annotations=[target_note, full_note],
        margin={"l": 64, "r": 48, "t": MODEBAR_ROOM + 48, "b": 48},
    )
    if not components:
        layout["annotations"] = [{"text": "No component has a capacity limit.",
                                  "showarrow": False, "xref": "paper", "yref": "paper",
                                  "x": 0.5, "y": 0.5}]
        layout["shapes"] = []
    return _figure(go.Figure([bar], layout))


def traffic(estimate: EstimateView | dict) -> dict:
    """Requests per second of each workload, average and peak, reads and writes apart."""
    workloads = EstimateView.of(estimate).traffic.workloads
    traces = []
    for kind, (light, dark) in KIND_COLOURS.items():
        rows = [w for w in workloads if w.kind == kind]
        if not rows:
            continue
        for label, field, colour in (("average", "rps", light), ("peak", "peak_rps", dark)):
            values = [getattr(w, field) for w in rows]
            traces.append(go.Bar(
                name=f"{kind.capitalize()} · {label}",
                x=[w.name for w in rows],
                y=values,
                offsetgroup=label,
                marker_color=colour,
                text=[approx_count(value) + "/s" for value in values],
                textposition="outside",
                cliponaxis=False,
                customdata=[exact_rate(value) for value in values],
                hovertemplate=f"%{{x}} ({kind}, {label}): %{{customdata}}<extra></extra>",
            ))
    order = {"categoryorder": "array", "categoryarray": [w.name for w in workloads],
             "tickmode": "array", "tickvals": [w.name for w in workloads],
             "ticktext": [_two_lines(w.name, 24) for w in workloads]}
    rps = figure("traffic.total_rps").label
    layout = _layout(f"{rps} per workload", barmode="group",
                     xaxis=_axis(**order), yaxis=_axis(rps, **RATE_AXIS))
    return _figure(go.Figure(traces, layout))


def growth(estimate: EstimateView | dict) -> dict | None:
    """Peak requests per second (bars) and storage kept (line, right axis) per year of
    the growth section; None when it has no year."""
    section = EstimateView.of(estimate).growth
    years = section.years
    if not years:
        return None
    # Numbers under a "Year" title: at 390 px "year 1" ... stood on end over the legend.
    labels = [y.year for y in years]
    peak = go.Bar(x=labels, y=[y.peak_rps for y in years], name="Peak requests/s",
                  marker_color=TEXT_COLOUR,
                  hovertext=[exact_rate(y.peak_rps) for y in years], hoverinfo="text")
    kept = go.Scatter(x=labels, y=[y.storage_cumulative_bytes for y in years],
                      name="Storage kept", yaxis="y2", mode="lines+markers",
                      line={"color": MEDIA_COLOUR},
                      hovertext=[fmt_bytes(y.storage_cumulative_bytes) for y in years],
                      hoverinfo="text")
    rate = section.rate
    layout = _layout(f"Growth at {fmt_fraction(rate)} a year", xaxis=_axis("Year", dtick=1),
                     # From zero, both: an axis starting at year 1's figure makes 10 %
                     # growth look like tenfold.
                     yaxis=_axis("Peak", rangemode="tozero", **RATE_AXIS),
                     yaxis2=_axis("Stored", overlaying="y", side="right", showgrid=False,
                                  rangemode="tozero",
                                  **(BYTES_AXIS | {"tickformat": ".3~s"})))
    return _figure(go.Figure([peak, kept], layout))


def design_charts(estimate: EstimateView | dict) -> dict[str, dict]:
    """The design page's three charts."""
    view = EstimateView.of(estimate)
    return {
        "storage": storage_growth(view),
        "utilization": utilization(view),
        "traffic": traffic(view),
    }


# ---- the compare page -----------------------------------------------------------------------


def _unique(names: list[str]) -> list[str]:
    """Names as distinct categories: a repeated name gets " (2)", " (3)", ..."""
    seen: dict[str, int] = {}
    labels = []
    for name in names:
        seen[name] = seen.get(name, 0) + 1
        labels.append(name if seen[name] == 1 else f"{name} ({seen[name]})")
    return labels


def _names_axis(labels: list[str]) -> dict:
    """An x axis of designs' names, each shown on at most two short lines."""
    return _axis(tickmode="array", tickvals=labels, ticktext=[_two_lines(n, 24) for n in labels])


def _design_bar(labels: list[str], values: list, texts: list[str], **extra) -> go.Bar:
    return go.Bar(
        x=labels, y=values, text=texts, textposition="outside", cliponaxis=False,
        marker_color=[DESIGN_COLOURS[i % len(DESIGN_COLOURS)] for i in range(len(labels))],
        customdata=texts, hovertemplate="%{x}: %{customdata}<extra></extra>", **extra,
    )


def _compare_rps(labels: list[str], views: list[EstimateView]) -> dict:
    traces = []
    for name, path, colour in (("Average", "traffic.total_rps", "#8fb4ea"),
                               ("Peak", "traffic.peak_rps", "#1f5fbf")):
        values = [view.figure(path) for view in views]
        traces.append(go.Bar(
            name=name, x=labels, y=values, marker_color=colour,
            text=[approx_count(value) + "/s" for value in values],
            textposition="outside", cliponaxis=False,
            customdata=[exact_rate(value) for value in values],
            hovertemplate=f"%{{x}} ({name.lower()}): %{{customdata}}<extra></extra>"))
    rps = figure("traffic.total_rps").label
    layout = _layout(rps, barmode="group", xaxis=_names_axis(labels),
                     yaxis=_axis(rps, **RATE_AXIS))
    return _figure(go.Figure(traces, layout))


def _compare_storage(labels: list[str], views: list[EstimateView]) -> dict:
    texts = [f"{fmt_bytes(v.storage.bytes_total)} over {significant(v.storage.years)} years"
             for v in views]
    bar = _design_bar(labels, [v.storage.bytes_total for v in views], texts)
    layout = _layout(figure("storage.bytes_total").label, showlegend=False,
                     xaxis=_names_axis(labels),
                     yaxis=_axis("Stored, all copies", **BYTES_AXIS))
    return _figure(go.Figure([bar], layout))


def _compare_nines(labels: list[str], views: list[EstimateView]) -> dict:
    nines = [v.availability.nines for v in views]
    bar = _design_bar(labels, nines, [fmt_nines(n) for n in nines])
    layout = _layout("Availability in nines", showlegend=False, xaxis=_names_axis(labels),
                     yaxis=_axis(figure("availability.nines").label, rangemode="tozero"))
    return _figure(go.Figure([bar], layout))


def _compare_headroom(labels: list[str], views: list[EstimateView]) -> dict:
    factors = [v.headroom.factor for v in views]
    texts = ["no limit" if f is None else fmt_factor(f) for f in factors]
    line, note = _line(1, "saturated below 1x", LIMIT_COLOUR, axis="y")
    layout = _layout("Headroom: traffic growth to saturation",
                     showlegend=False, xaxis=_names_axis(labels),
                     yaxis=_axis("Growth factor", ticksuffix="x", rangemode="tozero"),
                     shapes=[line], annotations=[note])
    return _figure(go.Figure([_design_bar(labels, factors, texts)], layout))


def compare_bars(names: list[str], estimates: list[EstimateView | dict]) -> dict[str, dict]:
    """Grouped bars of several designs' headline figures, in the order given: requests per
    second (average and peak), storage over the period, availability in nines, headroom."""
    labels = _unique(names)
    views = [EstimateView.of(estimate) for estimate in estimates]
    return {
        "rps": _compare_rps(labels, views),
        "storage": _compare_storage(labels, views),
        "nines": _compare_nines(labels, views),
        "headroom": _compare_headroom(labels, views),
    }


# ---- the progress page ----------------------------------------------------------------------


def progress(estimate_points: list[tuple[str, float, str]],
             design_points: list[tuple[str, float, str]]) -> dict | None:
    """A user's attempts over time: each estimate practice as the share of its estimates
    within 2x (0-100) and each design practice as its score (0-100). Points are (ISO time,
    value, hover text); None when there is none."""
    if not estimate_points and not design_points:
        return None
    fig = go.Figure()
    for points, name, colour, symbol in (
            (estimate_points, "Estimates within 2x (%)", DESIGN_COLOURS[0], "circle"),
            (design_points, "Design score (of 100)", DESIGN_COLOURS[1], "diamond")):
        if points:
            fig.add_trace(go.Scatter(
                x=[p[0] for p in points], y=[p[1] for p in points], text=[p[2] for p in points],
                name=name, mode="lines+markers", line={"color": colour},
                marker={"symbol": symbol, "size": 9},
                hovertemplate="%{text}: %{y:.0f}<extra></extra>"))
    # Attempts minutes apart would get an axis in milliseconds: at least a day is shown.
    times = sorted(datetime.fromisoformat(p[0]) for p in estimate_points + design_points)
    middle, span = times[0] + (times[-1] - times[0]) / 2, max(times[-1] - times[0],
                                                               timedelta(days=1))
    window = [(middle - span * 0.55).isoformat(), (middle + span * 0.55).isoformat()]
    fig.update_layout(**_layout(
        "Your attempts over time", showlegend=True,
        xaxis=_axis("When", type="date", range=window, tickformat="%-d %b\n%H:%M"),
        yaxis=_axis("Score", range=[0, 105])))
    return _figure(fig)
