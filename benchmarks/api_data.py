"""A large register for the API benchmarks: realistic, similar-sounding provider names.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/api_bench python benchmarks/bulk_check.py

Names combine a place, a trade word and a business word ("Wisbech Harvest Staffing Ltd"),
so many providers share most of their words, as on a real register.
"""

import os
import random
import sys
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django  # noqa: E402

django.setup()

from django.db import connection, transaction  # noqa: E402

from licensing.models import Licence, LicenceCondition  # noqa: E402
from registry.models import (  # noqa: E402
    LabourProvider,
    Person,
    ProviderRole,
    Sector,
    normalise_name,
)

PLACES = (
    "Wisbech Spalding Boston Kings Lynn Ely March Holbeach Peterborough Lincoln Grantham "
    "Sleaford Louth Skegness Norwich Thetford Dereham Swaffham Fakenham Cromer Diss Ipswich "
    "Bury Sudbury Lowestoft Felixstowe Colchester Chelmsford Braintree Harlow Luton Bedford "
    "Cambridge Huntingdon Evesham Pershore Hereford Ledbury Leominster Worcester Kidderminster "
    "Stratford Warwick Banbury Oxford Didcot Newbury Reading Basingstoke Andover Salisbury "
    "Chichester Worthing Horsham Crawley Maidstone Ashford Canterbury Dover Folkestone Hastings "
    "Truro Penzance Camborne Bodmin Launceston Exeter Taunton Yeovil Bridgwater Dorchester "
    "Preston Ormskirk Southport Wigan Lancaster Kendal Carlisle Penrith Hexham Berwick Alnwick "
    "Selby Goole Howden Driffield Malton Pickering Scarborough Whitby Thirsk Ripon Harrogate "
    "Aberdeen Dundee Perth Stirling Ayr Dumfries Inverness Elgin Forfar Montrose Arbroath"
).split()
TRADES = (
    "Harvest Fenland Fresh Field Farm Valley Green Golden Orchard Meadow Country Coastal "
    "Northern Southern Eastern Western Central Premier Prime Allied United Royal Star Sun "
    "Oak Willow Cedar River Bridge Castle Crown Phoenix Anchor Atlas Summit Pioneer Heritage "
    "Acorn Beacon Compass Horizon Keystone Lantern Marsh Northfield Orchid Pinnacle Quarry "
    "Redwood Saxon Thistle Unity Vale Windmill Yeoman Zenith Abbey Barley Clover Dale Elm "
    "Fern Granary Heath Ivy Juniper Kestrel Linden Maple Nettle Osprey Poppy Rowan Sorrel"
).split()
BUSINESS = (
    "Staffing Labour Recruitment Workforce Personnel Services Solutions Resourcing Agency "
    "Contracting Crews Employment Gangmasters Packers Pickers Growers Produce Logistics"
).split()
FORMS = ["Ltd", "Limited", "LLP", "Ltd", "Ltd"]
FIRST = "Anna Piotr Maria Jan Elena Andrei Olga Ivan Sarah John Emma James Laura David".split()
LAST = "Nowak Kowalski Popescu Ionescu Ivanova Smith Jones Taylor Brown Wilson Evans".split()


def provider_name(rng: random.Random, used: set[str]) -> str:
    """A name whose words (legal form aside) no other benchmark provider has."""
    while True:
        core = f"{rng.choice(PLACES)} {rng.choice(TRADES)} {rng.choice(BUSINESS)}"
        if core not in used:
            used.add(core)
            return f"{core} {rng.choice(FORMS)}"


def urn_for(index: int) -> str:
    block, number = divmod(index, 10000)
    letters = "".join(chr(65 + (block // 26**k) % 26) for k in (2, 1, 0))
    return f"Z{letters}{number:04d}"


def ensure_providers(count: int, *, seed: int = 2026) -> list[tuple[int, str, str, str]]:
    """At least `count` benchmark providers (prefix "Z" URNs); returns (id, name, number, urn)."""
    existing = Licence.objects.filter(urn__startswith="Z").count()
    if existing < count:
        rng = random.Random(seed + existing)
        used = set(
            " ".join(name.split()[:-1])
            for name in LabourProvider.objects.filter(company_number__startswith="Z").values_list(
                "legal_name", flat=True
            )
        )
        started = time.perf_counter()
        sector_ids = list(Sector.objects.values_list("pk", flat=True))
        today = date.today()
        batch = 5000
        for start in range(existing, count, batch):
            end = min(start + batch, count)
            with transaction.atomic():
                providers = []
                for i in range(start, end):
                    legal = provider_name(rng, used)
                    trading = [provider_name(rng, used).rsplit(" ", 1)[0]] if i % 7 == 0 else []
                    providers.append(
                        LabourProvider(
                            legal_name=legal,
                            trading_names=trading,
                            company_number=f"Z{i:07d}",
                            tax_reference=f"B{i:07d}",
                            town=rng.choice(PLACES),
                            postcode=f"PE{i % 40} {i % 9}AB",
                            country="GB" if i % 10 else rng.choice(["PL", "RO", "LT", "BG"]),
                            recruits_from=["PL", "RO"] if i % 3 == 0 else [],
                            search_name=normalise_name(" ".join([legal, *trading])),
                            email=f"bench{i}@provider.example",
                        )
                    )
                LabourProvider.objects.bulk_create(providers)
                people = Person.objects.bulk_create(
                    [
                        Person(
                            full_name=f"{rng.choice(FIRST)} {rng.choice(LAST)}",
                            email=f"pa{i}@bench.example",
                        )
                        for i in range(start, end)
                    ]
                )
                ProviderRole.objects.bulk_create(
                    [
                        ProviderRole(
                            person=person,
                            provider=provider,
                            role="pa",
                            started_on=today - timedelta(days=800),
                            authorised_by_regulator=True,
                        )
                        for person, provider in zip(people, providers, strict=True)
                    ]
                )
                through = LabourProvider.sectors.through
                through.objects.bulk_create(
                    [
                        through(labourprovider_id=p.pk, sector_id=rng.choice(sector_ids))
                        for p in providers
                    ]
                )
                licences = []
                for i, provider in zip(range(start, end), providers, strict=True):
                    roll = i % 100
                    state = (
                        "active"
                        if roll < 85
                        else "active_with_conditions"
                        if roll < 90
                        else "suspended"
                        if roll < 93
                        else "revoked"
                        if roll < 96
                        else "expired"
                    )
                    # A data load sets the state it imports; no transition applies.
                    licence = Licence(
                        urn=urn_for(i),
                        state=state,
                        provider=provider,
                        granted_on=today - timedelta(days=200),
                        expires_on=today + timedelta(days=165),
                    )
                    if state == "revoked":
                        licence.revoked_on = today - timedelta(days=i % 300)
                    licences.append(licence)
                Licence.objects.bulk_create(licences)
                LicenceCondition.objects.bulk_create(
                    [
                        LicenceCondition(
                            licence=licence,
                            standard_code="5.1",
                            text="Provide workers with itemised payslips.",
                            due_date=today + timedelta(days=30),
                        )
                        for licence in licences
                        if licence.state == "active_with_conditions"
                    ]
                )
            print(f"  generated {end:,} providers", flush=True)
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        print(f"  data ready in {time.perf_counter() - started:.1f} s", flush=True)
    rows = (
        Licence.objects.filter(urn__startswith="Z")
        .order_by("urn")
        .values_list("provider_id", "provider__legal_name", "provider__company_number", "urn")
    )
    return list(rows[:count])
