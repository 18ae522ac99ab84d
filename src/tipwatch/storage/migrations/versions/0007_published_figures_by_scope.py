"""published figures of a scope (child cases, FIA cases, PTPA cases) measured by that scope

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-29 09:30:00

The shipped figures of child trafficking cases, of cases registered by the FIA and of PTPA
cases were stored under the measures of all cases, and so compared with every case. They now
have measures of their own (services/figure_measures.py); this moves the rows the seed stored,
matched by their definition, so a database seeded before compares them by their scope too.
Figures an admin added are left as they are.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

# (definition as shipped, measure before, measure now)
MOVES = [
    ("cases registered by the FIA (about)", "cases_registered", "fia_cases_registered"),
    ("PTPA cases probed", "cases_investigated", "ptpa_cases_investigated"),
    ("child trafficking cases; conviction rate 45%", "cases_registered", "child_cases_registered"),
    ("child trafficking cases", "cases_registered", "child_cases_registered"),
    ("convictions in child trafficking cases", "convictions", "child_case_convictions"),
    ("child trafficking cases (4 convictions)", "cases_registered", "child_cases_registered"),
]
_MOVE = sa.text(
    "UPDATE published_figures SET measure = :to WHERE measure = :was AND definition = :definition"
)


def upgrade() -> None:
    for definition, was, to in MOVES:
        op.execute(_MOVE.bindparams(definition=definition, was=was, to=to))


def downgrade() -> None:
    for definition, was, to in MOVES:
        op.execute(_MOVE.bindparams(definition=definition, was=to, to=was))
