"""Cross-market reports: metrics from per-episode totals, daily view-row validation, SVG charts.

Plain Python, no Flask and no database: the service layer reads rollups, calls these functions
and renders or serializes what they return.
"""
