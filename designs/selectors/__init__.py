"""Reads for pages and the API: queries only, one module per sub-domain (designs,
estimates, reports, examples, practice). Each applies who may see what: examples and
public designs for everyone, private ones for their owner (designs.models.visible).

What a page shows of these rows (tables, charts, diagrams) is built in designs.pages.
"""
