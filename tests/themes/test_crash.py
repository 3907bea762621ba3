"""Crash safety: killed at any moment a run leaves each file whole, and a translator's save is never clobbered.

The kill test runs ``update`` and ``build`` on a generated article of 4,000 sentences and
kills them with SIGKILL at random moments: half anywhere in the run, half while it writes.
The runs are forked from the test process (the modules are already imported, so each run
starts at once and a kill lands in its work, not in Python's start-up). After each kill,
every catalog, template and edition must be the old version or the new one, byte for byte,
and every catalog must parse. ``ARTICLE_L10N_KILLS`` sets the kills per command (10, so 20
in all), ``ARTICLE_L10N_KILL_SEED`` the random moments (printed on failure).
"""

from __future__ import annotations

import contextlib
import os
import random
import re
import shutil
import signal
import sys
import time
import traceback
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

import pipeline.l10n.merge
import pipeline.workspace.fs
from cli import main
from pipeline.errors import ConflictError
from pipeline.po.parse import parse
from pipeline.workspace import fs
from tests.conftest import FIXED_DATE, MakeProject, make_project

KILLS = int(os.environ.get("ARTICLE_L10N_KILLS", "10"))
SEED = int(os.environ.get("ARTICLE_L10N_KILL_SEED", str(time.time_ns() % 1_000_000)))
HAN = "的一是不了人我在有他這中大來上國個到說們為子和你地出道也時年得就那要下以生會自著去之過家學對可她"
EN = "locales/en/LC_MESSAGES/article.po"

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="the kill test forks (POSIX only)")


def invoke(root: Path, *args: str) -> Result:
    return CliRunner().invoke(main, ["--project", str(root), *args], catch_exceptions=False)


def generated_article(sentences: int, rng: random.Random) -> str:
    """Paragraphs of five random Chinese sentences, one per line."""
    lines = []
    for _ in range(sentences // 5):
        lines.append("".join("".join(rng.choices(HAN, k=rng.randint(8, 24))) + "。" for _ in range(5)))
    return "\n".join(lines) + "\n"


Files = dict[str, bytes]


def outputs(root: Path) -> Files:
    """Every catalog, template and edition (not the temporary files a killed write may leave)."""
    found = {}
    for folder in ("locales", "build"):
        for path in (root / folder).rglob("*"):
            if path.is_file() and not path.name.endswith(".tmp"):
                found[path.relative_to(root).as_posix()] = path.read_bytes()
    return found


def restore(root: Path, files: Files) -> None:
    for folder in ("locales", "build"):
        for path in sorted((root / folder).rglob("*"), reverse=True):
            if path.is_file():
                path.unlink()
    for name, data in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_bytes(data)


CRASHED = 3  # a forked run's exit status when it raised


def fork_run(args: list[str], before: Callable[[], None] | None = None, crash_log: Path | None = None) -> int:
    """Run the CLI in a forked child (output to /dev/null; a traceback to ``crash_log``); the child never returns."""
    pid = os.fork()
    if pid:
        return pid
    try:  # pragma: no cover - runs in the child
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, 1)
        os.dup2(null, 2)
        sys.stdout = sys.stderr = open(os.devnull, "w")  # noqa: SIM115 - the child ends with os._exit
        if before is not None:
            before()
        main(args, standalone_mode=False)
        os._exit(0)
    except BaseException:  # pragma: no cover
        if crash_log is not None:
            with contextlib.suppress(BaseException), crash_log.open("a", encoding="utf-8") as out:
                out.write(traceback.format_exc())
        os._exit(CRASHED)


def ending(status: int, crash_log: Path | None = None) -> str:
    """How a forked run ended: "killed" by the test's SIGKILL, or "ended" by itself, successfully.

    Anything else (an exception, exit status 3; another signal) fails the test: a run that
    crashes has not shown that a kill leaves the files whole.
    """
    if os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL:
        return "killed"
    code = os.waitstatus_to_exitcode(status)
    trace = crash_log.read_text(encoding="utf-8") if crash_log is not None and crash_log.exists() else ""
    assert code == 0, f"the run crashed (exit status {code}) before it was killed\n{trace}"
    return "ended"


