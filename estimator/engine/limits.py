"""Size limits on a design document, so that one request cannot exhaust a worker."""

MAX_DOCUMENT_BYTES = 2_000_000  # raw JSON, checked where text is parsed (CLI, API)
MAX_COMPONENTS = 10_000
MAX_WORKLOADS = 1_000
MAX_LINKS = 50_000
MAX_ROUTE_STEPS = 100
MAX_NAME_LENGTH = 200  # names, keys
MAX_TEXT_LENGTH = 20_000  # descriptions, notes
MAX_NUMBER = 1e21  # no input figure is larger (a zettabyte; the Netflix example stores 1.8 EB)
MAX_ROUTE_PATHS = 1_000  # alternatives multiply: two any_of steps of 3 make 9 paths
