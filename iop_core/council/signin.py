"""Officer sign-in that holds: throttled local sign-in, server-side sessions, sign-out that counts.

State is kept in the database (tables `signin_failures`, `officer_sessions`, `officer_signouts`),
not in the process: the app runs as several processes behind nginx, and a counter or a sign-out
that lived in one process would not hold in the other (or after a restart).

- `Throttle`: failed local sign-ins per account name and per client address. After `free`
  failures each further attempt waits 2, 4, 8 … seconds (at most `MAX_DELAY_S`) after the last
  failure; at `lock_after` failures the key is locked for `LOCK_S`. A waiting key is refused
  before any password check, so hammering costs no argon2 work. Unknown account names count
  the same as known ones (no hint which names exist). A success clears the account's count.
- `SignIn.attempt`: the throttle, the accounts file and the password check in order, with one
  log line per refusal for the officers' security contact (account digest, client, count; never
  a password or a username).
- `OfficerSessions`: a local sign-in is a row; the browser gets its id in a signed HttpOnly cookie
  through a one-time code (serve.py), every run checks the row (revoked? expired?), and "Logga
  ut" revokes it. An OpenID Connect "Logga ut" records the time per subject: an identity cookie
  issued (`iat`) before it no longer signs in.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import logging
import secrets
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, delete, insert, select, update
from sqlalchemy.exc import IntegrityError, SQLAlchemyError

from iop_core.council.officers import (
    Officer,
    OfficerConfigError,
    SignInBusy,
    WeakPassword,
    account_ref,
    authenticate,
)
from iop_core.storage.drafts import _aware, utcnow
from iop_core.storage.errors import StorageUnavailable
from iop_core.storage.tables import officer_sessions, officer_signouts, signin_failures

log = logging.getLogger("iop.signin")

LOCK_S = 15 * 60
MAX_DELAY_S = 5 * 60
FORGET_S = 60 * 60  # failures this old (and no lock) are forgotten
SESSION_HOURS = 10  # a local session, and an OpenID Connect identity, for one working day
HANDOFF_S = 60  # the one-time code that turns a sign-in into the cookie
COOKIE = "iop_officer"
XSRF_COOKIE = "_streamlit_xsrf"  # Streamlit's; binds the one-time code to the browser that signed in
ROUTES = {"start": "iop/session", "end": "iop/signout"}  # serve.py mounts them


class Routes:
    """Whether this process serves ROUTES (serve.py sets it): without them (`streamlit run app.py`,
    AppTest) a local sign-in holds for its Streamlit session only."""

    mounted = False


@dataclass(frozen=True)
class Policy:
    free: int  # failures without delay
    lock_after: int  # failures that lock the key for LOCK_S


ACCOUNT = Policy(free=5, lock_after=10)
CLIENT = Policy(free=10, lock_after=30)  # a council office shares one address


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _db(fn: Callable[..., Any]) -> Callable[..., Any]:
    """A database call: a failure becomes StorageUnavailable (no statement text in any message)."""
    def run(*args: Any, **kwargs: Any) -> Any:
        try:
            return fn(*args, **kwargs)
        except SQLAlchemyError as exc:
            log.warning("sign-in storage unavailable: %s", type(exc).__name__)
            raise StorageUnavailable("the sign-in tables cannot be used right now") from None
    return run


class Throttle:
    def __init__(self, engine: Engine, now: Callable[[], datetime] = utcnow) -> None:
        self.engine, self.now = engine, now

    @staticmethod
    def key(kind: str, value: str) -> str:
        return _digest(f"{kind}\0{value.strip().lower()}")

    @staticmethod
    def delay_s(failures: int, policy: Policy) -> int:
        return 0 if failures < policy.free else min(2 ** (failures - policy.free + 1), MAX_DELAY_S)

    @_db
    def wait_s(self, keys: Mapping[str, Policy]) -> int:
        """Seconds until these keys may try again (0: now)."""
        now = self.now()
        with self.engine.connect() as conn:
            rows = conn.execute(select(signin_failures).where(signin_failures.c.key.in_(list(keys)))).all()
        wait = 0.0
        for r in rows:
            until = _aware(r.locked_until) if r.locked_until else (
                _aware(r.last_failure_at) + timedelta(seconds=self.delay_s(r.failures, keys[r.key])))
            wait = max(wait, (until - now).total_seconds())
        return int(wait + 0.999) if wait > 0 else 0

    @_db
    def failed(self, key: str, policy: Policy) -> tuple[int, bool]:
        """Count one failure; (failures now, whether this one locked the key)."""
        try:
            return self._count(key, policy)
        except IntegrityError:  # another process inserted the key's first failure at the same moment
            return self._count(key, policy)

    def _count(self, key: str, policy: Policy) -> tuple[int, bool]:
        now = self.now()
        with self.engine.begin() as conn:
            row = conn.execute(select(signin_failures).where(signin_failures.c.key == key)).first()
            if row is None:
                conn.execute(insert(signin_failures).values(key=key, failures=1, last_failure_at=now))
                return 1, policy.lock_after <= 1
            stale = (now - _aware(row.last_failure_at)).total_seconds() > FORGET_S and (
                row.locked_until is None or _aware(row.locked_until) <= now)
            failures = 1 if stale else row.failures + 1
            locked = failures >= policy.lock_after
            conn.execute(update(signin_failures).where(signin_failures.c.key == key).values(
                failures=0 if locked else failures, last_failure_at=now,
                locked_until=now + timedelta(seconds=LOCK_S) if locked else None))
            return failures, locked

    @_db
    def cleared(self, key: str) -> None:
        """A success: the account's count starts again; counts nobody added to for a day go too."""
        day_ago = self.now() - timedelta(days=1)
        with self.engine.begin() as conn:
            conn.execute(delete(signin_failures).where(signin_failures.c.key == key))
            conn.execute(delete(signin_failures).where(signin_failures.c.last_failure_at < day_ago,
                                                       signin_failures.c.locked_until.is_(None)))


