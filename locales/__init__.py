"""The UI's gettext catalogs, installed with the package as localize.translations; .mo files are compiled at build."""
