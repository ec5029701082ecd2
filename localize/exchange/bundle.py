"""A whole version as a zip of XLIFF files: every episode's script, or every track in one language."""
from __future__ import annotations

import io
import zipfile

from sqlmodel import Session, select

from localize.errors import ValidationFailed
from localize.exchange import scripts, subtitles
from localize.locales import normalize_locale
from localize.models import Episode, MarketVersion, Script, Series, SubtitleTrack

SCOPES = ("script", "subtitles")


def episodes_in_scope(session: Session, version: MarketVersion, scope: str, language: str | None) -> list[Episode]:
    """The episodes of the version that have a script (or a track in `language`), in order."""
    if scope == "script":
        query = select(Episode).join(Script, Script.episode_id == Episode.id).where(Script.version_id == version.id)
    else:
        query = select(Episode).join(SubtitleTrack, SubtitleTrack.episode_id == Episode.id).where(
            SubtitleTrack.version_id == version.id, SubtitleTrack.language == language)
    return list(session.exec(query.order_by(Episode.number)))


def scope_language(version: MarketVersion, scope: str | None, language: str | None) -> tuple[str, str | None]:
    """Check `scope` and `lang`; subtitles default to the version's own language."""
    if scope not in SCOPES:
        raise ValidationFailed("scope must be script or subtitles", [{"field": "scope", "value": scope}])
    if scope == "script":
        return scope, None
    return scope, normalize_locale(language or version.locale, "lang")


def export_files(session: Session, series: Series, version: MarketVersion, scope: str, language: str | None,
                 progress=None):
    """Yield (file name, XLIFF bytes) for each episode in scope."""
    for episode in episodes_in_scope(session, version, scope, language):
        if scope == "script":
            data, name = scripts.export_script(session, series, version, episode)
        else:
            data, name = subtitles.export_track(session, series, version, episode, language)
        if progress:
            progress(1)
        yield name, data


def export_zip(session: Session, series: Series, version: MarketVersion, scope: str, language: str | None,
               progress=None) -> tuple[bytes, int]:
    """The zip of every episode's XLIFF in scope, and how many files it holds."""
    buffer, count = io.BytesIO(), 0
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in export_files(session, series, version, scope, language, progress):
            archive.writestr(name, data)
            count += 1
    return buffer.getvalue(), count


def zip_name(version: MarketVersion, scope: str, language: str | None) -> str:
    return f"{version.locale}.{scope}{'.' + language if language else ''}.xliff.zip"
