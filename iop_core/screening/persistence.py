"""Save and load a Screening as JSON, with migrations and plain-language errors (Swedish by default;
the texts are in iop_core/i18n/<lang>.toml [load] and [validation]).

Loading either returns a valid Screening or raises ScreeningFileError with a message a user can
act on (which field, what is wrong). Nothing here touches the disk except the CLI's callers.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Callable
from datetime import date
from typing import Any

from pydantic import ValidationError

from iop_core.clock import today as swedish_today
from iop_core.i18n import DEFAULT_LANGUAGE, strings, t
from iop_core.screening.model import SCHEMA_VERSION, Screening, fact_value

MAX_FILE_BYTES = 5 * 1024 * 1024
MAX_NUMBER_DIGITS = 40
"""No number in a screening needs more digits; longer ones are refused before Python parses them."""
MAX_KEYS_PER_OBJECT = 100
"""The largest object the app writes has 25 keys (agreement sections); more is not a screening."""
MAX_OBJECTS = 10_000
"""A full screening has about 2 100 objects (1 000 budget lines, 1 000 drafts, the rest)."""
MAX_KEY_SHOWN = 30
"""A key from the file is quoted in an error message with at most this many characters."""


class ScreeningFileError(ValueError):
    """The file is not a screening this version can read. The message is in the language asked for."""


def _v1_to_v2(data: dict[str, Any]) -> dict[str, Any]:
    """Version 1 kept the organisation's name at top level as `organisation_name`."""
    name = data.pop("organisation_name", None)
    organisation = data.setdefault("organisation", {})
    if name is not None and isinstance(organisation, dict):  # anything else fails validation below
        organisation.setdefault("name", name)
    return data


def _v2_to_v3(data: dict[str, Any]) -> dict[str, Any]:
    """Version 2 asked "does the activity already get the ordinary föreningsbidrag?". That answer
    says whether the organisation gets a general grant (normal, Botkyrka "Juridiska aspekter"), not
    whether *this activity* is what the normative grants pay for, which version 3 asks separately:
    the old answer moves to `gets_general_grant` and the new question starts unanswered."""
    initiative = data.get("initiative")
    if isinstance(initiative, dict) and "part_of_normative_grant" in initiative:
        initiative.setdefault("gets_general_grant", initiative.pop("part_of_normative_grant"))
    return data


def _v3_to_v4(data: dict[str, Any]) -> dict[str, Any]:
    """Version 3 had one answer for two facts, twice; version 4 asks each on its own and says what
    it could not carry over (`migration_notes`, shown when the file is opened):
    - payment "fixed_price" ("a fixed amount per year or a fixed price for a service") was both an
      ordinary yearly contribution and a price for a service (SKR 4.4.4): asked again;
    - "does the organisation sell on a market, in any part of its work" is now asked for the funded
      activity and for the rest of the organisation (state aid is functional). "Yes" cannot say
      which part sells: asked again. "No" (nothing is sold anywhere) answers both."""
    initiative = data.get("initiative")
    if not isinstance(initiative, dict):
        return data
    notes = []
    if initiative.get("payment_model") == "fixed_price":
        initiative["payment_model"] = None
        notes.append("payment_model_split")
    if "commercial_activity" in initiative:
        sells = initiative.pop("commercial_activity")
        if sells is False:
            initiative.setdefault("activity_sells_on_market", False)
            initiative.setdefault("org_sells_elsewhere", False)
            notes.append("market_no_sales_carried")
        elif sells is not None:
            notes.append("market_sales_reasked")
    if notes:
        data["migration_notes"] = notes
    return data


MIGRATIONS: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {1: _v1_to_v2, 2: _v2_to_v3, 3: _v3_to_v4}
"""MIGRATIONS[n] turns a version-n file into version n+1."""

ASKED_AGAIN = {"payment_model_split": "initiative.payment_model", "market_sales_reasked": "initiative.activity_sells_on_market"}
"""The question each migration note asks to answer again."""


def open_migration_notes(s: Screening) -> list[str]:
    """The migration notes whose question is still unanswered (Initiativet shows them until then)."""
    return [note for note in s.migration_notes if note in ASKED_AGAIN and fact_value(s, ASKED_AGAIN[note]) is None]


def _field_label(loc: tuple[Any, ...], lang: str) -> str:
    names = strings(DEFAULT_LANGUAGE)
    parts = []
    for p in loc:
        if isinstance(p, int):
            parts.append(f"{p + 1}")
        elif f"validation.field.{p}" in names:
            parts.append(t(f"validation.field.{p}", lang))
        else:  # a key from the file: quoted, shortened; the page still shows it as plain text
            text = " ".join(str(p).split())
            parts.append(text if len(text) <= MAX_KEY_SHOWN else text[:MAX_KEY_SHOWN] + "…")
    return " → ".join(parts) or t("validation.whole_file", lang)


