"""What a new user runs into: options put after the command, no project found, a file given
to the wrong command (found by trying the README from a fresh clone)."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from cli import main
from tests.commands.test_cli import run


@pytest.mark.parametrize("given", [["--project", "{dir}"], ["--project={dir}"], ["--lock-timeout", "5"]])
def test_a_group_option_after_the_command_says_where_it_goes(project_dir: Path, given: list[str]) -> None:
    """docs/commands.md: "All commands take --project DIR"; `status --project DIR` said only "No such option"."""
    args = [arg.format(dir=project_dir) for arg in given]
    result = CliRunner().invoke(main, ["status", *args])
    assert result.exit_code == 2
    name = given[0].split("=")[0]
    assert f"{name} goes before the command" in result.output
    assert f"{name} {'DIR' if name == '--project' else 'SECONDS'} status" in result.output


def test_other_unknown_options_keep_clicks_message(project_dir: Path) -> None:
    result = run(project_dir, "status", "--projcet", "x")
    assert result.exit_code == 2 and "goes before" not in result.output
    assert "No such option '--projcet'" in result.output
