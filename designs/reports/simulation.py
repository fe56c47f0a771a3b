"""The report's simulation section: the newest finished simulation of the reported version,
its figures beside the analytic ones (estimator.present.simulation, as the design page has
them). Left out when the version was never simulated."""

from designs.reports.blocks import Item, Items, Paragraph, Subheading, Table
from estimator.engine.agreement import agreement
from estimator.engine.result import EstimateView
from estimator.present.simulation import NOTE, beside_tables, simulation_summary

HEADING = ("simulation", "Simulation")


def simulation_blocks(document: dict, estimate: EstimateView, simulation: dict) -> list:
    summary = simulation_summary(simulation)
    tables = beside_tables(agreement(estimate, simulation, document))
    blocks: list = [
        Paragraph(f"Simulated {summary['asked']}: {summary['measured']}, "
                  f"{summary['simulated_time']} of traffic. Served {summary['served']}; lost "
                  f"{summary['lost']}; timeouts {summary['timed_out']}; retries "
                  f"{summary['retries']}."),
        Paragraph(NOTE, muted=True),
    ]
    if summary["ended_early"]:
        blocks.append(Paragraph(summary["ended_early"]))
    blocks.append(Paragraph(tables["verdict"]))
    if tables["reasons"]:
        blocks.append(Items([Item(reason) for reason in tables["reasons"]]))
    return blocks + _workload_blocks(tables) + _component_blocks(tables)


def _workload_blocks(tables: dict) -> list:
    rows, marks = [], []
    for workload in tables["workloads"]:
        for row in workload["rows"]:
            rows.append([workload["name"], row["figure"], row["analytic"], row["simulated"],
                         row["difference"], row["tolerance"]])
            marks.append(row["disagrees"])
    counts = [[w["name"], w["throughput"], w["timed_out"], w["retries"], w["lost"]]
              for w in tables["workloads"]]
    return [
        Subheading("Per workload route: analytic beside simulated"),
        Table(["Workload", "Figure", "Analytic", "Simulated", "Difference", "Tolerance"], rows,
              numeric=[False, False, True, True, True, True], highlight=marks),
        Table(["Workload", "Throughput", "Timeouts", "Retries", "Lost"], counts,
              numeric=[False, True, True, True, True]),
    ]


def _component_blocks(tables: dict) -> list:
    components = tables["components"]
    if not components:
        return []
    rows = [[c["key"], c["analytic"], c["simulated"], c["difference"], c["attempted"],
             c["timed_out"], c["retries"], c["lost"], c["wait"]] for c in components]
    return [
        Subheading(f"Per component: utilisation at peak (tolerance "
                   f"{tables['utilization_tolerance']})"),
        Table(["Component", "Analytic", "Simulated", "Difference", "Attempts", "Timeouts",
               "Retries", "Lost", "Mean wait"], rows,
              numeric=[False] + [True] * 8, highlight=[c["disagrees"] for c in components]),
    ]
