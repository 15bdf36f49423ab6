"""Indexes for the lists, the name search, the dashboard and the citation audit at scale.

Partial indexes over live rows (``retracted_at IS NULL``) that let the persons list page
and count from the index alone at 100,000 persons; the name-token index covers the person
id, so a search never reads the token rows; the dashboard's counts (allegations by status,
ungraded sources, persons held now, urgent persons, recent changes among millions of
import and login events) each read a small index; the citation index covers
``retracted_at`` so "claims with no live citation" is an index-only anti-join. Figures:
docs/benchmarks.md. Indexes only: no data changes.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-01 09:21:19.439327

"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision: str = "0004"
down_revision: str | Sequence[str] | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("allegation", schema=None) as batch_op:
        batch_op.create_index(
            "ix_allegation_live",
            ["id"],
            unique=False,
            sqlite_where=sa.text("retracted_at IS NULL"),
            postgresql_where=sa.text("retracted_at IS NULL"),
        )
        batch_op.create_index(
            "ix_allegation_live_status",
            ["status", "victim_id"],
            unique=False,
            sqlite_where=sa.text("retracted_at IS NULL"),
            postgresql_where=sa.text("retracted_at IS NULL"),
        )

    with op.batch_alter_table("audit_event", schema=None) as batch_op:
        batch_op.create_index(
            "ix_audit_event_changes",
            ["id"],
            unique=False,
            sqlite_where=sa.text("action IN ('INSERT', 'UPDATE', 'RETRACT', 'RESTORE')"),
            postgresql_where=sa.text("action IN ('INSERT', 'UPDATE', 'RETRACT', 'RESTORE')"),
        )

    with op.batch_alter_table("citation", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_citation_claim_id"))
        batch_op.create_index("ix_citation_claim_live", ["claim_id", "retracted_at"], unique=False)

    with op.batch_alter_table("detention_episode", schema=None) as batch_op:
        batch_op.create_index(
            "ix_detention_episode_open",
            ["person_id"],
            unique=False,
            sqlite_where=sa.text("retracted_at IS NULL AND end_date IS NULL"),
            postgresql_where=sa.text("retracted_at IS NULL AND end_date IS NULL"),
        )

    with op.batch_alter_table("person", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_person_category_status"))
        batch_op.create_index(
            "ix_person_live_category",
            ["category", "current_status", "sort_key", "id"],
            unique=False,
            sqlite_where=sa.text("retracted_at IS NULL"),
            postgresql_where=sa.text("retracted_at IS NULL"),
        )
        batch_op.create_index(
            "ix_person_live_sort",
            ["sort_key", "id", "category", "current_status"],
            unique=False,
            sqlite_where=sa.text("retracted_at IS NULL"),
            postgresql_where=sa.text("retracted_at IS NULL"),
        )
        batch_op.create_index(
            "ix_person_live_updated",
            ["updated_at", "id", "category", "current_status"],
            unique=False,
            sqlite_where=sa.text("retracted_at IS NULL"),
            postgresql_where=sa.text("retracted_at IS NULL"),
        )
        batch_op.create_index(
            "ix_person_live_status",
            ["current_status"],
            unique=False,
            sqlite_where=sa.text("retracted_at IS NULL"),
            postgresql_where=sa.text("retracted_at IS NULL"),
        )
        batch_op.create_index(
            "ix_person_urgent",
            ["id"],
            unique=False,
            sqlite_where=sa.text("retracted_at IS NULL AND urgent"),
            postgresql_where=sa.text("retracted_at IS NULL AND urgent"),
        )

    with op.batch_alter_table("person_name_token", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_person_name_token_token"))
        batch_op.create_index("ix_person_name_token_token", ["token", "person_id"], unique=False)

    with op.batch_alter_table("proceeding", schema=None) as batch_op:
        batch_op.create_index(
            "ix_proceeding_live_start",
            ["start_date", "id"],
            unique=False,
            sqlite_where=sa.text("retracted_at IS NULL"),
            postgresql_where=sa.text("retracted_at IS NULL"),
        )

    with op.batch_alter_table("submission", schema=None) as batch_op:
        batch_op.create_index(
            "ix_submission_follow_up",
            ["follow_up_on"],
            unique=False,
            sqlite_where=sa.text("retracted_at IS NULL"),
            postgresql_where=sa.text("retracted_at IS NULL"),
        )

    with op.batch_alter_table("source", schema=None) as batch_op:
        batch_op.create_index(
            "ix_source_live",
            ["id"],
            unique=False,
            sqlite_where=sa.text("retracted_at IS NULL"),
            postgresql_where=sa.text("retracted_at IS NULL"),
        )
        batch_op.create_index(
            "ix_source_ungraded",
            ["id"],
            unique=False,
            sqlite_where=sa.text("retracted_at IS NULL AND reliability IS NULL"),
            postgresql_where=sa.text("retracted_at IS NULL AND reliability IS NULL"),
        )


def downgrade() -> None:
    with op.batch_alter_table("source", schema=None) as batch_op:
        batch_op.drop_index(
            "ix_source_ungraded",
            sqlite_where=sa.text("retracted_at IS NULL AND reliability IS NULL"),
            postgresql_where=sa.text("retracted_at IS NULL AND reliability IS NULL"),
        )
        batch_op.drop_index(
            "ix_source_live",
            sqlite_where=sa.text("retracted_at IS NULL"),
            postgresql_where=sa.text("retracted_at IS NULL"),
        )

    with op.batch_alter_table("submission", schema=None) as batch_op:
        batch_op.drop_index("ix_submission_follow_up")

    with op.batch_alter_table("proceeding", schema=None) as batch_op:
        batch_op.drop_index(
            "ix_proceeding_live_start",
            sqlite_where=sa.text("retracted_at IS NULL"),
            postgresql_where=sa.text("retracted_at IS NULL"),
        )

    with op.batch_alter_table("person_name_token", schema=None) as batch_op:
        batch_op.drop_index("ix_person_name_token_token")
        batch_op.create_index(batch_op.f("ix_person_name_token_token"), ["token"], unique=False)

    with op.batch_alter_table("person", schema=None) as batch_op:
        batch_op.drop_index(
            "ix_person_urgent",
            sqlite_where=sa.text("retracted_at IS NULL AND urgent"),
            postgresql_where=sa.text("retracted_at IS NULL AND urgent"),
        )
        batch_op.drop_index("ix_person_live_status")
        batch_op.drop_index(
            "ix_person_live_updated",
            sqlite_where=sa.text("retracted_at IS NULL"),
            postgresql_where=sa.text("retracted_at IS NULL"),
        )
        batch_op.drop_index(
            "ix_person_live_sort",
            sqlite_where=sa.text("retracted_at IS NULL"),
            postgresql_where=sa.text("retracted_at IS NULL"),
        )
        batch_op.drop_index(
            "ix_person_live_category",
            sqlite_where=sa.text("retracted_at IS NULL"),
            postgresql_where=sa.text("retracted_at IS NULL"),
        )
        batch_op.create_index(
            batch_op.f("ix_person_category_status"), ["category", "current_status"], unique=False
        )

    with op.batch_alter_table("detention_episode", schema=None) as batch_op:
        batch_op.drop_index(
            "ix_detention_episode_open",
            sqlite_where=sa.text("retracted_at IS NULL AND end_date IS NULL"),
            postgresql_where=sa.text("retracted_at IS NULL AND end_date IS NULL"),
        )

    with op.batch_alter_table("citation", schema=None) as batch_op:
        batch_op.drop_index("ix_citation_claim_live")
        batch_op.create_index(batch_op.f("ix_citation_claim_id"), ["claim_id"], unique=False)

    with op.batch_alter_table("audit_event", schema=None) as batch_op:
        batch_op.drop_index(
            "ix_audit_event_changes",
            sqlite_where=sa.text("action IN ('INSERT', 'UPDATE', 'RETRACT', 'RESTORE')"),
            postgresql_where=sa.text("action IN ('INSERT', 'UPDATE', 'RETRACT', 'RESTORE')"),
        )

    with op.batch_alter_table("allegation", schema=None) as batch_op:
        batch_op.drop_index(
            "ix_allegation_live_status",
            sqlite_where=sa.text("retracted_at IS NULL"),
            postgresql_where=sa.text("retracted_at IS NULL"),
        )
        batch_op.drop_index(
            "ix_allegation_live",
            sqlite_where=sa.text("retracted_at IS NULL"),
            postgresql_where=sa.text("retracted_at IS NULL"),
        )
