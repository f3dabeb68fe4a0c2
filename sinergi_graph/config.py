"""Configuration from flags, environment variables and an optional TOML file.

Precedence: explicit values (command-line flags) > environment > config file >
defaults. The config file is ``$SINERGI_CONFIG`` or ``config.toml`` in the
user config directory.

The file is checked, not trusted: an unknown key (a typo such as
``rule_file``) is an error naming the key, ``lang`` and ``theme`` must be
known values, a wrongly typed value or broken TOML is one clear line
(:class:`~sinergi_graph.errors.ConfigError`, or
:class:`~sinergi_graph.errors.UsageError` when the bad value came from a flag
or an environment variable). The Neo4j password is a
:class:`pydantic.SecretStr`: it never appears in a repr, a log or an error.
"""

from __future__ import annotations

import os
import tomllib
from pathlib import Path
from typing import Any

from platformdirs import user_config_dir, user_data_dir
from pydantic import AliasChoices, Field, SecretStr, ValidationError, field_validator
from pydantic_core import PydanticCustomError
from pydantic_settings import (
    BaseSettings,
    PydanticBaseSettingsSource,
    SettingsConfigDict,
    TomlConfigSettingsSource,
)

from sinergi_graph.errors import ConfigError, UsageError
from sinergi_graph.i18n import Msg

__all__ = [
    "NEO4J_SCHEMES",
    "THEMES",
    "Settings",
    "config_file_path",
    "default_db_path",
    "load_settings",
]

# URI schemes the Neo4j driver speaks (``http://`` would need an extra package).
NEO4J_SCHEMES = ("bolt", "bolt+s", "bolt+ssc", "neo4j", "neo4j+s", "neo4j+ssc")
# "dark"/"light" and the themes Textual ships (checked against Textual by a test;
# the core never imports Textual).
THEMES = (
    "dark",
    "light",
    "ansi-dark",
    "ansi-light",
    "atom-one-dark",
    "atom-one-light",
    "catppuccin-frappe",
    "catppuccin-latte",
    "catppuccin-macchiato",
    "catppuccin-mocha",
    "dracula",
    "flexoki",
    "gruvbox",
    "monokai",
    "nord",
    "rose-pine",
    "rose-pine-dawn",
    "rose-pine-moon",
    "solarized-dark",
    "solarized-light",
    "textual-dark",
    "textual-light",
    "tokyo-night",
)
# Field -> (command-line flag, environment variable) for error messages.
_SOURCES_OF = {
    "db": ("--db", "SINERGI_DB"),
    "neo4j_uri": ("--neo4j", "NEO4J_URI"),
    "neo4j_user": ("", "NEO4J_USER"),
    "neo4j_password": ("", "NEO4J_PASSWORD"),
    "neo4j_database": ("", "NEO4J_DATABASE"),
    "lang": ("--lang", "SINERGI_LANG"),
    "rules_file": ("", "SINERGI_RULES"),
    "kinds_file": ("", "SINERGI_KINDS"),
    "calendars_file": ("", "SINERGI_CALENDARS"),
    "theme": ("", "SINERGI_THEME"),
}


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
        frozen=True, extra="forbid", populate_by_name=True, case_sensitive=True
    )

    db: Path | None = Field(default=None, validation_alias=AliasChoices("db", "SINERGI_DB"))
    neo4j_uri: str | None = Field(
        default=None, validation_alias=AliasChoices("neo4j_uri", "NEO4J_URI")
    )
    neo4j_user: str = Field(
        default="neo4j", validation_alias=AliasChoices("neo4j_user", "NEO4J_USER")
    )
    neo4j_password: SecretStr | None = Field(
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

    @field_validator("lang", mode="before")
    @classmethod
    def _known_language(cls, value: object) -> object:
        # "en", "EN", "en_US", "id_ID", "" all name a language sinergi speaks.
        if isinstance(value, str):
            base = value.strip().lower().replace("-", "_").split("_")[0]
            if base in ("", "id", "en"):
                return base or "id"
        raise PydanticCustomError("config_bad_lang", "unknown language", {"value": value})

    @field_validator("theme", mode="before")
    @classmethod
    def _known_theme(cls, value: object) -> object:
        if isinstance(value, str) and value.strip() in THEMES:
            return value.strip()
        raise PydanticCustomError("config_bad_theme", "unknown theme", {"value": value})

    @field_validator("neo4j_uri", mode="before")
    @classmethod
    def _neo4j_scheme(cls, value: object) -> object:
        if value is None or value == "":
            return None
        if isinstance(value, str) and "://" in value:
            scheme = value.strip().split("://")[0].lower()
            if scheme in NEO4J_SCHEMES:
                return value.strip()
        raise PydanticCustomError("neo4j_scheme", "unsupported scheme", {"value": value})

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

    def neo4j_secret(self) -> str | None:
        """The Neo4j password in clear, for the driver only."""
        return None if self.neo4j_password is None else self.neo4j_password.get_secret_value()


def _field_of(loc: tuple[int | str, ...]) -> str:
    key = str(loc[0]) if loc else ""
    for name, (_, env) in _SOURCES_OF.items():
        if key == env:
            return name
    return key


def _detail(error: Any, key: str) -> Msg:
    kind = error["type"]
    value = error.get("ctx", {}).get("value", error.get("input"))
    if kind == "extra_forbidden":
        return Msg("config_unknown_key", key=key, known=", ".join(Settings.model_fields))
    if kind == "config_bad_lang":
        return Msg("config_bad_lang", value=value)
    if kind == "config_bad_theme":
        return Msg("config_bad_theme", value=value, known=", ".join(THEMES))
    if kind == "neo4j_scheme":
        return Msg("neo4j_scheme", uri=value, schemes=", ".join(f"{s}://" for s in NEO4J_SCHEMES))
    # pydantic's own wording ("Input should be a valid string") for a wrong type.
    return Msg("config_bad_value", key=key, detail=error["msg"])


def _refusal(exc: ValidationError, flags: dict[str, Any]) -> ConfigError | UsageError:
    error = exc.errors()[0]
    key = _field_of(error["loc"])
    detail = _detail(error, key)
    flag, env = _SOURCES_OF.get(key, ("", ""))
    value = error.get("input")
    if key in flags and flag:
        if error["type"] == "neo4j_scheme":
            return UsageError(detail.code, **detail.params)
        return UsageError("bad_option", option=flag, value=value, expected=detail)
    if env and env in os.environ:
        if error["type"] == "neo4j_scheme":
            return UsageError(detail.code, **detail.params)
        return UsageError("bad_option", option=env, value=value, expected=detail)
    return ConfigError(path=str(config_file_path()), detail=detail)


def load_settings(**overrides: Any) -> Settings:
    """Settings with ``overrides`` (flags) applied; ``None`` overrides are ignored.

    Raises
    ------
    ConfigError
        ``config.toml`` is broken TOML, unreadable, has an unknown key or a bad value.
    UsageError
        A flag or an environment variable has a bad value.
    """
    given = {k: v for k, v in overrides.items() if v is not None}
    try:
        return Settings(**given)
    except ValidationError as exc:
        raise _refusal(exc, given) from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(path=str(config_file_path()), detail=str(exc)) from None
    except OSError as exc:
        raise ConfigError(
            path=str(config_file_path()), detail=exc.strerror or type(exc).__name__
        ) from None
