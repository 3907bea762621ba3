"""Benchmarks: the commands users run, against the reference tools, measured in the same run.

    python bench/run.py                          # every row at full size (bench/README.md has the last run)
    python bench/run.py --big                    # also the 200,000-sentence update (minutes more)
    python bench/run.py --slow-peers             # also pot2po, and po4a on one-paragraph-per-line articles
    python bench/run.py --quick                  # every row at small sizes (about a minute)
    python bench/run.py --rows update,pipeline   # some rows: update, pipeline, extract, stats, merge, opencc
    python bench/run.py --rows update --profile  # also print our side's hottest functions (cProfile)

Headline rows run whole commands as processes (``python cli.py update --lang en``,
``build --all``, ``check``, ``status``, ``extract``) beside the peer run in the same
script on the same files (``msgmerge --previous``, ``msgfmt --statistics``, po4a) or beside
the floor (read + OpenCC + write of the same sources, ``bench/floor.py``). Rows labelled
"internal" time one step (the merge alone: ``bench/merge_once.py``; OpenCC in this process).
Every corpus is generated, seeded (``--seed``), from the article's own sentences
(``bench/corpus.py``); the projects carry this project's glossary. A row shows our wall
time, the peer's, the ratio, and the peak memory of each side (the sum over the process and
its workers, sampled, or the largest process's maximum if larger). For updates and merges it
also shows how many edited segments came back as fuzzy with their old translation and how
many genuinely new segments were wrongly given some other translation. Nothing here is a
test: numbers, not verdicts.
"""

from __future__ import annotations

import argparse
import compileall
import os
import pstats
import random
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import corpus  # noqa: E402

from pipeline.l10n import convert, opencc_calls  # noqa: E402
from pipeline.po import file as po_file  # noqa: E402
from pipeline.po.write import render  # noqa: E402

CLI = [sys.executable, str(ROOT / "cli.py")]
ROWS = ("update", "pipeline", "extract", "stats", "merge", "opencc")
ENV = {**os.environ, "SOURCE_DATE_EPOCH": "1767225600"}


# ---------------------------------------------------------------- measuring


@dataclass(frozen=True)
class Run:
    seconds: float
    peak_mib: float


def _family(pid: int) -> list[int]:
    """``pid`` and its descendants, from /proc (Linux)."""
    found = [pid]
    for process in found:
        try:
            with open(f"/proc/{process}/task/{process}/children", "rb") as handle:
                found += [int(child) for child in handle.read().split()]
        except OSError:
            continue
    return found


def _tree_memory(root: int) -> int:
    """Bytes of memory of process ``root`` and its descendants: the sum of their proportional set sizes
    (pages that forked workers share with their parent counted once); 0 where there is no /proc."""
    total = 0
    for pid in _family(root):
        try:
            with open(f"/proc/{pid}/smaps_rollup", "rb") as handle:
                for line in handle:
                    if line.startswith(b"Pss:"):
                        total += int(line.split()[1]) * 1024
                        break
        except OSError:
            continue
    return total


GNU_TIME = Path("/usr/bin/time")


def measure(
    command: Sequence[str], cwd: Path | None = None, quiet_errors: bool = False, ok: tuple[int, ...] = (0,)
) -> Run:
    """Run ``command``; its wall time and peak memory.

    Peak memory: the larger of the biggest process's maximum resident set (from GNU time,
    which, unlike this process, is small enough not to inflate it) and the sampled sum over
    the process and its workers.
    """
    with tempfile.NamedTemporaryFile("r", suffix=".rss") as rss_file:
        wrapped = [str(GNU_TIME), "-f", "%M", "-o", rss_file.name, *command] if GNU_TIME.exists() else list(command)
        start = time.perf_counter()
        process = subprocess.Popen(
            wrapped, cwd=cwd, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL if quiet_errors else None
        )
        peak = 0
        done = threading.Event()

        def sample() -> None:
            nonlocal peak
            while not done.is_set():
                peak = max(peak, _tree_memory(process.pid))
                done.wait(0.2)  # rarely: the sampling must not slow the run down

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        returncode = process.wait()
        seconds = time.perf_counter() - start
        done.set()
        sampler.join()
        if returncode not in ok:
            raise SystemExit(f"{command[0]} failed with status {returncode}: {' '.join(command)}")
        largest = rss_file.read().strip().splitlines()
    if largest and largest[-1].isdigit():
        peak = max(peak, int(largest[-1]) * 1024)
    return Run(seconds, peak / 2**20)


