"""Subtitle tracks in the database: import, edit, revisions, restore, QC and export.

Every change of a track's cues is a revision that snapshots the whole track, so any state can
be shown, diffed and restored. Writers name the revision they started from; a stale one is
refused (PreconditionFailed) instead of silently overwriting someone else's save.

A file with bad cues is refused whole by default, every problem named with its line
(`InvalidSubtitleFile`); with `skip_invalid` the other cues are imported and the dropped ones
are listed in the revision (its summary, and `changes["dropped"]` in full). A track far bigger
than its episode (`size_problem`) is refused on every save path, and a file's timing lines are
counted before it is parsed.
"""
from __future__ import annotations

import difflib
import io
import zipfile

from sqlmodel import Session, select

from localize import signals
from localize.catalog import service as catalog
from localize.catalog.settings import effective_settings
from localize.locales import normalize_locale
from localize.errors import Conflict, NotFound, PreconditionFailed, ValidationFailed
from localize.glossary import store as glossary_store
from localize.models import Cue, Episode, MarketVersion, Series, SubtitleTrack, TrackRevision, User
from localize.presets import PRESETS, Preset, default_preset_for, override_problems, preset_with_overrides
from localize.subtitles import formats, revisions, schemas
from localize.subtitles.qc import Finding, check_track
from localize.subtitles.remember import announce
from localize.subtitles.revisions import RevisionSummary, SaveResult, SavedCue


# --- reading ---------------------------------------------------------------------------------

def find_track(session: Session, version: MarketVersion, episode: Episode, language: str) -> SubtitleTrack | None:
    return session.exec(select(SubtitleTrack).where(SubtitleTrack.version_id == version.id,
                                                    SubtitleTrack.episode_id == episode.id,
                                                    SubtitleTrack.language == language)).first()


def get_track(session: Session, version: MarketVersion, episode: Episode, language: str) -> SubtitleTrack:
    track = find_track(session, version, episode, normalize_locale(language, "language"))
    if track is None:
        raise NotFound(f"episode {episode.number} of {version.locale} has no {language} subtitles")
    return track


def track_cues(session: Session, track: SubtitleTrack) -> list[Cue]:
    return list(session.exec(select(Cue).where(Cue.track_id == track.id).order_by(Cue.position)))


def etag(track: SubtitleTrack) -> str:
    return f'"t{track.id}-r{track.revision}"'


def revision_from_etag(value: str | None) -> int | None:
    """The revision an If-Match header names; None when absent or '*'. Malformed is a 412."""
    if not value or value.strip() == "*":
        return None
    tag = value.strip().removeprefix("W/").strip('"')
    try:
        return int(tag.rsplit("-r", 1)[1])
    except (IndexError, ValueError):
        raise PreconditionFailed(f"If-Match {value!r} is not an ETag of this track") from None


# --- absurd tracks ------------------------------------------------------------------------------

CUES_PER_SECOND = 2          # of the episode's duration...
MIN_CUE_LIMIT = 200          # ...but at least this many cues are always allowed
UNKNOWN_DURATION_CUES = 20_000
LATE_START_MS = 60_000       # a cue may start up to a minute after the episode's end
PENDING = ("machine", "fuzzy")  # filled by machine or a near memory match, waiting for a person


def cue_limit(episode: Episode) -> int:
    """The most cues a track of this episode may have."""
    if not episode.duration_s:
        return UNKNOWN_DURATION_CUES
    return max(MIN_CUE_LIMIT, CUES_PER_SECOND * episode.duration_s)


def _count_problem(episode: Episode, count: int, field: str, at_least: bool = False) -> dict | None:
    limit = cue_limit(episode)
    if count <= limit:
        return None
    what = f"at least {count:,} cues (timing lines)" if at_least else f"{count:,} cues"
    if episode.duration_s:
        message = (f"the track has {what} for a {episode.duration_s}-second episode: at most {limit:,} are "
                   f"allowed ({CUES_PER_SECOND} per second of the episode, at least {MIN_CUE_LIMIT})")
    else:
        message = (f"the track has {what}: at most {limit:,} are allowed while the episode's duration is "
                   f"unknown (set it and {CUES_PER_SECOND} per second apply, at least {MIN_CUE_LIMIT})")
    return {"field": field, "cues": count, "max_cues": limit, "duration_s": episode.duration_s, "message": message}


