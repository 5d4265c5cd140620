#!/usr/bin/env python3
"""Side-by-side timing of the library against its peers (lifetimes 0.11.3, CLVTools 0.12.1), in one run, on the same files.

usage (from the repository root; Debian's Python, standard library only):
  /usr/bin/python3 benchmarks/peers/side-by-side.py [--seeds 20251124,7] [--cases CASE,...] [--rounds 5]
      [--peers lifetimes,clvtools] [--out FILE.md] [--update-readme] [--memory] [--no-build] [--once-timeout 300]
      [--pause 0.5] [--call-timeout S]

For each seed it makes the input files with the peers' make_data.py (reused when present), starts three servers that
speak the same protocol (one case name per line on stdin, one JSON line {"case", "seconds", "check"} back):
  lifetimes   ../shared/peers/lifetimes_bench.py   (env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE PYTHONPATH=... /usr/bin/python3)
  CLVTools    ../shared/peers/clvtools_bench.R     (TZ=UTC Rscript)
  library     benchmarks/ValueSegmentation.PeerBench (dotnet ValueSegmentation.PeerBench.dll, built once with -c Release)
and for each case calls every side to warm up (once, or 3 times for the cases shorter than a second; inputs are
loaded on the first call), then runs the rounds, alternating:
peer 1, library, peer 2, library, ... so the library is timed once after each peer call; every call waits --pause
seconds first, so that the previous side's spinning worker threads (OpenMP in CLVTools and data.table, BLAS, .NET's
thread pool) are idle when the next side starts on this 2-core machine. /proc/loadavg is read before
and after each case. The result is a Markdown table (medians, the fastest peer, the ratio fastest-peer median /
library median, the load, and whether the checks agree); every call's JSON line goes to a .jsonl log next to it.

Seeds: S or S:T. S is make_data's --synth-seed and T its --txlog-seed; without T the log seed is S, except for
make_data's own default S = 20251124, which keeps make_data's default log seed 7 (so that seed gives make_data's
default files). Files go to benchmarks/peers/data/seed-S/ (10^6 customers and the 5*10^6-row log) and
benchmarks/peers/data/seed-S/100k/ (10^5 customers), ignored by git.
"""
import argparse
import datetime
import json
import os
import re
import select
import shlex
import signal
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
SHARED = REPO.parent / "shared"  # /work/shared next to the repository /work/main
PROJECT = REPO / "benchmarks" / "ValueSegmentation.PeerBench" / "ValueSegmentation.PeerBench.csproj"
DLL = REPO / "benchmarks" / "ValueSegmentation.PeerBench" / "bin" / "Release" / "net10.0" / "ValueSegmentation.PeerBench.dll"
DATA = REPO / "benchmarks" / "peers" / "data"
README = REPO / "benchmarks" / "README.md"
BEGIN, END = "<!-- side-by-side:begin -->", "<!-- side-by-side:end -->"

PEERS = ("lifetimes", "clvtools")
LABEL = {"lifetimes": "lifetimes", "clvtools": "CLVTools", "library": "library"}
MAKE_DATA_DEFAULT_SEEDS = (20251124, 7)  # make_data.py's default --synth-seed and --txlog-seed

