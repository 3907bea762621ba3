"""Concurrency: commands on one project serialise on its lock file, wait with a message, time out clearly.

The main test starts six processes at once (``update`` and ``build --all``), each adding a
sentence to the article just before its run; at the end every catalog is valid and holds
every sentence and every translation, and one more ``update`` changes nothing.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from cli import main
from pipeline import operations
from pipeline.errors import LockError
from pipeline.po import file as po_file
from pipeline.workspace import lock
from pipeline.workspace.project import Project
from tests.conftest import ROOT, MakeProject

ARTICLE = "第一句話。第二句話！\n\n最後一段。\n"
EN = "locales/en/LC_MESSAGES/article.po"
WAITING = "waiting for another article-l10n command on this project to finish (.article-l10n.lock)"


# Only against a hang: a busy machine may be slow, but it must not make a test fail.
HANG = 300


def run(root: Path, *args: str) -> Result:
    return CliRunner().invoke(main, ["--project", str(root), *args])


def held(root: Path) -> lock.ProjectLock:
    """The project's lock, as another process would hold it (flock: a second holder in one process waits too)."""
    return lock.ProjectLock(root / lock.FILENAME, lock.FILENAME)


@pytest.mark.parametrize(
    "command",
    [["update"], ["build", "--lang", "en"], ["review", "--lang", "en"], ["extract"]],
    ids=lambda c: c[0],
)
def test_writing_commands_wait_for_the_lock_then_give_up_clearly(new_project: MakeProject, command: list[str]) -> None:
    root = new_project(ARTICLE)
    with held(root).held():
        started = time.monotonic()
        result = run(root, "--lock-timeout", "0.3", *command)
        waited = time.monotonic() - started
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        f"{WAITING}, for up to 0.3 s (--lock-timeout)",
        "Error: .article-l10n.lock: another article-l10n command still holds the project lock after 0.3 s; "
        "wait for it to finish or give it longer with --lock-timeout SECONDS",
    ]
    assert waited >= 0.3  # it did wait (a busy machine only makes the wait longer: no upper limit here)
    assert not (root / "locales").exists() and not (root / "build").exists()


@pytest.mark.parametrize(
    "command", [["status"], ["check"], ["update", "--dry-run"], ["extract", "--check"]], ids=lambda c: " ".join(c)
)
def test_reading_commands_take_no_lock(new_project: MakeProject, command: list[str]) -> None:
    root = new_project(ARTICLE)
    with held(root).held():
        result = run(root, "--lock-timeout", "0", *command)
    assert result.exit_code in (0, 1), result.output
    assert "waiting" not in result.output


def test_a_waiting_command_runs_when_the_lock_is_released(new_project: MakeProject) -> None:
    """Library level: the wait is reported to a callback (the library prints nothing), then the run goes on."""
    root = new_project(ARTICLE)
    told: list[lock.Waiting] = []
    holder = held(root)
    with holder.held():
        waiting = threading.Event()

        def wait(what: lock.Waiting) -> None:
            told.append(what)
            waiting.set()

        project = Project(root, lock_timeout=HANG, on_lock_wait=wait)
        worker = threading.Thread(target=lambda: outcome.append(operations.update(project)))
        outcome: list[operations.UpdateResult] = []
        worker.start()
        waiting.wait(HANG)
        assert told == [lock.Waiting(".article-l10n.lock", HANG)]
        assert not (root / "locales").exists()  # it waits: nothing read or written yet
    worker.join(HANG)
    assert outcome and all(c.created for c in outcome[0].catalogs)


def test_the_lock_is_reentrant_and_times_out_with_lock_error(tmp_path: Path) -> None:
    mine = lock.ProjectLock(tmp_path / lock.FILENAME, lock.FILENAME, timeout=0)
    other = lock.ProjectLock(tmp_path / lock.FILENAME, lock.FILENAME, timeout=0)
    with mine.held(), mine.held(), pytest.raises(LockError, match="after 0 s"), other.held():  # re-entrant
        pass
    with lock.ProjectLock(tmp_path / lock.FILENAME, lock.FILENAME, timeout=0).held():
        pass  # released
    assert (tmp_path / lock.FILENAME).read_bytes() == b""


