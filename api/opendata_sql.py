"""The open-data files written by PostgreSQL itself: one set-based query over the register,
streamed out with ``COPY … TO STDOUT`` straight into the file, so a 100,000-provider register
is written in a second or two and Python holds one row at a time.

The rows, their order and every value are those of ``opendata.register_rows()`` (the Python
path, which SQLite keeps); ``tests/api/test_open_data_sql.py`` compares the two files byte for
byte.
"""

from django.conf import settings
from django.db import connections, router
from django.utils import timezone

from api import opendata
from licensing.models import Licence, LicenceCondition, RegisterEntry
from public_register.words import STATUS_WORDS
from registry.models import LabourProvider, Person, ProviderRole, Sector


def supported(alias: str) -> bool:
    return connections[alias].vendor == "postgresql"


def _status_words_sql(column: str) -> str:
    cases = " ".join(f"WHEN %({status})s THEN %(words_{status})s" for status in STATUS_WORDS)
    return f"CASE {column} {cases} ELSE {column} END"


def _params() -> dict:
    params = {"today": timezone.localdate(), "site_url": settings.SITE_URL}
    for status, words in STATUS_WORDS.items():
        params[str(status)] = str(status)
        params[f"words_{status}"] = str(words)
    params["open"] = LicenceCondition.State.OPEN.value
    params["pa_roles"] = tuple(str(role) for role in opendata.PA_ROLES)
    params["abr"] = ProviderRole.Role.ALTERNATIVE_BUSINESS_REPRESENTATIVE.value
    return params


def _codes(column: str) -> str:
    """A comma-separated list of country codes as an array, empty codes left out."""
    return f"array_remove(string_to_array({column}, ','), '')"


def _trading_names(column: str) -> str:
    """The JSON list's strings, in order (anything else in it is not a name)."""
    return (
        f"CASE WHEN {column} = '[]'::jsonb THEN '{{}}'::text[] ELSE "
        f"ARRAY(SELECT e #>> '{{}}' FROM jsonb_array_elements(CASE WHEN jsonb_typeof({column})"
        f" = 'array' THEN {column} ELSE '[]'::jsonb END) WITH ORDINALITY AS t(e, n)"
        f" WHERE jsonb_typeof(e) = 'string' ORDER BY n) END"
    )


def _rows_sql() -> str:
    """Every column of ``opendata.COLUMNS`` plus (part, sort_id), the order of the rows."""
    licence = Licence._meta.db_table
    provider = LabourProvider._meta.db_table
    sector = Sector._meta.db_table
    provider_sectors = LabourProvider.sectors.through._meta.db_table
    role = ProviderRole._meta.db_table
    person = Person._meta.db_table
    condition = LicenceCondition._meta.db_table
    entry = RegisterEntry._meta.db_table
    current = "r.started_on <= %(today)s AND (r.ended_on IS NULL OR r.ended_on > %(today)s)"
    dates = [name for name in opendata.LICENCE_FIELDS if name.endswith("_on")]
    return f"""
    WITH sectors AS (
        SELECT ps.labourprovider_id AS provider_id, array_agg(s.name ORDER BY s.name) AS names
        FROM {provider_sectors} ps JOIN {sector} s ON s.id = ps.sector_id
        GROUP BY ps.labourprovider_id
    ), principals AS (
        SELECT DISTINCT ON (r.provider_id) r.provider_id, p.full_name
        FROM {role} r JOIN {person} p ON p.id = r.person_id
        WHERE r.role IN %(pa_roles)s AND {current}
        ORDER BY r.provider_id, r.role, r.started_on
    ), representatives AS (
        SELECT r.provider_id, array_agg(p.full_name ORDER BY r.started_on) AS names
        FROM {role} r JOIN {person} p ON p.id = r.person_id
        WHERE r.role = %(abr)s AND r.authorised_by_regulator AND {current}
        GROUP BY r.provider_id
    ), conditions AS (
        SELECT licence_id, array_agg(
            CASE WHEN standard_code <> '' THEN standard_code || ': ' || text ELSE text END
            ORDER BY due_date, id) AS texts
        FROM {condition} WHERE state = %(open)s GROUP BY licence_id
    )
    SELECT * FROM (
        SELECT 0 AS part, l.id AS sort_id, l.urn, l.state AS status,
            {_status_words_sql("l.state")} AS status_words,
            p.legal_name AS holder_name, {_trading_names("p.trading_names")} AS trading_names,
            p.company_number, p.town, p.country, COALESCE(s.names, '{{}}') AS sectors,
            {_codes("p.recruits_from")} AS recruits_from,
            {_codes("p.supplies_to")} AS supplies_to,
            COALESCE(pa.full_name, '') AS principal_authority,
            COALESCE(abr.names, '{{}}') AS alternative_business_representatives,
            COALESCE(c.texts, '{{}}') AS conditions_in_force,
            {", ".join(f"l.{name}" for name in dates)}, NULL::date AS refused_on,
            %(site_url)s || '/register/' || l.urn || '/' AS url
        FROM {licence} l
        JOIN {provider} p ON p.id = l.provider_id
        LEFT JOIN sectors s ON s.provider_id = l.provider_id
        LEFT JOIN principals pa ON pa.provider_id = l.provider_id
        LEFT JOIN representatives abr ON abr.provider_id = l.provider_id
        LEFT JOIN conditions c ON c.licence_id = l.id
        UNION ALL
        SELECT 1, e.provider_id, NULL, e.status, {_status_words_sql("e.status")},
            e.legal_name, {_trading_names("e.trading_names")}, e.company_number, e.town,
            e.country,
            ARRAY(SELECT COALESCE(sc.name, u.code) FROM unnest(string_to_array(e.sector_codes, ','))
                  AS u(code) LEFT JOIN {sector} sc ON sc.code = u.code
                  WHERE u.code <> '' ORDER BY COALESCE(sc.name, u.code) COLLATE "C"),
            {_codes("e.recruits_from")}, {_codes("e.supplies_to")}, '', '{{}}', '{{}}',
            {", ".join("NULL::date" for _name in dates)}, e.refused_on, NULL
        FROM {entry} e WHERE e.status <> '' AND e.urn = ''
    ) rows ORDER BY part, sort_id
    """


