"""Page view-models: what each page shows of the rows the selectors read, with its tables
(estimator.present.tables), charts (designs.charts) and diagrams (designs.diagram).
One module per page; views fetch, call one of these, and render.
"""
