"""Upper bounds on free text, so that a form refuses megabytes instead of storing them.

Each is far above what a genuine answer needs; the form says so when one is exceeded.
"""

# A line: a search, a name, a web address.
LINE = 200
# A few sentences: a reason, an address, a note.
SHORT_TEXT = 2_000
# A report: a message, evidence, an inspector's summary, an editor's page text.
LONG_TEXT = 20_000
# Trading names: how many a business may give, and how long each may be.
TRADING_NAMES_MAX = 10
TRADING_NAME_MAX_LENGTH = 200
SEARCH_NAME = LINE + TRADING_NAMES_MAX * (TRADING_NAME_MAX_LENGTH + 1)
# The trading names box: one name a line.
TRADING_NAMES_TEXT = TRADING_NAMES_MAX * (TRADING_NAME_MAX_LENGTH + 1)
