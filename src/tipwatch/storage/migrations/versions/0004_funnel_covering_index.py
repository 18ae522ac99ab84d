"""the funnel's covering index on cases

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-28 23:30:00

The attrition funnel reads a case's year, unit, position and dates: one index holding them
all lets every funnel query read the index alone. It replaces the two indexes on the year.
"""

from __future__ import annotations

from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

COLUMNS = [
    "year",
    "unit_id",
    "funnel_stage",
    "final_state",
    "fir_registered_on",
    "challan_due_on",
    "challan_submitted_on",
    "closed_on",
    "charged_on",
    "concluded_on",
    "convicted_on",
    "sentenced_on",
]


def upgrade() -> None:
    with op.batch_alter_table("cases", schema=None) as batch_op:
        batch_op.drop_index("ix_cases_year_funnel")
        batch_op.drop_index("ix_cases_year")
        batch_op.create_index("ix_cases_funnel", COLUMNS, unique=False)


def downgrade() -> None:
    with op.batch_alter_table("cases", schema=None) as batch_op:
        batch_op.drop_index("ix_cases_funnel")
        batch_op.create_index("ix_cases_year", ["year"], unique=False)
        batch_op.create_index(
            "ix_cases_year_funnel", ["year", "funnel_stage", "final_state"], unique=False
        )
