"""lighter indexes for bulk writes

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-29 00:00:00

Every imported case writes about twenty rows, and every index on them is one more write.
References most rows leave empty (a party's organisation or care unit, a case's prosecution
office) are indexed only where set. The index on a case's unit repeats the first column of
uq_cases_unit_year_number, and no query looks events up by kind: both go.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

PARTIAL = [
    ("cases", "ix_cases_prosecution_office_id", "prosecution_office_id"),
    ("parties", "ix_parties_organisation_id", "organisation_id"),
    ("parties", "ix_parties_care_unit_id", "care_unit_id"),
]


def upgrade() -> None:
    for table, name, column in PARTIAL:
        op.drop_index(name, table_name=table)
        where = sa.text(f"{column} IS NOT NULL")
        op.create_index(name, table, [column], sqlite_where=where, postgresql_where=where)
    op.drop_index("ix_cases_unit_id", table_name="cases")
    op.drop_index("ix_events_kind", table_name="events")


def downgrade() -> None:
    op.create_index("ix_events_kind", "events", ["kind"])
    op.create_index("ix_cases_unit_id", "cases", ["unit_id"])
    for table, name, column in PARTIAL:
        op.drop_index(name, table_name=table)
        op.create_index(name, table, [column])
