"""Regenerate docs/cli.md from the real ``--help`` output and docs/settings.md from ``SETTINGS``.

Both are data the code already has, so the references cannot drift from it.

    .venv/bin/python scripts/gen_cli_docs.py
"""

from __future__ import annotations

import os
from pathlib import Path

from typer.main import get_command
from typer.testing import CliRunner

from counterclaim.cli import _register, app

DOC = Path(__file__).resolve().parents[1] / "docs" / "cli.md"


def render() -> str:
    _register()
    os.environ["COLUMNS"] = "100"
    os.environ["TERM"] = "dumb"
    runner = CliRunner()
    group = get_command(app)
    parts = [
        "# Command-line reference\n",
        "Generated from `--help` by `scripts/gen_cli_docs.py`; `tests/test_docs.py` fails when it is stale.\n",
        "```text",
        runner.invoke(app, ["--help"], env={"NO_COLOR": "1", "COLUMNS": "100"}).output.rstrip(),
        "```\n",
    ]
    for name in sorted(group.commands):  # type: ignore[attr-defined]
        out = runner.invoke(app, [name, "--help"], env={"NO_COLOR": "1", "COLUMNS": "100"}).output.rstrip()
        parts += [f"## `counterclaim {name}`\n", "```text", out, "```\n"]
    return "\n".join(parts)


def command_names() -> list[str]:
    _register()
    return sorted(get_command(app).commands)  # type: ignore[attr-defined]


def render_settings() -> str:
    from counterclaim.settings import SETTINGS

    lines = [
        "# Settings\n",
        "Defaults, then `COUNTERCLAIM_*` environment variables, then command-line flags (see `settings.py`).\n",
        "| setting | environment variable | default | meaning |",
        "|---|---|---|---|",
    ]
    lines += [f"| `{name}` | `COUNTERCLAIM_{name.upper()}` | `{default}` | {text} |" for name, default, text in SETTINGS]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    DOC.write_text(render(), encoding="utf-8")
    (DOC.parent / "settings.md").write_text(render_settings(), encoding="utf-8")
    print(f"wrote {DOC} and settings.md")
