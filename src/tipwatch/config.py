"""Settings, from the environment (TIPWATCH_*). Pattern after the FastAPI template's core/config."""

from __future__ import annotations

from functools import cache

from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="TIPWATCH_", extra="ignore")

    database_url: str = "sqlite:///tipwatch.db"
    """Where the data lives: a SQLite file (the default) or postgresql+psycopg://user@host/db."""

    environment: str = "development"
    """development, test or production."""

    page_size_max: int = 200
    """The most rows one page of a list returns."""

    second_factor_roles: list[str] = []
    """Roles whose users must give a TOTP code at login, e.g. ["admin", "auditor"]."""

    secure_cookies: bool = False
    """Mark the session cookie Secure (set when served over HTTPS; on by default in production)."""


@cache
def load_settings() -> Settings:
    return Settings()
