"""Run the hostile corpus through the app's own doors, each file in a forked child with limits.

    python -m tests.hostile.runner [NAME ...]    # one JSON line per case on stdout

The parent imports everything once, then forks one child per file. The child caps its address
space (RLIMIT_AS: its size at the fork + MEMORY_HEADROOM_MB) and its CPU time, feeds the file
through the same core functions the pages call (load_screening, accept_upload, read_csv +
import_csv), and reports what a user would see: the message, whether the previous answers are
unchanged, and its own peak memory growth. A child that dies (memory, CPU, crash) is a result too.
"""

from __future__ import annotations

import json
import os
import resource
import signal
import sys
import tempfile
import time
from typing import Any

MEMORY_HEADROOM_MB = 768
"""Address space a child may add on top of the parent's; a hard ceiling, not the budget asserted."""
CPU_LIMIT_S = 60
WALL_LIMIT_S = 240


def _status_kb(field: str) -> int:
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith(field + ":"):
                return int(line.split()[1])
    return 0


def _screening_case(data: bytes) -> dict[str, Any]:
    from iop_core.report.outline import build_outline
    from iop_core.rules.assessment import assess_all
    from iop_core.screening.persistence import ScreeningFileError, dump_screening, load_screening
    from tests.support.screenings import demo

    previous = demo("genuine_iop")
    before = dump_screening(previous)
    current = previous
    try:
        current = load_screening(data)  # pages/0_start.py: replace_screening(load_screening(...)) on success only
        outcome, message = "accepted", ""
        assess_all(current)
        build_outline(current)
    except ScreeningFileError as exc:
        outcome, message = "refused", str(exc)
    return {"outcome": outcome, "message": message, "unchanged": dump_screening(previous) == before,
            "current_is_previous": current is previous}


def _upload_case(name: str, data: bytes) -> dict[str, Any]:
    from iop_core.documents.uploads import FileStore, accept_upload
    from iop_core.screening.persistence import dump_screening
    from tests.support.screenings import demo

    s = demo("genuine_iop")
    before = dump_screening(s)
    result = accept_upload(s, FileStore(), "statutes", name, data, max_bytes=20 * 1024 * 1024)
    return {"outcome": "accepted" if result.ok else "refused", "message": result.message,
            "unchanged": result.ok or dump_screening(s) == before, "file_name": result.file_name}


def _csv_case(data: bytes) -> dict[str, Any]:
    from iop_core.budget import csv_file as bc
    from iop_core.budget.terms import default_year
    from iop_core.screening.model import MAX_BUDGET_ROWS
    from iop_core.screening.persistence import dump_screening
    from tests.support.screenings import demo

    s = demo("genuine_iop")
    before = dump_screening(s)
    result = bc.read_csv(data, rate=s.budget.volunteer_hourly_rate, default_year=default_year(s.budget.terms))
    if not result.ok:
        return {"outcome": "refused", "message": result.error.text("sv"), "unchanged": dump_screening(s) == before}
    try:
        s.budget = bc.import_csv(s.budget, result)
    except ValueError:  # pages/4_budget.py: "Budgeten skulle få fler än … rader"
        return {"outcome": "refused", "message": f"fler än {MAX_BUDGET_ROWS} rader",
                "unchanged": dump_screening(s) == before}
    exported = bc.to_csv(s.budget).decode("utf-8-sig")
    return {"outcome": "accepted", "message": f"{len(result.lines)} rader, {len(result.drafts)} med problem",
            "unchanged": True, "export": exported}


def _run(case) -> dict[str, Any]:
    if case.kind == "screening":
        return _screening_case(case.data)
    if case.kind == "upload":
        return _upload_case(case.file_name, case.data)
    return _csv_case(case.data)


def run_in_child(case) -> dict[str, Any]:
    report = tempfile.NamedTemporaryFile(prefix="hostile-", suffix=".json", delete=False)
    report.close()
    pid = os.fork()
    if pid == 0:  # child
        code = 0
        try:
            size = _status_kb("VmSize") * 1024
            limit = size + MEMORY_HEADROOM_MB * 1024 * 1024
            resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
            resource.setrlimit(resource.RLIMIT_CPU, (CPU_LIMIT_S, CPU_LIMIT_S + 5))
            rss0 = _status_kb("VmRSS")
            t0 = time.process_time()
            try:
                result = _run(case)
            except MemoryError:
                result = {"outcome": "memory_limit"}
            except BaseException as exc:  # noqa: BLE001 - the report says what escaped
                result = {"outcome": "crash", "error": type(exc).__name__}
            result["cpu_s"] = round(time.process_time() - t0, 2)
            result["peak_mb"] = round((_status_kb("VmHWM") - rss0) / 1024, 1)
            with open(report.name, "w") as out:
                out.write(json.dumps(result, ensure_ascii=False))
        except BaseException:  # noqa: BLE001 - the child must reach os._exit whatever happened
            code = 3
        os._exit(code)
    try:
        deadline = time.monotonic() + WALL_LIMIT_S
        while True:
            done, status = os.waitpid(pid, os.WNOHANG)
            if done:
                break
            if time.monotonic() > deadline:
                os.kill(pid, signal.SIGKILL)
                os.waitpid(pid, 0)
                return {"outcome": "wall_limit"}
            time.sleep(0.02)
        if os.WIFSIGNALED(status):
            return {"outcome": f"killed_by_{signal.Signals(os.WTERMSIG(status)).name}"}
        try:
            with open(report.name) as f:
                return json.loads(f.read())
        except ValueError:
            return {"outcome": "no_report", "exit": os.WEXITSTATUS(status)}
    finally:
        os.unlink(report.name)


def main(argv: list[str]) -> int:
    # Import everything a case may touch once, before forking (children stay cheap).
    import iop_core.budget.csv_file
    import iop_core.documents.upload_check
    import iop_core.documents.uploads
    import iop_core.report.outline
    import iop_core.rules.assessment  # noqa: F401 - imported for the children, not used here
    from tests.hostile.generate import all_cases

    wanted = set(argv)
    for case in all_cases():
        if wanted and case.name not in wanted:
            continue
        result = run_in_child(case)
        print(json.dumps({"kind": case.kind, "name": case.name, **result}, ensure_ascii=False), flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