def test_lock_timeout_must_be_a_number_of_seconds(new_project: MakeProject) -> None:
    root = new_project(ARTICLE)
    for value in ("-1", "soon"):
        result = run(root, "--lock-timeout", value, "update")
        assert result.exit_code == 2 and "--lock-timeout" in result.output


# ---------------------------------------------------------------- several processes at once

RUNS = 6
# Each process imports the pipeline, says it is ready and waits for the go; then, a few
# milliseconds apart, each adds its sentence to the article and runs its command.
DRIVER = """
import os, random, sys, time
root, index, command = sys.argv[1], int(sys.argv[2]), sys.argv[3:]
from cli import main
open(os.path.join(root, f"ready-{index}"), "w").close()
while not os.path.exists(os.path.join(root, "go")):
    time.sleep(0.001)
time.sleep(random.Random(index).uniform(0, 0.02))
with open(os.path.join(root, "source", "article.md"), "a", encoding="utf-8") as article:
    article.write(f"第{index}位作者加了這一句。\\n")
main(["--project", root, *command])
"""


@pytest.mark.slow
def test_several_processes_at_once_lose_nothing(new_project: MakeProject) -> None:
    root = new_project(ARTICLE)
    assert run(root, "update").exit_code == 0
    po = root / EN
    po.write_text(
        po.read_text(encoding="utf-8").replace(
            'msgid "最後一段。"\nmsgstr ""', 'msgid "最後一段。"\nmsgstr "The last paragraph."'
        ),
        encoding="utf-8",
    )
    commands = [["update"], ["build", "--all"]] * (RUNS // 2)
    processes = [
        subprocess.Popen(
            [sys.executable, "-c", DRIVER, str(root), str(index), *command],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for index, command in enumerate(commands)
    ]
    deadline = time.monotonic() + HANG
    while len(list(root.glob("ready-*"))) < RUNS and time.monotonic() < deadline:
        time.sleep(0.01)
    (root / "go").touch()
    outputs = [process.communicate(timeout=HANG) for process in processes]
    for process, (_, stderr) in zip(processes, outputs, strict=True):
        assert process.returncode == 0, stderr
        assert "read and merged again" not in stderr  # the lock serialised them: no save to merge twice
    waited = sum(WAITING in stderr for _, stderr in outputs)
    assert waited >= 1  # they did run at the same time

    added = [f"第{index}位作者加了這一句。" for index in range(RUNS)]
    for name in ("locales/article.pot", EN, "locales/zh_Hans/LC_MESSAGES/article.po"):
        entries = {e.msgid: e for e in po_file.read(root / name, name).live}  # valid
        if shutil.which("msgfmt"):  # for GNU too
            subprocess.run(["msgfmt", "--check", "-o", "/dev/null", str(root / name)], check=True)
        assert set(added) <= set(entries), name  # every sentence any of them added
        if name == EN:
            assert entries["最後一段。"].msgstr == "The last paragraph."  # and the translator's work
    before = {p: p.read_bytes() for p in (root / "locales").rglob("*.po*")}
    again = run(root, "update")
    assert again.exit_code == 0  # and changes nothing: the last run saw every addition
    assert [line.split(": ")[1].split(";")[0] for line in again.stdout.splitlines()] == ["unchanged"] * 2
    assert {p: p.read_bytes() for p in (root / "locales").rglob("*.po*")} == before
    assert run(root, "check").exit_code in (0, 1)
    print(f"{RUNS} runs at once, {waited} waited for the lock")


def test_a_folder_that_is_no_project_gets_no_lock_file(tmp_path: Path) -> None:
    for command in (["extract"], ["update"], ["build", "--all"], ["review"]):
        result = run(tmp_path, *command)
        assert result.exit_code == 2 and "no pyproject.toml here" in result.output
    assert list(tmp_path.iterdir()) == []
