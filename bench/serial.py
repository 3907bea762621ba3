"""The serial share of a command that runs on worker processes: the CPU its main process spends itself.

    python bench/serial.py [--profile OUT] -- --project DIR build --all --force

Runs ``cli.py`` with these arguments in this process and prints one line: the wall time, the
CPU time of the main process (start-up, planning, the translation memory, collecting results,
writing, the cache), the CPU time of its workers (reaped children), and the main process's
share of all CPU time. Everything the main process does happens on one core while the workers
wait for it or run beside it, so its share bounds the part of the command that does not spread
over cores. With ``--profile OUT`` the main process runs under cProfile timed by CPU time (time
spent waiting for workers is not counted) and OUT holds the profile (``python -m pstats OUT``).
"""

from __future__ import annotations

import argparse
import cProfile
import resource
import runpy
import sys
import time
from pathlib import Path

CLI = Path(__file__).resolve().parent.parent / "cli.py"


def _cpu(usage: resource.struct_rusage) -> float:
    return usage.ru_utime + usage.ru_stime


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--profile", type=Path, help="write the main process's CPU profile here")
    parser.add_argument("arguments", nargs=argparse.REMAINDER, help="cli.py's arguments, after --")
    args = parser.parse_args()
    arguments = args.arguments[1:] if args.arguments[:1] == ["--"] else args.arguments
    sys.argv = [str(CLI), *arguments]
    sys.path.insert(0, str(CLI.parent))  # as `python cli.py` does: this checkout's commands and pipeline
    profiler = cProfile.Profile(time.process_time) if args.profile else None
    start = time.perf_counter()
    status: object = 0
    try:
        if profiler is not None:
            profiler.enable()
        runpy.run_path(str(CLI), run_name="__main__")
    except SystemExit as stop:
        status = stop.code
    finally:
        if profiler is not None:
            profiler.disable()
            profiler.dump_stats(str(args.profile))
    wall = time.perf_counter() - start
    own = _cpu(resource.getrusage(resource.RUSAGE_SELF))
    workers = _cpu(resource.getrusage(resource.RUSAGE_CHILDREN))
    share = own / (own + workers) if own + workers else 0.0
    print(
        f"wall {wall:.2f} s; main process CPU {own:.2f} s, workers CPU {workers:.2f} s; "
        f"serial share {share:.1%} (exit status {status})"
    )


if __name__ == "__main__":
    main()
