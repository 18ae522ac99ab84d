"""Storage: tables, migrations, the unit of work and the personal-data boundary."""

from tipwatch.storage import reporting_tables, security_tables, tables

__all__ = ["reporting_tables", "security_tables", "tables"]
