"""All tables of `localize`, in one place so migrations see the whole schema."""
from __future__ import annotations

from datetime import date, datetime, timezone
from decimal import Decimal
from typing import Optional

from sqlalchemy import (JSON, BigInteger, Boolean, Column, DateTime, ForeignKey, Index, Integer, Numeric,
                        PrimaryKeyConstraint, String, Text, UniqueConstraint, text)
from sqlmodel import Field, SQLModel

# Names for constraints and indexes that a model leaves unnamed. Constraints created by the
# first migrations keep the names they landed with (each names its own or the database chose).
SQLModel.metadata.naming_convention = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

ROLES = ("admin", "lead", "translator", "marketing")
VERSION_KINDS = ("original", "remake", "dub", "subtitled")
VERSION_STATUSES = ("planned", "adapting", "casting", "shooting", "post-production", "released")
CASTING_STATUSES = ("open", "auditioning", "shortlisted", "offered", "confirmed")
CLIFFHANGER_KINDS = ("reveal", "threat", "death", "kiss", "look", "betrayal", "arrival",
                     "confession", "accident", "other")
# Leverage bands of source words, as CAT tools report them (BRIEF "Translation memory").
LEVERAGE_BANDS = ("repetition", "context", "exact", "95-99", "85-94", "75-84", "50-74", "new")
# A translated track's cue: untranslated, machine (machine output no person touched), fuzzy (filled
# from a near memory match: needs a person), translated, reviewed.
CUE_STATUSES = ("untranslated", "machine", "fuzzy", "translated", "reviewed")
SEGMENT_KINDS = ("scene", "action", "dialogue", "transition", "note")
# An adaptation's segment: new (not worked on, or a line the market added), machine (machine output),
# fuzzy (filled from a near memory match: needs a person), translated, reviewed, approved, or cut
# (an original line the market dropped; its note says why).
SEGMENT_STATUSES = ("new", "machine", "fuzzy", "translated", "reviewed", "approved", "cut")


def utcnow() -> datetime:
    return datetime.now(timezone.utc)


class User(SQLModel, table=True):
    __tablename__ = "users"
    id: Optional[int] = Field(default=None, primary_key=True)
    email: str = Field(sa_column=Column(String(320), nullable=False, unique=True))
    name: str = Field(default="", sa_column=Column(String(200), nullable=False, server_default=""))
    role: str = Field(sa_column=Column(String(20), nullable=False))
    # Comma-separated BCP 47 tags a translator may write, e.g. "es-MX,pt-BR".
    languages: str = Field(default="", sa_column=Column(String(500), nullable=False, server_default=""))
    password_hash: Optional[str] = Field(default=None, sa_column=Column(String(255)))
    ui_locale: Optional[str] = Field(default=None, sa_column=Column(String(35)))
    active: bool = Field(default=True)
    # Every browser session carries the epoch it began in; raising it ends them all (logout,
    # password change, disabling, "sign out everywhere").
    session_epoch: int = Field(default=0, sa_column=Column(Integer, nullable=False, server_default="0"))
    created_at: datetime = Field(default_factory=utcnow)

    @property
    def language_list(self) -> list[str]:
        return [tag for tag in self.languages.split(",") if tag]


class ApiToken(SQLModel, table=True):
    __tablename__ = "api_tokens"
    id: Optional[int] = Field(default=None, primary_key=True)
    user_id: int = Field(foreign_key="users.id", index=True, ondelete="CASCADE")
    # SHA-256 of the token: tokens are 256-bit random, so a fast hash is safe and lookups are O(1).
    token_hash: str = Field(sa_column=Column(String(64), nullable=False, unique=True))
    prefix: str = Field(sa_column=Column(String(12), nullable=False))
    label: str = Field(default="", sa_column=Column(String(200), nullable=False, server_default=""))
    created_at: datetime = Field(default_factory=utcnow)
    revoked_at: Optional[datetime] = None