def profiled(command: Sequence[str], cwd: Path | None, out: Path) -> None:
    """Run our ``command`` (a Python script and its arguments) under cProfile; print the hottest functions."""
    subprocess.run(
        [sys.executable, "-m", "cProfile", "-o", str(out), *command[1:]],
        cwd=cwd,
        env=ENV,
        check=True,
        stdout=subprocess.DEVNULL,
    )
    stats = pstats.Stats(str(out), stream=sys.stderr)
    shown = " ".join(Path(c).name if "/" in c else c for c in command[1:] if "/" not in c or c.endswith(".py"))
    print(f"--- profile of {shown} (cumulative time)", file=sys.stderr)
    stats.sort_stats("cumulative").print_stats(30)
    print(f"--- profile of {shown} (own time)", file=sys.stderr)
    stats.sort_stats("tottime").print_stats(18)


@dataclass(frozen=True)
class Target:
    """One of issue 14's targets: what it asks, and whether a row meets it."""

    asks: str
    met: Callable[[Run, Run | None], bool]


def at_least(ratio: float) -> Target:
    """The peer takes at least ``ratio`` times our time."""
    return Target(
        f"≥ {ratio:g}× the peer", lambda ours, theirs: theirs is not None and theirs.seconds >= ratio * ours.seconds
    )


def within(seconds: float, mib: float | None = None) -> Target:
    """Our wall time at most ``seconds`` (and our peak memory at most ``mib``)."""
    asks = f"≤ {seconds:g} s" + (f", ≤ {mib:g} MiB" if mib else "")
    return Target(asks, lambda ours, _: ours.seconds <= seconds and (mib is None or ours.peak_mib <= mib))


@dataclass(frozen=True)
class Row:
    work: str
    ours: Run
    peer: str = ""
    theirs: Run | None = None
    notes: str = ""
    target: Target | None = None


def show(row: Row) -> str:
    """One Markdown table row."""
    theirs = row.theirs
    ratio = f"{theirs.seconds / row.ours.seconds:.1f}×" if theirs else "—"

    def memory(run: Run | None) -> str:
        return f"{run.peak_mib:.0f}" if run is not None and run.peak_mib else "—"  # 0: measured in this process

    return (
        f"| {row.work} | {row.ours.seconds:.2f} s | {row.peer or '—'} | "
        f"{f'{theirs.seconds:.2f} s' if theirs else '—'} | {ratio} | {memory(row.ours)} | {memory(theirs)} | "
        f"{row.notes} |"
    )


def show_target(row: Row) -> str:
    """One row of the targets table: what the issue asks, what this run measured, met or not."""
    assert row.target is not None
    theirs = row.theirs
    measured = f"{row.ours.seconds:.2f} s" + (f", {row.ours.peak_mib:.0f} MiB" if row.ours.peak_mib else "")
    if "serial share" in row.notes:
        measured = row.notes
    if theirs is not None:
        measured += f" vs {theirs.seconds:.2f} s = {theirs.seconds / row.ours.seconds:.1f}×"
    return (
        f"| {row.work} | {row.target.asks} | {measured} | {'yes' if row.target.met(row.ours, theirs) else '**no**'} |"
    )


TARGET_HEADER = "| work | target (issue 14) | this run | met? |\n|---|---|---|---|"