def measure(args: list[str], log: Path) -> tuple[float, float, float]:
    """Run to the end once: its duration, and when (from its start) the first write starts and the last ends."""

    def instrument() -> None:  # pragma: no cover - runs in the child
        real = pipeline.workspace.fs.write_if_changed

        def timed(*a: Any, **k: Any) -> bool:
            start = time.monotonic()
            written = real(*a, **k)
            if written:
                with log.open("a") as out:
                    out.write(f"{start} {time.monotonic()}\n")
            return written

        pipeline.workspace.fs.write_if_changed = timed

    start = time.monotonic()
    pid = fork_run(args, instrument, log.with_suffix(".crash"))
    _, status = os.waitpid(pid, 0)
    assert ending(status, log.with_suffix(".crash")) == "ended"
    duration = time.monotonic() - start
    spans = [tuple(map(float, line.split())) for line in log.read_text().splitlines()]
    return duration, spans[0][0] - start, spans[-1][1] - start


class Aim:
    """Where in a run its writes happen, learnt from every kill: a bisection, reset when timing noise contradicts it."""

    def __init__(self, first_write: float, span: float, duration: float) -> None:
        self.early: float | None = None  # the latest moment at which a run had not written yet
        self.late: float | None = None  # the earliest at which it had written everything (or ended)
        self.first_write, self.span, self.limit = first_write, max(span, 0.002), 2 * duration

    def moment(self, rng: random.Random) -> float:
        if self.early is not None and self.late is not None:
            guess = (self.early + self.late) / 2
        elif self.early is not None:
            guess = max(self.early + self.span, self.first_write)
        elif self.late is not None:
            guess = min(self.late - self.span, self.first_write)
        else:
            guess = self.first_write
        return min(self.limit, max(0.0, guess + rng.uniform(-self.span, self.span) / 2))

    def learn(self, moment: float, state: str) -> None:
        if state == "before the writes":
            self.early = moment if self.early is None else max(self.early, moment)
        elif state in ("after the writes", "ended before the kill"):
            self.late = moment if self.late is None else min(self.late, moment)
        if self.early is not None and self.late is not None and self.early >= self.late:  # timing noise
            self.early, self.late = None, None


