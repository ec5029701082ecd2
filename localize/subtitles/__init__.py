"""Subtitles: read and write WebVTT/SRT (`formats`), QC presets (`presets`) and checks (`qc`).

Plain Python, no Flask and no database: routes and services call these functions.
"""
