"""Build hooks setuptools cannot express in pyproject.toml.

The top-level `migrations/` and `locales/` folders ship inside the package as
`localize.migrations` and `localize.translations`, so an installed wheel can migrate and speak
the UI's languages. The gettext catalogs are compiled (.po -> .mo) while building: into
the wheel, or in place for an editable install, which reads the source tree.
"""
from pathlib import Path

from setuptools import find_packages, setup
from setuptools.command.build_py import build_py

MAPPED = {
    "localize.migrations": "migrations",
    "localize.migrations.versions": "migrations/versions",
    "localize.translations": "locales",
}


def compile_catalogs(source: Path, target: Path) -> list[str]:
    """Compile every locales/<lang>/LC_MESSAGES/*.po under source into target, as pybabel compile does."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    written = []
    for po_path in sorted(source.glob("*/LC_MESSAGES/*.po")):
        mo_path = target / po_path.relative_to(source).with_suffix(".mo")
        mo_path.parent.mkdir(parents=True, exist_ok=True)
        with po_path.open("rb") as po:
            catalog = read_po(po, locale=po_path.parent.parent.name)
        with mo_path.open("wb") as mo:
            write_mo(mo, catalog, use_fuzzy=False)
        written.append(str(mo_path))
    return written


class BuildPyWithCatalogs(build_py):
    """build_py that also compiles the UI's catalogs."""

    def run(self):
        super().run()
        source = Path(MAPPED["localize.translations"])
        if getattr(self, "editable_mode", False):
            # An editable install imports localize.translations from the source tree itself.
            self._catalogs = compile_catalogs(source, source)
        else:
            self._catalogs = compile_catalogs(source, Path(self.build_lib, "localize", "translations"))

    def get_outputs(self, include_bytecode=True):
        return super().get_outputs(include_bytecode) + getattr(self, "_catalogs", [])


setup(
    packages=find_packages(include=["localize", "localize.*"]) + list(MAPPED),
    package_dir=MAPPED,
    cmdclass={"build_py": BuildPyWithCatalogs},
)
