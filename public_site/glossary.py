"""The glossary in the reader's language: each term's English wording replaced by its
translation where one exists, flagged as English where none does yet."""

from dataclasses import dataclass, field

from django.conf import settings
from django.utils.html import strip_tags
from django.utils.translation import get_language

from public_site.models import GlossaryPage, GlossaryTerm


@dataclass
class GlossaryEntry:
    id: str
    term: str
    definition: str
    # The language the term and definition are in: the one asked for, or "en".
    language: str
    # A translators' note, for example that the translation was machine-drafted.
    note: str = ""
    related: list[tuple[str, str]] = field(default_factory=list)

    @property
    def is_fallback(self) -> bool:
        return self.language != get_language_code()


def get_language_code() -> str:
    return (get_language() or settings.LANGUAGE_CODE).split("-")[0]


def glossary_path() -> str:
    """The glossary page's address in the reader's language, "" without one."""
    page = GlossaryPage.objects.live().first()
    if page is None:
        return ""
    localized = getattr(page, "localized", page)
    return localized.url or page.url or ""


def glossary_entries(language: str | None = None) -> list[GlossaryEntry]:
    """Every term, in ``language`` (the active one by default) where translated."""
    language = (language or get_language_code()).split("-")[0]
    terms = list(GlossaryTerm.objects.prefetch_related("translations", "related"))
    translated = {}
    for term in terms:
        for translation in term.translations.all():
            if translation.language == language:
                translated[term.pk] = translation

    def words(term: GlossaryTerm) -> tuple[str, str, str, str]:
        translation = translated.get(term.pk)
        if translation is not None:
            return translation.term, translation.definition, language, translation.translators_note
        return term.term, strip_tags(term.definition).strip(), "en", ""

    entries = []
    for term in terms:
        name, definition, in_language, note = words(term)
        entries.append(
            GlossaryEntry(
                id=term.anchor,
                term=name,
                definition=definition,
                language=in_language,
                note=note,
                related=[(other.anchor, words(other)[0]) for other in term.related.all()],
            )
        )
    return sorted(entries, key=lambda entry: entry.term.casefold())
