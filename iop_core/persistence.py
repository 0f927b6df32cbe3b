"""Save and load a Screening as JSON, with migrations and plain-Swedish errors.

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

from iop_core.model import SCHEMA_VERSION, Screening

MAX_FILE_BYTES = 5 * 1024 * 1024


class ScreeningFileError(ValueError):
    """The file is not a screening this version can read. The message is in Swedish."""


def _v1_to_v2(data: dict[str, Any]) -> dict[str, Any]:
    """Version 1 kept the organisation's name at top level as `organisation_name`."""
    name = data.pop("organisation_name", None)
    if name is not None:
        data.setdefault("organisation", {}).setdefault("name", name)
    return data


MIGRATIONS: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {1: _v1_to_v2}
"""MIGRATIONS[n] turns a version-n file into version n+1."""


_FIELD_NAMES = {
    "organisation": "organisation",
    "initiative": "initiativet",
    "statutes": "stadgar",
    "documents": "dokument",
    "value_declaration": "värdegrund",
    "budget": "budget",
    "agreement": "avtalsutkast",
    "meeting": "mötesanteckning",
    "lines": "rad",
    "drafts": "rad att rätta",
    "terms": "villkor",
}

_PROBLEMS = {
    "literal_error": "har ett värde som inte finns bland valen",
    "bool_parsing": "ska vara ja eller nej",
    "bool_type": "ska vara ja eller nej",
    "int_parsing": "ska vara ett heltal",
    "int_type": "ska vara ett heltal",
    "float_parsing": "ska vara ett tal",
    "decimal_parsing": "ska vara ett tal",
    "string_type": "ska vara text",
    "string_too_long": "är för lång",
    "greater_than_equal": "är för litet (negativt?)",
    "less_than": "är för stort",
    "less_than_equal": "är för stort",
    "date_from_datetime_parsing": "ska vara ett datum (ÅÅÅÅ-MM-DD)",
    "date_parsing": "ska vara ett datum (ÅÅÅÅ-MM-DD)",
    "extra_forbidden": "är ett okänt fält",
    "missing": "saknas",
    "dict_type": "har fel form",
    "list_type": "ska vara en lista",
    "model_type": "har fel form",
}


def _field_label(loc: tuple[Any, ...]) -> str:
    parts = []
    for p in loc:
        if isinstance(p, int):
            parts.append(f"{p + 1}")
        else:
            parts.append(_FIELD_NAMES.get(str(p), str(p)))
    return " → ".join(parts) or "filen"


def describe_validation_error(exc: ValidationError, limit: int = 3) -> str:
    """Plain Swedish lines naming the fields that are wrong."""
    lines = []
    for err in exc.errors()[:limit]:
        problem = _PROBLEMS.get(err["type"], "har fel värde")
        lines.append(f"Fältet ”{_field_label(err['loc'])}” {problem}.")
    more = len(exc.errors()) - limit
    if more > 0:
        lines.append(f"… och {more} fel till.")
    return " ".join(lines)


def load_screening(raw: bytes | str) -> Screening:
    """Parse a saved screening; migrate older versions; raise ScreeningFileError if unusable."""
    if isinstance(raw, bytes):
        if len(raw) > MAX_FILE_BYTES:
            raise ScreeningFileError("Filen är för stor för att vara en sparad bedömning (över 5 MB).")
        try:
            raw = raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise ScreeningFileError(
                "Filen är inte en textfil i UTF-8. Välj den JSON-fil som appen sparade (iop-screening-….json)."
            ) from None
    try:
        data = json.loads(raw)
    except (json.JSONDecodeError, RecursionError):
        raise ScreeningFileError(
            "Filen är inte giltig JSON. Välj den fil som appen sparade (iop-screening-….json) och ändra inte i den."
        ) from None
    if not isinstance(data, dict):
        raise ScreeningFileError("Filen innehåller ingen sparad bedömning.")
    version = data.get("schema_version")
    if not isinstance(version, int) or isinstance(version, bool):
        raise ScreeningFileError("Filen saknar versionsnummer (schema_version) och är inte en sparad bedömning.")
    if version > SCHEMA_VERSION:
        raise ScreeningFileError(
            f"Filen är sparad med en nyare version av appen (version {version}; den här appen läser "
            f"till och med version {SCHEMA_VERSION}). Använd den nyare appen."
        )
    if version < 1:
        raise ScreeningFileError(f"Okänd version {version} i filen.")
    while version < SCHEMA_VERSION:
        data = MIGRATIONS[version](data)
        version += 1
        data["schema_version"] = version
    try:
        return Screening.model_validate(data)
    except ValidationError as exc:
        raise ScreeningFileError("Filen kunde inte läsas. " + describe_validation_error(exc)) from None


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
