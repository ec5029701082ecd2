"""machine translation cache: a provider's answer per (provider, languages, SHA-256 of the text)

Revision ID: 0009_machine_translation_cache
Revises: 0008_rates
Create Date: 2026-11-27 17:45:00.000000
"""
import sqlalchemy as sa
from alembic import op

revision = '0009_machine_translation_cache'
down_revision = '0008_rates'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'machine_translations',
        sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
        sa.Column('provider', sa.String(length=20), nullable=False),
        sa.Column('source_language', sa.String(length=35), nullable=False),
        sa.Column('target_language', sa.String(length=35), nullable=False),
        sa.Column('text_hash', sa.String(length=64), nullable=False),
        sa.Column('text', sa.Text(), nullable=False),
        sa.Column('translation', sa.Text(), nullable=False),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint('id', name='pk_machine_translations'),
        sa.UniqueConstraint('provider', 'source_language', 'target_language', 'text_hash',
                            name='uq_machine_translations_key'),
    )


def downgrade() -> None:
    op.drop_table('machine_translations')