def size_problem(episode: Episode, cues: list, field: str = "cues") -> dict | None:
    """Why a track is absurd for its episode (a 422 detail whose message says the numbers), or None.

    Too many cues (2 a second of the episode, at least 200; 20,000 when the duration is
    unknown), or cues starting more than a minute after the episode's end.
    """
    problem = _count_problem(episode, len(cues), field)
    if problem or not episode.duration_s:
        return problem
    end_ms = episode.duration_s * 1000
    latest = end_ms + LATE_START_MS
    late = [(n, c) for n, c in enumerate(cues, 1) if _get(c, "start_ms") > latest]
    if not late:
        return None
    n, first = late[0]
    ts = formats.format_timestamp
    message = (f"{len(late):,} of {len(cues):,} cues start more than a minute after the end of the "
               f"{episode.duration_s}-second episode (at {ts(end_ms)}): cue {n} starts at "
               f"{ts(_get(first, 'start_ms'))}, and no cue may start after {ts(latest)}")
    return {"field": field, "cue": n, "cues": len(cues), "late_cues": len(late), "duration_s": episode.duration_s,
            "latest_start_ms": latest, "message": message}


def _get(cue, name: str):
    return cue[name] if isinstance(cue, dict) else getattr(cue, name)


def check_size(episode: Episode, cues: list, field: str = "cues") -> None:
    problem = size_problem(episode, cues, field)
    if problem:
        raise ValidationFailed(problem["message"], [problem])


def check_file_size(episode: Episode, data: bytes | str) -> None:
    """Refuse a file with far too many timing lines for its episode before parsing it."""
    problem = _count_problem(episode, formats.count_timing_lines(data), "file", at_least=True)
    if problem:
        raise ValidationFailed(problem["message"], [problem])


# --- files with bad cues ------------------------------------------------------------------------

class InvalidSubtitleFile(ValidationFailed):
    """A file refused for its problems: each detail names a line; `kept` cues import with skip_invalid."""

    def __init__(self, exc: formats.SubtitleFormatError):
        self.error = exc
        self.problems = exc.problems
        self.kept = exc.kept
        self.skippable = exc.skippable
        message = f"the subtitle file is not valid: {exc}"
        if self.skippable:
            n = len(exc.problems)
            message += (f"; skip_invalid=1 imports the other {exc.kept:,} cues without "
                        + ("it" if n == 1 else f"these {n}"))
        super().__init__(message, [{"field": "file", "line": p.line, "message": p.reason,
                                    "droppable": p.droppable} for p in exc.problems])


def parse_file(data: bytes | str, skip_invalid: bool = False) -> formats.ParsedTrack:
    try:
        return formats.parse(data, skip_invalid=skip_invalid)
    except formats.SubtitleFormatError as exc:
        raise InvalidSubtitleFile(exc) from None


def dropped_rows(parsed: formats.ParsedTrack) -> list[dict]:
    """The cues skip_invalid left out, as a revision keeps them: [{"line", "reason"}]."""
    return [{"line": p.line, "reason": p.reason} for p in parsed.dropped]


def summary_with_dropped(summary: str, dropped: list[dict]) -> str:
    """A revision summary that lists the dropped cues (cut to the 500 characters a summary keeps)."""
    if not dropped:
        return summary
    n = len(dropped)
    listed = "; ".join(f"line {d['line']}: {d['reason']}" for d in dropped)
    text = f"{summary}; dropped {n} invalid cue{'s' if n != 1 else ''}: {listed}"
    return text if len(text) <= 500 else text[:499] + "…"


# --- writing ---------------------------------------------------------------------------------

def import_file(session: Session, *, series: Series, version: MarketVersion, episode: Episode,
                language: str, data: bytes | str, author: User, expected_revision: int | None = None,
                summary: str = "", skip_invalid: bool = False) -> SaveResult:
    """Replace a track's cues with a VTT or SRT file's; all or nothing.

    With skip_invalid, cues with a problem of their own are left out and listed in the
    revision's summary and `changes["dropped"]` (and in the result's `dropped`).
    """
    language = normalize_locale(language, "language")
    check_file_size(episode, data)
    parsed = parse_file(data, skip_invalid)
    cues = cue_rows(parsed)
    dropped = dropped_rows(parsed)
    summary = summary or f"imported {parsed.format.upper()} ({len(cues)} cues)"
    result = _save(session, series=series, version=version, episode=episode, language=language,
                   cues=cues, header=parsed.header, blocks=parsed.blocks, source_format=parsed.format,
                   author=author, expected_revision=expected_revision,
                   summary=summary_with_dropped(summary, dropped), dropped=dropped, field="file")
    signals.imported.send("subtitles", files=1)
    return result


