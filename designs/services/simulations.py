"""Simulations: asking for one (settings checked, queued for a worker) and running one (the
worker's part: estimator.engine.simulate, its progress written to the row as it goes).

A simulation is of the design's current version, with the settings it was asked with;
a design keeps every simulation asked for, the newest first.
"""

import json
import logging
import math
import time

from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings
from django.db import DatabaseError, transaction

from designs.models import Design, Report, Simulation
from designs.services.claims import run_claimed
from designs.services.queueing import hand_to_worker
from estimator.engine import DesignError, validate
from estimator.engine.simulate import (
    DEFAULT_REQUESTS,
    MAX_MULTIPLE,
    MAX_REQUESTS,
    SimulationError,
    simulate,
)

logger = logging.getLogger(__name__)

TASK = "designs.tasks.run_simulation"
MAX_SEED = 2**63 - 1  # the engine's bound
PROGRESS_INTERVAL = 0.5  # seconds between two writes of a running simulation's progress


def simulation_settings(
    document: dict, *, requests=DEFAULT_REQUESTS, multiple=1.0, seed=0, failed=()
) -> dict:
    """The settings as stored, once checked against the engine's bounds and the design's
    components, before a worker runs it; raises the engine's SimulationError naming the
    first bad one (requests, multiple, seed, failed), as the engine itself would."""
    return {
        "requests": _whole("requests", requests, 1, MAX_REQUESTS),
        "multiple": _multiple(multiple),
        "seed": _whole("seed", seed, 0, MAX_SEED),
        "failed": _failed(document, failed),
    }


def _whole(field: str, value, low: int, high: int) -> int:
    if isinstance(value, float) and value.is_integer() and abs(value) <= 2**63:
        value = int(value)  # 1000.0 is a whole number, as the engine takes it
    if isinstance(value, bool) or not isinstance(value, int):
        raise SimulationError(field, "must be a whole number")
    if not low <= value <= high:
        raise SimulationError(field, f"must be from {low:,} to {high:,}")
    return value


def _multiple(value) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise SimulationError("multiple", "must be a number")
    if not math.isfinite(value) or not 0 < value <= MAX_MULTIPLE:
        raise SimulationError("multiple", f"must be above 0 and at most {MAX_MULTIPLE:g}")
    return float(value)


def _failed(document: dict, failed) -> list[str]:
    if isinstance(failed, str) or not isinstance(failed, list | tuple):
        raise SimulationError("failed", "must be a list of component keys")
    keys = {c.get("key") for c in document.get("components", []) if isinstance(c, dict)}
    for key in failed:
        if not isinstance(key, str) or key not in keys:
            raise SimulationError("failed", f"{key!r} is not a component of the design")
    if len(set(failed)) != len(failed):
        raise SimulationError("failed", "names a component twice")
    return list(failed)


def simulation_request(*, design: Design, **asked) -> Simulation:
    """A new simulation of the design's current version with the settings asked (requests,
    multiple, seed, failed; the engine's defaults for those left out), queued for a worker
    (run now without one). Raises SimulationError for a bad setting, DesignError for a
    document the engine refuses."""
    errors = validate(design.document)
    if errors:
        raise DesignError(errors)
    checked = simulation_settings(design.document, **asked)
    with transaction.atomic():
        simulation = Simulation.objects.create(
            design=design, design_version=design.version, settings=checked,
            input=design.document,
        )
        simulation_enqueue(simulation.pk)
    simulation.refresh_from_db(fields=_WORK_FIELDS)  # run already when in-process
    return simulation


_WORK_FIELDS = ["status", "progress", "result", "error", "attempts", "sweeps", "queued_at",
                "started_at", "finished_at"]


def simulation_enqueue(simulation_id: int) -> None:
    """Hand the simulation to a worker (run it in-process without a broker)."""
    hand_to_worker(TASK, lambda pk: simulation_run(simulation_id=pk), simulation_id)


class ProgressWriter:
    """The engine's progress callback: writes the fraction done to the row (that field only),
    at most once every PROGRESS_INTERVAL seconds, while the simulation is running."""

    def __init__(self, simulation_id: int, interval: float | None = None):
        self.simulation_id = simulation_id
        self.interval = PROGRESS_INTERVAL if interval is None else interval
        self.written_at = -math.inf

    def __call__(self, fraction: float) -> None:
        now = time.monotonic()
        if now - self.written_at < self.interval:
            return
        self.written_at = now
        Simulation.objects.filter(pk=self.simulation_id, status=Simulation.Status.RUNNING).update(
            progress=min(max(float(fraction), 0.0), 1.0)
        )


def simulation_run(*, simulation_id: int) -> Simulation | None:
    """Run one queued simulation with the engine and store its document.

    Claimed with a conditional update as estimates are: never run by two workers at once;
    one left running past the task time limit may be claimed again. Done, it makes the kept
    reports of its version stale: they are dropped, to be built again with it."""
    simulation = run_claimed(Simulation, simulation_id, _simulated, claim={"progress": 0.0})
    if simulation is not None and simulation.status == Simulation.Status.DONE:
        _drop_reports(simulation)
    return simulation


def _drop_reports(simulation: Simulation) -> None:
    """The finished reports of its version no longer show the newest simulation: dropped,
    they are built again when asked for (one being built is left to finish)."""
    Report.objects.filter(
        design_id=simulation.design_id, design_version=simulation.design_version,
        status__in=[Report.Status.DONE, Report.Status.FAILED],
    ).delete()


def _simulated(simulation: Simulation) -> dict:
    """The fields of a finished simulation: done with its document, or failed saying why."""
    try:
        result = simulate(  # the settings as simulation_settings stored them
            simulation.input, **simulation.settings,
            wall_seconds=settings.SIMULATION_WALL_SECONDS,
            progress=ProgressWriter(simulation.pk),
        )
    except SimulationError as error:
        return {"status": Simulation.Status.FAILED, "error": str(error)}
    except DesignError as error:
        return {"status": Simulation.Status.FAILED, "error": "\n".join(map(str, error.errors))}
    except (SoftTimeLimitExceeded, DatabaseError):
        raise
    except Exception as error:  # a simulator bug: the user sees that it failed, the log why
        logger.exception("the simulator failed on simulation %s", simulation.pk)
        return {"status": Simulation.Status.FAILED,
                "error": f"the simulator failed ({type(error).__name__}): please report it"}
    try:
        json.dumps(result, allow_nan=False)
    except ValueError:  # a simulator bug: report it on the simulation, never store NaN
        logger.error("simulation produced a non-finite number", exc_info=True)
        return {"status": Simulation.Status.FAILED,
                "error": "the simulator produced a number that is not finite: please report it"}
    return {"status": Simulation.Status.DONE, "result": result, "progress": 1.0, "error": ""}
