"""The rest of the Licensing Standards 2018 catalogue: every section populated.

0003 seeded the standards the domain document names. This adds the remaining standards of the
published edition (GLAA Brief 58, in force from 1 October 2018). What the published material
confirms is stated in each standard's guidance; anything else keeps the "unconfirmed" label so
administrators check it against the booklet (Wagtail admin → Snippets → Licensing standards).
Existing standards are left as they are: inspections may already cite them.
"""

from django.db import migrations

EDITION = "Licensing Standards 2018"
UNCONFIRMED = "Unconfirmed: check against the published standards and correct if needed."

ILO_INDICATORS = (
    "abuse of vulnerability, deception, restriction of movement, isolation, physical and sexual "
    "violence, intimidation and threats, retention of identity documents, withholding of wages, "
    "debt bondage, abusive working and living conditions, excessive overtime"
)

# (section, code, title, critical, points, confirmed, guidance)
STANDARDS = [
    (
        1,
        "1.2",
        "The Principal Authority is competent and in day-to-day control of the licensed work",
        True,
        30,
        False,
        "",
    ),
    (
        1,
        "1.5",
        "Tribunal, court and government decisions against the holder are notified to the "
        "regulator",
        False,
        8,
        False,
        "Confirmed requirement since October 2018: licence holders must tell the regulator of "
        "employment tribunal and government department decisions. Code and points unconfirmed.",
    ),
    (
        1,
        "1.6",
        "The holder co-operates with the regulator and gives it true and complete information",
        True,
        30,
        False,
        "",
    ),
    (
        2,
        "2.4",
        "Deductions from pay and charges to workers are lawful, agreed and itemised",
        False,
        8,
        False,
        "",
    ),
    (
        2,
        "2.5",
        "Workers receive the paid annual leave and holiday pay they are entitled to",
        True,
        30,
        True,
        "Critical from 1 October 2018. Records must show paid annual leave; holiday pay is paid "
        "during the engagement; accrued, unused leave is paid in lieu when an engagement ends "
        "during the leave year; workers must not be unlawfully prevented from taking leave.",
    ),
    (
        2,
        "2.6",
        "Loans and advances to workers are made only under a written agreement",
        False,
        8,
        False,
        "Confirmed requirement since October 2018: a loan to a worker needs an agreement. "
        "Code and points unconfirmed.",
    ),
    (
        3,
        "3.6",
        "Workers show none of the ILO indicators of forced labour",
        True,
        30,
        False,
        "Confirmed requirement since October 2018: section 3 checks the International Labour "
        f"Office indicators of forced labour ({ILO_INDICATORS}). Code unconfirmed.",
    ),
    (
        4,
        "4.1",
        "Accommodation provided or arranged for workers is safe and of suitable quality",
        True,
        30,
        True,
        "Critical, 30 points.",
    ),
    (
        4,
        "4.2",
        "Accommodation is licensed where the law requires it (for example a house in multiple "
        "occupation)",
        False,
        8,
        True,
        "8 points.",
    ),
    (
        5,
        "5.1",
        "Working time rules are kept: weekly hours, rest breaks and records of hours",
        False,
        8,
        False,
        "",
    ),
    (
        5,
        "5.2",
        "Agency workers receive the equal treatment the law gives them",
        False,
        8,
        False,
        "",
    ),
    (5, "5.3", "Workers are not discriminated against", False, 8, False, ""),
    (
        5,
        "5.4",
        "Workers receive statutory sick, maternity, paternity and adoption pay and leave",
        False,
        8,
        False,
        "",
    ),
    (
        6,
        "6.2",
        "Health and safety risks are assessed and workers are trained and protected",
        False,
        8,
        False,
        "",
    ),
    (
        7,
        "7.4",
        "Workers are free to leave and are not penalised for working elsewhere",
        False,
        8,
        False,
        "",
    ),
    (
        8,
        "8.2",
        "Work passed to sub-contractors or other labour providers is recorded and checked",
        False,
        8,
        False,
        "",
    ),
]


def code_key(code):
    return tuple(int(part) for part in code.split("."))


def seed(apps, schema_editor):
    Standard = apps.get_model("inspections", "Standard")
    StandardsEdition = apps.get_model("inspections", "StandardsEdition")
    edition = StandardsEdition.objects.filter(name=EDITION).first()
    if edition is None:
        return
    sections = {section.number: section for section in edition.sections.all()}
    existing = set(edition.standards.values_list("code", flat=True))
    for section, code, title, critical, points, confirmed, guidance in STANDARDS:
        if code in existing or section not in sections:
            continue
        if not confirmed:
            guidance = f"{guidance} {UNCONFIRMED}".strip()
        Standard.objects.create(
            edition=edition,
            section=sections[section],
            code=code,
            title=title,
            critical=critical,
            points=points,
            guidance=guidance,
        )
    standards = sorted(edition.standards.all(), key=lambda s: code_key(s.code))
    for position, standard in enumerate(standards):
        if standard.position != position:
            Standard.objects.filter(pk=standard.pk).update(position=position)


def unseed(apps, schema_editor):
    Standard = apps.get_model("inspections", "Standard")
    codes = [code for _, code, *_ in STANDARDS]
    Standard.objects.filter(edition__name=EDITION, code__in=codes, findings__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [("inspections", "0006_bounded_free_text")]

    operations = [migrations.RunPython(seed, unseed)]
