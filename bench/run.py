"""Benchmarks: our pipeline against the reference tools, measured in the same run.

    python bench/run.py                          # every row at full size (about 10 minutes on 2 cores)
    python bench/run.py --quick                  # every row at small sizes (under a minute)
    python bench/run.py --rows merge,stats       # some rows: merge, stats, extract, opencc, pipeline
    python bench/run.py --merge-sizes 50000 --articles 200 --extract-mb 1
    python bench/run.py --rows pipeline --profile  # also print our side's hottest functions (cProfile)

Every corpus is generated, seeded (``--seed``), from the article's own sentences
(``bench/corpus.py``). Each tool runs in its own process, ours through the command line
where there is one; a row shows our wall time, the peer's measured in the same run
(when the peer is installed: GNU gettext always is in CI; ``apt-get install po4a
translate-toolkit`` for the others), the ratio, and the peak memory of each side (the sum
over the process and its workers, sampled, or the largest process's maximum if larger).
For merges it also shows how many edited segments came back as fuzzy with their old
translation and how many genuinely new segments were wrongly given some other
translation. Nothing here is a test: numbers, not verdicts.
"""

from __future__ import annotations

import argparse
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
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import corpus  # noqa: E402

from pipeline import catalog, convert  # noqa: E402

CLI = [sys.executable, str(ROOT / "cli.py")]
ROWS = ("merge", "stats", "extract", "opencc", "pipeline")
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


def measure(command: Sequence[str], cwd: Path | None = None, quiet_errors: bool = False) -> Run:
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
        if returncode != 0:
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
    print(f"--- profile of {' '.join(Path(c).name for c in command[1:3])} (own time)", file=sys.stderr)
    stats.sort_stats("tottime").print_stats(18)


@dataclass(frozen=True)
class Row:
    work: str
    ours: Run
    peer: str = ""
    theirs: Run | None = None
    notes: str = ""


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


HEADER = (
    "| work | article-l10n | peer | peer time | peer ÷ ours | our peak MiB | peer peak MiB | notes |\n"
    "|---|---:|---|---:|---:|---:|---:|---|"
)