@pytest.fixture(scope="module")
def edited_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A project of 3,000 sentences, translated in part, updated and built; then its article edited.

    The next ``update`` or ``build`` therefore changes every catalog and edition.
    """
    rng = random.Random(SEED)
    root = make_project(tmp_path_factory.mktemp("large") / "project", generated_article(3000, rng))
    with pytest.MonkeyPatch.context() as env:
        env.setenv("SOURCE_DATE_EPOCH", FIXED_DATE)
        assert invoke(root, "update").exit_code == 0
        po = root / EN  # a translator's work, which the runs carry over
        text = po.read_text(encoding="utf-8")
        for n, msgid in enumerate(e.msgid for e in parse(text, EN).entries[::3]):
            text = text.replace(f'msgid "{msgid}"\nmsgstr ""', f'msgid "{msgid}"\nmsgstr "Sentence {n}."', 1)
        po.write_text(text, encoding="utf-8")
        assert invoke(root, "build", "--all", "--format", "all").exit_code == 0
    source = root / "source" / "article.md"
    lines = source.read_text(encoding="utf-8").split("\n")
    for i in range(0, len(lines) - 1, 4):
        lines[i] = lines[i][:-1] + "，改過了。"
    source.write_text("\n".join(lines[:-30]) + "\n" + generated_article(50, rng), encoding="utf-8")
    return root


@pytest.mark.parametrize(
    ("command", "rewrites"),
    [(["update"], ("locales/",)), (["build", "--all", "--format", "all"], ("locales/", "build/"))],
    ids=["update", "build"],
)
@pytest.mark.slow
def test_kill_9_at_random_moments_leaves_every_file_old_or_new(
    command: list[str], rewrites: tuple[str, ...], edited_project: Path, tmp_path: Path
) -> None:
    root = tmp_path / "project"
    shutil.copytree(edited_project, root)
    rng = random.Random(SEED)
    old = outputs(root)
    args = ["--project", str(root), "--lock-timeout", "0", *command]
    duration, first_write, last_write = measure(args, tmp_path / "writes.log")
    new = outputs(root)
    changed = {name for name in new if new[name] != old[name]}
    assert set(new) == set(old) and changed == {name for name in new if name.startswith(rewrites)}
    for version in (old, new):  # both valid; after a kill each file must be byte for byte one of them
        for name, data in version.items():
            if name.endswith((".po", ".pot")):
                parse(data.decode("utf-8"), name)

    # Half the kills at any moment of the run; half aimed at its writes (the files change only
    # then): a bisection between the latest moment found still before the writes and the
    # earliest found after them, since runs here need not take as long as the measured one.
    # A run that ended before its kill is checked too, but not counted as a kill.
    aim = Aim(first_write, last_write - first_write, duration)
    crash_log = tmp_path / "crash.log"
    states, attempts = Counter[str](), 0
    while states["killed"] < KILLS and attempts < 3 * KILLS:
        attempts += 1
        aimed = attempts % 2 == 0
        moment = aim.moment(rng) if aimed else rng.uniform(0, duration)
        restore(root, old)
        start = time.monotonic()
        pid = fork_run(args, crash_log=crash_log)
        time.sleep(max(0.0, start + moment - time.monotonic()))
        os.kill(pid, signal.SIGKILL)
        _, status = os.waitpid(pid, 0)
        ended = ending(status, crash_log) == "ended"  # a crash fails here, whatever the files hold
        now = outputs(root)
        where = f"(seed {SEED}, attempt {attempts} at {moment:.3f} s of {duration:.3f} s)"
        assert set(now) == set(old), where
        for name, data in now.items():
            assert data in (old[name], new[name]), f"{name} is neither the old nor the new version {where}"
        leftovers = [p for p in root.rglob("*.tmp") if p.is_file()]
        assert all(p.name.startswith(".") for p in leftovers), where  # only a killed write's temporary files
        done = sum(now[name] == new[name] for name in changed)
        if ended:
            state = "ended before the kill"
            duration = min(duration, moment)
        else:
            state = (
                "before the writes" if done == 0 else "after the writes" if done == len(changed) else "between files"
            )
            states["killed"] += 1
        states[state] += 1
        aim.learn(moment, state)

    assert states["killed"] == KILLS, (states, SEED)
    # A killed run holds no lock and leaves nothing in the way: the next run (no waiting) does the job.
    assert invoke(root, "--lock-timeout", "0", *command).exit_code == 0
    assert outputs(root) == new
    print(f"{command[0]}: writes {first_write:.3f}-{last_write:.3f} s into the run; {attempts} runs: {dict(states)}")


def test_a_run_that_crashes_is_not_counted_as_one_that_ended(project_dir: Path, tmp_path: Path) -> None:
    def crash() -> None:  # pragma: no cover - runs in the child
        raise RuntimeError("broken on purpose")

    crash_log = tmp_path / "crash.log"
    _, status = os.waitpid(fork_run(["--project", str(project_dir), "status"], crash, crash_log), 0)
    assert os.waitstatus_to_exitcode(status) == CRASHED
    with pytest.raises(AssertionError, match=r"crashed \(exit status 3\)(.|\n)*broken on purpose"):
        ending(status, crash_log)
    _, status = os.waitpid(fork_run(["--project", str(project_dir), "status"]), 0)
    assert ending(status) == "ended"
    pid = fork_run(["--project", str(project_dir), "status"], lambda: time.sleep(60))
    os.kill(pid, signal.SIGKILL)
    assert ending(os.waitpid(pid, 0)[1]) == "killed"


# ---------------------------------------------------------------- a translator saves while update runs

ARTICLE = "第一句話。第二句話！\n\n最後一段。\n"


@contextmanager
def translator_saves_during_merge(po: Path, times: int) -> Iterator[list[int]]:
    """While the merge runs (after the catalog was read, before it is written), a translator saves it.

    Save n translates the first sentence as "First sentence, take n."; ``times`` saves at most.
    """
    real = pipeline.l10n.merge.merge
    saves: list[int] = []

    def merge(*args: Any, **kwargs: Any) -> Any:
        if len(saves) < times:
            saves.append(len(saves) + 1)
            text = po.read_text(encoding="utf-8")
            saved = re.sub(r'(msgid "第一句話。"\nmsgstr )"[^"]*"', rf'\1"First sentence, take {saves[-1]}."', text)
            assert saved != text
            po.write_text(saved, encoding="utf-8")
        return real(*args, **kwargs)

    pipeline.l10n.merge.merge = merge
    try:
        yield saves
    finally:
        pipeline.l10n.merge.merge = real


def test_a_catalog_saved_during_update_is_merged_again_not_clobbered(new_project: MakeProject) -> None:
    root = new_project(ARTICLE)
    assert invoke(root, "update", "--lang", "en").exit_code == 0
    po = root / EN
    (root / "source" / "article.md").write_text(ARTICLE + "新加的一句。\n", encoding="utf-8")  # update has work
    with translator_saves_during_merge(po, times=1) as saves:
        result = invoke(root, "update", "--lang", "en")
    assert saves == [1]
    assert result.exit_code == 0, result.output
    assert f"note: {EN} was saved by someone while this ran; read and merged again" in result.stderr
    text = po.read_text(encoding="utf-8")
    assert 'msgid "第一句話。"\nmsgstr "First sentence, take 1."' in text  # the translator's save
    assert 'msgid "新加的一句。"' in text  # and the update's work


def test_a_catalog_saved_again_stops_the_command_naming_it(new_project: MakeProject) -> None:
    root = new_project(ARTICLE)
    assert invoke(root, "update", "--lang", "en").exit_code == 0
    po = root / EN
    (root / "source" / "article.md").write_text(ARTICLE + "新加的一句。\n", encoding="utf-8")
    with translator_saves_during_merge(po, times=2) as saves:
        result = CliRunner().invoke(main, ["--project", str(root), "update", "--lang", "en"])
    assert saves == [1, 2]
    assert result.exit_code == 2
    assert result.output.splitlines() == [
        f"Error: {EN}: changed on disk again while this command ran (someone is editing it); "
        "not overwritten: save it, then run the command again"
    ]
    text = po.read_text(encoding="utf-8")
    assert 'msgstr "First sentence, take 2."' in text  # the last save, untouched
    assert "新加的一句。" not in text
    assert not list(po.parent.glob(".*.tmp"))


def test_build_merges_a_catalog_saved_meanwhile_too(new_project: MakeProject) -> None:
    root = new_project(ARTICLE)
    assert invoke(root, "update", "--lang", "en").exit_code == 0
    with translator_saves_during_merge(root / EN, times=1):
        result = invoke(root, "build", "--lang", "en")
    assert result.exit_code == 0, result.output
    assert "read and merged again" in result.stderr
    assert "First sentence, take 1." in (root / "build" / "en" / "article.md").read_text(encoding="utf-8")


def test_write_checks_the_file_again_just_before_replacing_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A save that lands while the new content is being written is caught too (and no temporary file stays)."""
    path = tmp_path / "x.po"
    path.write_bytes(b"read")
    expected = fs.fingerprint(b"read")
    real_fsync = os.fsync

    def fsync_while_someone_saves(fd: int) -> None:
        path.write_bytes(b"saved meanwhile")
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", fsync_while_someone_saves)
    with pytest.raises(ConflictError, match="changed on disk while this command ran"):
        fs.write_if_changed(path, b"new", "x.po", expected)
    assert path.read_bytes() == b"saved meanwhile"
    assert [p.name for p in tmp_path.iterdir()] == ["x.po"]


def test_write_guards(tmp_path: Path) -> None:
    path = tmp_path / "x.po"
    assert fs.write_if_changed(path, b"one", expected=fs.ABSENT)  # created: it was absent when read
    with pytest.raises(ConflictError):
        fs.write_if_changed(path, b"two", expected=fs.ABSENT)  # someone created it meanwhile
    assert fs.write_if_changed(path, b"two", expected=fs.fingerprint(b"one"))
    assert not fs.write_if_changed(path, b"two", expected=fs.fingerprint(b"other"))  # already what we'd write
    assert path.read_bytes() == b"two"
