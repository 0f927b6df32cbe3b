"""Draft tokens and encryption: a random token addresses a draft and is the only key to it.

From the token, HKDF-SHA256 derives two independent values: the draft id stored in the database
(so the database never holds the token) and an AES-256-GCM key. The ciphertext is bound to its
draft id and version (associated data), so rows cannot be swapped or rolled back unnoticed.
"""

from __future__ import annotations

import os
import re
import secrets

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

TOKEN_BYTES = 24  # 192 bits
TOKEN_LENGTH = 32  # characters of url-safe base64
_TOKEN_RE = re.compile(r"[A-Za-z0-9_-]+")
FORMAT = b"\x01"
NONCE_BYTES = 12


class BadToken(ValueError):
    """The token is not one this app could have made (wrong length or characters)."""


class Undecryptable(ValueError):
    """The ciphertext does not open with this token: tampered, truncated or from another row."""


def new_token() -> str:
    return secrets.token_urlsafe(TOKEN_BYTES)


def check_token(token: str) -> str:
    token = (token or "").strip()
    if len(token) != TOKEN_LENGTH or not _TOKEN_RE.fullmatch(token):
        raise BadToken("a draft token is 32 url-safe characters")
    return token


def _derive(token: str, purpose: bytes) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=b"iop-draft/" + purpose).derive(
        check_token(token).encode("ascii"))


def draft_id(token: str) -> str:
    """The id stored in the database: a one-way function of the token."""
    return _derive(token, b"id/v1").hex()


def _aad(draft_id_: str, version: int) -> bytes:
    return f"iop-draft:{draft_id_}:{version}".encode("ascii")


def seal(token: str, version: int, plaintext: str) -> bytes:
    nonce = os.urandom(NONCE_BYTES)
    body = AESGCM(_derive(token, b"key/v1")).encrypt(nonce, plaintext.encode("utf-8"), _aad(draft_id(token), version))
    return FORMAT + nonce + body


def open_sealed(token: str, version: int, blob: bytes) -> str:
    if len(blob) < 1 + NONCE_BYTES + 16 or blob[:1] != FORMAT:
        raise Undecryptable("not a sealed draft")
    nonce, body = blob[1:1 + NONCE_BYTES], blob[1 + NONCE_BYTES:]
    try:
        data = AESGCM(_derive(token, b"key/v1")).decrypt(nonce, body, _aad(draft_id(token), version))
    except InvalidTag:
        raise Undecryptable("the draft does not open with this token") from None
    return data.decode("utf-8")
