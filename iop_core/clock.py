"""The app's clock: the app works in Swedish time, whatever the server's zone.

"Today" is Sweden's date everywhere: a PDF's date, a saved file's name, a new budget row's year,
the rule values in force. The database keeps UTC; everything an officer or an organisation reads
(the change log, the received time, "today" in a date picker, the check that a date is not in
the future) is in Europe/Stockholm, and exports name the zone. Dates are written YYYY-MM-DD
everywhere.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

ZONE_NAME = "Europe/Stockholm"
ZONE = ZoneInfo(ZONE_NAME)
DATE_FORMAT = "YYYY-MM-DD"  # st.date_input's format, the same as date.isoformat()


def local(dt: datetime) -> datetime:
    """A stored time (UTC; naive means UTC, as SQLite gives it back) in Swedish time."""
    return (dt if dt.tzinfo else dt.replace(tzinfo=UTC)).astimezone(ZONE)


def local_day(dt: datetime) -> date:
    return local(dt).date()


def stamp(dt: datetime) -> str:
    """"2026-12-06 10:28" in Swedish time."""
    return local(dt).strftime("%Y-%m-%d %H:%M")


def now() -> datetime:
    """The time now in Sweden."""
    return local(datetime.now(UTC))


def today(at: datetime | None = None) -> date:
    """Today in Sweden (an officer's "today" near midnight is not UTC's); `at`: another moment."""
    return local(at).date() if at else now().date()
