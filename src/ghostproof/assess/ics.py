"""The plan's dates as an iCalendar file (``assess --format ics``, the web page's calendar download): one all-day
event per dated step, its text the step and the rule the day was counted by. Written with the ``icalendar``
package (escaping, line folding and dates as RFC 5545 wants them)."""

from __future__ import annotations

import hashlib
from datetime import UTC, date, datetime, time, timedelta

from .plan import Assessment

PRODID = "-//ghostproof//assess//EN"


def render_ics(a: Assessment, *, stamp: datetime | None = None) -> str:
    """The calendar. ``stamp`` (DTSTAMP, default: midnight UTC of the plan's "today", so the same plan gives the
    same file); each event's UID is derived from the plan's title, the step and its day, so a calendar that imports
    the file again updates the events instead of adding copies."""
    from icalendar import Calendar, Event

    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", a.title)
    today = date.fromisoformat(a.dates["today"]) if a.dates.get("today") else None
    when = stamp or (datetime.combine(today, time(), tzinfo=UTC) if today else datetime.now(UTC))
    for step in a.timeline:
        event = Event()
        key = f"{a.title}|{step.key}|{step.day.isoformat()}".encode()
        event.add("uid", f"{hashlib.sha256(key).hexdigest()[:32]}@ghostproof")
        event.add("dtstamp", when)
        event.add("dtstart", step.day)
        event.add("dtend", step.day + timedelta(days=1))
        event.add("summary", step.text)
        event.add("description", "\n".join(filter(None, (step.when, step.rule, a.disclaimer))))
        event.add("transp", "TRANSPARENT")
        cal.add_component(event)
    return str(cal.to_ical().decode("utf-8"))
