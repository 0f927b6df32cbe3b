"""Real servers for tests and benchmarks, on loopback: a throw-away PostgreSQL cluster (Debian's
`postgresql`), `streamlit run`, and Debian's nginx with the repository's deploy/nginx.conf.

PostgreSQL is started in a temporary folder, as the `postgres` user when the tests run as root
(initdb refuses root), and stopped afterwards. A missing PostgreSQL or nginx is a failure, not a
skip: scripts/test.sh installs them.
"""

from __future__ import annotations

import glob
import os
import re
import shutil
import socket
import subprocess
import tempfile
import time
import uuid
from pathlib import Path

from tests.support import ROOT


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _pg_bin() -> Path:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(Path(p).parts[-3]))
    assert found, "PostgreSQL is missing: run scripts/test.sh (it installs Debian's postgresql)"
    return Path(found[-1]).parent


class Postgres:
    """One PostgreSQL cluster; `new_database()` gives each test its own empty database."""

    def __init__(self, durable: bool = False) -> None:
        self.durable = durable  # fsync on (benchmarks); tests run with fsync off for speed
        self.bin = _pg_bin()
        self.dir = Path(tempfile.mkdtemp(prefix="iop-pg-"))
        self.port = free_port()
        self.user = "iop"
        self._as = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
        if self._as:
            shutil.chown(self.dir, "postgres")

    def _run(self, *args: str) -> None:
        out = subprocess.run([*self._as, *args], capture_output=True, text=True, timeout=120)
        if out.returncode:
            raise RuntimeError(f"{args[0]} failed: {out.stdout[-1500:]} {out.stderr[-1500:]}")

    def start(self) -> Postgres:
        data = self.dir / "data"
        self._run(str(self.bin / "initdb"), "-D", str(data), "-A", "trust", "-U", self.user, "-E", "UTF8", "--no-sync")
        fsync = "on" if self.durable else "off"
        opts = f"-p {self.port} -k {self.dir} -c listen_addresses=127.0.0.1 -c fsync={fsync} -c max_connections=60"
        self._run(str(self.bin / "pg_ctl"), "-D", str(data), "-o", opts, "-l", str(self.dir / "log"), "-w", "start")
        return self

    def stop(self) -> None:
        try:
            self._run(str(self.bin / "pg_ctl"), "-D", str(self.dir / "data"), "-m", "fast", "-w", "stop")
        finally:
            shutil.rmtree(self.dir, ignore_errors=True)

    def url(self, database: str = "postgres") -> str:
        return f"postgresql+psycopg://{self.user}@127.0.0.1:{self.port}/{database}"

    def admin(self, sql: str) -> None:
        import psycopg

        with psycopg.connect(f"host=127.0.0.1 port={self.port} user={self.user} dbname=postgres",
                             autocommit=True) as conn:
            conn.execute(sql)

    def new_database(self) -> str:
        name = f"t_{uuid.uuid4().hex[:12]}"
        self.admin(f"CREATE DATABASE {name}")
        return name


def wait_http(url: str, proc: subprocess.Popen | None = None, timeout: float = 60) -> None:
    import time
    import urllib.request

    deadline = time.time() + timeout
    while time.time() < deadline:
        if proc is not None and proc.poll() is not None:
            break
        try:
            if urllib.request.urlopen(url, timeout=1).status == 200:
                return
        except OSError:
            time.sleep(0.3)
    out = proc.stdout.read().decode(errors="replace")[-2000:] if proc is not None and proc.stdout else ""
    if proc is not None:
        proc.kill()
    raise RuntimeError(f"{url} did not answer: {out}")


def start_streamlit(root: Path, port: int, env: dict[str, str], *, script: str = "app.py",
                    options: tuple[str, ...] = (), log: Path | None = None) -> subprocess.Popen:
    """`streamlit run script` (in `root`) on 127.0.0.1:`port`, waited for until healthy; `options`
    are more `--section.option=value` settings (the benchmarks use it, tests/support/ws.py); `log`
    a file for everything the server prints (else a pipe)."""
    import sys

    out = open(log, "wb") if log is not None else subprocess.PIPE
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", script, "--server.headless", "true",
         "--server.address", "127.0.0.1", "--server.port", str(port),
         "--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none", *options],
        cwd=root, stdout=out, stderr=subprocess.STDOUT,
        env={**os.environ, "PYTHONUNBUFFERED": "1", **env},
    )
    wait_http(f"http://127.0.0.1:{port}/_stcore/health", proc)
    return proc


