"""Presentation: every rule about showing the engine's figures, pure Python, no Django.

One formatter per unit (units.py); the figure catalogue (figures.py: path, label, unit);
the tables of the design page and the terminal (tables.py, which also offers the names of
the modules below), availability (availability.py), compare (compare.py), uncertainty and
sensitivity (uncertainty.py), the practice page (practice.py), the what-if panel
(whatif.py), the editor's defaults (defaults.py) and its echo of the numbers typed
(echo.py, sent by POST /api/validate/). They read estimates through the typed
view (estimator.engine.result). Pages, reports, charts, the diagram, the CLI and the API
format through this package and nowhere else.
"""