class Series(SQLModel, table=True):
    __tablename__ = "series"
    id: Optional[int] = Field(default=None, primary_key=True)
    slug: str = Field(sa_column=Column(String(100), nullable=False, unique=True))
    title: str = Field(sa_column=Column(String(300), nullable=False))
    original_locale: str = Field(sa_column=Column(String(35), nullable=False))
    episode_count: int
    free_episodes: int
    logline: str = Field(default="", sa_column=Column(Text, nullable=False, server_default=""))
    genre: str = Field(default="", sa_column=Column(String(100), nullable=False, server_default=""))
    unlock_price: Optional[Decimal] = Field(default=None, sa_column=Column(Numeric(10, 2)))
    currency: str = Field(default="USD", sa_column=Column(String(3), nullable=False, server_default="USD"))
    qc_preset: Optional[str] = Field(default=None, sa_column=Column(String(50)))
    # Percent of the full rate per leverage band, e.g. {"exact": 15}; unset bands take the defaults.
    rate_scheme: Optional[dict] = Field(default=None, sa_column=Column(JSON))
    created_at: datetime = Field(default_factory=utcnow)
    updated_at: datetime = Field(default_factory=utcnow)


class Episode(SQLModel, table=True):
    __tablename__ = "episodes"
    __table_args__ = (UniqueConstraint("series_id", "number", name="uq_episodes_series_number"),)
    id: Optional[int] = Field(default=None, primary_key=True)
    series_id: int = Field(foreign_key="series.id", index=True, ondelete="CASCADE")
    number: int
    title: str = Field(default="", sa_column=Column(String(300), nullable=False, server_default=""))
    duration_s: Optional[int] = None
    cliffhanger: str = Field(default="", sa_column=Column(Text, nullable=False, server_default=""))
    cliffhanger_kind: Optional[str] = Field(default=None, sa_column=Column(String(30)))
    video_url: Optional[str] = Field(default=None, sa_column=Column(String(1000)))


class MarketVersion(SQLModel, table=True):
    __tablename__ = "market_versions"
    __table_args__ = (
        UniqueConstraint("series_id", "locale", name="uq_versions_series_locale"),
        # Exactly one original per series, enforced by the database as well as the service.
        Index("uq_versions_one_original", "series_id", unique=True,
              sqlite_where=text("kind = 'original'"), postgresql_where=text("kind = 'original'")),
    )
    id: Optional[int] = Field(default=None, primary_key=True)
    series_id: int = Field(foreign_key="series.id", index=True, ondelete="CASCADE")
    locale: str = Field(sa_column=Column(String(35), nullable=False))
    kind: str = Field(sa_column=Column(String(20), nullable=False))
    title: str = Field(default="", sa_column=Column(String(300), nullable=False, server_default=""))
    status: str = Field(default="planned", sa_column=Column(String(30), nullable=False, server_default="planned"))
    release_date: Optional[date] = None
    free_episodes: Optional[int] = None
    unlock_price: Optional[Decimal] = Field(default=None, sa_column=Column(Numeric(10, 2)))
    currency: Optional[str] = Field(default=None, sa_column=Column(String(3)))
    episode_count: Optional[int] = None
    # {"1": [1, 2], "2": [3]}: which original episodes each of this version's episodes covers.
    episode_mapping: Optional[dict] = Field(default=None, sa_column=Column(JSON))
    qc_preset: Optional[str] = Field(default=None, sa_column=Column(String(50)))
    qc_overrides: Optional[dict] = Field(default=None, sa_column=Column(JSON))
    # A dub's {"min": 0.7, "max": 1.3}: how much longer or shorter than its source a line may be.
    script_length_ratio: Optional[dict] = Field(default=None, sa_column=Column(JSON))
    # Original episodes a remake leaves out on purpose (the mapping may skip only these).
    cut_episodes: Optional[list] = Field(default=None, sa_column=Column(JSON))
    # The full price of one source word in the version's currency (leverage weighs words down).
    rate_per_word: Optional[Decimal] = Field(default=None, sa_column=Column(Numeric(10, 4)))
    created_at: datetime = Field(default_factory=utcnow)
    updated_at: datetime = Field(default_factory=utcnow)


