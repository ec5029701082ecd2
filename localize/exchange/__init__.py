"""Exchange with translators' own tools: XLIFF 1.2 files of scripts and subtitle tracks."""
