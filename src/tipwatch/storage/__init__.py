"""Storage: tables, migrations, the unit of work and the personal-data boundary."""

from tipwatch.storage import security_tables, tables

__all__ = ["security_tables", "tables"]