class Character(SQLModel, table=True):
    __tablename__ = "characters"
    __table_args__ = (UniqueConstraint("series_id", "name", name="uq_characters_series_name"),)
    id: Optional[int] = Field(default=None, primary_key=True)
    series_id: int = Field(foreign_key="series.id", index=True, ondelete="CASCADE")
    name: str = Field(sa_column=Column(String(200), nullable=False))
    description: str = Field(default="", sa_column=Column(Text, nullable=False, server_default=""))


class Casting(SQLModel, table=True):
    __tablename__ = "castings"
    __table_args__ = (UniqueConstraint("version_id", "character_id", name="uq_castings_version_character"),)
    id: Optional[int] = Field(default=None, primary_key=True)
    version_id: int = Field(foreign_key="market_versions.id", index=True, ondelete="CASCADE")
    character_id: int = Field(foreign_key="characters.id", index=True, ondelete="CASCADE")
    localized_name: str = Field(default="", sa_column=Column(String(200), nullable=False, server_default=""))
    actor: str = Field(default="", sa_column=Column(String(200), nullable=False, server_default=""))
    status: str = Field(default="open", sa_column=Column(String(20), nullable=False, server_default="open"))
    # Localized names this role had before (oldest first): left in a text, they are a check finding.
    previous_names: Optional[list] = Field(default=None, sa_column=Column(JSON))
    updated_at: datetime = Field(default_factory=utcnow)


class CastingNote(SQLModel, table=True):
    __tablename__ = "casting_notes"
    id: Optional[int] = Field(default=None, primary_key=True)
    casting_id: int = Field(foreign_key="castings.id", index=True, ondelete="CASCADE")
    author_id: Optional[int] = Field(default=None, foreign_key="users.id", ondelete="SET NULL")
    author: str = Field(sa_column=Column(String(200), nullable=False))
    text: str = Field(sa_column=Column(Text, nullable=False))
    created_at: datetime = Field(default_factory=utcnow)


# --- subtitles ------------------------------------------------------------------------------

class SubtitleTrack(SQLModel, table=True):
    __tablename__ = "subtitle_tracks"
    __table_args__ = (UniqueConstraint("version_id", "episode_id", "language", name="uq_tracks_version_episode_language"),)
    id: Optional[int] = Field(default=None, primary_key=True)
    version_id: int = Field(foreign_key="market_versions.id", index=True, ondelete="CASCADE")
    episode_id: int = Field(foreign_key="episodes.id", index=True, ondelete="CASCADE")
    language: str = Field(sa_column=Column(String(35), nullable=False))
    # The current revision number; ETags are derived from it.
    revision: int = Field(default=0)
    # WebVTT header text after "WEBVTT", and the STYLE / REGION / NOTE blocks, kept for round trips.
    header: str = Field(default="", sa_column=Column(Text, nullable=False, server_default=""))
    blocks: list = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    source_format: str = Field(default="vtt", sa_column=Column(String(3), nullable=False, server_default="vtt"))
    source_track_id: Optional[int] = Field(default=None, foreign_key="subtitle_tracks.id", ondelete="SET NULL")
    qc_preset: Optional[str] = Field(default=None, sa_column=Column(String(50)))
    qc_overrides: Optional[dict] = Field(default=None, sa_column=Column(JSON))
    # QC counts as of the last save, so the market matrix reads them without re-checking cues.
    qc_errors: Optional[int] = None
    qc_warnings: Optional[int] = None
    created_at: datetime = Field(default_factory=utcnow)
    updated_at: datetime = Field(default_factory=utcnow)


