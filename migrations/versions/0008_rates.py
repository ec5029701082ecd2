"""rates for leverage: a series' rate scheme (percent per match band) and a version's rate per word

Revision ID: 0008_rates
Revises: 0007_translation_memory
Create Date: 2026-11-27 17:00:00.000000
"""
import sqlalchemy as sa
from alembic import op

revision = '0008_rates'
down_revision = '0007_translation_memory'
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Plain ALTER TABLE on both databases (SQLite 3.35+ drops columns too): no batch copy of
    # market_versions, whose rows other tables reference with ON DELETE CASCADE.
    op.add_column('series', sa.Column('rate_scheme', sa.JSON(), nullable=True))
    op.add_column('market_versions', sa.Column('rate_per_word', sa.Numeric(precision=10, scale=4), nullable=True))


def downgrade() -> None:
    op.drop_column('market_versions', 'rate_per_word')
    op.drop_column('series', 'rate_scheme')