def _csv_cell(column: str, kind: str) -> str:
    """``opendata._csv_cell`` in SQL: lists joined, formulas defused, empty as NULL (COPY
    quotes an empty string, the csv module does not)."""
    if kind == "date":
        return f"to_char({column}, 'YYYY-MM-DD')"
    text = f"array_to_string({column}, '; ')" if kind == "list" else f"{column}::text"
    return (
        f"NULLIF(CASE WHEN left({text}, 1) IN ('=', '+', '-', '@') THEN '''' || {text}"
        f" ELSE {text} END, '')"
    )


LISTS = {
    "trading_names",
    "sectors",
    "recruits_from",
    "supplies_to",
    "alternative_business_representatives",
    "conditions_in_force",
}


def _kind(name: str) -> str:
    if name in LISTS:
        return "list"
    return "date" if name.endswith("_on") else "text"


class _Rows:
    """The file object COPY writes to: psycopg2 writes one row per call, ending in "\\n";
    each is passed to ``shape`` on its way into ``out``."""

    def __init__(self, out, shape):
        self.out, self.shape, self.count = out, shape, 0

    def write(self, data):
        self.out.write(self.shape(data, self.count))
        self.count += 1


def _copy(alias: str, select: str, out, shape, options: str) -> int:
    connection = connections[alias]
    connection.ensure_connection()
    with connection.connection.cursor() as cursor:
        sql = cursor.mogrify(select, _params()).decode()
        rows = _Rows(out, shape)
        # The final sort fits in memory with a little more room; compiling the query (JIT)
        # costs more than it saves on a query this size.
        cursor.execute("SET work_mem = '96MB'; SET jit = off")
        try:
            cursor.copy_expert(f"COPY ({sql}) TO STDOUT WITH ({options})", rows)
        finally:
            cursor.execute("RESET work_mem; RESET jit")
    return rows.count


def write_csv(out, alias: str | None = None) -> int:
    """The CSV of ``opendata.csv_stream()`` written to the binary file ``out``: the same
    bytes (byte-order mark, header, "\\r\\n" line ends, minimal quoting). Returns the lines."""
    alias = alias or router.db_for_read(Licence)
    cells = ", ".join(
        f"{_csv_cell(f'r.{name}', _kind(name))} AS {name}" for name in opendata.COLUMNS
    )
    out.write("\ufeff".encode())
    select = f"SELECT {cells} FROM ({_rows_sql()}) r"

    def shape(data, _count):
        return bytes(data[:-1]) + b"\r\n"

    return _copy(alias, select, out, shape, "FORMAT csv, HEADER, ENCODING 'UTF8'")


def write_json(out, alias: str | None = None) -> int:
    """The JSON of ``opendata.json_stream()`` written to the binary file ``out``. Each
    provider is one ``row_to_json`` line; the CSV format with a quote and delimiter that JSON
    text never holds raw passes it through unescaped. Returns the providers."""
    alias = alias or router.db_for_read(Licence)
    out.write(opendata.json_head().encode())
    columns = ", ".join(f"r.{name}" for name in opendata.COLUMNS)
    select = f"SELECT row_to_json(j) FROM (SELECT {columns} FROM ({_rows_sql()}) r) j"

    def shape(data, count):
        return (b"\n" if count == 0 else b",\n") + bytes(data[:-1])

    count = _copy(
        alias, select, out, shape, "FORMAT csv, QUOTE E'\\x01', DELIMITER E'\\x02', ENCODING 'UTF8'"
    )
    out.write(opendata.JSON_TAIL.encode())
    return count