class Cue(SQLModel, table=True):
    __tablename__ = "cues"
    __table_args__ = (UniqueConstraint("track_id", "position", name="uq_cues_track_position"),)
    id: Optional[int] = Field(default=None, primary_key=True)
    track_id: int = Field(foreign_key="subtitle_tracks.id", ondelete="CASCADE")
    position: int  # 1-based order in the track
    start_ms: int
    end_ms: int
    text: str = Field(sa_column=Column(Text, nullable=False))
    identifier: Optional[str] = Field(default=None, sa_column=Column(String(200)))
    settings: Optional[str] = Field(default=None, sa_column=Column(String(200)))
    # For translated tracks: untranslated / translated / reviewed; None for imported files.
    status: Optional[str] = Field(default=None, sa_column=Column(String(20)))


class TrackRevision(SQLModel, table=True):
    __tablename__ = "track_revisions"
    __table_args__ = (UniqueConstraint("track_id", "number", name="uq_track_revisions_track_number"),)
    id: Optional[int] = Field(default=None, primary_key=True)
    track_id: int = Field(foreign_key="subtitle_tracks.id", index=True, ondelete="CASCADE")
    number: int
    author_id: Optional[int] = Field(default=None, foreign_key="users.id", ondelete="SET NULL")
    author: str = Field(default="", sa_column=Column(String(320), nullable=False, server_default=""))
    summary: str = Field(default="", sa_column=Column(String(500), nullable=False, server_default=""))
    # {"added": n, "removed": n, "changed": n, "restored_from": n?}
    changes: dict = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    # The whole track as it stood after this revision: header, blocks and cues.
    snapshot: dict = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    # The snapshot's number of cues, so history lists never read the snapshots.
    cue_count: int = Field(default=0, sa_column=Column(Integer, nullable=False, server_default="0"))
    created_at: datetime = Field(default_factory=utcnow)


# --- scripts --------------------------------------------------------------------------------

class Script(SQLModel, table=True):
    __tablename__ = "scripts"
    __table_args__ = (PrimaryKeyConstraint("id", name="pk_scripts"),
                      UniqueConstraint("version_id", "episode_id", name="uq_scripts_version_episode"))
    id: Optional[int] = Field(default=None, sa_column=Column(Integer, autoincrement=True))
    version_id: int = Field(sa_column=Column(Integer, ForeignKey(
        "market_versions.id", ondelete="CASCADE", name="fk_scripts_version_id_market_versions"),
        nullable=False, index=True))
    episode_id: int = Field(sa_column=Column(Integer, ForeignKey(
        "episodes.id", ondelete="CASCADE", name="fk_scripts_episode_id_episodes"), nullable=False, index=True))
    revision: int = Field(default=0, sa_column=Column(Integer, nullable=False))
    source_format: str = Field(default="json", sa_column=Column(String(10), nullable=False))
    title_page: dict = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    created_at: datetime = Field(default_factory=utcnow)
    updated_at: datetime = Field(default_factory=utcnow)


