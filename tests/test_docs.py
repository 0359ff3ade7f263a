"""Docs cannot drift: every command and every setting is documented (as datasette and sqlite-utils do)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from counterclaim.settings import SETTINGS

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))
from gen_cli_docs import command_names  # noqa: E402


@pytest.mark.parametrize("name", command_names())
def test_command_is_in_cli_reference(name: str) -> None:
    doc = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    assert f"## `counterclaim {name}`" in doc, "run: .venv/bin/python scripts/gen_cli_docs.py"


@pytest.mark.parametrize("name", command_names())
def test_command_has_help_with_example(name: str) -> None:
    from typer.main import get_command

    from counterclaim.cli import app

    command = get_command(app).commands[name]  # type: ignore[attr-defined]
    assert command.help and "Example:" in command.help, f"{name}: docstring must end with an Example: block"


@pytest.mark.parametrize("name", [row[0] for row in SETTINGS])
def test_setting_is_documented(name: str) -> None:
    doc = (ROOT / "docs" / "settings.md").read_text(encoding="utf-8")
    assert f"`{name}`" in doc and f"COUNTERCLAIM_{name.upper()}" in doc
