"""a series' view-count generation, raised by every ingest (report caches and ETags key on it)

Revision ID: 0006_view_state
Revises: 0005_sessions_logins_audit
Create Date: 2026-12-01 10:00:00.000000
"""
import sqlalchemy as sa
from alembic import op

revision = '0006_view_state'
down_revision = '0005_sessions_logins_audit'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'view_state',
        sa.Column('series_id', sa.Integer(), nullable=False),
        sa.Column('generation', sa.BigInteger(), nullable=False),
        sa.ForeignKeyConstraint(['series_id'], ['series.id'], ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('series_id'),
    )


def downgrade() -> None:
    op.drop_table('view_state')