class ScriptSegment(SQLModel, table=True):
    """One segment of a script; its id is stable across saves and re-imports (adaptations link to it)."""

    __tablename__ = "script_segments"
    __table_args__ = (PrimaryKeyConstraint("id", name="pk_script_segments"),)
    id: Optional[int] = Field(default=None, sa_column=Column(Integer, autoincrement=True))
    script_id: int = Field(sa_column=Column(Integer, ForeignKey(
        "scripts.id", ondelete="CASCADE", name="fk_script_segments_script_id_scripts"), nullable=False, index=True))
    position: int = Field(sa_column=Column(Integer, nullable=False))  # 1-based among the listed segments
    kind: str = Field(sa_column=Column(String(20), nullable=False))
    text: str = Field(default="", sa_column=Column(Text, nullable=False))
    character_id: Optional[int] = Field(default=None, sa_column=Column(Integer, ForeignKey(
        "characters.id", ondelete="SET NULL", name="fk_script_segments_character_id_characters"), index=True))
    # The speaker as written when no character of the series matches it (an unknown speaker).
    speaker: Optional[str] = Field(default=None, sa_column=Column(String(200)))
    extension: Optional[str] = Field(default=None, sa_column=Column(String(50)))
    parenthetical: Optional[str] = Field(default=None, sa_column=Column(Text))
    dual: bool = Field(default=False, sa_column=Column(Boolean, nullable=False))
    source_id: Optional[int] = Field(default=None, sa_column=Column(Integer, ForeignKey(
        "script_segments.id", ondelete="SET NULL", name="fk_script_segments_source_id_script_segments"), index=True))
    status: str = Field(default="new", sa_column=Column(String(20), nullable=False))
    note: str = Field(default="", sa_column=Column(Text, nullable=False))
    outdated: bool = Field(default=False, sa_column=Column(Boolean, nullable=False))
    # The source text this adaptation was written from; differs from the source's text when outdated.
    written_against: Optional[str] = Field(default=None, sa_column=Column(Text))
    # An original segment a new draft dropped: kept (adaptations still point at it), not listed.
    removed: bool = Field(default=False, sa_column=Column(Boolean, nullable=False))


class ScriptRevision(SQLModel, table=True):
    __tablename__ = "script_revisions"
    __table_args__ = (PrimaryKeyConstraint("id", name="pk_script_revisions"),
                      UniqueConstraint("script_id", "number", name="uq_script_revisions_script_number"))
    id: Optional[int] = Field(default=None, sa_column=Column(Integer, autoincrement=True))
    script_id: int = Field(sa_column=Column(Integer, ForeignKey(
        "scripts.id", ondelete="CASCADE", name="fk_script_revisions_script_id_scripts"), nullable=False, index=True))
    number: int = Field(sa_column=Column(Integer, nullable=False))
    author_id: Optional[int] = Field(default=None, sa_column=Column(Integer, ForeignKey(
        "users.id", ondelete="SET NULL", name="fk_script_revisions_author_id_users")))
    author: str = Field(default="", sa_column=Column(String(320), nullable=False))
    summary: str = Field(default="", sa_column=Column(String(500), nullable=False))
    # {"added": n, "removed": n, "changed": n, "restored_from": n?}
    changes: dict = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    # The script as it stood after this revision: title page, format and segments (with their ids).
    snapshot: dict = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    segment_count: int = Field(default=0, sa_column=Column(Integer, nullable=False))
    created_at: datetime = Field(default_factory=utcnow)


# --- sign-in limits and the audit log ----------------------------------------------------------

class LoginAttempt(SQLModel, table=True):
    """Failed sign-ins per (client address, email) in the current window, shared by every worker."""

    __tablename__ = "login_attempts"
    __table_args__ = (PrimaryKeyConstraint("address", "email", name="pk_login_attempts"),)
    address: str = Field(sa_column=Column(String(64), nullable=False))
    email: str = Field(sa_column=Column(String(320), nullable=False))
    window_start: datetime = Field(sa_column=Column(DateTime(timezone=True), nullable=False, index=True))
    failures: int = Field(default=0, sa_column=Column(Integer, nullable=False))


class AuditEntry(SQLModel, table=True):
    """Who changed what outside subtitle and script revisions (which keep their own history)."""

    __tablename__ = "audit_log"
    __table_args__ = (PrimaryKeyConstraint("id", name="pk_audit_log"),)
    id: Optional[int] = Field(default=None, sa_column=Column(Integer, autoincrement=True))
    at: datetime = Field(default_factory=utcnow, sa_column=Column(DateTime(timezone=True), nullable=False,
                                                                  index=True))
    actor_id: Optional[int] = Field(default=None, sa_column=Column(Integer, ForeignKey(
        "users.id", ondelete="SET NULL", name="fk_audit_log_actor_id_users"), index=True))
    actor_email: str = Field(default="", sa_column=Column(String(320), nullable=False))
    action: str = Field(sa_column=Column(String(60), nullable=False))
    object_type: str = Field(sa_column=Column(String(40), nullable=False))
    object_id: str = Field(default="", sa_column=Column(String(200), nullable=False))
    details: dict = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))


