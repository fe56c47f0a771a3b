"""Presentation: every rule about showing the engine's figures, pure Python, no Django.

One formatter per unit (units.py), the tables of every page (tables.py); pages, reports,
charts, the diagram, the CLI and the API format through this package and nowhere else.
"""
