"""Save and load a Screening as JSON, with migrations and plain-language errors (Swedish by default;
the texts are in data/i18n/<lang>.toml [messages.load] and [messages.validation]).

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

from iop_core.catalogue import DEFAULT_LANGUAGE, message, messages
from iop_core.model import SCHEMA_VERSION, Screening

MAX_FILE_BYTES = 5 * 1024 * 1024


class ScreeningFileError(ValueError):
    """The file is not a screening this version can read. The message is in the language asked for."""


def _v1_to_v2(data: dict[str, Any]) -> dict[str, Any]:
    """Version 1 kept the organisation's name at top level as `organisation_name`."""
    name = data.pop("organisation_name", None)
    if name is not None:
        data.setdefault("organisation", {}).setdefault("name", name)
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


MIGRATIONS: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {1: _v1_to_v2, 2: _v2_to_v3}
"""MIGRATIONS[n] turns a version-n file into version n+1."""


def _field_label(loc: tuple[Any, ...], lang: str) -> str:
    names = messages(DEFAULT_LANGUAGE)
    parts = []
    for p in loc:
        if isinstance(p, int):
            parts.append(f"{p + 1}")
        elif f"validation.field.{p}" in names:
            parts.append(message(f"validation.field.{p}", lang))
        else:
            parts.append(str(p))
    return " → ".join(parts) or message("validation.whole_file", lang)


def describe_validation_error(exc: ValidationError, limit: int = 3, lang: str = DEFAULT_LANGUAGE) -> str:
    """Plain-language lines (Swedish, or `lang`) naming the fields that are wrong."""
    names = messages(DEFAULT_LANGUAGE)
    lines = []
    for err in exc.errors()[:limit]:
        key = f"validation.problem.{err['type']}"
        problem = message(key if key in names else "validation.other_problem", lang)
        lines.append(message("validation.line", lang, field=_field_label(err["loc"], lang), problem=problem))
    more = len(exc.errors()) - limit
    if more > 0:
        lines.append(message("validation.more", lang, n=more))
    return " ".join(lines)


def load_screening(raw: bytes | str, lang: str = DEFAULT_LANGUAGE) -> Screening:
    """Parse a saved screening; migrate older versions; raise ScreeningFileError (message in `lang`)
    if unusable."""
    def error(key: str, **values: Any) -> ScreeningFileError:
        return ScreeningFileError(message(f"load.{key}", lang, **values))

    if isinstance(raw, bytes):
        if len(raw) > MAX_FILE_BYTES:
            raise error("too_big")
        try:
            raw = raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise error("not_utf8") from None
    try:
        data = json.loads(raw)
    except (json.JSONDecodeError, RecursionError):
        raise error("not_json") from None
    if not isinstance(data, dict):
        raise error("not_screening")
    version = data.get("schema_version")
    if not isinstance(version, int) or isinstance(version, bool):
        raise error("no_version")
    if version > SCHEMA_VERSION:
        raise error("newer_version", version=version, supported=SCHEMA_VERSION)
    if version < 1:
        raise error("unknown_version", version=version)
    while version < SCHEMA_VERSION:
        data = MIGRATIONS[version](data)
        version += 1
        data["schema_version"] = version
    try:
        return Screening.model_validate(data)
    except ValidationError as exc:
        raise ScreeningFileError(
            f"{message('load.unreadable', lang)} {describe_validation_error(exc, lang=lang)}"
        ) from None


def dump_screening(s: Screening) -> str:
    return s.model_dump_json(indent=2)


def save_file_name(s: Screening, today: date | None = None) -> str:
    """iop-screening-<org>-<date>.json, with a file-system-safe slug of the organisation's name."""
    today = today or date.today()
    name = unicodedata.normalize("NFKD", s.organisation.name).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")[:40] or "organisation"
    return f"iop-screening-{slug}-{today.isoformat()}.json"


def screening_schema() -> dict[str, Any]:
    return Screening.model_json_schema()
