"""Name search index: one row per word of each name's folded key, and a person sort key.

Both are derived data, rebuilt from person_name.search_key by
casebook.services.search.reindex_names(); this revision fills them for existing rows.
SQLite's native ALTER TABLE ... DROP COLUMN (3.35+) is used on downgrade (recreate="never")
so that the person table, which many tables reference, is never rebuilt.

Revision ID: 0002
Revises: 20261125_0001
Create Date: 2026-11-25 05:22:02.540750

"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import context, op

# revision identifiers, used by Alembic.
revision: str = "0002"
down_revision: str | Sequence[str] | None = "20261125_0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "person_name_token",
        sa.Column("person_name_id", sa.Integer(), nullable=False),
        sa.Column("token", sa.String(length=500), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["person_id"], ["person.id"], name=op.f("fk_person_name_token_person_id_person")
        ),
        sa.ForeignKeyConstraint(
            ["person_name_id"],
            ["person_name.id"],
            name=op.f("fk_person_name_token_person_name_id_person_name"),
        ),
        sa.PrimaryKeyConstraint("person_name_id", "token", name=op.f("pk_person_name_token")),
    )
    with op.batch_alter_table("person_name_token", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_person_name_token_person_id"), ["person_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_person_name_token_token"), ["token"], unique=False)

    with op.batch_alter_table("person", schema=None) as batch_op:
        batch_op.add_column(sa.Column("sort_key", sa.String(length=1000), nullable=True))
        batch_op.create_index(batch_op.f("ix_person_sort_key"), ["sort_key"], unique=False)

    if not context.is_offline_mode():
        _fill(op.get_bind())


def _fill(bind: sa.engine.Connection) -> None:
    """Tokens and sort keys for names that exist already (the split of search_key)."""
    names = bind.execute(
        sa.text(
            "SELECT id, person_id, search_key, kind, script FROM person_name"
            " WHERE retracted_at IS NULL ORDER BY person_id, id"
        )
    ).all()
    tokens = sorted(
        {(row.id, token, row.person_id) for row in names for token in row.search_key.split()}
    )
    if tokens:
        bind.execute(
            sa.text(
                "INSERT INTO person_name_token (person_name_id, token, person_id)"
                " VALUES (:n, :t, :p)"
            ),
            [{"n": n, "t": t, "p": p} for n, t, p in tokens],
        )
    best: dict[int, tuple[int, str]] = {}
    for row in names:
        rank = (0 if row.kind == "PRIMARY" else 1) * 2 + (0 if row.script == "LATN" else 1)
        if row.person_id not in best or rank < best[row.person_id][0]:
            best[row.person_id] = (rank, row.search_key)
    if best:
        bind.execute(
            sa.text("UPDATE person SET sort_key = :k WHERE id = :p"),
            [{"k": key, "p": person} for person, (_rank, key) in best.items()],
        )


def downgrade() -> None:
    with op.batch_alter_table("person", schema=None, recreate="never") as batch_op:
        batch_op.drop_index(batch_op.f("ix_person_sort_key"))
        batch_op.drop_column("sort_key")

    with op.batch_alter_table("person_name_token", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_person_name_token_token"))
        batch_op.drop_index(batch_op.f("ix_person_name_token_person_id"))

    op.drop_table("person_name_token")