@dataclass(frozen=True)
class Outcome:
    """What a sign-in attempt came to. `result`: ok, wrong, throttled, busy, config, policy."""

    result: str
    officer: Officer | None = None
    retry_after_s: int = 0


class SignIn:
    """A local sign-in attempt, start to end (the page shows the outcome)."""

    def __init__(self, engine: Engine, now: Callable[[], datetime] = utcnow) -> None:
        self.throttle = Throttle(engine, now)

    def attempt(self, accounts_file: Path, username: str, password: str, client: str) -> Outcome:
        username = (username or "")[:400]
        ref, keys = account_ref(username), {
            Throttle.key("account", username): ACCOUNT, Throttle.key("client", client): CLIENT}
        wait = self.throttle.wait_s(keys)
        if wait:
            log.warning("officer sign-in refused without a check: account=%s client=%s waiting=%ss", ref, client, wait)
            return Outcome("throttled", retry_after_s=wait)
        try:
            officer = authenticate(accounts_file, username, password)
        except OfficerConfigError as exc:
            log.error("officer sign-in impossible: %s", exc)
            return Outcome("config")
        except SignInBusy:
            log.warning("officer sign-in refused: every password check slot busy (client=%s)", client)
            return Outcome("busy")
        except WeakPassword as exc:
            log.error("officer sign-in refused: %s; make a new hash with `python -m iop_core hash-password` "
                      "(a password of at least 12 characters) and replace it in the accounts file", exc)
            officer = None
        if officer is not None:
            self.throttle.cleared(Throttle.key("account", username))
            log.info("officer signed in: account=%s client=%s", ref, client)
            return Outcome("ok", officer)
        return self._failed(ref, username, client)

    def _failed(self, ref: str, username: str, client: str) -> Outcome:
        count = {}
        for kind, value, policy in (("account", username, ACCOUNT), ("client", client, CLIENT)):
            failures, locked = self.throttle.failed(Throttle.key(kind, value), policy)
            count[kind] = failures
            if locked:
                log.warning("officer sign-in locked for %s s after %s failures: %s=%s", LOCK_S, failures, kind,
                            ref if kind == "account" else client)
        log.warning("officer sign-in failed: account=%s client=%s failures=%s (client failures=%s)",
                    ref, client, count["account"], count["client"])
        wait = self.throttle.wait_s({Throttle.key("account", username): ACCOUNT, Throttle.key("client", client): CLIENT})
        return Outcome("throttled" if wait else "wrong", retry_after_s=wait)


# --- sessions --------------------------------------------------------------------------------


def sign_cookie(token: str, secret: str) -> str:
    mac = hmac.new(secret.encode("utf-8"), f"{COOKIE}\0{token}".encode(), hashlib.sha256).digest()
    return f"{token}.{base64.urlsafe_b64encode(mac).decode().rstrip('=')}"


def cookie_token(value: str | None, secret: str) -> str | None:
    """The session token in a cookie value, or None when the signature does not hold."""
    if not value or len(value) > 200 or "." not in value:
        return None
    token = value.rsplit(".", 1)[0]
    return token if hmac.compare_digest(sign_cookie(token, secret), value) else None


def browser_key(xsrf_cookie: str | None) -> str:
    """The browser's lasting XSRF token from Streamlit's `_streamlit_xsrf` cookie ("2|mask|masked
    token|time"; the mask changes with every page, the token does not), hex; "" without one."""
    value = (xsrf_cookie or "").strip("\"'")
    try:
        _, mask_hex, masked_hex, _ = value.split("|") if value.startswith("2|") else ("", "", "", "")
        mask, masked = bytes.fromhex(mask_hex), bytes.fromhex(masked_hex)
    except ValueError:
        return ""
    return bytes(b ^ mask[i % 4] for i, b in enumerate(masked)).hex() if len(mask) == 4 else ""