# The cases, and what each peer runs for them. A peer's entry is the case name it is sent (None: it does not run the
# case; ("once", NAME): one `--oneshot NAME` run in its own process under /usr/bin/time -v, stopped after
# --once-timeout seconds, outside the alternation, because its rounds would take too long). "rounds" caps --rounds.
# Rough times of one peer call on this project's 2-core machine (lifetimes / CLVTools), which set the caps:
CASES = {
    # BG/NBD fits: lifetimes ~0.15 s / 1.5 s / 14 s on CDNOW / 10^5 / 10^6.
    "bgnbd_fit:cdnow": {"lifetimes": "bgnbd_fit:cdnow", "clvtools": "bgnbd_fit:cdnow"},
    "bgnbd_fit:100k": {"lifetimes": "bgnbd_fit:100k", "clvtools": "bgnbd_fit:100k"},
    # CLVTools' default BG/NBD fit (Nelder-Mead, then BFGS) walks off to r = 3.5e40 at 10^6 (see clvtools_bench.R):
    # its Nelder-Mead-only case is the one that gives the right answer, so that is the one timed.
    "bgnbd_fit:1m": {"lifetimes": "bgnbd_fit:1m", "clvtools": "bgnbd_fit_nm:1m", "rounds": 3},
    # Pareto/NBD fits: lifetimes ~0.6 s on CDNOW and minutes at 10^5; at 10^6 far too long for rounds, so one run is
    # tried once under a time limit (--once-timeout) and reported as measured or as stopped.
    "pnbd_fit:cdnow": {"lifetimes": "pnbd_fit:cdnow", "clvtools": "pnbd_fit:cdnow"},
    # lifetimes' Pareto/NBD fit at 10^5 takes minutes (the issue's table: CLVTools is the faster peer from 10^5 on), so
    # it is tried once under the time limit, like 10^6, and CLVTools alternates with the library.
    "pnbd_fit:100k": {"lifetimes": ("once", "pnbd_fit:100k"), "clvtools": "pnbd_fit:100k", "rounds": 3},
    "pnbd_fit:1m": {"lifetimes": ("once", "pnbd_fit:1m"), "clvtools": "pnbd_fit:1m", "rounds": 2},
    # E[Y(39)] and P(alive) for 10^6 customers at lifetimes' CDNOW estimates: lifetimes ~1 s.
    "bgnbd_predict:1m": {"lifetimes": "bgnbd_predict:1m", "clvtools": "bgnbd_predict:1m"},
    # Summaries of the 5*10^6-row log (500,000 customers): tens of seconds per peer call.
    "summary_mem": {"lifetimes": "summary_mem", "clvtools": "summary_mem", "rounds": 3},
    "summary_csv": {"lifetimes": "summary_csv", "clvtools": "summary_csv", "rounds": 3},
    # Reading the 10^6-row summary file; CLVTools has no such case.
    "load_csv:1m": {"lifetimes": "load_csv:1m", "clvtools": None},
}
DEFAULT_CASES = list(CASES)
SHORT_CASES = {"bgnbd_fit:cdnow", "pnbd_fit:cdnow", "bgnbd_predict:1m", "bgnbd_fit:100k", "load_csv:1m"}
WARMUP_SECONDS = 2.0  # short cases: each side warms up for this long (in its own timed seconds)...
WARMUP_CALLS_MIN = 3  # ...in at least this many calls...
WARMUP_CALLS_MAX = 40  # ...and at most this many

PARAMETER_KEYS = {"r", "alpha", "a", "b", "s", "beta"}  # compared with a relative tolerance of 1e-3
PARAMETER_TOLERANCE = 1e-3
SUM_TOLERANCE = 1e-6  # sums and counts: keys "n", "customers" and "sum_*"


def is_sum_key(key):
    return key in ("n", "customers") or key.startswith("sum_")


def peer_entry(case, peer):
    """What `peer` runs for `case`: a case name, ("once", name) or None. Cases outside the table run under their own
    name on lifetimes, and on CLVTools too unless CLVTools has no such case (load_csv)."""
    if case in CASES:
        return CASES[case].get(peer)
    if peer == "clvtools" and case.startswith("load_csv"):
        return None
    return case


def case_rounds(case, rounds):
    cap = CASES.get(case, {}).get("rounds")
    return min(rounds, cap) if cap else rounds


def parse_seeds(text):
    seeds = []
    for item in text.split(","):
        item = item.strip()
        if not item:
            continue
        synth, _, txlog = item.partition(":")
        synth = int(synth)
        if txlog:
            txlog = int(txlog)
        else:
            txlog = MAKE_DATA_DEFAULT_SEEDS[1] if synth == MAKE_DATA_DEFAULT_SEEDS[0] else synth
        seeds.append((synth, txlog))
    return seeds


def loadavg():
    with open("/proc/loadavg") as f:
        return tuple(float(x) for x in f.read().split()[:3])


def fmt_load(load):
    return " ".join("%.2f" % x for x in load)