def cue_rows(parsed: formats.ParsedTrack) -> list[dict]:
    """A parsed file's cues as the dicts the store writes (no translation status)."""
    return [{"start_ms": c.start_ms, "end_ms": c.end_ms, "text": c.text, "identifier": c.identifier,
             "settings": c.settings, "status": None} for c in parsed.cues]


def save_cues(session: Session, *, series: Series, version: MarketVersion, episode: Episode,
              language: str, cues: list[dict], author: User, expected_revision: int | None,
              summary: str = "") -> SaveResult:
    """Save edited cues (from the editor or the JSON API) as a new revision."""
    language = normalize_locale(language, "language")
    # Header, blocks and format stay what the track has (None: keep them, or defaults if new).
    return _save(session, series=series, version=version, episode=episode, language=language,
                 cues=validate_cues(cues), header=None, blocks=None, source_format=None, author=author,
                 expected_revision=expected_revision, summary=summary or "edited cues", remember=True)


def validate_cues(cues: object) -> list[dict]:
    """Cues from a client (dicts, or models already validated) as the rows the store writes.

    The rules are the cue schema's (localize/subtitles/schemas.py); every problem names the cue
    and the field.
    """
    rows = [cue.row() for cue in schemas.parse_cues(cues)]
    rows.sort(key=lambda c: c["start_ms"])
    return rows


def _save(session: Session, *, series: Series, version: MarketVersion, episode: Episode, language: str,
          cues: list[dict], header: str | None, blocks: list | None, source_format: str | None, author: User,
          expected_revision: int | None, summary: str, restored_from: int | None = None,
          source_track_id: int | None = None, dropped: list[dict] | None = None,
          field: str = "cues", remember: bool = False) -> SaveResult:
    check_size(episode, cues, field)
    track = _locked_track(session, version, episode, language)
    created = track is None
    if header is None:  # an edit of the cues alone keeps the file-level parts
        header, blocks, source_format = (track.header, track.blocks, track.source_format) if track else ("", [], "vtt")
    if created:
        if expected_revision not in (None, 0):
            raise PreconditionFailed(f"the track does not exist yet (revision 0), not revision {expected_revision}")
        track = SubtitleTrack(version_id=version.id, episode_id=episode.id, language=language,
                              header=header, blocks=list(blocks), source_format=source_format,
                              source_track_id=source_track_id)
        session.add(track)
        session.flush()
        old = []
    else:
        if expected_revision is not None and expected_revision != track.revision:
            raise PreconditionFailed(
                f"the track is at revision {track.revision}, not {expected_revision}: someone saved meanwhile",
                [{"field": "If-Match", "current_revision": track.revision, "your_revision": expected_revision}])
        old = revisions.stored_cues(session, [track.id]).get(track.id, [])
    if remember:
        cues = edited_by_person(old, cues)
    plan = revisions.plan_revision(track, created=created, old_cues=old, cues=cues, header=header,
                                   blocks=blocks, source_format=source_format, author=author,
                                   summary=summary, restored_from=restored_from, dropped=dropped)
    plan.findings = run_qc(session, series, version, episode, track, plan.saved)
    revisions.write_revisions(session, [plan])
    if remember and plan.changed:  # a person's edit: its translations go to translation memory
        announce(session, series=series, version=version, episode=episode, track=track, old_cues=old,
                 cues=cues, author=author)
    return plan.result()


def edited_by_person(old: list[dict], cues: list[dict]) -> list[dict]:
    """A machine or fuzzy cue whose text a person changed is `translated`, unless they set another status."""
    before = {(c["start_ms"], c["end_ms"]): c for c in old}
    out = []
    for cue in cues:
        prior = before.get((cue["start_ms"], cue["end_ms"]))
        if (cue.get("status") in PENDING and prior is not None and prior.get("status") == cue["status"]
                and prior["text"] != cue["text"] and cue["text"].strip()):
            cue = {**cue, "status": "translated"}
        out.append(cue)
    return out