def note(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


# ---------------------------------------------------------------- rows


def merge_rows(folder: Path, entries: int, seed: int, slow_peers: bool, profile: bool) -> list[Row]:
    """``update`` of one catalog vs ``msgmerge --previous`` (and translate-toolkit's ``pot2po``)."""
    t0 = time.perf_counter()
    bench = corpus.merge_corpus(entries, seed)
    old, pot = folder / f"old-{entries}.po", folder / f"new-{entries}.pot"
    old.write_text(catalog.render(bench.old), encoding="utf-8")
    pot.write_text(catalog.render(bench.new), encoding="utf-8")
    note(
        f"merge corpus: {entries} entries, {len(bench.edited)} edited, {entries * 2 // 100} removed, "
        f"{len(bench.added)} added; made in {time.perf_counter() - t0:.1f} s"
    )

    def outcome(result: Path) -> tuple[int, int]:
        found = {e.msgid: e for e in catalog.read(result).live}
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
        rows.append(Row(f"merge, {entries:,} entries", ours, label, theirs, "; ".join([*notes, counts(program, out)])))
    return rows or [Row(f"merge, {entries:,} entries", ours, notes="; ".join(notes))]


def stats_rows(folder: Path, entries: int, seed: int, profile: bool) -> list[Row]:
    """``status`` of a catalog (no cache) vs ``msgfmt --statistics`` and ``pocount``."""
    project = folder / f"stats-{entries}"
    (project / "source").mkdir(parents=True)
    (project / "pyproject.toml").write_text(corpus.SITE_SETTINGS, encoding="utf-8")
    (project / "source" / "big.md").write_text("一句話。\n", encoding="utf-8")
    po = project / "locales" / "en" / "LC_MESSAGES" / "big.po"
    po.parent.mkdir(parents=True)
    po.write_text(catalog.render(corpus.merge_corpus(entries, seed).old), encoding="utf-8")
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
            rows.append(Row(f"statistics, {entries:,} entries", ours, label, measure(peer, quiet_errors=True)))
        else:
            note(f"{program} not found: no comparison")
    return rows or [Row(f"statistics, {entries:,} entries", ours)]


def extract_rows(folder: Path, megabytes: float, seed: int, profile: bool) -> list[Row]:
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
        work = f"extraction, {len(body.encode()) / 1e6:.1f} MB article, {style}"
        command = [*CLI, "--project", str(project), "extract", "-q"]
        ours = measure(command)
        if profile and body is text:
            shutil.rmtree(project / ".article-l10n-cache")
            profiled(command, None, folder / "extract.prof")
        if shutil.which("po4a-updatepo"):
            # po4a 0.69's po4a-gettextize needs a translation to align with; po4a-updatepo extracts alone.
            peer = ["po4a-updatepo", "-f", "text", "-m", str(article), "-M", "UTF-8", "-p", str(folder / "po4a.pot")]
            note(f"po4a on the {style} article (slow when every line is one paragraph)…")
            theirs = measure(peer, quiet_errors=True)
            (folder / "po4a.pot").unlink()
            rows.append(Row(work, ours, "`po4a-updatepo -f text`", theirs))
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

    convert.opencc_convert("預熱", "tw2s")
    whole = timed(lambda: convert.opencc_convert("\n".join(texts), "tw2s"))
    batched = timed(lambda: convert.opencc_convert_many(texts, "tw2s"))
    single = timed(lambda: [convert.opencc_convert(t, "tw2s") for t in texts])
    fill = convert.machine_filler("tw2s", "fullwidth", traditional_source=True)
    assert fill is not None

    def machine_fill() -> list[str]:
        filler = convert.batched(fill, "tw2s", "fullwidth", True, texts)
        return [filler(t) for t in texts]

    machine = timed(machine_fill)
    rate = f"{size:.1f} MB: batched {size / batched.seconds:.0f} MB/s, whole text {size / whole.seconds:.0f} MB/s"
    return [
        Row(f"OpenCC tw2s, {entries:,} msgids", batched, "one call per sentence", single, rate),
        Row(
            f"machine fill (typography + OpenCC), {entries:,} msgids",
            machine,
            notes=f"{size / machine.seconds:.1f} MB/s; what `update` does for zh_Hans",
        ),
    ]


def pipeline_rows(folder: Path, articles: int, seed: int, profile: bool) -> list[Row]:
    """``build --all`` (extract, update, build zh_Hans and en) over a site: cold, warm, one article edited."""
    project = folder / "site"
    t0 = time.perf_counter()
    total = corpus.site(project, articles, seed)
    note(f"site: {articles} articles, {total / 1e6:.1f} MB; made in {time.perf_counter() - t0:.1f} s")
    command = [*CLI, "--project", str(project), "build", "--all", "-q"]
    what = f"pipeline, {articles:,} articles ({total / 1e6:.0f} MB)"
    rows = [Row(f"{what}, cold", measure(command), notes=f"{os.cpu_count()} cores")]
    rows.append(Row(f"{what}, warm (nothing changed)", measure(command)))
    edited = next((project / "source").rglob("*.md"))
    edited.write_text(edited.read_text(encoding="utf-8") + "又一句新的話。\n", encoding="utf-8")
    rows.append(Row(f"{what}, one article edited", measure(command)))
    rows.append(Row(f"{what}, again with `--force --jobs 1`", measure([*command, "--force", "--jobs", "1"])))
    if profile:
        profiled([*command, "--force", "--jobs", "1"], None, folder / "pipeline.prof")
    return rows


# ---------------------------------------------------------------- main


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", default=",".join(ROWS), help=f"comma-separated, among {', '.join(ROWS)}")
    parser.add_argument("--quick", action="store_true", help="small sizes: a minute, not ten")
    parser.add_argument("--merge-sizes", help="comma-separated entry counts (default 50000,200000)")
    parser.add_argument("--stats-size", type=int, help="entries (default 50000)")
    parser.add_argument("--extract-mb", type=float, help="size of the article (default 5)")
    parser.add_argument("--articles", type=int, help="articles of the site (default 1000)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--slow-peers", action="store_true", help="also pot2po on merges up to 50,000 (minutes)")
    parser.add_argument("--profile", action="store_true", help="print our side's hottest functions per row")
    args = parser.parse_args()
    quick = args.quick
    merge_sizes = [int(n) for n in (args.merge_sizes or ("5000" if quick else "50000,200000")).split(",")]
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
            if name == "merge":
                for size in merge_sizes:
                    rows += merge_rows(folder, size, args.seed, args.slow_peers, args.profile)
            elif name == "stats":
                rows += stats_rows(folder, stats_size, args.seed, args.profile)
            elif name == "extract":
                rows += extract_rows(folder, extract_mb, args.seed, args.profile)
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


if __name__ == "__main__":
    main()
