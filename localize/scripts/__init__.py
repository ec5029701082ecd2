"""Episode scripts: screenplay formats, the script model and its adaptation per market version."""
