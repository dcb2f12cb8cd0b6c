#!/usr/bin/env python3
"""Import benchmark: `loopbench import` against the Python standard-library baseline, same input.

For each requested size it generates (once, cached) a synthetic OTLP/JSON Lines file with
`loopbench generate --out FILE --size BYTES --seed N`, then imports it with
`loopbench import -w WORKSPACE FILE` and with baseline_import.py, measuring wall time and the peak
resident memory of each child process, alternating the two tools --repeat times and keeping the
median time and the highest peak memory. It prints a table with MB/s, spans/s, peak RSS and the
loopbench/baseline ratios. It is a measurement, not a test: it is not part of the ctest run and it
does not judge the machine's speed.

    import_bench.py [--build DIR] [--sizes 100M,1G] [--seed N] [--gzip] [--keep] [--repeat N]
"""

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent


def parse_size(text):
    m = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([kKmMgG]?)[bB]?\s*", text)
    if not m:
        raise argparse.ArgumentTypeError(f"not a size: {text!r} (use e.g. 100M or 1G)")
    mult = {"": 1, "k": 1 << 10, "m": 1 << 20, "g": 1 << 30}[m.group(2).lower()]
    return int(float(m.group(1)) * mult)


def run_measured(cmd, log_path):
    """Runs cmd with output to log_path; returns (exit code, wall seconds, peak RSS in MB, output)."""
    with open(log_path, "wb") as log:
        started = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
        # wait4 gives the rusage of exactly this child, so each tool's peak RSS is measured alone.
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - started
        proc.returncode = os.waitstatus_to_exitcode(status)
    output = Path(log_path).read_text(errors="replace")
    return proc.returncode, seconds, usage.ru_maxrss / 1024.0, output


def spans_in(output):
    """The span count a tool reported ("spans 123", "123 spans", "spans: 123")."""
    for pattern in (r"\bspans[\s:=]+(\d[\d,]*)", r"(\d[\d,]*)\s+spans\b"):
        found = re.findall(pattern, output)
        if found:
            return int(found[-1].replace(",", ""))
    return None


