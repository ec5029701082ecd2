"""background jobs: kind, params, status, progress, result or error, who asked and which worker holds it

Revision ID: 0010_jobs
Revises: 0009_machine_translation_cache
Create Date: 2026-11-27 17:45:00.000000
"""
import sqlalchemy as sa
from alembic import op

revision = '0010_jobs'
down_revision = '0009_machine_translation_cache'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'jobs',
        sa.Column('id', sa.String(length=32), nullable=False),
        sa.Column('kind', sa.String(length=60), nullable=False),
        sa.Column('params', sa.JSON(), nullable=False),
        sa.Column('status', sa.String(length=10), nullable=False),
        sa.Column('queue', sa.String(length=100), nullable=False),
        sa.Column('done', sa.Integer(), nullable=False),
        sa.Column('total', sa.Integer(), nullable=False),
        sa.Column('result', sa.JSON(), nullable=True),
        sa.Column('error', sa.Text(), nullable=True),
        sa.Column('created_by', sa.Integer(), nullable=True),
        sa.Column('worker', sa.String(length=200), nullable=True),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('started_at', sa.DateTime(timezone=True), nullable=True),
        sa.Column('heartbeat_at', sa.DateTime(timezone=True), nullable=True),
        sa.Column('finished_at', sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint('id', name='pk_jobs'),
        sa.ForeignKeyConstraint(['created_by'], ['users.id'], ondelete='SET NULL',
                                name='fk_jobs_created_by_users'),
    )
    # A person's jobs, newest first; the stale-job sweep reads running jobs by heartbeat.
    op.create_index('ix_jobs_created_by_created_at', 'jobs', ['created_by', 'created_at'])
    op.create_index('ix_jobs_status_heartbeat_at', 'jobs', ['status', 'heartbeat_at'])


def downgrade() -> None:
    op.drop_index('ix_jobs_status_heartbeat_at', table_name='jobs')
    op.drop_index('ix_jobs_created_by_created_at', table_name='jobs')
    op.drop_table('jobs')
