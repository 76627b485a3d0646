"""Type for every PDF the regulator produces: fonts, dates and the time stamp.

The standard PDF fonts (Helvetica) need no file and keep a certificate to a few
milliseconds, but they only encode Windows-1252: Polish, Romanian or Cyrillic names fall
back to DejaVu Sans when the system has it. Platypus documents (the register record, the
inspection report) use DejaVu throughout when it is there.
"""

from functools import cache
from pathlib import Path

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

UNICODE_FONT_DIRS = [
    Path("/usr/share/fonts/truetype/dejavu"),
    Path("/usr/share/fonts/dejavu"),
    Path("/usr/share/fonts/TTF"),
]
STANDARD_FONTS = ("Helvetica", "Helvetica-Bold")


@cache
def unicode_fonts() -> tuple[str, str] | None:
    """The names of a regular and a bold font that cover every European script, registered
    with reportlab once per process; None when the system has no such font."""
    for folder in UNICODE_FONT_DIRS:
        regular, bold = folder / "DejaVuSans.ttf", folder / "DejaVuSans-Bold.ttf"
        if regular.exists() and bold.exists():
            pdfmetrics.registerFont(TTFont("LicensingSans", str(regular)))
            pdfmetrics.registerFont(TTFont("LicensingSans-Bold", str(bold)))
            return "LicensingSans", "LicensingSans-Bold"
    return None


def font_for(text: str, *, bold: bool = False) -> str:
    """The cheapest font that can draw `text` on a canvas."""
    try:
        # The standard fonts use WinAnsi encoding, which is Windows-1252.
        text.encode("cp1252")
    except UnicodeEncodeError:
        fonts = unicode_fonts()
        if fonts:
            return fonts[bold]
    return STANDARD_FONTS[bold]


def stylesheet():
    """reportlab's sample styles, set in the Unicode font when there is one."""
    styles = getSampleStyleSheet()
    regular, bold = unicode_fonts() or STANDARD_FONTS
    for style in styles.byName.values():
        if hasattr(style, "fontName"):
            heading = style.name.startswith(("Heading", "Title"))
            style.fontName = bold if heading or "Bold" in style.fontName else regular
    return styles


def day(value) -> str:
    """A date as written in a letter in the active language ("E" is the month name as used in
    a full date: the genitive in Polish and Russian); a dash when there is none."""
    return date_format(value, "j E Y") if value else "—"


def moment(value) -> str:
    """A date and time in the regulator's time zone."""
    return date_format(timezone.localtime(value), "j E Y, H:i")


def stamp(value) -> str:
    """The words that stamp a document with the moment it was produced."""
    local = timezone.localtime(value)
    return _("Produced on %(date)s at %(time)s (%(zone)s).") % {
        "date": day(local),
        "time": local.strftime("%H:%M:%S"),
        "zone": local.tzname(),
    }


# A table cell cannot run over a page; no genuine value on a record comes near this.
CELL_MAX_CHARS = 300


def clip(text: str, limit: int = CELL_MAX_CHARS) -> str:
    """`text` cut to `limit` characters with an ellipsis, so one value never outgrows a page."""
    text = str(text)
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