def generate(args, size, path):
    gen = [str(args.loopbench), "generate"] if not args.use_gen_tool else [str(args.gen_tool)]
    cmd = gen + ["--out", str(path), "--size", str(size), "--seed", str(args.seed)]
    if args.gzip:
        cmd.append("--gzip")
    print(f"generating {path.name} ...", flush=True)
    code, seconds, rss, output = run_measured(cmd, str(path) + ".log")
    if code != 0 or not path.exists() or path.stat().st_size == 0:
        path.unlink(missing_ok=True)
        hint = "" if args.use_gen_tool else "\n(if this loopbench has no `generate` yet, pass --use-gen-tool)"
        raise RuntimeError(f"generator wrote no input (exit {code}): {' '.join(cmd)}\n{output}{hint}")
    print(f"  {size / 1e6 / seconds:.0f} MB/s generated in {seconds:.1f} s, peak RSS {rss:.0f} MB", flush=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--build", type=Path, default=REPO / "build" / "dev", help="CMake build directory")
    parser.add_argument("--loopbench", type=Path, help="the loopbench binary (default BUILD/app/loopbench)")
    parser.add_argument("--sizes", default="100M,1G", help="comma-separated input sizes (K, M, G suffixes)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--gzip", action="store_true", help="generate and import .jsonl.gz inputs")
    parser.add_argument("--cache", type=Path, help="where generated inputs are kept (default BUILD/bench-cache)")
    parser.add_argument("--keep", action="store_true", help="keep the workspaces and baseline databases")
    parser.add_argument("--repeat", type=int, default=3,
                        help="runs per tool, interleaved so both see the same machine; the median is reported")
    parser.add_argument("--use-gen-tool", action="store_true",
                        help="generate with BUILD/tests/bench/loopbench_gen instead of `loopbench generate`")
    args = parser.parse_args()

    args.loopbench = args.loopbench or args.build / "app" / "loopbench"
    args.gen_tool = args.build / "tests" / "bench" / "loopbench_gen"
    cache = args.cache or args.build / "bench-cache"
    cache.mkdir(parents=True, exist_ok=True)
    sizes = [(label.strip(), parse_size(label)) for label in args.sizes.split(",") if label.strip()]
    if not args.loopbench.exists():
        sys.exit(f"loopbench not found at {args.loopbench}: build it first (cmake --build --preset dev)")

    work = Path(tempfile.mkdtemp(prefix="loopbench-bench-", dir=cache))
    rows = []
    failed = False
    for label, size in sizes:
        suffix = ".jsonl.gz" if args.gzip else ".jsonl"
        path = cache / f"otlp-{label}-seed{args.seed}{suffix}"
        if not path.exists():
            try:
                generate(args, size, path)
            except RuntimeError as e:
                print(e, file=sys.stderr)
                failed = True
                continue
        on_disk = path.stat().st_size

        # Alternate the tools so a busy moment on a shared machine hits both, and keep medians.
        lb_runs, py_runs = [], []
        for run in range(max(1, args.repeat)):
            workspace = work / f"bench-{label}-{run}.loopbench"
            code, lb_s, lb_rss, lb_out = run_measured(
                [str(args.loopbench), "import", "-w", str(workspace), str(path)], str(work / f"import-{label}.log"))
            if code != 0:
                print(f"loopbench import failed ({code}) on {path}:\n{lb_out}", file=sys.stderr)
                failed = True
            lb_runs.append((lb_s, lb_rss))
            db = work / f"baseline-{label}-{run}.sqlite"
            code_b, py_s, py_rss, py_out = run_measured(
                [sys.executable, str(HERE / "baseline_import.py"), str(path), "--db", str(db)],
                str(work / f"baseline-{label}.log"))
            if code_b != 0:
                print(f"baseline failed ({code_b}) on {path}:\n{py_out}", file=sys.stderr)
                failed = True
            py_runs.append((py_s, py_rss))
            if not args.keep:
                for leftover in work.glob(f"*-{label}-{run}.*"):
                    leftover.unlink(missing_ok=True)
            print(f"  run {run + 1}: loopbench {lb_s:.2f} s, baseline {py_s:.2f} s", flush=True)
        lb_s = statistics.median(r[0] for r in lb_runs)
        py_s = statistics.median(r[0] for r in py_runs)
        lb_rss = max(r[1] for r in lb_runs)
        py_rss = max(r[1] for r in py_runs)
        spans = spans_in(py_out) or 0
        lb_spans = spans_in(lb_out) or spans
        rows.append((label, on_disk, "loopbench", lb_s, lb_spans, lb_rss, code == 0))
        rows.append((label, on_disk, "baseline", py_s, spans, py_rss, code_b == 0))

    print()
    header = f"{'input':>7} {'tool':>10} {'seconds':>9} {'MB/s':>8} {'spans/s':>10} {'peak RSS MB':>12}"
    print(header)
    print("-" * len(header))
    for label, on_disk, tool, seconds, spans, rss, ok in rows:
        mbps = on_disk / 1e6 / seconds if seconds > 0 else 0
        note = "" if ok else "  (failed)"
        print(f"{label:>7} {tool:>10} {seconds:9.2f} {mbps:8.1f} {spans / seconds:10.0f} {rss:12.0f}{note}")
    print()
    for i in range(0, len(rows) - 1, 2):
        lb, py = rows[i], rows[i + 1]
        if lb[3] > 0 and py[3] > 0:
            print(f"{lb[0]:>7}: loopbench/baseline throughput x{py[3] / lb[3]:.2f}, peak RSS x{lb[5] / py[5]:.2f}")

    if args.keep:
        print(f"\nworkspaces and baseline databases kept in {work}")
    else:
        shutil.rmtree(work, ignore_errors=True)
    print(f"inputs cached in {cache}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
