"""Who may use the register: the council's officers, signed in one of two ways.

1. OpenID Connect (Streamlit's st.login, the council's own identity provider): the shell passes
   the signed-in user's claims to `officer_from_claims`; the settings name the officers by the
   provider's stable subject (`subjects`: `oid` in Entra ID, else `sub`), by a claim (`claim`
   contains `claim_value`, e.g. an Entra ID group) or, only with `email_verified` true, by e-mail.
2. Local accounts for small councils and tests: a TOML file of usernames and argon2id hashes
   (`python -m iop_core hash-password` makes one); `authenticate` checks a password. At most
   `VERIFY_SLOTS` checks run at once in a process (each takes 64 MiB): the others wait up to
   `VERIFY_WAIT_S` and then get `SignInBusy`. A hash weaker than the command line's is refused when
   the file is loaded; a password shorter than the policy is refused at sign-in even when it
   matches (a hash cannot tell its password's length): `WeakPassword`, for the administrator.

An `Officer` only comes from these functions (and from a session they started); the register's
functions take one and refuse anything else (`NotAnOfficer`). Nothing here logs a password, a
claim or a username.
"""

from __future__ import annotations

import hashlib
import threading
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from argon2 import PasswordHasher, Type, extract_parameters
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

_HASHER = PasswordHasher()
# Verified against when the username is unknown, so a wrong name takes as long as a wrong password.
_DUMMY_HASH = _HASHER.hash("not a password of anyone")
PASSWORD_MIN = 12  # the password policy, the same in the command line that makes the hashes
PASSWORD_MAX = 1024  # longer input is refused before any hashing
USERNAME_MAX = 200
VERIFY_SLOTS = 2  # argon2 checks at once per process (64 MiB each)
VERIFY_WAIT_S = 5.0
_VERIFY_GATE = threading.BoundedSemaphore(VERIFY_SLOTS)


class OfficerConfigError(ValueError):
    """The officers' settings or accounts file is wrong; the message names what to fix (a path, an
    account's number; never a username, a hash or text from the file)."""


class SignInBusy(RuntimeError):
    """Every password check slot of this process stayed busy for VERIFY_WAIT_S."""


class WeakPassword(ValueError):
    """The password matched, but it does not meet the policy: the account must get a new hash."""

    def __init__(self, account_ref: str) -> None:
        super().__init__(f"account {account_ref}: the password is shorter than {PASSWORD_MIN} characters")
        self.account_ref = account_ref


def account_ref(username: str) -> str:
    """What logs name an account by: a short digest of the username, never the name itself."""
    return hashlib.sha256(("account\0" + (username or "").strip().lower()).encode()).hexdigest()[:12]


def password_meets_policy(password: str) -> bool:
    return PASSWORD_MIN <= len(password or "") <= PASSWORD_MAX


@dataclass(frozen=True)
class Officer:
    id: str  # the stable subject: a local username, or the provider's `oid`/`sub`
    name: str  # the display name
    via: str  # "local" or "oidc"

    @property
    def actor(self) -> str:
        """What the audit trail and a note record: the display name and the stable subject."""
        return f"{self.name} [{self.via}:{self.id}]"[:200]


@dataclass(frozen=True)
class OfficerSettings:
    register: bool = False
    subjects: tuple[str, ...] = ()
    emails: tuple[str, ...] = ()
    claim: str = ""
    claim_value: str = ""
    accounts_file: Path | None = None
    oidc: bool = False  # an [auth] section is configured for st.login

    @property
    def can_sign_in(self) -> bool:
        return self.oidc or self.accounts_file is not None


