"""track revisions keep their cue count, so history lists never read snapshots

Revision ID: 0003_revision_cue_count
Revises: 0002_subtitles_views
Create Date: 2026-12-02 10:00:00.000000
"""
import sqlalchemy as sa
from alembic import op

revision = '0003_revision_cue_count'
down_revision = '0002_subtitles_views'
branch_labels = None
depends_on = None

BATCH = 500


def upgrade() -> None:
    with op.batch_alter_table('track_revisions', schema=None) as batch_op:
        batch_op.add_column(sa.Column('cue_count', sa.Integer(), server_default='0', nullable=False))
    _backfill()


def _backfill() -> None:
    """Count the cues of every existing revision's snapshot."""
    bind = op.get_bind()
    if bind.dialect.name == 'sqlite':
        op.execute("UPDATE track_revisions SET cue_count = "
                   "COALESCE(json_array_length(snapshot, '$.cues'), 0)")
        return
    if bind.dialect.name == 'postgresql':
        op.execute("UPDATE track_revisions SET cue_count = "
                   "COALESCE(json_array_length((snapshot::json) -> 'cues'), 0)")
        return
    # Any other database: read the snapshots in batches and count in Python.
    revisions = sa.table('track_revisions', sa.column('id', sa.Integer()), sa.column('snapshot', sa.JSON()),
                         sa.column('cue_count', sa.Integer()))
    last = 0
    while True:
        rows = bind.execute(sa.select(revisions.c.id, revisions.c.snapshot).where(revisions.c.id > last)
                            .order_by(revisions.c.id).limit(BATCH)).all()
        if not rows:
            break
        for id_, snapshot in rows:
            count = len((snapshot or {}).get('cues') or [])
            bind.execute(revisions.update().where(revisions.c.id == id_).values(cue_count=count))
        last = rows[-1][0]


def downgrade() -> None:
    with op.batch_alter_table('track_revisions', schema=None) as batch_op:
        batch_op.drop_column('cue_count')
