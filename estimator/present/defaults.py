"""The engine's defaults as text, for the editor's hints ("default: 10,000")."""

from estimator.engine import defaults
from estimator.present.units import fmt_plain

# Per kind: what the editor shows for a component field left empty.
_BY_KIND = {
    "capacity_rps": defaults.CAPACITY_RPS,
    "availability": defaults.AVAILABILITY,
    "latency_ms": defaults.LATENCY_MS,
    "hit_ratio": defaults.HIT_RATIO,
}


def default_text(value) -> str:
    """A default as the user would type it: 10,000, 0.9999; "no limit" for no capacity."""
    return "no limit" if value is None else fmt_plain(value)


def default_texts() -> dict:
    """Each default of a component field (by kind) and of each assumption, as text."""
    texts = {name: {kind: default_text(value) for kind, value in table.items()}
             for name, table in _BY_KIND.items()}
    texts["assumptions"] = {name: default_text(value)
                            for name, value in defaults.ASSUMPTIONS.items()}
    return texts
