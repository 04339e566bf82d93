"""`mkdocs serve` rebuild after editing one page: the project against plain Material.

A real `mkdocs serve` process runs on a copy of the project (bench/sites.py) with a warm cache.
Each run appends a line to one page and times from the write to the end of the rebuild it
triggers (the server's "Documentation built" log line, after which the edited text is checked
in the served page): wall clock, and the CPU the server process spent meanwhile (user + sys from
/proc, the figure least sensitive to other load). The edit is then undone (that rebuild is not
timed). MkDocs waits 0.1 s after a change before it rebuilds (its build_delay), in both.
"""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

from bench import BenchOptions, BenchResult, Row, build_environment, register, spread
from bench.sites import copy_project, write_plain_config

PAGE = "bicycles/tire-pressure.md"  # a page with a calculator and prose
BUILT = "Documentation built in"
TIMEOUT = 300.0


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _cpu_seconds(pid: int) -> float:
    """User + system CPU seconds of a process (Linux /proc)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


class Server:
    """A `mkdocs serve` process whose completed builds are counted from its log."""

    def __init__(self, project: Path, config_file: Path, cache_dir: Path) -> None:
        self.port = _free_port()
        env = build_environment(KB_CACHE_DIR=str(cache_dir))
        self.process = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "--config-file", str(config_file), "--dev-addr", f"127.0.0.1:{self.port}"],
            cwd=project, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        self.builds = 0
        self.log: list[str] = []
        self.changed = threading.Condition()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        assert self.process.stderr is not None
        for line in self.process.stderr:
            with self.changed:
                self.log.append(line)
                if BUILT in line:
                    self.builds += 1
                    self.changed.notify_all()

    def wait_builds(self, count: int) -> float:
        """Wait until `count` builds have completed; return the time it happened."""
        with self.changed:
            if not self.changed.wait_for(lambda: self.builds >= count or self.process.poll() is not None, timeout=TIMEOUT):
                raise RuntimeError("mkdocs serve did not rebuild in time:\n" + "".join(self.log[-20:]))
            if self.builds < count:
                raise RuntimeError("mkdocs serve stopped:\n" + "".join(self.log[-20:]))
        return time.perf_counter()

    def page(self, uri: str) -> str:
        with urllib.request.urlopen(f"http://127.0.0.1:{self.port}/{uri}", timeout=30) as response:
            return str(response.read().decode("utf-8"))

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()


def _rebuilds(project: Path, config_file: Path, cache_dir: Path, runs: int) -> tuple[list[float], list[float]]:
    """Wall and CPU seconds of `runs` rebuilds after editing PAGE."""
    page = project / "docs" / PAGE
    original = page.read_text(encoding="utf-8")
    server = Server(project, config_file, cache_dir)
    walls: list[float] = []
    cpus: list[float] = []
    try:
        server.wait_builds(1)
        time.sleep(1.0)  # the watcher starts after the first build
        for run in range(runs):
            marker = f"Bench edit {run} {time.time_ns()}"
            before = server.builds
            cpu = _cpu_seconds(server.process.pid)
            started = time.perf_counter()
            page.write_text(original + f"\n{marker}\n", encoding="utf-8")
            finished = server.wait_builds(before + 1)
            cpus.append(_cpu_seconds(server.process.pid) - cpu)
            walls.append(finished - started)
            if marker not in server.page(PAGE.replace(".md", ".html")):
                raise RuntimeError("the served page does not show the edit after the rebuild")
            page.write_text(original, encoding="utf-8")
            server.wait_builds(before + 2)
            time.sleep(0.5)
    finally:
        server.stop()
        page.write_text(original, encoding="utf-8")
    return walls, cpus


@register("serve-rebuild")
def serve_rebuild(options: BenchOptions) -> BenchResult:
    """Rebuild time of `mkdocs serve` after editing one page: project (warm cache) vs plain Material."""
    with tempfile.TemporaryDirectory(prefix="bench-serve-") as scratch:
        work = Path(scratch)
        project = copy_project(options.root, work / "project")
        plain = write_plain_config(project, options.root)
        results = {
            "project": _rebuilds(project, project / "mkdocs.yml", work / "cache", options.runs + options.warmup),
            "plain": _rebuilds(project, plain, work / "cache-plain", options.runs + options.warmup),
        }
    rows: list[Row] = []
    medians: dict[str, dict[str, float]] = {}
    for name, (walls, cpus) in results.items():
        wall, cpu = spread(walls[options.warmup:]), spread(cpus[options.warmup:])
        medians[name] = {"wall": wall["median"], "cpu": cpu["median"]}
        rows += [Row(f"{name}: edit to rebuilt (wall)", wall["median"], "s", wall["min"], wall["max"], "includes MkDocs' 0.1 s build_delay"),
                 Row(f"{name}: server CPU for the rebuild", cpu["median"], "s", cpu["min"], cpu["max"], "least sensitive to load")]
    rows += [Row(f"ratio project/plain ({label})", round(medians["project"][key] / medians["plain"][key], 2), "x", note="target <= 1.1")
             for label, key in (("wall", "wall"), ("CPU", "cpu"))]
    return BenchResult(
        title=f"mkdocs serve: rebuild after editing {PAGE} ({options.runs} runs, {options.warmup} warm-up)",
        rows=rows,
        samples={f"{name}_{kind}_s": values for name, (walls, cpus) in results.items() for kind, values in (("wall", walls), ("cpu", cpus))},
        notes=["a real `mkdocs serve` process on a copy of the project; project = hooks and kb.fences with a warm kb.cache",
               f"load average at the end: {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs (compare CPU, not wall clock)"],
    )
