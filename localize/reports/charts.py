"""Server-side SVG charts for the reports: strings, no JavaScript, no chart library.

Every chart is one `<svg>` with a viewBox and width="100%" (it scales with its container),
role="img" with a `<title>` and an aria-label, and text in `currentColor` so it follows the
page. Every text that comes from data is escaped with `html.escape`; nothing uses element ids,
so several charts can share a page.

Pages in other languages pass `words` (the few words a chart writes itself, see WORDS) and
formatters for the numbers, so a chart reads like the table next to it ("1.234", "75 %").
Colours are presentation attributes (fill=, stroke=), never style="": the pages' Content
Security Policy (style-src 'self') blocks inline styles, not attributes.
"""
from __future__ import annotations

from collections.abc import Callable, Collection
from html import escape
from math import ceil

# Okabe-Ito, readable with the common colour-vision deficiencies; yellow last (weak on white).
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#000000", "#F0E442")
NO_DATA = "#C8C8C8"
WIDTH = 640
_LABEL_W, _ROW_H, _BAR_H = 110, 26, 16
# The words a chart writes itself; pages pass their translations.
WORDS = {"empty": "No data", "missing": "n/a", "paywall": "paywall", "no_data": "no data", "episode": "ep"}


def _words(words: dict | None) -> dict:
    return WORDS if not words else {**WORDS, **words}


def color(index: int) -> str:
    """Return the palette colour of the index-th series (cycling after 8)."""
    return PALETTE[index % len(PALETTE)]


def _svg(title: str, height: float, body: list[str]) -> str:
    t = escape(title)
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height:.0f}" width="100%" '
        f'role="img" aria-label="{t}" class="chart" font-family="system-ui, sans-serif" '
        f'font-size="12" fill="currentColor"><title>{t}</title>' + "".join(body) + "</svg>"
    )


def _text(x: float, y: float, text: str, anchor: str = "start", extra: str = "") -> str:
    return f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}"{extra}>{escape(text)}</text>'


def _number(value: float) -> str:
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.2f}"


def _percent(value: float) -> str:
    return f"{value:.0%}"


def _hbars(items: list[tuple[str, float | None]], title: str, fmt: Callable, top: float,
           words: dict, no_data: Collection[str] = ()) -> str:
    """Horizontal bars, one row per label; None is a grey stub reading "n/a", and a label in
    `no_data` (a market without views in the period) a grey stub reading "no data"."""
    if not items:
        return _svg(title, 40, [_text(WIDTH / 2, 24, words["empty"], "middle")])
    span = WIDTH - _LABEL_W - 90  # room for the value after the longest bar
    body = []
    for i, (label, value) in enumerate(items):
        y = 8 + i * _ROW_H
        body.append(_text(_LABEL_W - 8, y + 12, str(label), "end"))
        if label in no_data:
            value = None
        shown = words["no_data"] if label in no_data else words["missing"] if value is None else fmt(value)
        length = 0 if value is None or top <= 0 else max(0.0, min(value, top)) / top * span
        fill = NO_DATA if value is None else color(0)
        body.append(
            f'<rect x="{_LABEL_W}" y="{y}" width="{max(length, 2):.1f}" height="{_BAR_H}" '
            f'fill="{fill}"><title>{escape(f"{label}: {shown}")}</title></rect>'
        )
        body.append(_text(_LABEL_W + max(length, 2) + 6, y + 12, shown))
    return _svg(title, 16 + len(items) * _ROW_H, body)


def bar_chart(items: list[tuple[str, float]], title: str,
              value_format: Callable[[float], str] = _number, *, words: dict | None = None,
              no_data: Collection[str] = ()) -> str:
    """Return horizontal bars, e.g. views per market, scaled to the largest value; labels in
    `no_data` read "no data" instead of a 0."""
    top = max((v for label, v in items if v is not None and label not in no_data), default=0)
    return _hbars(items, title, value_format, top, _words(words), no_data)


