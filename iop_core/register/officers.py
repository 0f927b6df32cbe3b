"""Who may use the register: the council's officers, signed in one of two ways.

1. OpenID Connect (Streamlit's st.login, the council's own identity provider): the shell passes
   the signed-in user's claims to `officer_from_claims`; the settings name the officers by e-mail
   (`emails`) or by a claim (`claim` contains `claim_value`, e.g. a group from Entra ID).
2. Local accounts for small councils and tests: a TOML file of usernames and argon2 hashes
   (`python -m iop_core hash-password` makes one); `authenticate` checks a password.

An `Officer` only comes from these two functions; the register's functions take one and refuse
anything else (`NotAnOfficer`). Nothing here logs a password, a claim or a username.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from iop_core.storage.drafts import DraftError

_HASHER = PasswordHasher()
# Verified against when the username is unknown, so a wrong name takes as long as a wrong password.
_DUMMY_HASH = _HASHER.hash("not a password of anyone")


class NotAnOfficer(DraftError):
    """The session is not signed in as an officer (anonymous, an organisation's link, not listed)."""

    key = "not_an_officer"


class OfficerConfigError(ValueError):
    """The officers' settings or accounts file is wrong; the message names what to fix."""


@dataclass(frozen=True)
class Officer:
    id: str  # a username or an e-mail address: what the audit trail records
    name: str
    via: str  # "local" or "oidc"


@dataclass(frozen=True)
class OfficerSettings:
    register: bool = False
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
    emails = off.get("emails") or []
    if isinstance(emails, str):
        emails = [emails]
    claim, value = str(off.get("claim") or ""), str(off.get("claim_value") or "")
    if bool(claim) != bool(value):
        raise OfficerConfigError("[iop.officers] claim and claim_value go together")
    return OfficerSettings(register=register, emails=tuple(e.strip().lower() for e in emails if e.strip()),
                           claim=claim, claim_value=value, accounts_file=path, oidc="auth" in secrets)


def officer_from_claims(claims: Mapping[str, Any], cfg: OfficerSettings) -> Officer | None:
    """The officer these OpenID Connect claims belong to, or None if the settings do not name them."""
    email = str(claims.get("email") or "").strip().lower()
    sub = str(claims.get("sub") or "")
    listed = bool(email) and email in cfg.emails
    if cfg.claim and not listed:
        value = claims.get(cfg.claim)
        values = value if isinstance(value, (list, tuple)) else [value]
        listed = cfg.claim_value in [str(v) for v in values if v is not None]
    if not listed or not (email or sub):
        return None
    return Officer(id=email or sub, name=str(claims.get("name") or email or sub), via="oidc")


def load_accounts(path: Path) -> dict[str, tuple[str, str]]:
    """username -> (name, argon2 hash) from the accounts file."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise OfficerConfigError(f"the officers' accounts file {path} does not exist") from None
    except tomllib.TOMLDecodeError as exc:
        raise OfficerConfigError(f"{path.name}: invalid TOML: {exc}") from None
    out: dict[str, tuple[str, str]] = {}
    for i, acc in enumerate(data.get("account", [])):
        user, hashed = str(acc.get("username", "")).strip(), str(acc.get("password_hash", ""))
        if not user or not hashed.startswith("$argon2"):
            raise OfficerConfigError(f"{path.name}: account {i + 1} needs a username and an argon2 password_hash")
        out[user] = (str(acc.get("name") or user), hashed)
    return out


def authenticate(path: Path, username: str, password: str) -> Officer | None:
    """The officer if the password matches the account's argon2 hash, else None."""
    accounts = load_accounts(path)
    found = accounts.get((username or "").strip())
    try:
        _HASHER.verify(found[1] if found else _DUMMY_HASH, password or "")
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return None
    if not found:
        return None
    return Officer(id=username.strip(), name=found[0], via="local")


def hash_password(password: str) -> str:
    return _HASHER.hash(password)