def _flag(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    return str(value).strip().lower() in ("1", "true", "yes", "on", "ja")


def load_officer_settings(env: Mapping[str, str], secrets: Mapping[str, Any], app_root: Path) -> OfficerSettings:
    """From `[iop] register` and `[iop.officers]` in secrets.toml (IOP_REGISTER, IOP_OFFICER_ACCOUNTS win)."""
    iop = secrets.get("iop") or {}
    off = iop.get("officers") or {}
    register = _flag(env.get("IOP_REGISTER") or iop.get("register", False))
    accounts = env.get("IOP_OFFICER_ACCOUNTS") or off.get("accounts_file") or ""
    path = None
    if accounts:
        path = Path(accounts).expanduser()
        if not path.is_absolute():
            path = app_root / path
    emails, subjects = _strings(off.get("emails")), _strings(off.get("subjects"))
    claim, value = str(off.get("claim") or ""), str(off.get("claim_value") or "")
    if bool(claim) != bool(value):
        raise OfficerConfigError("[iop.officers] claim and claim_value go together")
    return OfficerSettings(register=register, subjects=tuple(subjects), emails=tuple(e.lower() for e in emails),
                           claim=claim, claim_value=value, accounts_file=path, oidc="auth" in secrets)


def _strings(value: Any) -> list[str]:
    values = [value] if isinstance(value, str) else (value or [])
    return [str(v).strip() for v in values if str(v).strip()]


def _verified(claims: Mapping[str, Any]) -> bool:
    """`email_verified` as the provider sent it: true (or "true") only; missing is not verified."""
    flag = claims.get("email_verified")
    return flag is True or (isinstance(flag, str) and flag.strip().lower() == "true")


def officer_from_claims(claims: Mapping[str, Any], cfg: OfficerSettings) -> Officer | None:
    """The officer these OpenID Connect claims belong to, or None if the settings do not name them.

    The officer is the provider's stable subject (`oid`, else `sub`), whatever else is listed: an
    e-mail address can change owner and is only used when the provider says it is verified."""
    subject = str(claims.get("oid") or claims.get("sub") or "").strip()
    if not subject:
        return None
    ids = {str(claims.get(k) or "").strip() for k in ("oid", "sub")} - {""}
    email = str(claims.get("email") or "").strip().lower() if _verified(claims) else ""
    listed = bool(ids & set(cfg.subjects)) or (bool(email) and email in cfg.emails)
    if cfg.claim and not listed:
        value = claims.get(cfg.claim)
        values = value if isinstance(value, (list, tuple)) else [value]
        listed = cfg.claim_value in [str(v) for v in values if v is not None]
    if not listed:
        return None
    return Officer(id=subject[:150], name=str(claims.get("name") or email or subject)[:150], via="oidc")


def load_accounts(path: Path) -> dict[str, tuple[str, str]]:
    """username -> (name, argon2 hash) from the accounts file."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise OfficerConfigError(f"the officers' accounts file {path} does not exist") from None
    except tomllib.TOMLDecodeError as exc:  # tomllib's messages name a position, never the text
        raise OfficerConfigError(f"{path.name}: invalid TOML: {exc}") from None
    except UnicodeDecodeError:
        raise OfficerConfigError(f"{path.name}: not UTF-8 text") from None
    except OSError as exc:
        raise OfficerConfigError(f"the officers' accounts file {path} cannot be read ({exc.strerror})") from None
    out: dict[str, tuple[str, str]] = {}
    accounts = data.get("account", [])
    if not isinstance(accounts, list) or not accounts:
        raise OfficerConfigError(f"{path.name}: no [[account]] entries")
    for i, acc in enumerate(accounts):
        user = str(acc.get("username", "")).strip() if isinstance(acc, dict) else ""
        hashed = str(acc.get("password_hash", "")) if isinstance(acc, dict) else ""
        if not user or len(user) > USERNAME_MAX or not hashed.startswith("$argon2"):
            raise OfficerConfigError(f"{path.name}: account {i + 1} needs a username and an argon2 password_hash")
        _check_hash(path, i, hashed)
        out[user] = (str(acc.get("name") or user)[:150], hashed)
    return out


def _check_hash(path: Path, i: int, hashed: str) -> None:
    """A hash as strong as the command line makes (argon2id, its time and memory cost), or refused."""
    try:
        params = extract_parameters(hashed)
    except InvalidHashError:
        raise OfficerConfigError(f"{path.name}: account {i + 1}: the password_hash is not a valid argon2 hash") from None
    if (params.type is not Type.ID or params.time_cost < _HASHER.time_cost or params.memory_cost < _HASHER.memory_cost):
        raise OfficerConfigError(f"{path.name}: account {i + 1}: the password_hash is weaker than argon2id "
                                 f"t={_HASHER.time_cost} m={_HASHER.memory_cost}; make it with "
                                 "`python -m iop_core hash-password`")


def _verify(hashed: str, password: str) -> bool:
    """One argon2 check in one of the process's VERIFY_SLOTS; SignInBusy when none frees in time."""
    if not _VERIFY_GATE.acquire(timeout=VERIFY_WAIT_S):
        raise SignInBusy("every password check slot is busy")
    try:
        return _HASHER.verify(hashed, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False
    finally:
        _VERIFY_GATE.release()


def authenticate(path: Path, username: str, password: str) -> Officer | None:
    """The officer if the password matches the account's argon2 hash, else None.

    OfficerConfigError for a missing or broken accounts file, SignInBusy when the process's
    password checks are all taken, WeakPassword for a matching password below the policy."""
    accounts = load_accounts(path)
    username, password = (username or "").strip(), password or ""
    if len(username) > USERNAME_MAX or len(password) > PASSWORD_MAX:
        return None  # bounded before any hashing
    found = accounts.get(username)
    if not _verify(found[1] if found else _DUMMY_HASH, password) or not found:
        return None
    if not password_meets_policy(password):
        raise WeakPassword(account_ref(username))
    return Officer(id=username, name=found[0], via="local")


def hash_password(password: str) -> str:
    return _HASHER.hash(password)
