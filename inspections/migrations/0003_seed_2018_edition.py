"""The Licensing Standards 2018 as the domain document lists them.

Standards marked unconfirmed are the best available reading of the published scheme and say so
in their guidance; administrators correct them in the Wagtail admin (Snippets → Licensing
standards) or publish a new edition.
"""

import datetime

from django.db import migrations

EDITION = "Licensing Standards 2018"
UNCONFIRMED = "Unconfirmed: check against the published standards and correct if needed."

SECTIONS = [
    (1, "Fit and proper test"),
    (2, "Pay and tax matters"),
    (3, "Prevention of forced labour and mistreatment of workers"),
    (4, "Accommodation"),
    (5, "Working conditions"),
    (6, "Health and safety"),
    (7, "Recruiting workers and contractual arrangements"),
    (8, "Sub-contracting and using other labour providers"),
]

# (section, code, title, critical, points, confirmed, guidance)
STANDARDS = [
    (1, "1.1", "The licence holder and named individuals are fit and proper", True, 30, False, ""),
    (
        1,
        "1.3",
        "The regulator is notified within 20 working days of starting to supply workers",
        True,
        30,
        True,
        "",
    ),
    (1, "1.4", "Relevant changes are notified within 20 working days", False, 8, True, ""),
    (
        2,
        "2.1",
        "Tax obligations are met",
        False,
        8,
        True,
        "An agreed tax payment plan counts as a failure of this standard.",
    ),
    (2, "2.2", "Workers are paid at least the minimum wage", True, 30, False, ""),
    (
        2,
        "2.3",
        "Workers receive itemised payslips",
        False,
        8,
        True,
        "Standard and points confirmed; the code 2.3 is unconfirmed.",
    ),
    (3, "3.1", "Workers are not physically or mentally mistreated", True, 30, False, ""),
    (3, "3.2", "Workers are not held in debt bondage", True, 30, False, ""),
    (3, "3.3", "Workers' freedom of movement is not restricted", True, 30, False, ""),
    (3, "3.4", "Workers' identity documents are not retained", True, 30, False, ""),
    (
        3,
        "3.5",
        "Workers' wages are not withheld",
        True,
        30,
        True,
        "Standard (critical, 30 points) confirmed; its place in section 3 is unconfirmed.",
    ),
    (6, "6.1", "Workers are transported safely", False, 8, False, ""),
    (
        7,
        "7.1",
        "No fee is charged to workers for work-finding services",
        True,
        30,
        True,
        "Work-finding may not be made conditional on buying other services. Record any "
        "recruitment fees or related costs charged as fee violations.",
    ),
    (7, "7.2", "Workers have written contracts", False, 8, False, ""),
    (7, "7.3", "There are agreements with labour users", False, 8, False, ""),
    (8, "8.1", "Only licensed labour providers are used", True, 30, False, ""),
]


def seed(apps, schema_editor):
    StandardsEdition = apps.get_model("inspections", "StandardsEdition")
    StandardSection = apps.get_model("inspections", "StandardSection")
    Standard = apps.get_model("inspections", "Standard")
    edition, created = StandardsEdition.objects.get_or_create(
        name=EDITION,
        defaults={
            "published_on": datetime.date(2018, 4, 1),
            "notes": "Seeded from the domain document. Items marked unconfirmed need checking.",
        },
    )
    if not created:
        return
    sections = {
        number: StandardSection.objects.create(edition=edition, number=number, title=title)
        for number, title in SECTIONS
    }
    for position, (section, code, title, critical, points, confirmed, guidance) in enumerate(
        STANDARDS
    ):
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
            position=position,
        )


def unseed(apps, schema_editor):
    StandardsEdition = apps.get_model("inspections", "StandardsEdition")
    Standard = apps.get_model("inspections", "Standard")
    StandardSection = apps.get_model("inspections", "StandardSection")
    Standard.objects.filter(edition__name=EDITION, findings__isnull=True).delete()
    StandardSection.objects.filter(edition__name=EDITION, standards__isnull=True).delete()
    StandardsEdition.objects.filter(name=EDITION, sections__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [("inspections", "0002_standards_inspections_fee_violations")]

    operations = [migrations.RunPython(seed, unseed)]
