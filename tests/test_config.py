"""``config.toml`` is checked, not trusted: unknown keys, bad values, broken TOML, a secret password."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from clirun import run_cli

from sinergi_graph.config import THEMES, load_settings
from sinergi_graph.errors import ConfigError, UsageError


def write_config(text: str) -> Path:
    path = Path(os.environ["SINERGI_CONFIG"])
    path.write_text(text, "utf-8")
    return path


@pytest.mark.trust("careless_use")
def test_an_unknown_key_is_named() -> None:
    write_config('rule_file = "aturan.toml"\n')
    with pytest.raises(ConfigError) as caught:
        load_settings()
    line = caught.value.render("en")
    assert "'rule_file'" in line and "rules_file" in line


@pytest.mark.parametrize(
    ("text", "needle"),
    [
        ('lang = "fr"\n', "unknown language fr"),
        ('theme = "neon"\n', "unknown theme neon"),
        ("keys = 5\n", "'keys'"),
        ('rules_file = ["a", "b"]\n', "'rules_file'"),
        ('lang = "en\n', "Configuration file"),  # broken TOML
        ('neo4j_uri = "http://localhost:7474"\n', "bolt://"),
    ],
)
@pytest.mark.trust("careless_use")
def test_bad_values_and_broken_toml_are_one_clear_error(text: str, needle: str) -> None:
    path = write_config(text)
    with pytest.raises(ConfigError) as caught:
        load_settings()
    line = caught.value.render("en")
    assert needle in line and str(path) in line and "\n" not in line


def test_languages_and_themes_that_are_fine() -> None:
    write_config('lang = "en_US"\ntheme = "nord"\n')
    settings = load_settings()
    assert (settings.lang, settings.theme) == ("en", "nord")
    assert load_settings(lang="ID").lang == "id"


def test_a_bad_flag_is_blamed_on_the_flag_not_the_file() -> None:
    with pytest.raises(UsageError) as caught:
        load_settings(lang="klingon")
    assert caught.value.render("en").startswith("--lang klingon is not valid")


def test_the_password_never_prints(monkeypatch: pytest.MonkeyPatch) -> None:
    write_config('neo4j_password = "rahasia-sekali"\n')
    settings = load_settings()
    assert "rahasia-sekali" not in repr(settings) and "rahasia-sekali" not in str(settings)
    assert "rahasia-sekali" not in settings.model_dump_json()
    assert settings.neo4j_secret() == "rahasia-sekali"
    monkeypatch.setenv("NEO4J_PASSWORD", "dari-lingkungan")
    assert load_settings().neo4j_secret() == "dari-lingkungan"


def test_themes_match_what_textual_ships() -> None:
    textual_theme = pytest.importorskip("textual.theme")
    assert set(THEMES) - {"dark", "light"} == set(textual_theme.BUILTIN_THEMES)


@pytest.mark.trust("careless_use")
def test_the_cli_reports_a_broken_config_in_one_line(tmp_path: Path) -> None:
    write_config('rule_file = "x.toml"\n')
    done = run_cli("--db", str(tmp_path / "n.db"), "stats")
    lines = done.stderr.strip().splitlines()
    assert done.returncode == 1 and len(lines) == 1 and "Traceback" not in done.stderr
    assert "rule_file" in lines[0] and "tidak valid" in lines[0]
