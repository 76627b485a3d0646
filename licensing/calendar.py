"""Working-day arithmetic for statutory deadlines.

Weekends and the public holidays in the ``Holiday`` table are not working days.
Holidays are read once per call for the range concerned, never cached across
requests, so an administrator's change applies at once on every server.
"""

from datetime import date, timedelta

from licensing.models import Holiday


def _holidays(start: date, end: date) -> set[date]:
    return set(
        Holiday.objects.filter(date__gte=start, date__lte=end).values_list("date", flat=True)
    )


def is_working_day(day: date, holidays: set[date] | None = None) -> bool:
    if holidays is None:
        holidays = _holidays(day, day)
    return day.weekday() < 5 and day not in holidays


def add_working_days(start: date, days: int) -> date:
    """The date `days` working days after `start` (the start day itself does not count)."""
    if days < 0:
        raise ValueError("days must not be negative")
    # Enough calendar days to cover weekends and a generous number of holidays.
    holidays = _holidays(start, start + timedelta(days=days * 2 + 30))
    current = start
    remaining = days
    while remaining:
        current += timedelta(days=1)
        if is_working_day(current, holidays):
            remaining -= 1
    return current


def working_days_between(start: date, end: date) -> int:
    """Working days after `start` up to and including `end`; 0 when end is not after start."""
    if end <= start:
        return 0
    holidays = _holidays(start, end)
    count = 0
    current = start
    while current < end:
        current += timedelta(days=1)
        if is_working_day(current, holidays):
            count += 1
    return count