def busiest_processes(n=4):
    try:
        out = subprocess.run(["ps", "-eo", "pcpu,rss,comm", "--sort=-pcpu"], capture_output=True, text=True, timeout=10).stdout
        return [" ".join(line.split()) for line in out.splitlines()[1:n + 1]]
    except (OSError, subprocess.SubprocessError):
        return []


def fmt_seconds(s):
    if s is None:
        return "—"
    if s >= 100:
        return "%.0f" % s
    if s >= 10:
        return "%.1f" % s
    if s >= 1:
        return "%.2f" % s
    return "%.3g" % s


def shown_path(path):
    """A path relative to the repository when it is inside it, else absolute."""
    path = Path(path).resolve()
    try:
        return str(path.relative_to(REPO))
    except ValueError:
        return str(path)


def git_state():
    """The repository's commit, and whether src/ had uncommitted changes (the server is built from the work tree)."""
    try:
        head = subprocess.run(["git", "-C", str(REPO), "rev-parse", "--short", "HEAD"], capture_output=True, text=True,
                              timeout=30).stdout.strip()
        dirty = subprocess.run(["git", "-C", str(REPO), "status", "--porcelain", "--", "src"], capture_output=True,
                               text=True, timeout=30).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return "?"
    return "`%s`%s" % (head or "?", " with uncommitted changes in src/ (built from the work tree)" if dirty else "")


def utc_now():
    return datetime.datetime.now(datetime.timezone.utc)


# ---------------------------------------------------------------------------------------------------------------- data

def make_data(seed, log):
    """Makes (or reuses) the input files of one seed; returns the paths given to the servers."""
    synth, txlog_seed = seed
    root = DATA / ("seed-%d" % synth)
    jobs = [(root, 1_000_000, 5_000_000), (root / "100k", 100_000, 10)]  # the 10^5 run's log is not used
    for folder, customers, rows in jobs:
        stamp = folder / "make_data.json"
        want = {"synth_seed": synth, "txlog_seed": txlog_seed, "customers": customers, "tx_rows": rows}
        have = None
        if stamp.exists() and (folder / "synthetic_bgnbd.csv").exists() and (folder / "txlog.csv").exists():
            try:
                have = json.loads(stamp.read_text())
            except ValueError:
                have = None
        if have == want:
            log("data: reusing %s" % folder.relative_to(REPO))
            continue
        folder.mkdir(parents=True, exist_ok=True)
        if stamp.exists():
            stamp.unlink()
        cmd = ["/usr/bin/python3", str(SHARED / "peers" / "make_data.py"),
               "--cdnow-summary", str(SHARED / "data" / "cdnow_customers_summary.csv"), "--out-dir", str(folder),
               "--customers", str(customers), "--tx-rows", str(rows), "--synth-seed", str(synth),
               "--txlog-seed", str(txlog_seed)]
        log("data: " + " ".join(shlex.quote(c) for c in cmd))
        t0 = time.perf_counter()
        subprocess.run(cmd, check=True, env=python_env())
        log("data: made %s in %.0f s" % (folder.relative_to(REPO), time.perf_counter() - t0))
        stamp.write_text(json.dumps(want) + "\n")
    return {
        "cdnow": str(SHARED / "data" / "cdnow_customers_summary.csv"),
        "syn100k": str(root / "100k" / "synthetic_bgnbd.csv"),
        "syn1m": str(root / "synthetic_bgnbd.csv"),
        "txlog": str(root / "txlog.csv"),
    }


# ------------------------------------------------------------------------------------------------------------- servers

def python_env():
    env = dict(os.environ)
    env.pop("OPENBLAS_CORETYPE", None)
    env.pop("OPENBLAS_L2_SIZE", None)
    env["PYTHONPATH"] = "%s:%s" % (SHARED / "peers" / "lifetimes", SHARED / "peers" / "autograd")
    return env


