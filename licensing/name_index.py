"""The register's names by trigram on SQLite, which has no pg_trgm: an FTS5 table with the
trigram tokenizer holding the search name of every entry on the register, keyed by provider.

It narrows a typo-tolerant name search to the few hundred entries that share the most
trigrams with what was typed (``candidates``); ``public_register.search`` then ranks those
in Python. PostgreSQL needs none of this (its GIN trigram index does the same), so every
function here does nothing there.

Kept in step by ``licensing.register`` in the same transaction as the entry itself. It is not
kept by triggers, because SQLite drops a table's triggers whenever a migration rebuilds the
table; ``manage.py refresh_register`` rebuilds it with everything else.
"""

from django.db import connection

TABLE = "licensing_registerentry_names"
# How many names hold each trigram (FTS5's own vocabulary view of TABLE).
VOCABULARY = "licensing_registerentry_names_vocabulary"
# The candidates ranked in Python: enough for the right name to be among them even when a
# common word is shared by thousands, few enough to score in a millisecond or two.
MAX_CANDIDATES = 300
# Only the rarest trigrams of the search are looked up: ranking every name that shares
# "ltd" or "ing" with it takes seconds on 100,000 names, the rarest ten tens of milliseconds,
# and they are the ones that tell names apart.
MAX_TRIGRAMS = 10


def _in_use() -> bool:
    return connection.vendor == "sqlite"


def _copy(where: str = "", params=()) -> None:
    with connection.cursor() as cursor:
        cursor.execute(
            f"DELETE FROM {TABLE}" + (f" WHERE rowid IN ({where})" if where else ""), params
        )
        cursor.execute(
            f"INSERT INTO {TABLE} (rowid, search_name) SELECT provider_id, search_name "
            "FROM licensing_registerentry WHERE status <> ''"
            + (f" AND provider_id IN ({where})" if where else ""),
            params,
        )


def names_index_refresh(*, provider_id: int) -> None:
    """Copy one entry's search name (or its absence from the register) into the index."""
    if _in_use():
        _copy("%s", [provider_id])


def names_index_rebuild() -> None:
    """Copy every entry on the register into the index afresh."""
    if _in_use():
        _copy()


def trigrams(words: list[str]) -> list[str]:
    """The trigrams FTS5 indexes for these words (runs of three characters inside each)."""
    found = []
    for word in words:
        for i in range(len(word) - 2):
            if word[i : i + 3] not in found:
                found.append(word[i : i + 3])
    return found


def candidates(words: list[str], *, limit: int = MAX_CANDIDATES) -> list[int]:
    """Providers whose names share the most (and the rarest) trigrams with the words, best
    first: BM25 over the trigrams as terms."""
    terms = trigrams(words)
    if not terms or not _in_use():
        return []
    # Search names are normalised to letters, digits and spaces: nothing to escape but the
    # quote FTS5 uses for a phrase, which cannot occur.
    terms = [term for term in terms if '"' not in term]
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT term, doc FROM {VOCABULARY} WHERE term IN ({', '.join(['%s'] * len(terms))})",
            terms,
        )
        # A trigram no name holds (one the typo made) finds nothing.
        names_holding = dict(cursor.fetchall())
        terms = sorted((t for t in terms if t in names_holding), key=names_holding.get)
        if not terms:
            return []
        match = " OR ".join(f'"{term}"' for term in terms[:MAX_TRIGRAMS])
        cursor.execute(
            f"SELECT rowid FROM {TABLE} WHERE {TABLE} MATCH %s ORDER BY rank LIMIT %s",
            [match, limit],
        )
        return [row[0] for row in cursor.fetchall()]
