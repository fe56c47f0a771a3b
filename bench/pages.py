"""How long the design page's view-model takes: the estimate read into its typed view once,
every table formatted, the diagram and the charts built (no database, no HTML).

    python bench/pages.py [--repeat N]

For each handbook example and the largest shape of tests/design_shapes.py (1,000
components). The page's own HTML rendering is measured by bench/stack.py on the real stack.
"""

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django  # noqa: E402

django.setup()

from designs.example_files import example_paths  # noqa: E402
from designs.models import Design, Estimate  # noqa: E402
from designs.pages import design_page  # noqa: E402
from estimator.engine import estimate  # noqa: E402
from tests.design_shapes import SHAPES  # noqa: E402


def documents() -> dict[str, dict]:
    found = {path.stem: json.loads(path.read_text()) for path in example_paths()}
    found["1000-components"] = SHAPES["1000-components"]
    return found


def page_time(document: dict, repeat: int) -> list[float]:
    """Seconds to build the page's figures from a done estimate, `repeat` times (unsaved rows:
    the view-model reads no database when handed the estimate)."""
    design = Design(name="bench", slug="bench", document=document, version=1)
    done = Estimate(design=design, design_version=1, status=Estimate.Status.DONE,
                    input=document, result=estimate(document))
    times = []
    for _ in range(repeat + 1):
        started = time.perf_counter()
        page = design_page.DesignPage(design=design)
        design_page._show(page, done)
        design_page.design_page_figures(page)
        times.append(time.perf_counter() - started)
    return times[1:]  # the first run fills caches (templates, the view's converters)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=15)
    args = parser.parse_args()
    print(f"{'design':<20} {'median ms':>10} {'best ms':>8}")
    for name, document in documents().items():
        times = page_time(document, args.repeat)
        print(f"{name:<20} {statistics.median(times) * 1000:>10.1f} "
              f"{min(times) * 1000:>8.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
