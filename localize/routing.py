"""URL converters shared by the API and the pages."""
from __future__ import annotations

from werkzeug.routing import BaseConverter, IntegerConverter


class BoundedInt(IntegerConverter):
    """<int:...> up to 2^31-1: larger numbers are a 404, not a database overflow."""

    def __init__(self, map, fixed_digits=0, min=None, max=2**31 - 1, signed=False):
        super().__init__(map, fixed_digits, min, max, signed)


class LanguageTagConverter(BaseConverter):
    """A BCP 47 tag in a URL (es-MX, pt_BR, zh-Hant-TW): never swallows a `.vtt` suffix."""

    regex = r"[A-Za-z]{2,8}(?:[-_][A-Za-z0-9]{1,8})*"


def init_app(app) -> None:
    app.url_map.converters["int"] = BoundedInt
    app.url_map.converters["tag"] = LanguageTagConverter