def side_command(side, files):
    """argv, environment and a shell-style description of one side's server (without --oneshot)."""
    args = ["--cdnow", files["cdnow"], "--syn100k", files["syn100k"], "--syn1m", files["syn1m"], "--txlog", files["txlog"]]
    if side == "lifetimes":
        argv = ["/usr/bin/python3", str(SHARED / "peers" / "lifetimes_bench.py")] + args
        env = python_env()
        shown = "env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE PYTHONPATH=%s %s" % (env["PYTHONPATH"], shlex.join(argv))
    elif side == "clvtools":
        argv = ["Rscript", str(SHARED / "peers" / "clvtools_bench.R")] + args
        env = dict(os.environ, TZ="UTC")
        shown = "TZ=UTC " + shlex.join(argv)
    else:
        argv = ["dotnet", str(DLL)] + args
        env = dict(os.environ)
        shown = shlex.join(argv)
    return argv, env, shown


class ServerError(Exception):
    pass


class Server:
    """One side's server process; call() sends a case name and returns its parsed JSON line."""

    def __init__(self, side, files, stderr_path):
        self.side = side
        self.argv, self.env, self.shown = side_command(side, files)
        self.stderr_path = stderr_path
        self.proc = None
        self.buf = b""

    def start(self):
        self.stderr = open(self.stderr_path, "ab")
        self.proc = subprocess.Popen(self.argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=self.stderr,
                                     env=self.env, cwd=str(REPO), start_new_session=True)
        self.buf = b""

    @property
    def alive(self):
        return self.proc is not None and self.proc.poll() is None

    def call(self, case, timeout=None):
        if not self.alive:
            self.start()
        try:
            self.proc.stdin.write((case + "\n").encode())
            self.proc.stdin.flush()
        except BrokenPipeError:
            raise ServerError("%s server is not running (see %s)" % (self.side, self.stderr_path))
        fd = self.proc.stdout.fileno()
        deadline = None if timeout is None else time.monotonic() + timeout
        while True:
            while b"\n" in self.buf:
                line, self.buf = self.buf.split(b"\n", 1)
                line = line.strip()
                if line.startswith(b"{"):
                    return json.loads(line)
                if line:  # something else on stdout (a stray message): keep it with the server's stderr
                    self.stderr.write(b"[stdout] " + line + b"\n")
                    self.stderr.flush()
            wait = None if deadline is None else max(0.0, deadline - time.monotonic())
            ready, _, _ = select.select([fd], [], [], wait)
            if not ready:
                self.kill()
                raise ServerError("%s: no answer to %s within %.0f s (server stopped)" % (self.side, case, timeout))
            chunk = os.read(fd, 1 << 16)
            if not chunk:
                code = self.proc.wait()
                self.proc = None
                raise ServerError("%s server exited with %s during %s (see %s)" % (self.side, code, case, self.stderr_path))
            self.buf += chunk

    def kill(self):
        if self.proc is not None:
            try:
                os.killpg(self.proc.pid, signal.SIGKILL)  # the process group this script started for it
            except ProcessLookupError:
                pass
            self.proc.wait()
            self.proc = None

    def stop(self):
        if self.proc is None:
            return
        if self.proc.poll() is None:
            try:
                self.proc.stdin.write(b"quit\n")
                self.proc.stdin.flush()
                self.proc.wait(timeout=10)
            except (BrokenPipeError, subprocess.TimeoutExpired):
                self.kill()
        self.proc = None


def oneshot(side, files, case, timeout):
    """Runs `--oneshot case` under /usr/bin/time -v; returns (JSON answer or None, peak RSS in KiB, note)."""
    argv, env, _ = side_command(side, files)
    cmd = ["/usr/bin/time", "-v"] + argv + ["--oneshot", case]
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, cwd=str(REPO),
                            start_new_session=True)
    try:
        out, err = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        try:
            os.killpg(proc.pid, signal.SIGKILL)  # the process group started just above
        except ProcessLookupError:
            pass
        proc.communicate()
        return None, None, "stopped after %.0f s" % timeout
    err = err.decode(errors="replace")
    m = re.search(r"Maximum resident set size \(kbytes\): (\d+)", err)
    rss = int(m.group(1)) if m else None
    answer = None
    for line in out.decode(errors="replace").splitlines():
        if line.strip().startswith("{"):
            answer = json.loads(line)
    note = "" if proc.returncode == 0 else "exit %d: %s" % (proc.returncode, err.strip().splitlines()[-1:] or "")
    return answer, rss, note


