"""Translation memory: every human translation remembered once per distinct pair, offered again.

`store.remember` keeps what the scripts and subtitles packages announce through the
`translations_saved` signal (memory sits above both and they never import it); `store.lookup`
finds context (101), exact (100) and fuzzy (50-99) matches for a source text, the seam that
pre-translation and the editors call; `tmx` reads and writes TMX 1.4 files, `exchange` moves
them in and out of the database; `pretranslate` fills a version's scripts and tracks from memory (and
machine translation) for an episode range. No Flask here: functions take the session, flush, never commit.
"""
from __future__ import annotations

from localize.signals import translations_saved


@translations_saved.connect
def _remember(author, *, session, pairs) -> None:
    from localize.memory.store import remember
    remember(session, pairs, author=author)
