"""(to be written: see estimator/formats/__init__.py)."""