# ---------------------------------------------------------------------------------------------------------- comparing

def compare(peer_check, lib_check):
    """Keys that disagree: [(key, peer value, library value, relative difference, tolerance)], and the number compared."""
    bad, compared = [], 0
    for key, pv in peer_check.items():
        if key not in lib_check:
            continue
        lv = lib_check[key]
        if isinstance(pv, bool) or isinstance(lv, bool) or not isinstance(pv, (int, float)) or not isinstance(lv, (int, float)):
            continue
        if key in PARAMETER_KEYS:
            tol = PARAMETER_TOLERANCE
        elif is_sum_key(key):
            tol = SUM_TOLERANCE
        else:
            continue  # informative only (log-likelihoods, iteration counts, ...)
        compared += 1
        rel = abs(pv - lv) / max(abs(pv), abs(lv), 1e-300)
        if rel > tol:
            bad.append((key, pv, lv, rel, tol))
    return bad, compared


# ------------------------------------------------------------------------------------------------------------- running

def run_case(case, seed, servers, peers, files, args, record, log):
    entries = {p: peer_entry(case, p) for p in peers}
    in_rounds = [p for p in peers if isinstance(entries[p], str)]
    once = [p for p in peers if isinstance(entries[p], tuple)]
    rounds = case_rounds(case, args.rounds)
    result = {"case": case, "seed": seed, "rounds": rounds, "entries": entries, "times": {}, "checks": {},
              "errors": {}, "once": {}, "memory": {}}
    result["load_before"] = loadavg()
    t_case = time.perf_counter()

    def one(side, name, role):
        if args.pause:
            time.sleep(args.pause)  # let the previous side's worker threads (OpenMP, BLAS, thread pool) go idle
        try:
            ans = servers[side].call(name, timeout=args.call_timeout)
        except ServerError as e:
            ans = {"case": name, "error": str(e)}
        record({"seed": seed[0], "side": side, "role": role, "case": case, "sent": name, "answer": ans})
        if "error" in ans:
            result["errors"].setdefault(side, ans["error"])
            return None
        result["checks"][side] = ans.get("check", {})
        return ans["seconds"]

    # warm-up (inputs load on the first call): a long case warms up within its one call; a case shorter than a second
    # is called until the side has spent WARMUP_SECONDS in it or made WARMUP_CALLS_MAX calls (at least
    # WARMUP_CALLS_MIN), so that each side is in its steady state, as in a long-running process: .NET's tiered JIT
    # recompiles a method after 30 calls, and a library fit of 2 ms needs about 40 calls to have every method of the
    # fit in its final code (with 3 calls the rounds timed tier-0 code and the recompilations, 2.7-3.2 ms against a
    # steady 1.7 ms), while a peer's 0.5 s call is warm after its first calls.
    active = []
    short = case in SHORT_CASES
    for side in in_rounds + ["library"]:
        name = case if side == "library" else entries[side]
        log("  warm-up %-9s %s (%s)" % (side, name, "until %.0f s or %d calls" % (WARMUP_SECONDS, WARMUP_CALLS_MAX) if short else "x1"))
        spent, calls, ok = 0.0, 0, True
        while ok and (calls == 0 or (short and calls < WARMUP_CALLS_MAX and (calls < WARMUP_CALLS_MIN or spent < WARMUP_SECONDS))):
            seconds = one(side, name, "warmup")
            ok = seconds is not None
            spent += seconds or 0.0
            calls += 1
        if ok:
            active.append(side)
    active_peers = [p for p in in_rounds if p in active]
    lib_ok = "library" in active
    for side in active:
        result["times"][side] = []
    for i in range(rounds):
        if active_peers:
            for p in active_peers:
                s = one(p, entries[p], "round %d" % (i + 1))
                if s is not None:
                    result["times"][p].append(s)
                if lib_ok:
                    s = one("library", case, "round %d after %s" % (i + 1, p))
                    if s is not None:
                        result["times"]["library"].append(s)
        elif lib_ok:
            s = one("library", case, "round %d" % (i + 1))
            if s is not None:
                result["times"]["library"].append(s)
        log("  round %d/%d: %s" % (i + 1, rounds, ", ".join(
            "%s %s" % (side, fmt_seconds(t[-1]) if t else "—") for side, t in result["times"].items())))
    result["load_after"] = loadavg()

    # peers run once, outside the alternation, under a time limit (their own process, so also a memory figure)
    for p in once:
        name = entries[p][1]
        log("  once    %-9s %s (limit %.0f s)" % (p, name, args.once_timeout))
        ans, rss, note = oneshot(p, files, name, args.once_timeout)
        record({"seed": seed[0], "side": p, "role": "once", "case": case, "sent": name, "answer": ans,
                "max_rss_kib": rss, "note": note})
        result["once"][p] = {"answer": ans, "note": note}
        if ans and "seconds" in ans:
            result["times"][p] = [ans["seconds"]]
            result["checks"][p] = ans.get("check", {})
            result["memory"][p] = rss
        elif ans and "error" in ans:
            result["errors"][p] = ans["error"]

    if args.memory:
        for side in [p for p in active_peers] + (["library"] if lib_ok else []):
            name = case if side == "library" else entries[side]
            log("  memory  %-9s %s" % (side, name))
            ans, rss, note = oneshot(side, files, name, args.once_timeout if side != "library" else None)
            record({"seed": seed[0], "side": side, "role": "memory", "case": case, "sent": name, "answer": ans,
                    "max_rss_kib": rss, "note": note})
            result["memory"][side] = rss if rss is not None else note
    log("  %s done in %.0f s" % (case, time.perf_counter() - t_case))
    return result