@dataclass(frozen=True)
class LocalSession:
    officer: Officer
    row: int


class OfficerSessions:
    def __init__(self, engine: Engine, now: Callable[[], datetime] = utcnow, hours: int = SESSION_HOURS) -> None:
        self.engine, self.now, self.hours = engine, now, hours

    @_db
    def start(self, officer: Officer, browser: str = "") -> tuple[LocalSession, str]:
        """A new session for a signed-in officer, and the one-time code that gives its cookie to
        the same `browser` only (`browser_key`: another browser lured to the code gets nothing)."""
        now, code = self.now(), secrets.token_urlsafe(32)
        with self.engine.begin() as conn:
            row = conn.execute(insert(officer_sessions).values(
                handoff_hash=_digest(code), handoff_until=now + timedelta(seconds=HANDOFF_S),
                handoff_browser=_digest(f"browser\0{browser}"), subject=officer.id,
                name=officer.name, via=officer.via, created_at=now,
                expires_at=now + timedelta(hours=self.hours))).inserted_primary_key[0]
        self.cleanup()
        return LocalSession(officer, int(row)), code

    @_db
    def redeem(self, code: str, browser: str = "") -> str | None:
        """The session token for a one-time code (once, within HANDOFF_S, in the browser that
        signed in), else None."""
        if not code or len(code) > 100:
            return None
        now, token = self.now(), secrets.token_urlsafe(32)
        with self.engine.begin() as conn:
            done = conn.execute(update(officer_sessions).where(
                officer_sessions.c.handoff_hash == _digest(code), officer_sessions.c.handoff_until > now,
                officer_sessions.c.handoff_browser == _digest(f"browser\0{browser}"),
                officer_sessions.c.revoked_at.is_(None)).values(
                handoff_hash=None, handoff_until=None, token_hash=_digest(token))).rowcount
        return token if done == 1 else None

    def _live(self, where: Any) -> LocalSession | None:
        with self.engine.connect() as conn:
            r = conn.execute(select(officer_sessions).where(where)).first()
        if r is None or r.revoked_at is not None or _aware(r.expires_at) <= self.now():
            return None
        return LocalSession(Officer(id=r.subject, name=r.name, via=r.via), r.id)

    @_db
    def by_token(self, token: str | None) -> LocalSession | None:
        return self._live(officer_sessions.c.token_hash == _digest(token)) if token else None

    @_db
    def active(self, row: int) -> bool:
        return self._live(officer_sessions.c.id == row) is not None

    @_db
    def revoke(self, *, row: int | None = None, token: str | None = None) -> None:
        where = officer_sessions.c.id == row if row is not None else officer_sessions.c.token_hash == _digest(token or "")
        with self.engine.begin() as conn:
            conn.execute(update(officer_sessions).where(where, officer_sessions.c.revoked_at.is_(None))
                         .values(revoked_at=self.now(), handoff_hash=None))

    @_db
    def cleanup(self) -> int:
        """Forget sessions that expired a day ago (the row only says who was signed in when)."""
        with self.engine.begin() as conn:
            return conn.execute(delete(officer_sessions).where(
                officer_sessions.c.expires_at < self.now() - timedelta(days=1))).rowcount

    # --- OpenID Connect --------------------------------------------------------------------

    @_db
    def signed_out(self, subject: str) -> None:
        """"Logga ut" of an OpenID Connect subject: every identity issued until now stops here."""
        try:
            self._sign_out(subject)
        except IntegrityError:  # the subject's first sign-out, twice at the same moment
            self._sign_out(subject)

    def _sign_out(self, subject: str) -> None:
        key, now = _digest(f"oidc\0{subject}"), self.now()
        with self.engine.begin() as conn:
            if conn.execute(update(officer_signouts).where(officer_signouts.c.subject == key)
                            .values(signed_out_at=now)).rowcount == 0:
                conn.execute(insert(officer_signouts).values(subject=key, signed_out_at=now))

    @_db
    def identity_valid(self, claims: Mapping[str, Any]) -> bool:
        """An OpenID Connect identity (st.user's claims) that is not older than SESSION_HOURS and
        was issued after the subject's last "Logga ut"."""
        try:
            issued = datetime.fromtimestamp(int(claims.get("iat")), UTC)
        except (TypeError, ValueError, OverflowError, OSError):
            return False  # an identity without its issue time cannot be checked against a sign-out
        now = self.now()
        if issued > now + timedelta(minutes=5) or issued < now - timedelta(hours=self.hours):
            return False
        key = _digest(f"oidc\0{claims.get('sub') or ''}")
        with self.engine.connect() as conn:
            out = conn.execute(select(officer_signouts.c.signed_out_at).where(officer_signouts.c.subject == key)).first()
        return out is None or issued > _aware(out[0])
