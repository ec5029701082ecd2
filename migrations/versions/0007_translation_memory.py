"""translation memory: one entry per distinct pair, an exact index, a length window, a trigram index

Revision ID: 0007_translation_memory
Revises: 0006_view_state
Create Date: 2026-11-27 16:30:00.000000
"""
import sqlalchemy as sa
from alembic import op

revision = '0007_translation_memory'
down_revision = '0006_view_state'
branch_labels = None
depends_on = None


def _trigram_ops() -> str:
    """pg_trgm's GiST operator class, qualified by the schema the extension lives in."""
    op.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    schema = op.get_bind().execute(sa.text(
        "SELECT n.nspname FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace "
        "WHERE e.extname = 'pg_trgm'")).scalar_one()
    return f'"{schema}".gist_trgm_ops'


def upgrade() -> None:
    op.create_table(
        'memory_entries',
        sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
        sa.Column('source_locale', sa.String(length=35), nullable=False),
        sa.Column('target_locale', sa.String(length=35), nullable=False),
        sa.Column('source_text', sa.Text(), nullable=False),
        sa.Column('target_text', sa.Text(), nullable=False),
        sa.Column('source_hash', sa.String(length=32), nullable=False),
        sa.Column('target_hash', sa.String(length=32), nullable=False),
        sa.Column('source_key', sa.String(length=2000), nullable=False),
        sa.Column('source_length', sa.Integer(), nullable=False),
        sa.Column('series', sa.String(length=100), nullable=True),
        sa.Column('version', sa.String(length=35), nullable=True),
        sa.Column('episode', sa.Integer(), nullable=True),
        sa.Column('kind', sa.String(length=20), nullable=False),
        sa.Column('speaker_id', sa.Integer(), nullable=True),
        sa.Column('previous_source', sa.Text(), nullable=True),
        sa.Column('author_id', sa.Integer(), nullable=True),
        sa.Column('author', sa.String(length=320), nullable=False),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint('id', name='pk_memory_entries'),
        sa.UniqueConstraint('source_locale', 'target_locale', 'source_hash', 'target_hash',
                            name='uq_memory_entries_pair'),
        sa.ForeignKeyConstraint(['speaker_id'], ['characters.id'], ondelete='SET NULL',
                                name='fk_memory_entries_speaker_id_characters'),
        sa.ForeignKeyConstraint(['author_id'], ['users.id'], ondelete='SET NULL',
                                name='fk_memory_entries_author_id_users'),
    )
    op.create_index('ix_memory_entries_exact', 'memory_entries', ['source_locale', 'target_locale', 'source_hash'])
    op.create_index('ix_memory_entries_window', 'memory_entries', ['source_locale', 'target_locale', 'source_length'])
    if op.get_bind().dialect.name == 'postgresql':
        op.create_index('ix_memory_entries_source_key_trgm', 'memory_entries', ['source_key'],
                        postgresql_using='gist', postgresql_ops={'source_key': _trigram_ops()})
    else:  # SQLite prefilters by the length window alone; the index keeps the schema the models'
        op.create_index('ix_memory_entries_source_key_trgm', 'memory_entries', ['source_key'])


def downgrade() -> None:
    # pg_trgm stays: other schemas of the database may use it.
    op.drop_index('ix_memory_entries_source_key_trgm', table_name='memory_entries')
    op.drop_index('ix_memory_entries_window', table_name='memory_entries')
    op.drop_index('ix_memory_entries_exact', table_name='memory_entries')
    op.drop_table('memory_entries')