# ------------------------------------------------------------------------------------------------------------ reporting

def summarize(result, peers):
    med = {side: statistics.median(t) for side, t in result["times"].items() if t}
    peer_meds = {p: med[p] for p in peers if p in med}
    fastest = min(peer_meds, key=peer_meds.get) if peer_meds else None
    ratio = peer_meds[fastest] / med["library"] if fastest and med.get("library") else None
    disagreements, compared = [], 0
    lib_check = result["checks"].get("library")
    if lib_check is not None:
        for p in peers:
            if p in result["checks"]:
                bad, n = compare(result["checks"][p], lib_check)
                compared += n
                disagreements += [(p,) + b for b in bad]
    return med, fastest, ratio, disagreements, compared


def render(results, peers, args, header):
    lines = header[:]
    cols = ["Case", "Seed"] + ["%s (s)" % LABEL[p] for p in peers] + ["library (s)", "Fastest peer",
                                                                         "Ratio peer/library", "Load before", "Load after",
                                                                         "Checks"]
    lines.append("| " + " | ".join(cols) + " |")
    lines.append("| " + " | ".join(["---", "---"] + ["---:"] * (len(peers) + 1) + ["---", "---:", "---", "---", "---"]) + " |")
    details, notes = [], []
    order = {c: i for i, c in enumerate(args.cases)}
    for r in sorted(results, key=lambda r: (order.get(r["case"], 0), args.seed_order.index(r["seed"]))):
        med, fastest, ratio, bad, compared = summarize(r, peers)
        cells = [r["case"], str(r["seed"][0])]
        for p in peers:
            entry = r["entries"].get(p)
            if entry is None:
                cells.append("n/a")
            elif p in r["errors"] and p not in med:
                cells.append("error")
            elif isinstance(entry, tuple) and p not in med:
                cells.append("not run (%s)" % r["once"].get(p, {}).get("note", "no answer"))
            else:
                cell = fmt_seconds(med.get(p))
                if isinstance(entry, tuple):
                    cell += " (1 run)"
                elif entry != r["case"]:
                    cell += " (`%s`)" % entry
                cells.append(cell)
        cells.append("error" if "library" in r["errors"] and "library" not in med else fmt_seconds(med.get("library")))
        cells.append(LABEL[fastest] if fastest else "—")
        cells.append(("%.1f×" if ratio >= 1 else "%.2g×") % ratio if ratio is not None else "—")
        cells.append(fmt_load(r["load_before"]))
        cells.append(fmt_load(r["load_after"]))
        if bad:
            cells.append("**differ** (%s)" % ", ".join(sorted({LABEL[b[0]] for b in bad})))
        elif compared:
            cells.append("agree")
        else:
            cells.append("—")
        lines.append("| " + " | ".join(cells) + " |")
        for b in bad:
            details.append("- %s, seed %d, %s `%s`: %s %r, library %r (relative difference %.2e > %.0e)"
                           % (r["case"], r["seed"][0], LABEL[b[0]], b[1], LABEL[b[0]], b[2], b[3], b[4], b[5]))
        for side, err in r["errors"].items():
            details.append("- %s, seed %d, %s error: %s" % (r["case"], r["seed"][0], LABEL[side], err))
        counts = ", ".join("%s %d" % (LABEL[s], len(t)) for s, t in r["times"].items())
        notes.append("- %s, seed %d: timed calls %s" % (r["case"], r["seed"][0], counts))
    lines.append("")
    lines.append("Seconds are medians of the timed calls (warm-up excluded); ratio = fastest peer's median / library's "
                 "median (above 1: the library is faster). Load = /proc/loadavg (1, 5, 15 min) before and after the case. "
                 "Checks: parameters agree within a relative %.0e, sums and counts within %.0e; other check values "
                 "(log-likelihoods, iterations) are in the log only." % (PARAMETER_TOLERANCE, SUM_TOLERANCE))
    if details:
        lines += ["", "Disagreements and errors:", ""] + details
    if any(r["memory"] for r in results):
        lines += ["", "Peak memory (maximum resident set size of one `--oneshot CASE` process under /usr/bin/time -v, "
                  "inputs loaded and the case run once; MiB):", ""]
        lines.append("| Case | Seed | " + " | ".join(LABEL[p] for p in peers) + " | library |")
        lines.append("| --- | --- | " + " | ".join("---:" for _ in peers) + " | ---: |")
        for r in results:
            if not r["memory"]:
                continue
            cells = [r["case"], str(r["seed"][0])]
            for side in list(peers) + ["library"]:
                v = r["memory"].get(side)
                cells.append("%.0f" % (v / 1024) if isinstance(v, int) else (v or "—"))
            lines.append("| " + " | ".join(cells) + " |")
    lines += ["", "Timed calls per side:", ""] + notes
    return "\n".join(lines) + "\n"