def paywall_step(items: list[tuple[str, float | None]], title: str, *,
                 value_format: Callable[[float], str] = _percent, words: dict | None = None,
                 no_data: Collection[str] = ()) -> str:
    """Return paywall conversion per market as bars on a 0-100% scale; None reads "n/a", a label
    in `no_data` "no data"."""
    top = max([1.0] + [v for _, v in items if v is not None])
    return _hbars(items, title, value_format, top, _words(words), no_data)


def _ticks(last: int, most: int = 10) -> list[int]:
    step = next(s for s in (1, 2, 5, 10, 20, 50, 100, 200, 500, 10**9) if last / s <= most)
    return [1] + list(range(step, last + 1, step)) if step > 1 else list(range(1, last + 1))


def line_chart(series: dict[str, list[tuple[int, float | None]]], title: str, y_max: float = 1.0,
               paywall_at: int | None = None, *, y_format: Callable[[float], str] | None = None,
               words: dict | None = None, no_data: Collection[str] = ()) -> str:
    """Return overlaid lines (e.g. retention by episode); None breaks a line. A series in
    `no_data` draws no line and its legend entry reads "(no data)".

    `paywall_at` is the free-episode count F: a dashed line labelled "paywall" is drawn between
    episodes F and F+1. Values above y_max are drawn at y_max. `y_format` writes the axis values
    (default: percentages when y_max <= 1).
    """
    words = _words(words)
    y_format = y_format or (_percent if (y_max or 1.0) <= 1 else (lambda v: f"{v:g}"))
    left, right, top, plot_h = 44, WIDTH - 16, 12, 220
    last = max((n for points in series.values() for n, _ in points), default=1)
    y_max = y_max or 1.0

    def x(n: float) -> float:
        return left + (n - 1) / max(last - 1, 1) * (right - left)

    def y(v: float) -> float:
        return top + plot_h - max(0.0, min(v, y_max)) / y_max * plot_h

    body = [_axes(left, right, top, plot_h, y_max, x, last, y_format)]
    if paywall_at is not None and 1 <= paywall_at < last:
        px = x(paywall_at + 0.5)
        body.append(f'<line x1="{px:.1f}" y1="{top}" x2="{px:.1f}" y2="{top + plot_h}" '
                    f'stroke="currentColor" stroke-dasharray="4 3" opacity="0.7"/>')
        body.append(_text(px + 4, top + 10, words["paywall"]))
    for i, (name, points) in enumerate(series.items()):
        if name not in no_data:
            body.append(_polyline(name, points, color(i), x, y))
    body.append(_legend([f"{name} ({words['no_data']})" if name in no_data else name for name in series],
                        top + plot_h + 34))
    rows = (len(series) + 3) // 4
    return _svg(title, top + plot_h + 34 + rows * 18, body)


def _axes(left, right, top, plot_h, y_max, x, last, y_format) -> str:
    parts = []
    for k in range(5):
        value = y_max * k / 4
        yy = top + plot_h - plot_h * k / 4
        parts.append(f'<line x1="{left}" y1="{yy:.1f}" x2="{right}" y2="{yy:.1f}" '
                     f'stroke="currentColor" opacity="0.15"/>')
        parts.append(_text(left - 6, yy + 4, y_format(value), "end"))
    for n in _ticks(last):
        parts.append(_text(x(n), top + plot_h + 16, str(n), "middle"))
    return "".join(parts)


def _polyline(name: str, points: list[tuple[int, float | None]], stroke: str, x, y) -> str:
    runs: list[list[tuple[int, float]]] = [[]]
    for n, v in sorted(points, key=lambda p: p[0]):
        if v is None:
            runs.append([])
        else:
            runs[-1].append((n, v))
    path = " ".join("M" + " L".join(f"{x(n):.1f} {y(v):.1f}" for n, v in run) for run in runs if len(run) > 1)
    dots = "".join(f'<circle cx="{x(n):.1f}" cy="{y(v):.1f}" r="2.5" fill="{stroke}"/>'
                   for run in runs if len(run) == 1 for n, v in run)
    line = f'<path d="{path}" fill="none" stroke="{stroke}" stroke-width="2"/>' if path else ""
    return f'<g><title>{escape(name)}</title>{line}{dots}</g>'


