"""Configuration from flags, environment variables and an optional TOML file.

Precedence: explicit values (command-line flags) > environment > config file >
defaults. The config file is ``$SINERGI_CONFIG`` or ``config.toml`` in the
user config directory.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from platformdirs import user_config_dir, user_data_dir
from pydantic import AliasChoices, Field
from pydantic_settings import (
    BaseSettings,
    PydanticBaseSettingsSource,
    SettingsConfigDict,
    TomlConfigSettingsSource,
)


def default_db_path() -> Path:
    return Path(user_data_dir("sinergi", appauthor=False)) / "sinergi.db"


def config_file_path() -> Path:
    explicit = os.environ.get("SINERGI_CONFIG")
    if explicit:
        return Path(explicit)
    return Path(user_config_dir("sinergi", appauthor=False)) / "config.toml"


class Settings(BaseSettings):
    """Everything sinergi can be configured with."""

    model_config = SettingsConfigDict(
        frozen=True, extra="ignore", populate_by_name=True, case_sensitive=True
    )

    db: Path | None = Field(default=None, validation_alias=AliasChoices("db", "SINERGI_DB"))
    neo4j_uri: str | None = Field(
        default=None, validation_alias=AliasChoices("neo4j_uri", "NEO4J_URI")
    )
    neo4j_user: str = Field(
        default="neo4j", validation_alias=AliasChoices("neo4j_user", "NEO4J_USER")
    )
    neo4j_password: str | None = Field(
        default=None, validation_alias=AliasChoices("neo4j_password", "NEO4J_PASSWORD")
    )
    neo4j_database: str = Field(
        default="neo4j", validation_alias=AliasChoices("neo4j_database", "NEO4J_DATABASE")
    )
    lang: str = Field(default="id", validation_alias=AliasChoices("lang", "SINERGI_LANG"))
    rules_file: Path | None = Field(
        default=None, validation_alias=AliasChoices("rules_file", "SINERGI_RULES")
    )
    kinds_file: Path | None = Field(
        default=None, validation_alias=AliasChoices("kinds_file", "SINERGI_KINDS")
    )
    calendars_file: Path | None = Field(
        default=None, validation_alias=AliasChoices("calendars_file", "SINERGI_CALENDARS")
    )
    theme: str = Field(default="dark", validation_alias=AliasChoices("theme", "SINERGI_THEME"))
    # TUI key remapping: action name -> key, e.g. {"show_gaps" = "g"}
    keys: dict[str, str] = Field(default_factory=dict)

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        toml = TomlConfigSettingsSource(settings_cls, toml_file=config_file_path())
        return (init_settings, env_settings, toml)

    def db_path(self) -> Path:
        return self.db if self.db is not None else default_db_path()


def load_settings(**overrides: Any) -> Settings:
    """Settings with ``overrides`` (flags) applied; ``None`` overrides are ignored."""
    given = {k: v for k, v in overrides.items() if v is not None}
    return Settings(**given)