# --- view counts ------------------------------------------------------------------------------
# Raw daily rows are the truth; the monthly and all-time rollups are kept current at ingest so a
# report reads at most (months x episodes) rows, whatever the history's length.

class ViewDaily(SQLModel, table=True):
    __tablename__ = "view_daily"
    version_id: int = Field(foreign_key="market_versions.id", primary_key=True, ondelete="CASCADE")
    day: date = Field(primary_key=True)
    episode: int = Field(primary_key=True)
    views: int = Field(sa_column=Column(BigInteger, nullable=False))
    unlocks: int = Field(sa_column=Column(BigInteger, nullable=False))
    # Revenue in ten-thousandths of the version's currency: exact integer sums on SQLite too,
    # whose NUMERIC would store floats.
    revenue_e4: int = Field(sa_column=Column(BigInteger, nullable=False))


class ViewMonthly(SQLModel, table=True):
    __tablename__ = "view_monthly"
    version_id: int = Field(foreign_key="market_versions.id", primary_key=True, ondelete="CASCADE")
    month: date = Field(primary_key=True)  # the first day of the month
    episode: int = Field(primary_key=True)
    views: int = Field(sa_column=Column(BigInteger, nullable=False))
    unlocks: int = Field(sa_column=Column(BigInteger, nullable=False))
    # Revenue in ten-thousandths of the version's currency: exact integer sums on SQLite too,
    # whose NUMERIC would store floats.
    day_rows: int = Field(sa_column=Column(BigInteger, nullable=False))  # daily rows summed here
    revenue_e4: int = Field(sa_column=Column(BigInteger, nullable=False))


class ViewTotal(SQLModel, table=True):
    __tablename__ = "view_totals"
    version_id: int = Field(foreign_key="market_versions.id", primary_key=True, ondelete="CASCADE")
    episode: int = Field(primary_key=True)
    views: int = Field(sa_column=Column(BigInteger, nullable=False))
    unlocks: int = Field(sa_column=Column(BigInteger, nullable=False))
    # Revenue in ten-thousandths of the version's currency: exact integer sums on SQLite too,
    # whose NUMERIC would store floats.
    day_rows: int = Field(sa_column=Column(BigInteger, nullable=False))  # daily rows summed here
    revenue_e4: int = Field(sa_column=Column(BigInteger, nullable=False))


class ViewState(SQLModel, table=True):
    """A series' view-count generation: raised by every ingest, in the same transaction.

    Report caches and ETags key on it (with the catalog rows a report reads), so a stored report
    is reused until the next ingest, in every worker process and on every host.
    """

    __tablename__ = "view_state"
    series_id: int = Field(foreign_key="series.id", primary_key=True, ondelete="CASCADE")
    generation: int = Field(sa_column=Column(BigInteger, nullable=False))


# --- translation memory -------------------------------------------------------------------------

MEMORY_KINDS = ("script", "subtitles", "tmx")


