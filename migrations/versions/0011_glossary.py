"""glossary: entries per series and target locale (term, name, forbidden, keep), one per source and kind

Revision ID: 0011_glossary
Revises: 0010_jobs
Create Date: 2026-11-27 17:45:00.000000
"""
import sqlalchemy as sa
from alembic import op

revision = '0011_glossary'
down_revision = '0010_jobs'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'glossary_entries',
        sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
        sa.Column('series_id', sa.Integer(), nullable=False),
        sa.Column('target_locale', sa.String(length=35), nullable=False),
        sa.Column('source', sa.String(length=300), nullable=False),
        sa.Column('target', sa.String(length=300), nullable=False),
        sa.Column('kind', sa.String(length=20), nullable=False),
        sa.Column('note', sa.Text(), nullable=False),
        sa.Column('case_sensitive', sa.Boolean(), nullable=False),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint('id', name='pk_glossary_entries'),
        sa.UniqueConstraint('series_id', 'target_locale', 'source', 'kind', name='uq_glossary_entries_source'),
        sa.ForeignKeyConstraint(['series_id'], ['series.id'], ondelete='CASCADE',
                                name='fk_glossary_entries_series_id_series'),
    )
    op.create_index('ix_glossary_entries_series_id', 'glossary_entries', ['series_id'])


def downgrade() -> None:
    op.drop_index('ix_glossary_entries_series_id', table_name='glossary_entries')
    op.drop_table('glossary_entries')
