"""scripts: each episode's screenplay per version, its segments and revisions; a dub's length ratio; casting's previous names

Revision ID: 0004_scripts
Revises: 0003_revision_cue_count
Create Date: 2026-12-09 10:00:00.000000
"""
import sqlalchemy as sa
from alembic import op

revision = '0004_scripts'
down_revision = '0003_revision_cue_count'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'scripts',
        sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
        sa.Column('version_id', sa.Integer(), nullable=False),
        sa.Column('episode_id', sa.Integer(), nullable=False),
        sa.Column('revision', sa.Integer(), nullable=False),
        sa.Column('source_format', sa.String(length=10), nullable=False),
        sa.Column('title_page', sa.JSON(), nullable=False),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint('id', name='pk_scripts'),
        sa.ForeignKeyConstraint(['version_id'], ['market_versions.id'], ondelete='CASCADE',
                                name='fk_scripts_version_id_market_versions'),
        sa.ForeignKeyConstraint(['episode_id'], ['episodes.id'], ondelete='CASCADE',
                                name='fk_scripts_episode_id_episodes'),
        sa.UniqueConstraint('version_id', 'episode_id', name='uq_scripts_version_episode'),
    )
    op.create_index('ix_scripts_version_id', 'scripts', ['version_id'])
    op.create_index('ix_scripts_episode_id', 'scripts', ['episode_id'])

    op.create_table(
        'script_segments',
        sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
        sa.Column('script_id', sa.Integer(), nullable=False),
        sa.Column('position', sa.Integer(), nullable=False),
        sa.Column('kind', sa.String(length=20), nullable=False),
        sa.Column('text', sa.Text(), nullable=False),
        sa.Column('character_id', sa.Integer(), nullable=True),
        sa.Column('speaker', sa.String(length=200), nullable=True),
        sa.Column('extension', sa.String(length=50), nullable=True),
        sa.Column('parenthetical', sa.Text(), nullable=True),
        sa.Column('dual', sa.Boolean(), nullable=False),
        sa.Column('source_id', sa.Integer(), nullable=True),
        sa.Column('status', sa.String(length=20), nullable=False),
        sa.Column('note', sa.Text(), nullable=False),
        sa.Column('outdated', sa.Boolean(), nullable=False),
        sa.Column('written_against', sa.Text(), nullable=True),
        sa.Column('removed', sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint('id', name='pk_script_segments'),
        sa.ForeignKeyConstraint(['script_id'], ['scripts.id'], ondelete='CASCADE',
                                name='fk_script_segments_script_id_scripts'),
        sa.ForeignKeyConstraint(['character_id'], ['characters.id'], ondelete='SET NULL',
                                name='fk_script_segments_character_id_characters'),
        sa.ForeignKeyConstraint(['source_id'], ['script_segments.id'], ondelete='SET NULL',
                                name='fk_script_segments_source_id_script_segments'),
    )
    op.create_index('ix_script_segments_script_id', 'script_segments', ['script_id'])
    op.create_index('ix_script_segments_character_id', 'script_segments', ['character_id'])
    op.create_index('ix_script_segments_source_id', 'script_segments', ['source_id'])

    op.create_table(
        'script_revisions',
        sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
        sa.Column('script_id', sa.Integer(), nullable=False),
        sa.Column('number', sa.Integer(), nullable=False),
        sa.Column('author_id', sa.Integer(), nullable=True),
        sa.Column('author', sa.String(length=320), nullable=False),
        sa.Column('summary', sa.String(length=500), nullable=False),
        sa.Column('changes', sa.JSON(), nullable=False),
        sa.Column('snapshot', sa.JSON(), nullable=False),
        sa.Column('segment_count', sa.Integer(), nullable=False),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint('id', name='pk_script_revisions'),
        sa.ForeignKeyConstraint(['script_id'], ['scripts.id'], ondelete='CASCADE',
                                name='fk_script_revisions_script_id_scripts'),
        sa.ForeignKeyConstraint(['author_id'], ['users.id'], ondelete='SET NULL',
                                name='fk_script_revisions_author_id_users'),
        sa.UniqueConstraint('script_id', 'number', name='uq_script_revisions_script_number'),
    )
    op.create_index('ix_script_revisions_script_id', 'script_revisions', ['script_id'])

    with op.batch_alter_table('market_versions', schema=None) as batch_op:
        batch_op.add_column(sa.Column('script_length_ratio', sa.JSON(), nullable=True))
    with op.batch_alter_table('castings', schema=None) as batch_op:
        batch_op.add_column(sa.Column('previous_names', sa.JSON(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('castings', schema=None) as batch_op:
        batch_op.drop_column('previous_names')
    with op.batch_alter_table('market_versions', schema=None) as batch_op:
        batch_op.drop_column('script_length_ratio')
    op.drop_index('ix_script_revisions_script_id', table_name='script_revisions')
    op.drop_table('script_revisions')
    for column in ('source_id', 'character_id', 'script_id'):
        op.drop_index(f'ix_script_segments_{column}', table_name='script_segments')
    op.drop_table('script_segments')
    op.drop_index('ix_scripts_episode_id', table_name='scripts')
    op.drop_index('ix_scripts_version_id', table_name='scripts')
    op.drop_table('scripts')
