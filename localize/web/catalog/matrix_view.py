"""Words for the market matrix's cells, in the reader's language.

A matrix has hundreds of cells (80 episodes x every market); the translations are looked up once
per page here instead of several gettext calls per cell in the template.
"""
from __future__ import annotations

from flask_babel import get_translations
from markupsafe import Markup, escape

from localize.catalog.matrix import NEEDS_SUBTITLES, Matrix


def cell_titles(matrix: Matrix) -> dict[tuple[int, int], str]:
    """(version id, episode number) -> what the cell means, for its tooltip and screen readers."""
    t = get_translations()
    episode = t.gettext("Episode %(n)s")
    covers = t.gettext("original %(list)s")
    words = {
        "cliffhanger": t.gettext("cliffhanger set"), "no_cliffhanger": t.gettext("no cliffhanger yet"),
        "no_subtitles": t.gettext("no subtitles"), "uncounted": t.gettext("subtitles, QC not counted yet"),
        "clean": t.gettext("subtitles, no QC errors"), "ready": t.gettext("ready"),
        "no_script": t.gettext("no script"), "script_draft": t.gettext("script in progress"),
        "script_approved": t.gettext("script approved"),
    }
    titles = {}
    for row in matrix.rows:
        version = row.version
        for cell in row.cells:
            if cell is None:
                continue
            state = cell.state
            head = episode % {"n": cell.number}
            if cell.remapped and cell.originals:
                head += f" ({covers % {'list': ', '.join(map(str, cell.originals))}})"
            parts = [words["cliffhanger"] if state["cliffhanger"] else words["no_cliffhanger"]]
            if version.kind in ("remake", "dub") or state["script"]:
                if state["script"] is None:
                    parts.append(words["no_script"])
                else:
                    parts.append(words["script_approved"] if state["script"] == "approved" else words["script_draft"])
                    if state["script_outdated"]:
                        parts.append(t.ngettext("%(num)s line outdated", "%(num)s lines outdated",
                                                state["script_outdated"]) % {"num": state["script_outdated"]})
            if version.kind in NEEDS_SUBTITLES or state["subtitles"]:
                if not state["subtitles"]:
                    parts.append(words["no_subtitles"])
                elif state["qc_errors"] is None:
                    parts.append(words["uncounted"])
                elif state["qc_errors"] == 0:
                    parts.append(words["clean"])
                else:
                    parts.append(t.ngettext("subtitles, %(num)s QC error", "subtitles, %(num)s QC errors",
                                            state["qc_errors"]) % {"num": state["qc_errors"]})
            if cell.ready:
                parts.append(words["ready"])
            titles[(version.id, cell.number)] = f"{head}: {'; '.join(parts)}"
    return titles


def cells_html(row, titles: dict[tuple[int, int], str], free: int, episode_url: str) -> Markup:
    """A matrix row's cells as HTML, built here rather than in the template.

    A series page has hundreds of cells (80 episodes x every market); writing them in one pass of
    Python instead of a Jinja loop with a dozen lookups per cell takes most of the page's time away.
    Every piece of text is escaped.
    """
    out = []
    version_id = row.version.id
    for n, cell in enumerate(row.cells, 1):
        paywall = " paywall" if n == free + 1 else ""
        if cell is None:
            out.append(f'<td class="c-none{paywall}"></td>')
            continue
        about = escape(titles[(version_id, n)])
        errors = cell.state["qc_errors"]
        glyph = ("✓" if cell.ready else str(errors) if errors and errors < 100 else "99+" if errors
                 else "•" if cell.tone == "partial" else "")
        if cell.originals:
            inner = f'<a href="{escape(episode_url)}{cell.originals[-1]}" title="{about}" aria-label="{about}">{glyph}</a>'
        else:
            inner = f'<span title="{about}">{glyph}</span>'
        out.append(f'<td class="c-{cell.tone}{paywall}">{inner}</td>')
    return Markup("\n".join(out))
