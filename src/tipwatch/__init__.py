"""tipwatch: case tracking and accountability for human-trafficking cases."""

__version__ = "0.1.0"