def update_readme(text):
    content = README.read_text()
    if BEGIN not in content or END not in content:
        raise SystemExit("%s has no %s ... %s section" % (README, BEGIN, END))
    head, rest = content.split(BEGIN, 1)
    _, tail = rest.split(END, 1)
    README.write_text(head + BEGIN + "\n" + text + END + tail)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--seeds", default="20251124,7", help="comma-separated S or S:T (synth seed, log seed)")
    ap.add_argument("--cases", default=",".join(DEFAULT_CASES), help="comma-separated case names")
    ap.add_argument("--rounds", type=int, default=5, help="timed rounds per side (capped per case, see CASES)")
    ap.add_argument("--peers", default=",".join(PEERS), help="lifetimes,clvtools or either")
    ap.add_argument("--out", help="the Markdown output (default benchmarks/peers/results/side-by-side-<UTC time>.md)")
    ap.add_argument("--update-readme", action="store_true", help="replace the side-by-side section of benchmarks/README.md")
    ap.add_argument("--memory", action="store_true", help="also run each side's --oneshot CASE under /usr/bin/time -v")
    ap.add_argument("--no-build", action="store_true", help="use the library server already built")
    ap.add_argument("--once-timeout", type=float, default=300, help="time limit of a peer's single run (s)")
    ap.add_argument("--pause", type=float, default=0.5, help="seconds of rest before every call (default 0.5)")
    ap.add_argument("--call-timeout", type=float, default=None, help="time limit of one call to a server (s)")
    args = ap.parse_args()
    args.cases = [c.strip() for c in args.cases.split(",") if c.strip()]
    peers = [p.strip() for p in args.peers.split(",") if p.strip()]
    for p in peers:
        if p not in PEERS:
            raise SystemExit("unknown peer %s (lifetimes, clvtools)" % p)
    seeds = parse_seeds(args.seeds)
    args.seed_order = seeds
    started = utc_now()
    out = Path(args.out) if args.out else REPO / "benchmarks" / "peers" / "results" / (
        "side-by-side-%s.md" % started.strftime("%Y%m%dT%H%M%SZ"))
    out.parent.mkdir(parents=True, exist_ok=True)
    raw_path = out.with_suffix(".jsonl")
    raw = open(raw_path, "w")
    command = "/usr/bin/python3 " + " ".join(shlex.quote(a) for a in sys.argv)

    def log(msg):
        print("[%s] %s" % (utc_now().strftime("%H:%M:%S"), msg), file=sys.stderr, flush=True)

    def record(obj):
        obj["utc"] = utc_now().isoformat(timespec="milliseconds")
        raw.write(json.dumps(obj) + "\n")
        raw.flush()

    load_start = loadavg()
    busy_start = busiest_processes()
    record({"event": "start", "command": command, "load": load_start, "busiest": busy_start})
    if not args.no_build:
        log("building the library server: dotnet build -c Release %s" % PROJECT.relative_to(REPO))
        subprocess.run(["dotnet", "build", "-c", "Release", "--nologo", "-v", "q", str(PROJECT)], check=True, cwd=str(REPO))
    if not DLL.exists():
        raise SystemExit("%s is missing; build it (without --no-build)" % DLL)

    results = []
    for seed in seeds:
        log("seed %d (log seed %d)" % seed)
        files = make_data(seed, log)
        needed = [p for p in peers if any(peer_entry(c, p) is not None for c in args.cases)]
        servers = {side: Server(side, files, out.with_suffix(".%s.stderr.log" % side)) for side in needed + ["library"]}
        for side, server in servers.items():
            record({"event": "server", "seed": seed[0], "side": side, "command": server.shown})
            if any(isinstance(peer_entry(c, side), str) for c in args.cases) or side == "library":
                server.start()
        try:
            for case in args.cases:
                log("%s, seed %d" % (case, seed[0]))
                results.append(run_case(case, seed, servers, needed, files, args, record, log))
        finally:
            for server in servers.values():
                server.stop()

    finished = utc_now()
    load_end = loadavg()
    busy_end = busiest_processes()
    record({"event": "end", "load": load_end, "busiest": busy_end})
    raw.close()
    try:
        dotnet = subprocess.run(["dotnet", "--version"], capture_output=True, text=True).stdout.strip()
    except OSError:
        dotnet = "?"
    cpu = "?"
    try:
        for line in open("/proc/cpuinfo"):
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    commit = git_state()
    header = [
        "Measured %s to %s UTC by `benchmarks/peers/side-by-side.py`; `nproc` = %d (%s), .NET SDK %s, "
        "lifetimes 0.11.3 (Debian's Python %s), CLVTools 0.12.1 (Debian's R)."
        % (started.strftime("%Y-%m-%d %H:%M"), finished.strftime("%H:%M"), os.cpu_count() or 0, cpu, dotnet,
           sys.version.split()[0]),
        "",
        "Machine load (/proc/loadavg, 1/5/15 min): %s at the start, %s at the end. Busiest processes at the start "
        "(%%CPU, RSS KiB, name): %s." % (fmt_load(load_start), fmt_load(load_end), "; ".join(busy_start) or "?"),
        "",
        "Library: commit %s." % commit,
        "",
        "Command: `%s`" % command,
        "",
        "Seeds: %s. Every call's JSON line: `%s`." % (
            ", ".join("%d (log seed %d)" % s for s in seeds), shown_path(raw_path)),
        "",
    ]
    text = render(results, peers, args, header)
    out.write_text(text)
    log("wrote %s and %s" % (out, raw_path))
    if args.update_readme:
        update_readme(text)
        log("updated %s" % README)
    print(text)


if __name__ == "__main__":
    main()
