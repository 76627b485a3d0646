"""Reads about who acts for a labour provider, shared by the services of every app."""

import difflib

from django.db.models import Q

from registry.models import OrganisationMember, Person, PersonMatch, ProviderRole, normalise_name

# Permissions of regulator staff: whoever holds one works for the regulator, so may not act
# for (or join) a labour provider.
REGULATOR_APPS = ("licensing", "inspections")


def memberships(user):
    """The user's active memberships, oldest first."""
    return (
        OrganisationMember.objects.filter(user=user, is_active=True, user__is_active=True)
        .select_related("provider")
        .order_by("joined_at", "pk")
    )


def membership(user, provider=None) -> OrganisationMember | None:
    if user is None or not user.is_authenticated:
        return None
    qs = memberships(user)
    if provider is not None:
        qs = qs.filter(provider=provider)
    return qs.first()


def is_member(user, provider) -> bool:
    return membership(user, provider) is not None


def is_principal_authority(user, provider) -> bool:
    member = membership(user, provider)
    return member is not None and member.role == OrganisationMember.Role.PRINCIPAL_AUTHORITY


def holds_regulator_permission(user) -> bool:
    """Whether the account holds any licensing or inspection permission (regulator staff)."""
    if user is None or not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    return any(perm.split(".", 1)[0] in REGULATOR_APPS for perm in user.get_all_permissions())


def belongs_to(user, provider) -> bool:
    """Whether the account is, or was, on the provider's side: a member (even a former one)
    or linked to one of its named roles. Such a person may not work on its cases."""
    if user is None or not user.is_authenticated:
        return False
    return (
        OrganisationMember.objects.filter(user=user, provider=provider).exists()
        or ProviderRole.objects.filter(user=user, provider=provider).exists()
    )


ACTING_ROLES = (
    ProviderRole.Role.PRINCIPAL_AUTHORITY,
    ProviderRole.Role.SOLE_TRADER,
    ProviderRole.Role.ALTERNATIVE_BUSINESS_REPRESENTATIVE,
)


def can_act(user, provider) -> bool:
    """Who may submit, pay, resubmit, withdraw, notify changes and invite for the provider.

    Authority comes from the regulator: a current role (Principal Authority, sole trader or
    authorised Alternative Business Representative) that the regulator authorised and linked
    to this account. Until the regulator has ever authorised a Principal Authority (or sole
    trader) for a new applicant, the member who founded it in the portal (its Principal
    Authority member) acts for it.
    Colleagues and unauthorised ABRs prepare and view only.
    """
    member = membership(user, provider)
    if member is None:
        return False
    authorised = ProviderRole.objects.filter(
        provider=provider, role__in=ACTING_ROLES, authorised_by_regulator=True
    )
    if authorised.current().filter(user=user).exists():
        return True
    # Once the regulator has ever authorised somebody to lead the provider, only its links
    # count: ending that role does not hand authority back to the founding account.
    return (
        member.role == OrganisationMember.Role.PRINCIPAL_AUTHORITY
        and not authorised.exclude(
            role=ProviderRole.Role.ALTERNATIVE_BUSINESS_REPRESENTATIVE
        ).exists()
    )


# Possible matches between a newly declared person and people already on the register.

CYRILLIC_TO_LATIN = {
    "а": "a", "б": "b", "в": "v", "г": "g", "ґ": "g", "д": "d", "е": "e", "ё": "e",
    "є": "ye", "ж": "zh", "з": "z", "и": "i", "і": "i", "ї": "yi", "й": "y", "к": "k",
    "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t",
    "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "",
    "ы": "y", "ь": "", "э": "e", "ю": "yu", "я": "ya",
}  # fmt: skip

# Latin spellings that one Cyrillic letter commonly gets, folded to one form.
LATIN_VARIANTS = (("kh", "h"), ("ks", "x"), ("iy", "y"), ("yy", "y"), ("j", "y"), ("w", "v"))

NAME_SIMILARITY = 0.8


def name_key(full_name: str) -> str:
    """A spelling-tolerant key: Cyrillic transliterated, accents and punctuation dropped,
    common Latin variants folded, and the words sorted (order varies between documents)."""
    text = "".join(CYRILLIC_TO_LATIN.get(ch, ch) for ch in (full_name or "").lower())
    text = normalise_name(text)
    for variant, folded in LATIN_VARIANTS:
        text = text.replace(variant, folded)
    return " ".join(sorted(text.split()))


def match_reasons(person: Person, candidate: Person) -> list[str]:
    """Why `candidate` may be the same individual as `person`; empty when unlikely."""
    same_birth = bool(person.date_of_birth) and person.date_of_birth == candidate.date_of_birth
    a, b = name_key(person.full_name), name_key(candidate.full_name)
    if not a or not b:
        return []
    similarity = difflib.SequenceMatcher(None, a, b).ratio()
    reasons = []
    if a == b:
        reasons.append("same_name")
    elif similarity >= NAME_SIMILARITY:
        reasons.append("similar_name")
    if same_birth:
        reasons.append("same_birth_date")
    # A name alone is too common; a birth date alone too weak: need a name and, when both are
    # known, the same birth date.
    if not reasons or reasons == ["same_birth_date"]:
        return []
    if person.date_of_birth and candidate.date_of_birth and not same_birth:
        return []
    return reasons


def possible_matches(person: Person) -> list[tuple[Person, list[str]]]:
    """People already on the register who may be `person`, with the reasons."""
    # Fuzzy comparison only among people born the same day (a short list at any scale);
    # otherwise the same name, as written.
    same_name = Q(full_name__iexact=person.full_name.strip())
    if person.date_of_birth:
        same_name |= Q(date_of_birth=person.date_of_birth)
    candidates = Person.objects.exclude(pk=person.pk).filter(same_name)
    found = []
    for candidate in candidates.iterator():
        reasons = match_reasons(person, candidate)
        if reasons:
            found.append((candidate, reasons))
    return found


def confirmed_same_people(person: Person) -> list[Person]:
    """The person and everybody staff confirmed to be the same individual."""
    links = PersonMatch.objects.filter(state=PersonMatch.State.CONFIRMED).filter(
        Q(person=person) | Q(candidate=person)
    )
    ids = {person.pk}
    for link in links:
        ids |= {link.person_id, link.candidate_id}
    return list(Person.objects.filter(pk__in=ids))


def open_person_matches(provider) -> list[PersonMatch]:
    """Possible matches, not yet decided, for people named on the provider."""
    return list(
        PersonMatch.objects.filter(
            state=PersonMatch.State.POSSIBLE, person__roles__provider=provider
        )
        .select_related("person", "candidate")
        .distinct()
    )