class MemoryEntry(SQLModel, table=True):
    """One remembered translation: a distinct (source locale, target locale, source, target).

    The origin (series, version, episode, kind, speaker) and the context (the previous source
    segment) are those of its latest use. `source_key` is the source as scored (tags out, case
    folded, spaces collapsed, cut at 2,000 characters): PostgreSQL's trigram index is on it, and
    `source_length` (its length) is the window both databases prefilter fuzzy candidates with.
    """

    __tablename__ = "memory_entries"
    __table_args__ = (
        PrimaryKeyConstraint("id", name="pk_memory_entries"),
        UniqueConstraint("source_locale", "target_locale", "source_hash", "target_hash",
                         name="uq_memory_entries_pair"),
        Index("ix_memory_entries_exact", "source_locale", "target_locale", "source_hash"),
        Index("ix_memory_entries_window", "source_locale", "target_locale", "source_length"),
        Index("ix_memory_entries_source_key_trgm", "source_key", postgresql_using="gist",
              postgresql_ops={"source_key": "gist_trgm_ops"}),
    )
    id: Optional[int] = Field(default=None, sa_column=Column(Integer, autoincrement=True))
    source_locale: str = Field(sa_column=Column(String(35), nullable=False))
    target_locale: str = Field(sa_column=Column(String(35), nullable=False))
    source_text: str = Field(sa_column=Column(Text, nullable=False))
    target_text: str = Field(sa_column=Column(Text, nullable=False))
    # MD5 of the stripped texts: the exact lookup and the uniqueness of a pair, whatever its length.
    source_hash: str = Field(sa_column=Column(String(32), nullable=False))
    target_hash: str = Field(sa_column=Column(String(32), nullable=False))
    source_key: str = Field(sa_column=Column(String(2000), nullable=False))
    source_length: int = Field(sa_column=Column(Integer, nullable=False))
    series: Optional[str] = Field(default=None, sa_column=Column(String(100)))  # slug, kept if the series goes
    version: Optional[str] = Field(default=None, sa_column=Column(String(35)))  # the version's locale
    episode: Optional[int] = Field(default=None, sa_column=Column(Integer))
    kind: str = Field(sa_column=Column(String(20), nullable=False))
    # Script dialogue: the original's character id, for 101% matches by speaker.
    speaker_id: Optional[int] = Field(default=None, sa_column=Column(Integer, ForeignKey(
        "characters.id", ondelete="SET NULL", name="fk_memory_entries_speaker_id_characters")))
    previous_source: Optional[str] = Field(default=None, sa_column=Column(Text))
    author_id: Optional[int] = Field(default=None, sa_column=Column(Integer, ForeignKey(
        "users.id", ondelete="SET NULL", name="fk_memory_entries_author_id_users")))
    author: str = Field(default="", sa_column=Column(String(320), nullable=False))
    created_at: datetime = Field(default_factory=utcnow, sa_column=Column(DateTime(timezone=True), nullable=False))
    updated_at: datetime = Field(default_factory=utcnow, sa_column=Column(DateTime(timezone=True), nullable=False))


# --- glossary -----------------------------------------------------------------------------------

GLOSSARY_KINDS = ("term", "name", "forbidden", "keep")


class GlossaryEntry(SQLModel, table=True):
    """One glossary entry of a series for a target locale, as a lead wrote or imported it.

    `forbidden`: `target` is a translation that must not be used; `keep`: the source stays as it
    is. `name` entries are stored only for names casting does not hold (a place, a pet); the
    renamed characters of a version come from casting when read. A source has one entry per kind.
    """

    __tablename__ = "glossary_entries"
    __table_args__ = (
        PrimaryKeyConstraint("id", name="pk_glossary_entries"),
        UniqueConstraint("series_id", "target_locale", "source", "kind", name="uq_glossary_entries_source"),
    )
    id: Optional[int] = Field(default=None, sa_column=Column(Integer, autoincrement=True))
    series_id: int = Field(sa_column=Column(Integer, ForeignKey(
        "series.id", ondelete="CASCADE", name="fk_glossary_entries_series_id_series"), nullable=False, index=True))
    target_locale: str = Field(sa_column=Column(String(35), nullable=False))
    source: str = Field(sa_column=Column(String(300), nullable=False))
    target: str = Field(default="", sa_column=Column(String(300), nullable=False))
    kind: str = Field(sa_column=Column(String(20), nullable=False))
    note: str = Field(default="", sa_column=Column(Text, nullable=False))
    case_sensitive: bool = Field(default=False, sa_column=Column(Boolean, nullable=False))
    created_at: datetime = Field(default_factory=utcnow, sa_column=Column(DateTime(timezone=True), nullable=False))
    updated_at: datetime = Field(default_factory=utcnow, sa_column=Column(DateTime(timezone=True), nullable=False))


