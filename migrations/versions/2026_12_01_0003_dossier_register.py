"""Dossier register: every generated dossier, thematic report and audit report, the persons
each concerns, and the dossier a submission sent.

New tables only: nothing existing is altered (submission's link lives in a table of its own,
so the submission table is never rebuilt on SQLite).

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-01 06:28:29.517098

"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision: str = "0003"
down_revision: str | Sequence[str] | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "dossier",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("audience", sa.String(length=32), nullable=False),
        sa.Column("recipient", sa.String(length=32), nullable=True),
        sa.Column("recipient_name", sa.String(length=255), nullable=True),
        sa.Column("options", sa.JSON(), nullable=False),
        sa.Column("status", sa.String(length=32), nullable=False),
        sa.Column("requested_by_id", sa.Integer(), nullable=False),
        sa.Column("requested_at", sa.DateTime(), nullable=False),
        sa.Column("started_at", sa.DateTime(), nullable=True),
        sa.Column("finished_at", sa.DateTime(), nullable=True),
        sa.Column("job_id", sa.String(length=64), nullable=True),
        sa.Column("progress", sa.Integer(), nullable=False),
        sa.Column("reference", sa.String(length=40), nullable=True),
        sa.Column("data_cutoff", sa.DateTime(), nullable=True),
        sa.Column("snapshot_sha256", sa.String(length=64), nullable=True),
        sa.Column("pdf_sha256", sa.String(length=64), nullable=True),
        sa.Column("pdf_size", sa.BigInteger(), nullable=True),
        sa.Column("page_count", sa.Integer(), nullable=True),
        sa.Column("filename", sa.String(length=255), nullable=True),
        sa.Column("gate", sa.JSON(), nullable=True),
        sa.Column("override_reason", sa.Text(), nullable=True),
        sa.Column("override_by_id", sa.Integer(), nullable=True),
        sa.Column("error", sa.Text(), nullable=True),
        sa.CheckConstraint(
            "audience IN ('INTERNAL', 'CONFIDENTIAL', 'PARTNER', 'PUBLIC')",
            name=op.f("ck_dossier_audience_vocab"),
        ),
        sa.CheckConstraint(
            "kind IN ('PERSON', 'THEMATIC', 'AUDIT')", name=op.f("ck_dossier_kind_vocab")
        ),
        sa.CheckConstraint(
            "recipient IN ('WGAD', 'WGEID', 'SR_TORTURE', 'ECTHR_RULE39', 'ECTHR_APPLICATION', 'ICRC', 'COE', 'PACE', 'OSCE', 'NATIONAL_AUTHORITY', 'EMBASSY', 'OTHER')",
            name=op.f("ck_dossier_recipient_vocab"),
        ),
        sa.CheckConstraint(
            "status <> 'DONE' OR pdf_sha256 IS NOT NULL", name=op.f("ck_dossier_done_has_pdf")
        ),
        sa.CheckConstraint(
            "status IN ('QUEUED', 'RUNNING', 'DONE', 'FAILED', 'BLOCKED')",
            name=op.f("ck_dossier_status_vocab"),
        ),
        sa.CheckConstraint(
            "(override_reason IS NULL) = (override_by_id IS NULL)",
            name=op.f("ck_dossier_override_complete"),
        ),
        sa.CheckConstraint(
            "pdf_sha256 IS NULL OR length(pdf_sha256) = 64",
            name=op.f("ck_dossier_pdf_sha256_length"),
        ),
        sa.CheckConstraint(
            "snapshot_sha256 IS NULL OR length(snapshot_sha256) = 64",
            name=op.f("ck_dossier_snapshot_sha256_length"),
        ),
        sa.ForeignKeyConstraint(
            ["override_by_id"],
            ["user_account.id"],
            name=op.f("fk_dossier_override_by_id_user_account"),
        ),
        sa.ForeignKeyConstraint(
            ["requested_by_id"],
            ["user_account.id"],
            name=op.f("fk_dossier_requested_by_id_user_account"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_dossier")),
    )
    with op.batch_alter_table("dossier", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_dossier_pdf_sha256"), ["pdf_sha256"], unique=False)
        batch_op.create_index(batch_op.f("ix_dossier_reference"), ["reference"], unique=False)

    op.create_table(
        "submission_dossier",
        sa.Column("submission_id", sa.Integer(), nullable=False),
        sa.Column("dossier_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["dossier_id"], ["dossier.id"], name=op.f("fk_submission_dossier_dossier_id_dossier")
        ),
        sa.ForeignKeyConstraint(
            ["submission_id"],
            ["submission.id"],
            name=op.f("fk_submission_dossier_submission_id_submission"),
        ),
        sa.PrimaryKeyConstraint("submission_id", name=op.f("pk_submission_dossier")),
    )
    with op.batch_alter_table("submission_dossier", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_submission_dossier_dossier_id"), ["dossier_id"], unique=False
        )

    op.create_table(
        "dossier_person",
        sa.Column("dossier_id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["dossier_id"], ["dossier.id"], name=op.f("fk_dossier_person_dossier_id_dossier")
        ),
        sa.ForeignKeyConstraint(
            ["person_id"], ["person.id"], name=op.f("fk_dossier_person_person_id_person")
        ),
        sa.PrimaryKeyConstraint("dossier_id", "person_id", name=op.f("pk_dossier_person")),
    )
    with op.batch_alter_table("dossier_person", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_dossier_person_person_id"), ["person_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("dossier_person", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_dossier_person_person_id"))

    op.drop_table("dossier_person")
    with op.batch_alter_table("submission_dossier", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_submission_dossier_dossier_id"))

    op.drop_table("submission_dossier")
    with op.batch_alter_table("dossier", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_dossier_reference"))
        batch_op.drop_index(batch_op.f("ix_dossier_pdf_sha256"))

    op.drop_table("dossier")
