"""The figures an export writes beside each component, where the format can carry them:
kind, instances, and from the estimate peak utilisation and availability; formatted by the
presentation layer's units, so an export reads like the pages."""

from dataclasses import dataclass

from estimator.engine.result import EstimateView
from estimator.present.units import fmt_fraction, fmt_percent


@dataclass(frozen=True)
class ComponentFigures:
    key: str
    name: str
    kind: str
    instances: int
    utilization: str  # "58%" at peak, "" without an estimate or a capacity
    availability: str  # "99.95%", "" without an estimate

    @property
    def line(self) -> str:
        """One line for a label: "service · x12 · 64% at peak · 99.9%"."""
        parts = [self.kind, f"x{self.instances}"]
        if self.utilization:
            parts.append(f"{self.utilization} at peak")
        if self.availability:
            parts.append(self.availability)
        return " · ".join(parts)


def component_figures(document: dict, estimate: EstimateView | None) -> list[ComponentFigures]:
    """Each component of the document in its order, with its figures."""
    rows = {row.key: row for row in estimate.components} if estimate is not None else {}
    available = ({row.key: row.availability for row in estimate.availability.components}
                 if estimate is not None else {})
    figures = []
    for component in document.get("components", []):
        key = component["key"]
        row = rows.get(key)
        utilization = (fmt_fraction(row.utilization) if row is not None
                       and row.utilization is not None and row.capacity_rps is not None else "")
        figures.append(ComponentFigures(
            key=key, name=component.get("name") or key, kind=component["kind"],
            instances=int(component.get("instances", 1)),
            utilization=utilization,
            availability=fmt_percent(available[key]) if key in available else ""))
    return figures