def save_prefilled(session: Session, *, series: Series, version: MarketVersion, episode: Episode, language: str,
                   cues: list[dict], author: User, expected_revision: int | None, summary: str) -> SaveResult:
    """Save cues that pre-translation filled, as one revision, kept out of translation memory (they came from it)."""
    return _save(session, series=series, version=version, episode=episode, language=language,
                 cues=validate_cues(cues), header=None, blocks=None, source_format=None, author=author,
                 expected_revision=expected_revision, summary=summary)


def _locked_track(session: Session, version, episode, language) -> SubtitleTrack | None:
    # On PostgreSQL the row lock serializes two saves of one track; SQLite already holds the
    # database write lock (BEGIN IMMEDIATE), and FOR UPDATE is a no-op there.
    return session.exec(select(SubtitleTrack).where(SubtitleTrack.version_id == version.id,
                                                    SubtitleTrack.episode_id == episode.id,
                                                    SubtitleTrack.language == language)
                        .with_for_update()).first()


# --- revisions -------------------------------------------------------------------------------

def list_revisions(session: Session, track: SubtitleTrack) -> list[RevisionSummary]:
    """Every revision of a track, newest first, without its snapshot."""
    return revisions.history(session, track)


def get_revision(session: Session, track: SubtitleTrack, number: int) -> TrackRevision:
    revision = session.exec(select(TrackRevision).where(TrackRevision.track_id == track.id,
                                                        TrackRevision.number == number)).first()
    if revision is None:
        raise NotFound(f"the track has no revision {number}")
    return revision


def restore_revision(session: Session, *, series: Series, version: MarketVersion, episode: Episode,
                     track: SubtitleTrack, number: int, author: User,
                     expected_revision: int | None = None) -> SaveResult:
    """Make an old revision current again, as a new revision (history is never rewritten)."""
    snapshot = get_revision(session, track, number).snapshot
    return _save(session, series=series, version=version, episode=episode, language=track.language,
                 cues=snapshot["cues"], header=snapshot["header"], blocks=snapshot["blocks"],
                 source_format=snapshot.get("format", "vtt"), author=author,
                 expected_revision=expected_revision, summary=f"restored revision {number}",
                 restored_from=number)


def diff_revisions(old: TrackRevision | None, new: TrackRevision) -> list[dict]:
    """Cue-level differences between two revisions: each {op, position, old, new}."""
    a = old.snapshot["cues"] if old else []
    b = new.snapshot["cues"]
    key = lambda c: (c["start_ms"], c["end_ms"], c["text"])
    out = []
    matcher = difflib.SequenceMatcher(a=[key(c) for c in a], b=[key(c) for c in b], autojunk=False)
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op == "equal":
            continue
        for i in range(max(a2 - a1, b2 - b1)):
            before = a[a1 + i] if a1 + i < a2 else None
            after = b[b1 + i] if b1 + i < b2 else None
            kind = "changed" if before and after else ("added" if after else "removed")
            out.append({"op": kind, "position": (b1 + i + 1) if after else (a1 + i + 1),
                        "old": before, "new": after})
    return out


# --- quality control ---------------------------------------------------------------------------

def preset_for(series: Series, version: MarketVersion, track: SubtitleTrack | None, language: str) -> Preset:
    """The track's preset: its own choice, else the version's, else the series', else by language."""
    return resolve_preset(series, version, track, language)[0]


def resolve_preset(series: Series, version: MarketVersion, track: SubtitleTrack | None,
                   language: str) -> tuple[Preset, list[Finding]]:
    """The track's preset with its overrides, and a warning for each stored override it ignores.

    Overrides are validated when they are set; one stored anyway that breaks the preset (an
    unknown name, min_duration_ms above max_duration_ms...) is ignored, never a failed save.
    """
    settings = effective_settings(series, version)
    chosen = (track.qc_preset if track else None) or settings.qc_preset
    preset = PRESETS.get(chosen) if chosen else None
    preset = preset or default_preset_for(language)
    overrides = {**settings.qc_overrides, **((track.qc_overrides if track else None) or {})}
    if not overrides:
        return preset, []
    bad = override_problems(preset, overrides)
    if not bad:
        return preset_with_overrides(preset, **overrides), []
    ignored = []
    for key, value, reason in bad:
        shown = value if isinstance(value, (int, float, str)) and not isinstance(value, bool) else repr(value)
        ignored.append(Finding(0, "ignored_override", "warning", shown, None,
                               f"the QC override {key}={value!r} is ignored: it does not fit preset "
                               f"{preset.id} ({reason})"))
    skipped = {key for key, _, _ in bad}
    return preset_with_overrides(preset, **{k: v for k, v in overrides.items() if k not in skipped}), ignored


