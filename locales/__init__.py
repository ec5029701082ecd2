"""The UI's gettext catalogs, installed with the package as localize.locales; .mo files are compiled at build."""