def stop(proc: subprocess.Popen) -> None:
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()


ROUTE_COOKIE = re.compile(r"iop_route=([ab]); Path=/; HttpOnly; SameSite=Lax")  # deploy/nginx.conf's sticky sessions


def route_in(set_cookie: str) -> str | None:
    """The app process (a or b) a Set-Cookie header of deploy/nginx.conf names; None for any other header."""
    match = ROUTE_COOKIE.fullmatch(set_cookie)
    return match.group(1) if match else None


class Nginx:
    """Debian's nginx in the foreground, running the repo's deploy/nginx.conf with the app ports,
    its own listen port and the log folder swapped in (nothing else changed)."""

    def __init__(self, site_conf: Path, app_ports: tuple[int, int]) -> None:
        self.dir = Path(tempfile.mkdtemp(prefix="iop-nginx-"))
        os.chmod(self.dir, 0o755)
        self.port = free_port()
        site = site_conf.read_text(encoding="utf-8")
        for default, port in zip(("127.0.0.1:8501", "127.0.0.1:8502"), app_ports, strict=True):
            assert default in site, f"{site_conf} no longer names {default}"
            site = site.replace(default, f"127.0.0.1:{port}")
        assert "listen 8080;" in site
        site = site.replace("listen 8080;", f"listen 127.0.0.1:{self.port};")
        site = site.replace("/var/log/nginx/", f"{self.dir}/")
        (self.dir / "site.conf").write_text(site, encoding="utf-8")
        temps = "\n".join(f"    {name}_temp_path {self.dir}/{name}_temp;"
                          for name in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
        (self.dir / "nginx.conf").write_text(
            f"pid {self.dir}/nginx.pid;\nerror_log {self.dir}/error.log;\nevents {{}}\n"
            f"http {{\n    access_log off;\n{temps}\n    include {self.dir}/site.conf;\n}}\n", encoding="utf-8")
        self.proc: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def logs(self) -> dict[str, str]:
        """Every log file nginx wrote (the site's access and error log, the main error log)."""
        return {p.name: p.read_text(encoding="utf-8", errors="replace") for p in sorted(self.dir.glob("*.log"))}

    def logged(self, line: str, timeout: float = 10.0) -> dict[str, str]:
        """The logs once the site's access log holds `line`.

        nginx writes a request's access-log line in its log phase, after the response has gone
        out: a client that reads the log the moment its answer arrives can be ahead of it.
        """
        deadline = time.monotonic() + timeout
        while line not in (logs := self.logs()).get("iop-screening.access.log", ""):
            assert time.monotonic() < deadline, f"nginx never logged {line!r}"
            time.sleep(0.05)
        return logs

    def start(self) -> Nginx:
        nginx = shutil.which("nginx") or "/usr/sbin/nginx"
        assert Path(nginx).exists(), "nginx is missing: run scripts/test.sh (it installs Debian's nginx)"
        self.proc = subprocess.Popen([nginx, "-c", str(self.dir / "nginx.conf"), "-p", str(self.dir),
                                      "-g", "daemon off;"], stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        wait_http(f"{self.url}/_stcore/health", self.proc)
        return self

    def stop(self) -> None:
        if self.proc:
            stop(self.proc)
        shutil.rmtree(self.dir, ignore_errors=True)


def documented_headers() -> dict[str, str]:
    """The header block in docs/security-proxy.md ("Headers a reverse proxy must send"), so the
    documented block is what is tested."""
    text = (ROOT / "docs" / "security-proxy.md").read_text(encoding="utf-8")
    block = text.split("<!-- security-headers -->")[1].split("```")[1]
    headers = {}
    for line in block.strip().splitlines()[1:]:  # first line is the fence's language tag
        m = re.match(r'\s*add_header\s+([\w-]+)\s+"([^"]+)"\s+always;', line)
        if m:
            headers[m.group(1)] = m.group(2)
    return headers