def run_qc(session: Session, series: Series, version: MarketVersion, episode: Episode,
           track: SubtitleTrack, cues: list) -> list[Finding]:
    return qc_checker(session, series, version)(episode, track, cues)


def qc_checker(session: Session, series: Series, version: MarketVersion):
    """QC for many tracks of one version: `check(episode, track, cues) -> findings`.

    What the checks need from the catalog (a remake's renamed characters, the glossary of each
    language) is read once; a translation is checked against its source track's cues.
    """
    renamed = renamed_names(session, series, version)
    glossaries: dict = {}

    def check(episode: Episode, track: SubtitleTrack, cues: list) -> list[Finding]:
        duration = episode.duration_s * 1000 if episode.duration_s else None
        preset, ignored = resolve_preset(series, version, track, track.language)
        glossary, source = None, None
        if track.language != series.original_locale:
            if track.language not in glossaries:
                glossaries[track.language] = glossary_store.glossary_for(session, series, track.language)
            glossary = glossaries[track.language]
            found = source_track(session, series, version, episode, track) if glossary else None
            source = track_cues(session, found) if found else None
        findings = check_track(cues, preset, episode_duration_ms=duration, renamed_names=renamed,
                               glossary=glossary, source_cues=source)
        # A track-wide finding (cue 0) for each override that could not apply.
        return ignored + _untranslated(findings, cues)
    return check


def source_track(session: Session, series: Series, version: MarketVersion, episode: Episode,
                 track: SubtitleTrack | None) -> SubtitleTrack | None:
    """The track a translator works from.

    The original version's track in the original language for the same story point (a remake's
    episode that merges originals takes the first of them), else the track this one was
    translated from. A track is never its own source.
    """
    original = catalog.original_version(session, series)
    originals = catalog.version_mapping(series, version).get(episode.number) or []
    number = originals[0] if version.id != original.id and originals else episode.number
    source_episode = episode if number == episode.number else \
        session.exec(select(Episode).where(Episode.series_id == series.id, Episode.number == number)).first()
    found = find_track(session, original, source_episode, series.original_locale) if source_episode else None
    own_id = track.id if track else None
    if found is not None and found.id != own_id:
        return found
    if track is not None and track.source_track_id:
        return session.get(SubtitleTrack, track.source_track_id)
    return None


def renamed_names(session: Session, series: Series, version: MarketVersion) -> dict[str, str] | None:
    """A remake's original names and any localized name casting has since replaced, each with the
    name it has now (None for other versions): what the original_name check looks for."""
    if version.kind != "remake":
        return None
    return {**catalog.previous_names(session, version), **catalog.renamed_characters(session, series, version)}


def _untranslated(findings: list[Finding], cues: list) -> list[Finding]:
    """An empty cue of a translation in progress is work to do, and says so; so is a machine or fuzzy
    fill no person has checked (an error: a track of them is not ready to publish)."""
    for finding in findings:
        if finding.rule == "empty_cue" and getattr(cues[finding.cue - 1], "status", None) == "untranslated":
            finding.rule = "untranslated"
            finding.message = f"cue {finding.cue}: not translated yet"
    for n, cue in enumerate(cues, 1):
        status = getattr(cue, "status", None)
        if status in PENDING:
            findings.append(Finding(n, "unconfirmed", "error", status, None,
                                    f"cue {n}: filled by {status} match, waiting for a person"
                                    if status == "fuzzy" else f"cue {n}: machine translation, waiting for a person"))
    return findings