def describe_validation_error(exc: ValidationError, limit: int = 3, lang: str = DEFAULT_LANGUAGE) -> str:
    """Plain-language lines (Swedish, or `lang`) naming the fields that are wrong."""
    names = strings(DEFAULT_LANGUAGE)
    lines = []
    for err in exc.errors()[:limit]:
        key = f"validation.problem.{err['type']}"
        problem = t(key if key in names else "validation.other_problem", lang)
        lines.append(t("validation.line", lang, field=_field_label(err["loc"], lang), problem=problem))
    more = len(exc.errors()) - limit
    if more > 0:
        lines.append(t("validation.more", lang, n=more))
    return " ".join(lines)


class _Refused(Exception):
    def __init__(self, key: str) -> None:
        self.key = key


def _int(text: str) -> int:
    if len(text.lstrip("-")) > MAX_NUMBER_DIGITS:  # int() of 4 300+ digits raises, and costs time before
        raise _Refused("load.huge_number")
    return int(text)


def _float(text: str) -> float:
    if len(text) > MAX_NUMBER_DIGITS * 2:
        raise _Refused("load.huge_number")
    return float(text)


def _constant(name: str) -> float:
    raise _Refused("load.huge_number")  # NaN, Infinity, -Infinity: not JSON, never written by the app


def _object_hook() -> Callable[[list[tuple[str, Any]]], dict[str, Any]]:
    """Build objects, refusing duplicate keys and more keys/objects than a screening can have
    (a 5 MB file of tiny objects would otherwise cost hundreds of MB before validation)."""
    count = 0

    def build(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        nonlocal count
        count += 1
        if count > MAX_OBJECTS or len(pairs) > MAX_KEYS_PER_OBJECT:
            raise _Refused("load.too_many_parts")
        data = dict(pairs)
        if len(data) != len(pairs):
            raise _Refused("load.duplicate_key")
        return data

    return build


def _parse(raw: bytes | str) -> dict[str, Any]:
    """Bytes -> JSON object, refusing what the app never writes (see _Refused)."""
    if len(raw) > MAX_FILE_BYTES:
        raise _Refused("load.too_big")
    if isinstance(raw, bytes):
        try:
            raw = raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise _Refused("load.not_utf8") from None
    try:
        data = json.loads(raw, parse_int=_int, parse_float=_float, parse_constant=_constant,
                          object_pairs_hook=_object_hook())
    except (json.JSONDecodeError, RecursionError):
        raise _Refused("load.not_json") from None
    try:  # lone surrogates ("\ud800") parse, but can never be shown or saved
        json.dumps(data, ensure_ascii=False).encode("utf-8")
    except (UnicodeEncodeError, RecursionError):
        raise _Refused("load.not_utf8") from None
    if not isinstance(data, dict):
        raise _Refused("load.not_screening")
    return data


def load_screening(raw: bytes | str, lang: str = DEFAULT_LANGUAGE) -> Screening:
    """Parse a saved screening; migrate older versions; raise ScreeningFileError (message in `lang`)
    if unusable. Whatever the bytes, nothing else is raised (tests/core/test_model_bounds.py fuzzes it)."""
    try:
        return _load(raw, lang)
    except ScreeningFileError:
        raise
    except Exception:  # noqa: BLE001 - a file the checks did not foresee is still only "unreadable"
        raise ScreeningFileError(t("load.unreadable", lang)) from None


def _load(raw: bytes | str, lang: str) -> Screening:
    def error(key: str, **values: Any) -> ScreeningFileError:
        return ScreeningFileError(t(key, lang, **values))

    try:
        data = _parse(raw)
    except _Refused as refused:
        raise error(refused.key) from None
    version = data.get("schema_version")
    if not isinstance(version, int) or isinstance(version, bool):
        raise error("load.no_version")
    if version > SCHEMA_VERSION:
        raise error("load.newer_version", version=version, supported=SCHEMA_VERSION)
    if version < 1:
        raise error("load.unknown_version", version=version)
    while version < SCHEMA_VERSION:
        data = MIGRATIONS[version](data)
        version += 1
        data["schema_version"] = version
    try:
        return Screening.model_validate(data)
    except ValidationError as exc:
        raise ScreeningFileError(
            f"{t('load.unreadable', lang)} {describe_validation_error(exc, lang=lang)}"
        ) from None


def dump_screening(s: Screening) -> str:
    return s.model_dump_json(indent=2)


def save_file_name(s: Screening, today: date | None = None) -> str:
    """iop-screening-<org>-<date>.json, with a file-system-safe slug of the organisation's name."""
    today = today or swedish_today()
    name = unicodedata.normalize("NFKD", s.organisation.name).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")[:40] or "organisation"
    return f"iop-screening-{slug}-{today.isoformat()}.json"


def screening_schema() -> dict[str, Any]:
    return Screening.model_json_schema()
