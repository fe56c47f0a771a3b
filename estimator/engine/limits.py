"""Limits on a design document, so that one request cannot exhaust a worker and every figure
the engine computes from an accepted document is a finite number.

The bounds are chosen so that the largest products the estimate forms (daily users x actions x
bytes x fan-out x days x years x copies, prices x instances x components) stay far below the
largest float (1.8e308), and so that no computation grows with a number the user typed:
docs/design-document.md ("Limits") explains each.
"""

MAX_DOCUMENT_BYTES = 2_000_000  # the document as compact UTF-8 JSON (model.document_bytes)
MAX_COMPONENTS = 10_000
MAX_WORKLOADS = 1_000
MAX_LINKS = 50_000
MAX_ROUTE_STEPS = 100
MAX_NAME_LENGTH = 200  # names, keys
MAX_TEXT_LENGTH = 20_000  # descriptions, notes
MAX_NUMBER = 1e21  # no input figure is larger (a zettabyte; the Netflix example stores 1.8 EB)
# No input figure but 0 is smaller: a rate of 1e-310 per second is no rate at all, and dividing
# by it overflows.
MIN_POSITIVE = 1e-9
MAX_ROUTE_PATHS = 1_000  # alternatives multiply: two any_of steps of 3 make 9 paths
# Steps over every path of every route (availability walks them all): 1,000 workloads of
# 100 steps, or 1,000 paths of 100 steps, fit twice over.
MAX_PATH_STEPS = 200_000
MAX_INSTANCES = 1_000_000  # instances (and k) of one component
# The fan-outs along a route multiply: 100 steps of 1,000 each would reach 1e300.
MAX_ROUTE_FAN_OUT = 1e9
MAX_RETRIES = 10  # retries of one route step after a failed attempt
MAX_TIMEOUT_MS = 3_600_000  # a route step's timeout: an hour
MAX_RETENTION_YEARS = 1_000
# Traffic after `retention_years` of `growth_rate` a year: (1 + rate)^(years - 1).
MAX_GROWTH_FACTOR = 1e15
# Lists with an entry per year (storage by year, growth) keep at most this many entries:
# longer periods are sampled evenly, the first and the last year always kept.
MAX_YEAR_ROWS = 100