def _legend(names: list[str], y0: float) -> str:
    parts = []
    for i, name in enumerate(names):
        lx, ly = 44 + (i % 4) * 145, y0 + (i // 4) * 18
        parts.append(f'<rect x="{lx}" y="{ly - 9}" width="12" height="10" fill="{color(i)}"/>')
        parts.append(_text(lx + 16, ly, name))
    return "".join(parts)


# Red (low) -> yellow -> green (high), ColorBrewer RdYlGn ends; each cell also carries its value.
_SCALE = ((0xD7, 0x30, 0x27), (0xFE, 0xE0, 0x8B), (0x1A, 0x98, 0x50))


def scale_color(t: float) -> str:
    """Return the colour for t in [0, 1] on the red-yellow-green scale."""
    t = max(0.0, min(1.0, t))
    (a, b), f = (_SCALE[:2], t * 2) if t < 0.5 else (_SCALE[1:], t * 2 - 1)
    return "#" + "".join(f"{round(p + (q - p) * f):02X}" for p, q in zip(a, b))


def heat_map(rows: dict[str, dict[int, float | None]], columns: list[int], title: str,
             low: float | None = None, high: float | None = None, *,
             value_format: Callable[[float], str] | None = None, words: dict | None = None,
             no_data: Collection[str] = ()) -> str:
    """Return a grid of values by market (row) and episode (column), e.g. continuation.

    A row in `no_data` (a market without views in the period) is grey and reads "no data".

    Colours run from red at `low` to green at `high` (default: the data's min and max); None or
    missing cells are grey. Each cell's tooltip reads "es-MX ep 12: 0.83".
    """
    words = _words(words)
    fmt = value_format or (lambda v: f"{v:.2f}")
    values = [v for r in rows.values() for v in r.values() if v is not None]
    low = min(values, default=0.0) if low is None else low
    high = max(values, default=1.0) if high is None else high
    left, top = _LABEL_W, 22
    cell_w = min(28.0, (WIDTH - left - 8) / max(len(columns), 1))
    body = [_text(left + (i + 0.5) * cell_w, top - 8, str(c), "middle")
            for i, c in enumerate(columns) if i % ceil(24 / cell_w) == 0]  # labels need ~24 units
    for r, (name, cells) in enumerate(rows.items()):
        y = top + r * 22
        body.append(_text(left - 8, y + 14, name, "end"))
        for i, c in enumerate(columns):
            v = cells.get(c)
            fill = NO_DATA if v is None else scale_color((v - low) / (high - low) if high > low else 1.0)
            tip = f"{name} {words['episode']} {c}: " + (words["no_data"] if v is None else fmt(v))
            body.append(f'<rect x="{left + i * cell_w:.1f}" y="{y}" width="{cell_w - 1:.1f}" height="20" '
                        f'fill="{fill}"><title>{escape(tip)}</title></rect>')
        if name in no_data:
            body.append(_text(left + 8, y + 14, words["no_data"]))
    legend_y = top + len(rows) * 22 + 10
    body.append(_heat_legend(left, legend_y, fmt(low), fmt(high), words["no_data"]))
    return _svg(title, legend_y + 30, body)


def _heat_legend(x0: float, y0: float, low: str, high: str, no_data: str) -> str:
    swatches = "".join(f'<rect x="{x0 + 40 + k * 24}" y="{y0}" width="24" height="10" '
                       f'fill="{scale_color(k / 4)}"/>' for k in range(5))
    grey = f'<rect x="{x0 + 220}" y="{y0}" width="12" height="10" fill="{NO_DATA}"/>'
    return (_text(x0 + 34, y0 + 10, low, "end") + swatches + _text(x0 + 166, y0 + 10, high)
            + grey + _text(x0 + 236, y0 + 10, no_data))
