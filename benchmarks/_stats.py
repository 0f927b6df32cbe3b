"""Figures the benchmarks share: a quantile of timings, the CPU time a server process has used
(not a benchmark itself)."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path


def percentile(values: list[float], q: float) -> float:
    """The `q` quantile (0–1) by nearest rank."""
    values = sorted(values)
    return values[min(len(values) - 1, round(q * (len(values) - 1)))]


def cpu_seconds(proc: subprocess.Popen) -> float:
    """CPU time (user + system) the process has used so far (Linux /proc)."""
    fields = Path(f"/proc/{proc.pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