# --- background jobs ----------------------------------------------------------------------------

JOB_STATUSES = ("queued", "running", "done", "failed")


class Job(SQLModel, table=True):
    """Long work (a pre-translation of 80 episodes) run outside the request that asked for it.

    Its state lives here, not in a process, so every serve worker and every host answers its GET.
    `id` is random and unguessable. `worker` names the process holding it ("host:pid"): the one
    that will run a queued in-process job, the one running a job; `heartbeat_at` is refreshed while
    it runs, so a job whose worker died is found stale (localize/jobs/store.py).
    """

    __tablename__ = "jobs"
    __table_args__ = (
        PrimaryKeyConstraint("id", name="pk_jobs"),
        Index("ix_jobs_created_by_created_at", "created_by", "created_at"),
        Index("ix_jobs_status_heartbeat_at", "status", "heartbeat_at"),
    )
    id: str = Field(sa_column=Column(String(32), nullable=False))
    kind: str = Field(sa_column=Column(String(60), nullable=False))
    params: dict = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    status: str = Field(default="queued", sa_column=Column(String(10), nullable=False))
    # "process" (a thread of the serving process) or "rq:<queue name>" (a `localize worker`).
    queue: str = Field(default="process", sa_column=Column(String(100), nullable=False))
    done: int = Field(default=0, sa_column=Column(Integer, nullable=False))
    total: int = Field(default=0, sa_column=Column(Integer, nullable=False))
    result: Optional[dict] = Field(default=None, sa_column=Column(JSON))
    error: Optional[str] = Field(default=None, sa_column=Column(Text))
    created_by: Optional[int] = Field(default=None, sa_column=Column(Integer, ForeignKey(
        "users.id", ondelete="SET NULL", name="fk_jobs_created_by_users")))
    worker: Optional[str] = Field(default=None, sa_column=Column(String(200)))
    created_at: datetime = Field(default_factory=utcnow, sa_column=Column(DateTime(timezone=True), nullable=False))
    started_at: Optional[datetime] = Field(default=None, sa_column=Column(DateTime(timezone=True)))
    heartbeat_at: Optional[datetime] = Field(default=None, sa_column=Column(DateTime(timezone=True)))
    finished_at: Optional[datetime] = Field(default=None, sa_column=Column(DateTime(timezone=True)))


# --- machine translation ------------------------------------------------------------------------

class MachineTranslation(SQLModel, table=True):
    """A provider's answer for one text, kept so the same text is never paid for twice.

    Keyed by the provider and the language codes it was asked with (es-MX and es-ES are both `es`
    for LibreTranslate, but DeepL tells PT-BR from PT-PT) and the SHA-256 of the text.
    """

    __tablename__ = "machine_translations"
    __table_args__ = (
        PrimaryKeyConstraint("id", name="pk_machine_translations"),
        UniqueConstraint("provider", "source_language", "target_language", "text_hash",
                         name="uq_machine_translations_key"),
    )
    id: Optional[int] = Field(default=None, sa_column=Column(Integer, autoincrement=True))
    provider: str = Field(sa_column=Column(String(20), nullable=False))
    source_language: str = Field(sa_column=Column(String(35), nullable=False))
    target_language: str = Field(sa_column=Column(String(35), nullable=False))
    text_hash: str = Field(sa_column=Column(String(64), nullable=False))
    text: str = Field(sa_column=Column(Text, nullable=False))
    translation: str = Field(sa_column=Column(Text, nullable=False))
    created_at: datetime = Field(default_factory=utcnow, sa_column=Column(DateTime(timezone=True), nullable=False))
