"""sessions that end (a per-user epoch), one login limit for every worker, an audit log, cut episodes

Revision ID: 0005_sessions_logins_audit
Revises: 0004_scripts
Create Date: 2026-11-27 16:00:00.000000
"""
import sqlalchemy as sa
from alembic import op

revision = '0005_sessions_logins_audit'
down_revision = '0004_scripts'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.add_column(sa.Column('session_epoch', sa.Integer(), nullable=False, server_default='0'))
    with op.batch_alter_table('market_versions', schema=None) as batch_op:
        batch_op.add_column(sa.Column('cut_episodes', sa.JSON(), nullable=True))

    op.create_table(
        'login_attempts',
        sa.Column('address', sa.String(length=64), nullable=False),
        sa.Column('email', sa.String(length=320), nullable=False),
        sa.Column('window_start', sa.DateTime(timezone=True), nullable=False),
        sa.Column('failures', sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint('address', 'email', name='pk_login_attempts'),
    )
    op.create_index('ix_login_attempts_window_start', 'login_attempts', ['window_start'])

    op.create_table(
        'audit_log',
        sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
        sa.Column('at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('actor_id', sa.Integer(), nullable=True),
        sa.Column('actor_email', sa.String(length=320), nullable=False),
        sa.Column('action', sa.String(length=60), nullable=False),
        sa.Column('object_type', sa.String(length=40), nullable=False),
        sa.Column('object_id', sa.String(length=200), nullable=False),
        sa.Column('details', sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint('id', name='pk_audit_log'),
        sa.ForeignKeyConstraint(['actor_id'], ['users.id'], ondelete='SET NULL',
                                name='fk_audit_log_actor_id_users'),
    )
    op.create_index('ix_audit_log_at', 'audit_log', ['at'])
    op.create_index('ix_audit_log_actor_id', 'audit_log', ['actor_id'])


def downgrade() -> None:
    op.drop_index('ix_audit_log_actor_id', table_name='audit_log')
    op.drop_index('ix_audit_log_at', table_name='audit_log')
    op.drop_table('audit_log')
    op.drop_index('ix_login_attempts_window_start', table_name='login_attempts')
    op.drop_table('login_attempts')
    with op.batch_alter_table('market_versions', schema=None) as batch_op:
        batch_op.drop_column('cut_episodes')
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.drop_column('session_epoch')
