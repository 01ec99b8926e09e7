"""The service's settings: one pydantic-settings object, read from ``ZENPLAN_*`` variables.

Outside development it refuses what would be unsafe in production: authentication turned
off, or CORS open to every origin.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import Field, field_validator, model_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

Environment = Literal["development", "production"]


def default_data_dir() -> Path:
    """``$XDG_DATA_HOME/zenplan``, else ``~/.local/share/zenplan``."""
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "zenplan"


def default_solve_workers() -> int:
    """CP-SAT workers of one solve: all cores but one, so the server keeps a core to answer."""
    return max(1, (os.cpu_count() or 1) - 1)


class Settings(BaseSettings):
    """Everything an operator can set; each field is ``ZENPLAN_<NAME>`` in the environment."""

    model_config = SettingsConfigDict(env_prefix="ZENPLAN_", extra="ignore")

    environment: Environment = "development"
    data_dir: Path = Field(default_factory=default_data_dir)
    database_url: str | None = Field(
        None, description="SQLAlchemy URL; unset: a SQLite file in data_dir."
    )
    auth_disabled: bool = Field(False, description="Every caller is admin (development only).")
    cors_origins: Annotated[list[str], NoDecode] = Field(
        default_factory=list, description="Origins allowed to call the API from a browser."
    )
    max_body_bytes: int = Field(5_000_000, gt=0, description="Larger request bodies get 413.")
    job_slots: int = Field(1, ge=0, description="Solves run at once; 0: jobs stay queued.")
    solve_workers: int = Field(default_factory=default_solve_workers, ge=1)
    max_time_limit: float = Field(3600.0, gt=0, description="Longest solve a caller may ask.")
    progress_interval: float = Field(0.5, gt=0, description="Seconds between progress writes.")
    job_memory_mb: int = Field(
        4096, ge=0, description="Memory a job's process may add to its code (MB); 0: no ceiling."
    )
    job_grace_seconds: float = Field(
        30.0, ge=0, description="Seconds a job may run past its time limit before it is stopped."
    )
    max_workers: int = Field(
        default_factory=lambda: os.cpu_count() or 1,
        ge=1,
        description="CP-SAT workers one job may ask for.",
    )
    webhook_backoff: float = Field(
        5.0, gt=0, description="Seconds before the first retry of a webhook (then x6 each)."
    )
    max_jobs_per_key: int = Field(
        20, ge=1, description="Queued or running jobs one API key may have; more: 429."
    )
    statement_timeout: float = Field(
        10.0, gt=0, le=3600, description="Seconds a database statement or lock wait may take."
    )
    require_if_match: bool = Field(
        False, description="PUT /scenarios/{id} without If-Match answers 428."
    )
    key_cache_seconds: float = Field(5.0, ge=0, description="How long a checked key is trusted.")

    @field_validator("cors_origins", mode="before")
    @classmethod
    def _comma_separated(cls, origins: Any) -> Any:
        """``ZENPLAN_CORS_ORIGINS=https://a.example,https://b.example``."""
        if isinstance(origins, str):
            return [origin.strip() for origin in origins.split(",") if origin.strip()]
        return origins

    @field_validator("database_url")
    @classmethod
    def _driver(cls, url: str | None) -> str | None:
        """``postgresql://`` and ``postgres://`` use the psycopg 3 driver."""
        if url is None or not url.strip():
            return None
        for scheme in ("postgresql://", "postgres://"):
            if url.startswith(scheme):
                return "postgresql+psycopg://" + url.removeprefix(scheme)
        return url

    @model_validator(mode="after")
    def _safe_outside_development(self) -> Settings:
        if self.environment == "development":
            return self
        if self.auth_disabled:
            raise ValueError(
                "ZENPLAN_AUTH_DISABLED is allowed only with ZENPLAN_ENVIRONMENT=development"
            )
        if "*" in self.cors_origins:
            raise ValueError(
                "ZENPLAN_CORS_ORIGINS='*' lets every web site call the API; "
                "list the planning tools' origins instead"
            )
        return self

    @property
    def sqlalchemy_url(self) -> str:
        """The database URL in use (the SQLite file in data_dir when none is set)."""
        if self.database_url is not None:
            return self.database_url
        return f"sqlite:///{self.data_dir / 'zenplan.db'}"