def recount_qc(session: Session, series: Series, *, version: MarketVersion | None = None,
               episode: Episode | None = None) -> int:
    """Re-check stored tracks after something QC depends on changed (preset, duration, casting)."""
    query = select(SubtitleTrack, MarketVersion, Episode).join(
        MarketVersion, MarketVersion.id == SubtitleTrack.version_id).join(
        Episode, Episode.id == SubtitleTrack.episode_id).where(MarketVersion.series_id == series.id)
    if version is not None:
        query = query.where(SubtitleTrack.version_id == version.id)
    if episode is not None:
        query = query.where(SubtitleTrack.episode_id == episode.id)
    rows = session.exec(query).all()
    cues = revisions.stored_cues(session, [track.id for track, _, _ in rows])
    for track, track_version, track_episode in rows:
        saved = [SavedCue(position=n, **c) for n, c in enumerate(cues.get(track.id, []), 1)]
        revisions.store_counts(track, run_qc(session, series, track_version, track_episode, track, saved))
        session.add(track)
    session.flush()
    return len(rows)


def finding_dict(finding: Finding) -> dict:
    return {"cue": finding.cue, "rule": finding.rule, "severity": finding.severity,
            "value": finding.value, "limit": finding.limit, "message": finding.message}


# --- export -----------------------------------------------------------------------------------

def export_text(track: SubtitleTrack, cues: list, fmt: str) -> str:
    if fmt == "srt":
        return formats.write_srt(cues)
    return formats.write_vtt(cues, header=track.header, blocks=track.blocks)


def export_file(session: Session, version: MarketVersion, episode: Episode, language: str,
                fmt: str) -> tuple[SubtitleTrack, str, str]:
    """One episode's track as (track, file text, file name)."""
    track = get_track(session, version, episode, language)
    text = export_text(track, track_cues(session, track), fmt)
    return track, text, export_name(version, episode.number, track.language, fmt)


def export_version(session: Session, version: MarketVersion, language: str, fmt: str,
                   progress=None) -> tuple[bytes, int]:
    """A zip of every episode's track of a version in one language; returns (zip bytes, files)."""
    rows = session.exec(select(SubtitleTrack, Episode).join(Episode, Episode.id == SubtitleTrack.episode_id)
                        .where(SubtitleTrack.version_id == version.id, SubtitleTrack.language == language)
                        .order_by(Episode.number)).all()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for track, episode in rows:
            archive.writestr(export_name(version, episode.number, language, fmt),
                             export_text(track, track_cues(session, track), fmt))
            if progress:
                progress(1)
    return buffer.getvalue(), len(rows)


def count_tracks(session: Session, version: MarketVersion, language: str) -> int:
    from sqlalchemy import func
    return session.exec(select(func.count()).select_from(SubtitleTrack).where(
        SubtitleTrack.version_id == version.id, SubtitleTrack.language == language)).one()


def export_name(version: MarketVersion, number: int, language: str, fmt: str) -> str:
    return f"ep{number:03d}.{language}.{fmt}"


# --- translation ------------------------------------------------------------------------------

def translate_track(session: Session, *, series: Series, version: MarketVersion, episode: Episode,
                    language: str, source: SubtitleTrack, author: User, prefill=None,
                    summary: str | None = None) -> SaveResult:
    """Create a target-language track from a source track, cue by cue with the source timings.

    `prefill(texts, source_language, target_language) -> list[str | None]` is the seam where
    translation memory and machine translation fill cues in; without it every cue starts empty
    and `untranslated`. Prefilled cues are `machine` (machine output) until a person edits them;
    a prefill may also give a (text, status) pair (pre-translation's memory matches).
    """
    language = normalize_locale(language, "language")
    if find_track(session, version, episode, language) is not None:
        raise Conflict(f"episode {episode.number} of {version.locale} already has {language} subtitles",
                       [{"field": "language"}])
    source_cues = track_cues(session, source)
    filled = prefill([c.text for c in source_cues], source.language, language) if prefill else None
    cues = []
    for i, cue in enumerate(source_cues):
        fill = filled[i] if filled else None
        text, status = (fill if isinstance(fill, tuple) else (fill, "machine")) if fill else ("", "untranslated")
        cues.append({"start_ms": cue.start_ms, "end_ms": cue.end_ms, "text": text, "identifier": cue.identifier,
                     "settings": cue.settings, "status": status})
    return _save(session, series=series, version=version, episode=episode, language=language, cues=cues,
                 header=source.header, blocks=source.blocks, source_format=source.source_format,
                 author=author, expected_revision=None, source_track_id=source.id,
                 summary=summary or f"translation started from {source.language} ({len(cues)} cues)")