HEADER = (
    "| work | article-l10n | peer | peer time | peer ÷ ours | our peak MiB | peer peak MiB | notes |\n"
    "|---|---:|---|---:|---:|---:|---:|---|"
)


def note(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


# ---------------------------------------------------------------- rows


def _paragraphs(texts: Sequence[str]) -> str:
    """A Markdown article of ``texts``, four sentences to a paragraph, one paragraph per line."""
    return "".join("".join(texts[i : i + 4]) + "\n" for i in range(0, len(texts), 4))


def _project(folder: Path) -> Path:
    """An empty project with the site settings and this project's own glossary (48 terms) in locales/."""
    (folder / "source").mkdir(parents=True)
    (folder / "locales").mkdir()
    (folder / "pyproject.toml").write_text(corpus.SITE_SETTINGS, encoding="utf-8")
    shutil.copyfile(ROOT / "locales" / "glossary.csv", folder / "locales" / "glossary.csv")
    return folder


def update_rows(folder: Path, entries: int, seed: int, profile: bool) -> list[Row]:
    """``cli.py update --lang en`` on one document after an edit vs ``msgmerge --previous`` on the same files.

    The old source is extracted and its English catalog translated (``translation N``); then
    5% of its sentences are edited, 2% removed, 2% added and the template extracted again.
    Timed: ``update --lang en`` (the whole command) against ``msgmerge --previous`` of the
    same old catalog and new template.
    """
    t0 = time.perf_counter()
    bench = corpus.merge_corpus(entries, seed)
    project = _project(folder / f"update-{entries}")
    article = project / "source" / "article.md"
    article.write_text(_paragraphs([e.msgid for e in bench.old.entries]), encoding="utf-8")
    cli = [*CLI, "--project", str(project)]
    subprocess.run([*cli, "update", "--lang", "en", "-q"], env=ENV, check=True)
    po = project / "locales" / "en" / "LC_MESSAGES" / "article.po"
    translations = {e.msgid: e.msgstr for e in bench.old.entries}
    made = po_file.read(po)
    filled = tuple(replace(e, msgstr=translations.get(e.msgid, "")) for e in made.entries)
    po.write_text(render(replace(made, entries=filled)), encoding="utf-8")
    old = folder / f"old-{entries}.po"
    shutil.copyfile(po, old)
    article.write_text(_paragraphs([e.msgid for e in bench.new.entries]), encoding="utf-8")
    subprocess.run([*cli, "extract", "-q"], env=ENV, check=True)
    pot = project / "locales" / "article.pot"
    segments = sum(1 for e in po_file.read(pot).entries)
    note(
        f"update corpus: {entries:,} sentences ({sum(1 for e in filled if e.msgstr):,} segments translated), "
        f"{len(bench.edited)} edited, {entries * 2 // 100} removed, {len(bench.added)} added, new template "
        f"{segments:,} segments; made in {time.perf_counter() - t0:.1f} s"
    )

    def counts(name: str, result: Path) -> str:
        found = {e.msgid: e for e in po_file.read(result).live}
        good = sum(1 for msgid, msgstr in bench.edited.items() if msgid in found and found[msgid].msgstr == msgstr)
        noise = sum(1 for msgid in bench.added if msgid in found and found[msgid].msgstr)
        return f"{name}: {good}/{len(bench.edited)} edited recovered, {noise}/{len(bench.added)} new marked fuzzy"

    command = [*cli, "update", "--lang", "en", "-q"]
    cache = project / ".article-l10n-cache"
    if profile and cache.exists():
        shutil.copytree(cache, folder / "cache-before-update")
    ours = measure(command)
    notes = [counts("ours", po)]
    if profile:  # the same update again, from the same state
        shutil.copyfile(old, po)
        shutil.rmtree(cache, ignore_errors=True)
        if (folder / "cache-before-update").exists():
            shutil.copytree(folder / "cache-before-update", cache)
        profiled(command, None, folder / f"update-{entries}.prof")
    work = f"`update --lang en`, {entries:,}-sentence document after an edit"
    if not shutil.which("msgmerge"):
        note("msgmerge not found: no comparison")
        return [Row(work, ours, notes="; ".join(notes))]
    out = folder / f"msgmerge-{entries}.po"
    theirs = measure(["msgmerge", "--previous", "--quiet", "-o", str(out), str(old), str(pot)], quiet_errors=True)
    target = at_least(4) if entries <= 50_000 else at_least(15)
    both = "; ".join([*notes, counts("msgmerge", out)])
    return [Row(work, ours, "`msgmerge --previous`", theirs, both, target)]


def merge_rows(folder: Path, entries: int, seed: int, slow_peers: bool, profile: bool) -> list[Row]:
    """Internal step: the merge of one catalog (``bench/merge_once.py``) vs ``msgmerge --previous`` (and ``pot2po``)."""
    t0 = time.perf_counter()
    bench = corpus.merge_corpus(entries, seed)
    old, pot = folder / f"old-{entries}.po", folder / f"new-{entries}.pot"
    old.write_text(render(bench.old), encoding="utf-8")
    pot.write_text(render(bench.new), encoding="utf-8")
    note(
        f"merge corpus: {entries} entries, {len(bench.edited)} edited, {entries * 2 // 100} removed, "
        f"{len(bench.added)} added; made in {time.perf_counter() - t0:.1f} s"
    )

    def outcome(result: Path) -> tuple[int, int]:
        found = {e.msgid: e for e in po_file.read(result).live}
        good = sum(1 for msgid, msgstr in bench.edited.items() if found[msgid].msgstr == msgstr)
        return good, sum(1 for msgid in bench.added if found[msgid].msgstr)

    def counts(name: str, result: Path) -> str:
        good, noise = outcome(result)
        return f"{name}: {good}/{len(bench.edited)} edited recovered, {noise}/{len(bench.added)} new marked fuzzy"

    ours_out = folder / f"ours-{entries}.po"
    command = [sys.executable, str(ROOT / "bench" / "merge_once.py"), str(old), str(pot), str(ours_out)]
    ours = measure(command)
    if profile:
        profiled(command, None, folder / "merge.prof")
    notes = [counts("ours", ours_out)]
    rows = []
    peers: list[tuple[str, list[str], str]] = [
        ("`msgmerge --previous`", ["msgmerge", "--previous", "--quiet", "-o", "{out}", str(old), str(pot)], "msgmerge")
    ]
    if slow_peers and entries <= 50_000:  # pot2po takes minutes already at 50,000
        peers.append(("`pot2po` (translate-toolkit)", ["pot2po", "-t", str(old), str(pot), "{out}"], "pot2po"))
    for label, template, program in peers:
        if not shutil.which(program):
            note(f"{program} not found: no comparison")
            continue
        out = folder / f"{program}-{entries}.po"
        theirs = measure([out.as_posix() if part == "{out}" else part for part in template], quiet_errors=True)
        both = "; ".join([*notes, counts(program, out)])
        rows.append(Row(f"internal: merge step only, {entries:,} entries", ours, label, theirs, both))
    return rows or [Row(f"internal: merge step only, {entries:,} entries", ours, notes="; ".join(notes))]


def stats_rows(folder: Path, entries: int, seed: int, profile: bool) -> list[Row]:
    """``status --lang en`` of one catalog (no cache) vs ``msgfmt --statistics`` and ``pocount``."""
    project = folder / f"stats-{entries}"
    (project / "source").mkdir(parents=True)
    (project / "pyproject.toml").write_text(corpus.SITE_SETTINGS, encoding="utf-8")
    (project / "source" / "big.md").write_text("一句話。\n", encoding="utf-8")
    po = project / "locales" / "en" / "LC_MESSAGES" / "big.po"
    po.parent.mkdir(parents=True)
    po.write_text(render(corpus.merge_corpus(entries, seed).old), encoding="utf-8")
    command = [*CLI, "--project", str(project), "status", "--lang", "en"]
    ours = measure(command)
    shutil.rmtree(project / ".article-l10n-cache")  # counted again next time, as the peers do
    if profile:
        profiled(command, None, folder / "stats.prof")
        shutil.rmtree(project / ".article-l10n-cache")
    rows = []
    for label, peer, program in (
        ("`msgfmt --statistics`", ["msgfmt", "--statistics", "-o", "/dev/null", str(po)], "msgfmt"),
        ("`pocount` (translate-toolkit)", ["pocount", str(po)], "pocount"),
    ):
        if shutil.which(program):
            rows.append(Row(f"`status`, {entries:,}-entry catalog", ours, label, measure(peer, quiet_errors=True)))
        else:
            note(f"{program} not found: no comparison")
    return rows or [Row(f"`status`, {entries:,}-entry catalog", ours)]


def extract_rows(folder: Path, megabytes: float, seed: int, profile: bool, slow_peers: bool) -> list[Row]:
    """``extract`` of one big article vs po4a's text extraction, in the two ways of writing paragraphs."""
    text = corpus.article(random.Random(seed), int(megabytes * 1_000_000))
    rows = []
    for style, body in (
        ("one paragraph per line", text),
        ("blank line between paragraphs", text.replace("\n", "\n\n")),
    ):
        project = folder / f"extract-{'lines' if body is text else 'blank'}"
        (project / "source").mkdir(parents=True)
        (project / "pyproject.toml").write_text(corpus.SITE_SETTINGS, encoding="utf-8")
        article = project / "source" / "article.md"
        article.write_text(body, encoding="utf-8")
        work = f"`extract`, {len(body.encode()) / 1e6:.1f} MB article, {style}"
        command = [*CLI, "--project", str(project), "extract", "-q"]
        ours = measure(command)
        if profile and body is not text:
            shutil.rmtree(project / ".article-l10n-cache")
            profiled(command, None, folder / "extract.prof")
        if body is text and not slow_peers:
            note("po4a on one 5 MB paragraph takes minutes: only with --slow-peers")
            rows.append(Row(work, ours))
        elif shutil.which("po4a-updatepo"):
            # po4a 0.69's po4a-gettextize needs a translation to align with; po4a-updatepo extracts alone.
            peer = ["po4a-updatepo", "-f", "text", "-m", str(article), "-M", "UTF-8", "-p", str(folder / "po4a.pot")]
            note(f"po4a on the {style} article (slow when every line is one paragraph)…")
            theirs = measure(peer, quiet_errors=True)
            (folder / "po4a.pot").unlink()
            aim = at_least(10) if body is not text else None  # the row: blank lines between paragraphs
            rows.append(Row(work, ours, "`po4a-updatepo -f text`", theirs, target=aim))
        else:
            note("po4a not found: no comparison")
            rows.append(Row(work, ours))
    return rows


def opencc_rows(entries: int, seed: int) -> list[Row]:
    """OpenCC ``tw2s`` over a catalog's msgids: batched (what the pipeline does) vs one call per sentence."""
    texts = [e.msgid for e in corpus.merge_corpus(entries, seed).old.entries]
    size = sum(len(t.encode()) for t in texts) / 1e6

    def timed(function: Callable[[], object]) -> Run:
        start = time.perf_counter()
        function()
        return Run(time.perf_counter() - start, 0.0)

    opencc_calls.opencc_convert("預熱", "tw2s")
    whole = timed(lambda: opencc_calls.opencc_convert("\n".join(texts), "tw2s"))
    batched = timed(lambda: opencc_calls.opencc_convert_many(texts, "tw2s"))
    single = timed(lambda: [opencc_calls.opencc_convert(t, "tw2s") for t in texts])
    fill = convert.machine_filler("tw2s", "fullwidth", traditional_source=True)
    assert fill is not None

    def machine_fill() -> list[str]:
        filler = convert.batched(fill, "tw2s", "fullwidth", True, texts)
        return [filler(t) for t in texts]

    machine = timed(machine_fill)
    rate = f"{size:.1f} MB: batched {size / batched.seconds:.0f} MB/s, whole text {size / whole.seconds:.0f} MB/s"
    return [
        Row(f"internal: OpenCC tw2s, {entries:,} msgids", batched, "one call per sentence", single, rate),
        Row(
            f"internal: machine fill (typography + OpenCC), {entries:,} msgids",
            machine,
            notes=f"{size / machine.seconds:.1f} MB/s; what `update` does for zh_Hans",
        ),
    ]


def pipeline_rows(folder: Path, articles: int, seed: int, profile: bool) -> list[Row]:
    """The newsroom: ``build --all`` (extract, update, build zh_Hans and en) cold, warm, one article edited;
    ``check`` and ``status`` warm; the floor (read + OpenCC + write of the same sources)."""
    project = _project(folder / "site")
    t0 = time.perf_counter()
    total = corpus.site(project, articles, seed)
    note(f"site: {articles} articles, {total / 1e6:.1f} MB; made in {time.perf_counter() - t0:.1f} s")
    cli = [*CLI, "--project", str(project)]
    command = [*cli, "build", "--all", "-q"]
    what = f"{articles:,} articles ({total / 1e6:.0f} MB)"
    floor = measure([sys.executable, str(ROOT / "bench" / "floor.py"), str(project / "source"), str(folder / "floor")])
    cold = measure(command)
    rows = [Row(f"`build --all`, {what}, cold", cold, "floor: read + OpenCC + write", floor, target=within(12, 300))]
    rows.append(Row(f"`build --all`, {what}, warm (nothing changed)", measure(command), target=within(1)))
    edited = next((project / "source").rglob("*.md"))
    edited.write_text(edited.read_text(encoding="utf-8") + "又一句新的話。\n", encoding="utf-8")
    rows.append(Row(f"`build --all`, {what}, one article edited", measure(command), target=within(1.5)))
    measure([*cli, "check"], ok=(0, 1), quiet_errors=True)  # the first check fills the cache: time the warm one
    warm_check = measure([*cli, "check"], ok=(0, 1), quiet_errors=True)
    rows.append(Row(f"`check`, {what}, warm", warm_check, target=within(3)))
    rows.append(Row(f"`status`, {what}", measure([*cli, "status"])))
    rows.append(Row(f"internal: `build --all --force --jobs 1`, {what}", measure([*command, "--force", "--jobs", "1"])))
    if profile:
        profiled([*command, "--force", "--jobs", "1"], None, folder / "pipeline.prof")
    rows.append(serial_row(project, what, folder / "serial.prof" if profile else None))
    return rows


def serial_row(project: Path, what: str, profile: Path | None) -> Row:
    """The serial share of a cold ``build --all --force`` (``bench/serial.py``): its main process's CPU time
    against all CPU time, the part of a cold build that does not spread over the workers."""
    command = [sys.executable, str(ROOT / "bench" / "serial.py")]
    if profile is not None:
        command += ["--profile", str(profile)]
    command += ["--", "--project", str(project), "build", "--all", "--force", "-q"]
    start = time.perf_counter()
    line = subprocess.run(command, env=ENV, check=True, capture_output=True, text=True).stdout.strip()
    seconds = time.perf_counter() - start
    share = float(line.split("serial share ")[1].split("%")[0]) / 100
    if profile is not None:
        note("--- main process of a cold build, CPU time (waiting for workers not counted)")
        pstats.Stats(str(profile), stream=sys.stderr).sort_stats("cumulative").print_stats(25)
    serial = Target("serial share ≤ 10% of the CPU", lambda ours, theirs: share <= 0.10)
    return Row(
        f"internal: main process's share of a cold `build --all --force`, {what}",
        Run(seconds, 0.0),
        notes=line,
        target=serial,
    )


# ---------------------------------------------------------------- main


def _compile_once() -> None:
    """Write the package's bytecode, as any first run leaves it for the next ones.

    With ``PYTHONDONTWRITEBYTECODE`` set (some containers and CI images set it) no run writes
    ``__pycache__``, and every timed command would compile ~50 modules first (~60 ms): a cost
    an installed package does not pay. Python still reads bytecode that is there.
    """
    compileall.compile_dir(ROOT / "pipeline", quiet=1)
    compileall.compile_dir(ROOT / "commands", quiet=1)
    compileall.compile_file(ROOT / "cli.py", quiet=1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", default=",".join(ROWS), help=f"comma-separated, among {', '.join(ROWS)}")
    parser.add_argument("--quick", action="store_true", help="small sizes: a minute, not ten")
    parser.add_argument("--big", action="store_true", help="also the 200,000-sentence update and merge (minutes)")
    parser.add_argument("--update-sizes", help="comma-separated sentence counts (default 50000; 200000 with --big)")
    parser.add_argument("--merge-sizes", help="comma-separated entry counts (default as --update-sizes)")
    parser.add_argument("--stats-size", type=int, help="entries (default 50000)")
    parser.add_argument("--extract-mb", type=float, help="size of the article (default 5)")
    parser.add_argument("--articles", type=int, help="articles of the site (default 1000)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--slow-peers", action="store_true", help="also pot2po, and po4a on one-paragraph-per-line (minutes)"
    )
    parser.add_argument("--profile", action="store_true", help="print our side's hottest functions per row")
    args = parser.parse_args()
    _compile_once()
    quick = args.quick
    default_sizes = "5000" if quick else "50000,200000" if args.big else "50000"
    update_sizes = [int(n) for n in (args.update_sizes or default_sizes).split(",")]
    merge_sizes = [int(n) for n in (args.merge_sizes or args.update_sizes or default_sizes).split(",")]
    stats_size = args.stats_size or (5000 if quick else 50_000)
    extract_mb = args.extract_mb or (0.5 if quick else 5.0)
    articles = args.articles or (50 if quick else 1000)
    wanted = [r.strip() for r in args.rows.split(",") if r.strip()]
    unknown = set(wanted) - set(ROWS)
    if unknown:
        parser.error(f"unknown rows: {', '.join(sorted(unknown))}; choose among {', '.join(ROWS)}")
    rows: list[Row] = []
    shown = 0
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for name in wanted:
            note(f"== {name}")
            if name == "update":
                for size in update_sizes:
                    rows += update_rows(folder, size, args.seed, args.profile)
            elif name == "merge":
                for size in merge_sizes:
                    rows += merge_rows(folder, size, args.seed, args.slow_peers, args.profile)
            elif name == "stats":
                rows += stats_rows(folder, stats_size, args.seed, args.profile)
            elif name == "extract":
                rows += extract_rows(folder, extract_mb, args.seed, args.profile, args.slow_peers)
            elif name == "opencc":
                rows += opencc_rows(stats_size, args.seed)
            elif name == "pipeline":
                rows += pipeline_rows(folder, articles, args.seed, args.profile)
            for row in rows[shown:]:
                note(show(row))
            shown = len(rows)
    command = " ".join(["python bench/run.py", *sys.argv[1:]])
    load = "" if not hasattr(os, "getloadavg") else f", load average {os.getloadavg()[2]:.1f} over the last 15 minutes"
    print(f"`{command}` on {os.cpu_count()} cores, Python {sys.version.split()[0]}{load}:\n")
    print(HEADER)
    for row in rows:
        print(show(row))
    targeted = [row for row in rows if row.target is not None]
    if targeted:
        print(f"\nAgainst issue 14's targets (this run):\n\n{TARGET_HEADER}")
        for row in targeted:
            print(show_target(row))


if __name__ == "__main__":
    main()
