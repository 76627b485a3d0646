"""Demo data for the licensing core: a register that looks and behaves like a real one.

``seed_core`` builds, in this order:

1. reference data (public holidays) and the demo sign-in accounts;
2. showcase cases, driven through the services so that their audit trails, payments and
   messages are exactly what the software itself writes: every licence and application
   state, appeals of every kind, conditions met and overdue, and a "phoenix" case;
3. the bulk of providers, people, licences and applications, written with ``bulk_create``
   in batches so that 100,000 providers load in minutes, with a short backdated history
   each.

Everything is drawn from ``rng``, so a given seed gives the same register (apart from the
secret verification codes and the references the services draw themselves).
"""

from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone

from licensing import services
from licensing.models import (
    CROCKFORD,
    AdverseDecision,
    Appeal,
    Application,
    AuditEntry,
    Certificate,
    FeeBand,
    FeePayment,
    Holiday,
    Licence,
    LicenceCondition,
    LicensingPolicy,
    random_code,
)
from licensing.register import register_entries_refresh_all
from licensing.urn import urn_prefix
from licensing.workflow import actor_display_name
from registry.models import (
    LabourProvider,
    OrganisationMember,
    Person,
    ProviderRole,
    Sector,
    normalise_company_number,
    normalise_name,
)

DEMO_PASSWORD = "demo-password-2026"
SHOWCASE_MAX = 200
BATCH = 1000

# England and Wales bank holidays, so that appeal deadlines skip them.
BANK_HOLIDAYS = [
    ("2026-01-01", "New Year's Day"),
    ("2026-04-03", "Good Friday"),
    ("2026-04-06", "Easter Monday"),
    ("2026-05-04", "Early May bank holiday"),
    ("2026-05-25", "Spring bank holiday"),
    ("2026-08-31", "Summer bank holiday"),
    ("2026-12-25", "Christmas Day"),
    ("2026-12-28", "Boxing Day (substitute day)"),
    ("2027-01-01", "New Year's Day"),
    ("2027-03-26", "Good Friday"),
    ("2027-03-29", "Easter Monday"),
    ("2027-05-03", "Early May bank holiday"),
    ("2027-05-31", "Spring bank holiday"),
    ("2027-08-30", "Summer bank holiday"),
    ("2027-12-27", "Christmas Day (substitute day)"),
    ("2027-12-28", "Boxing Day (substitute day)"),
]

STAFF = [
    ("officer", "Olivia", "Hartley", "Licensing officer", {}),
    ("inspector", "Rhys", "Pritchard", "Inspector", {}),
    ("decider", "Margaret", "Okonjo", "Decision maker", {}),
    ("admin", "Sanjay", "Mehta", "Administrator", {"is_staff": True, "is_superuser": True}),
    ("editor", "Fiona", "MacLeod", "Editor", {"is_staff": True}),
]

# Where providers are based: the jurisdiction itself, and the countries overseas providers
# that supply workers into it most often come from.
COUNTRY_WEIGHTS = [
    ("GB", 78),
    ("PL", 5),
    ("RO", 5),
    ("LT", 3),
    ("BG", 3),
    ("PT", 2),
    ("UA", 1),
    ("IN", 1),
    ("PH", 1),
    ("NP", 1),
]

GB_TOWNS = [
    ("Wisbech", "PE13"),
    ("Spalding", "PE11"),
    ("Boston", "PE21"),
    ("King's Lynn", "PE30"),
    ("Holbeach", "PE12"),
    ("March", "PE15"),
    ("Peterborough", "PE1"),
    ("Ely", "CB7"),
    ("Lincoln", "LN1"),
    ("Sleaford", "NG34"),
    ("Skegness", "PE25"),
    ("Grimsby", "DN31"),
    ("Goole", "DN14"),
    ("Selby", "YO8"),
    ("Hull", "HU1"),
    ("Norwich", "NR1"),
    ("Thetford", "IP24"),
    ("Bury St Edmunds", "IP33"),
    ("Ipswich", "IP1"),
    ("Evesham", "WR11"),
    ("Pershore", "WR10"),
    ("Worcester", "WR1"),
    ("Hereford", "HR1"),
    ("Ledbury", "HR8"),
    ("Maidstone", "ME14"),
    ("Sittingbourne", "ME10"),
    ("Canterbury", "CT1"),
    ("Chichester", "PO19"),
    ("Truro", "TR1"),
    ("Exeter", "EX1"),
    ("Taunton", "TA1"),
    ("Kendal", "LA9"),
    ("Morecambe", "LA4"),
    ("Carlisle", "CA1"),
    ("Carmarthen", "SA31"),
    ("Wrexham", "LL11"),
    ("Perth", "PH1"),
    ("Dundee", "DD1"),
    ("Aberdeen", "AB10"),
    ("Inverness", "IV1"),
    ("Armagh", "BT60"),
    ("Newry", "BT34"),
]

OVERSEAS = {
    "PL": {
        "street": "ul. {street} {n}",
        "postcode": "{a:02d}-{b:03d}",
        "towns": ["Warszawa", "Kraków", "Poznań", "Wrocław", "Gdańsk", "Lublin", "Białystok"],
        "patterns": ["{word} Agencja Pracy Sp. z o.o.", "{word} Personel Sp. z o.o."],
        "words": ["Polagro", "Wisła", "Mazowsze", "Zielone Pole", "Sad", "Kłos", "Podlasie"],
        "first": ["Piotr", "Anna", "Tomasz", "Katarzyna", "Marek", "Agnieszka", "Paweł"],
        "last": ["Nowak", "Kowalski", "Wiśniewska", "Wójcik", "Kamińska", "Lewandowski"],
        "number": "KRS {n:010d}",
        "tax": "NIP {n:010d}",
    },
    "RO": {
        "street": "Strada {street} {n}",
        "postcode": "{a:03d}{b:03d}",
        "towns": ["București", "Cluj-Napoca", "Iași", "Suceava", "Bacău", "Constanța"],
        "patterns": ["{word} Recrutare S.R.L.", "{word} Resurse Umane S.R.L."],
        "words": ["Carpați", "Agromunca", "Dunărea", "Moldova Muncă", "Câmpia", "Transilvania"],
        "first": ["Andrei", "Elena", "Mihai", "Ioana", "Gheorghe", "Maria", "Florin"],
        "last": ["Popescu", "Ionescu", "Popa", "Dumitru", "Stan", "Constantin", "Munteanu"],
        "number": "J{n:02d}/{m}/2016",
        "tax": "RO{n:08d}",
    },
    "LT": {
        "street": "{street} g. {n}",
        "postcode": "LT-{a:02d}{b:03d}",
        "towns": ["Vilnius", "Kaunas", "Klaipėda", "Šiauliai", "Panevėžys"],
        "patterns": ["UAB „{word}“", "UAB {word} Darbas"],
        "words": ["Baltijos Derlius", "Nemuno Rankos", "Žalias Laukas", "Darbo Jėga", "Gintaras"],
        "first": ["Tomas", "Rūta", "Mindaugas", "Aistė", "Darius", "Jurgita"],
        "last": ["Kazlauskas", "Jankauskienė", "Petrauskas", "Stankevičius", "Vasiliauskas"],
        "number": "{n:09d}",
        "tax": "LT{n:09d}",
    },
    "BG": {
        "street": "ul. {street} {n}",
        "postcode": "{a:02d}{b:02d}",
        "towns": ["Sofia", "Plovdiv", "Varna", "Burgas", "Ruse", "Stara Zagora"],
        "patterns": ["{word} EOOD", "{word} Personal OOD"],
        "words": ["Balkan Agro", "Trakia Trud", "Dunav Staff", "Rodopi Rabota", "Zlatna Niva"],
        "first": ["Georgi", "Ivanka", "Dimitar", "Petya", "Nikolay", "Milena"],
        "last": ["Ivanov", "Petrova", "Georgiev", "Dimitrova", "Nikolov", "Todorova"],
        "number": "EIK {n:09d}",
        "tax": "BG{n:09d}",
    },
    "PT": {
        "street": "Rua {street} {n}",
        "postcode": "{a:04d}-{b:03d}",
        "towns": ["Lisboa", "Porto", "Braga", "Faro", "Coimbra", "Évora"],
        "patterns": ["{word} Recursos Humanos Lda", "{word} Trabalho Temporário Lda"],
        "words": ["Atlântico", "Douro Agro", "Minho Gente", "Alentejo Campo", "Ribatejo"],
        "first": ["João", "Ana", "Rui", "Mariana", "Miguel", "Sofia"],
        "last": ["Silva", "Santos", "Ferreira", "Pereira", "Oliveira", "Costa"],
        "number": "NIPC {n:09d}",
        "tax": "PT{n:09d}",
    },
    "UA": {
        "street": "vul. {street} {n}",
        "postcode": "{a:02d}{b:03d}",
        "towns": ["Kyiv", "Lviv", "Ternopil", "Uzhhorod", "Vinnytsia", "Rivne"],
        "patterns": ["TOV {word} Personal", "{word} Recruitment LLC"],
        "words": ["Karpaty Robota", "Dnipro Trud", "Zakhid Kadry", "Polissia", "Podillia"],
        "first": ["Oleksandr", "Olena", "Andriy", "Natalia", "Serhiy", "Iryna"],
        "last": ["Shevchenko", "Kovalenko", "Bondarenko", "Tkachenko", "Kravchenko", "Melnyk"],
        "number": "EDRPOU {n:08d}",
        "tax": "UA{n:010d}",
    },
    "IN": {
        "street": "{n} {street} Road",
        "postcode": "{a:03d}{b:03d}",
        "towns": ["Kochi", "Chennai", "Amritsar", "Mumbai", "Delhi", "Hyderabad"],
        "patterns": ["{word} Manpower Services Pvt Ltd", "{word} Overseas Consultants Pvt Ltd"],
        "words": ["Kerala", "Sunrise", "Punjab Agro", "Malabar", "Ganga", "Deccan"],
        "first": ["Rajesh", "Priya", "Suresh", "Anjali", "Harpreet", "Deepa"],
        "last": ["Nair", "Sharma", "Singh", "Menon", "Patel", "Reddy"],
        "number": "U74140KL{m}PTC{n:06d}",
        "tax": "PAN{n:07d}",
    },
    "PH": {
        "street": "{n} {street} Street",
        "postcode": "{a:02d}{b:02d}",
        "towns": ["Manila", "Cebu City", "Davao City", "Iloilo City", "Baguio"],
        "patterns": ["{word} Manpower Agency Inc.", "{word} International Placement Inc."],
        "words": ["Visayas", "Luzon", "Bayanihan", "Mabuhay", "Pacific Crest"],
        "first": ["Jose", "Maria", "Mark", "Kristine", "Ramon", "Lourdes"],
        "last": ["Santos", "Reyes", "Cruz", "Bautista", "Garcia", "Mendoza"],
        "number": "SEC CS{m}{n:05d}",
        "tax": "TIN {n:09d}",
    },
    "NP": {
        "street": "{street} Marg {n}",
        "postcode": "{a:02d}{b:03d}",
        "towns": ["Kathmandu", "Pokhara", "Lalitpur", "Biratnagar", "Butwal"],
        "patterns": ["{word} Overseas Pvt Ltd", "{word} Human Resource Pvt Ltd"],
        "words": ["Himalayan", "Everest", "Annapurna", "Sagarmatha", "Lumbini"],
        "first": ["Ram", "Sita", "Bikash", "Sunita", "Prakash", "Gita"],
        "last": ["Gurung", "Thapa", "Shrestha", "Tamang", "Rai", "Magar"],
        "number": "{n:06d}/{m}",
        "tax": "PAN {n:09d}",
    },
}

GB_PLACES = [
    "Fenland",
    "Anglia",
    "Wash",
    "Lincolnshire",
    "Holland Marsh",
    "Breckland",
    "Broadland",
    "Vale of Evesham",
    "Teme Valley",
    "Weald",
    "Medway",
    "Garden of England",
    "Cotswold",
    "Severn",
    "Wye Valley",
    "Tamar",
    "Cornish",
    "Solway",
    "Morecambe Bay",
    "Pennine",
    "Humber",
    "Wolds",
    "Fife",
    "Tayside",
    "Angus",
    "Grampian",
    "Lough Neagh",
    "Mourne",
    "Pembroke",
    "Gower",
    "Eden Valley",
    "Trent",
    "Ouse",
    "Nene",
    "Welland",
    "Stour",
    "Waveney",
    "Fens",
    "Marshland",
    "Isle of Ely",
    "Silt Lands",
    "Black Isle",
    "Strathmore",
    "Carse of Gowrie",
]
GB_SURNAMES = [
    "Smith",
    "Jones",
    "Taylor",
    "Brown",
    "Williams",
    "Wilson",
    "Johnson",
    "Davies",
    "Robinson",
    "Wright",
    "Thompson",
    "Evans",
    "Walker",
    "White",
    "Roberts",
    "Green",
    "Hall",
    "Wood",
    "Jackson",
    "Clarke",
    "Patel",
    "Khan",
    "Hughes",
    "Edwards",
    "Turner",
    "Baker",
    "Harrison",
    "Morgan",
    "Cooper",
    "Ward",
    "Morris",
    "King",
    "Watson",
    "Fletcher",
    "Holloway",
    "Marsh",
    "Pickering",
    "Fairweather",
    "Cartwright",
    "Sutherland",
    "McKenzie",
    "Fraser",
    "O'Neill",
    "Quinn",
    "Gallagher",
    "Kaur",
    "Begum",
    "Nowak",
    "Ahmed",
    "Okafor",
    "Mensah",
    "Chaudhry",
]
GB_FIRST_NAMES = [
    "James",
    "Sarah",
    "David",
    "Emma",
    "Michael",
    "Rachel",
    "Paul",
    "Claire",
    "Mark",
    "Helen",
    "Andrew",
    "Joanne",
    "Gareth",
    "Siobhan",
    "Callum",
    "Fiona",
    "Imran",
    "Aisha",
    "Tomasz",
    "Gemma",
    "Liam",
    "Bethany",
    "Rajinder",
    "Nadia",
    "Craig",
    "Kirsty",
    "Owen",
    "Megan",
]
TRADES = [
    "Harvest",
    "Field Labour",
    "Fresh Produce",
    "Growers",
    "Labour",
    "Workforce",
    "Crew",
    "Pickers",
    "Packhouse Staffing",
    "Agricultural Services",
    "Seasonal Staff",
    "Recruitment",
    "Personnel",
    "Agri Staff",
    "Land Services",
    "Food Staffing",
    "Shellfish",
    "Salad Services",
    "Soft Fruit Labour",
    "Poultry Services",
    "Horticultural Staff",
    "Catch Teams",
]
GB_SUFFIXES = ["Ltd", "Ltd", "Ltd", "Limited", "LLP", "& Sons Ltd", "(UK) Ltd"]
TRADING_WORDS = ["Pickers", "Staffing", "Crew", "Harvest Teams", "Jobs", "Workforce", "Agri"]

CONDITIONS = [
    ("2.3", "Pay and tax matters", "Issue itemised payslips to every worker each pay period."),
    ("5.1", "Working conditions", "Record workers' hours accurately and share the records."),
    ("6.2", "Health and safety", "Carry out and record a transport safety check each week."),
    ("7.2", "Recruiting workers", "Give every worker a written contract before work starts."),
    ("4.1", "Accommodation", "Bring the accommodation at the farm site up to standard."),
    ("7.3", "Contractual arrangements", "Put written agreements in place with labour users."),
    ("3.4", "Mistreatment of workers", "Repay the transport charges deducted from wages."),
]
REVOCATION_REASONS = [
    "Workers were charged work-finding fees (standard 7.1, critical).",
    "Workers' identity documents were retained by the provider (critical failure).",
    "Wages were withheld from workers for several weeks (critical failure).",
    "Additional licence conditions on payslips and contracts were breached.",
    "The Principal Authority is not fit and proper (standard 1.1).",
]
REFUSAL_REASONS = [
    "The Principal Authority failed the fit and proper test (standard 1.1).",
    "The application inspection scored 38 points: accommodation and pay failures.",
    "The provider could not show that workers are paid at least the minimum wage.",
]

User = get_user_model()


def weighted(rng, pairs):
    values, weights = zip(*pairs, strict=True)
    return rng.choices(values, weights=weights)[0]


def slug(text: str) -> str:
    """An ASCII slug of the first words, for made-up email addresses."""
    ascii_text = normalise_name(text).encode("ascii", "ignore").decode()
    return "-".join(ascii_text.split()[:3]) or "provider"


def at_day(day: date, hour: int = 10) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour, 0)))


class Names:
    """Realistic names, addresses and numbers, drawn from the seeded generator."""

    def __init__(self, rng):
        self.rng = rng
        self.used_names = set(LabourProvider.objects.values_list("legal_name", flat=True))
        self.ordinal = LabourProvider.objects.count() + 1

    def country(self) -> str:
        return weighted(self.rng, COUNTRY_WEIGHTS)

    def person_name(self, country: str) -> str:
        rng = self.rng
        if country == "GB":
            return f"{rng.choice(GB_FIRST_NAMES)} {rng.choice(GB_SURNAMES)}"
        data = OVERSEAS[country]
        return f"{rng.choice(data['first'])} {rng.choice(data['last'])}"

    def person(self, country: str) -> Person:
        name = self.person_name(country)
        return Person(
            full_name=name,
            date_of_birth=date(1955, 1, 1) + timedelta(days=self.rng.randint(0, 16000)),
            nationality=country,
            email=f"{slug(name).replace('-', '.')}.{self.rng.randint(10, 9999)}@mail.example",
        )

    def legal_name(self, country: str) -> str:
        """A name not used yet: short common forms first, longer ones when those are taken,
        and as a last resort one qualified by its town or a number, as registers really hold."""
        rng = self.rng
        for attempt in range(8):
            if country == "GB":
                pattern = rng.random() if attempt < 2 else 0.75 + rng.random() / 4
                if pattern < 0.45:
                    base = f"{rng.choice(GB_PLACES)} {rng.choice(TRADES)}"
                elif pattern < 0.75:
                    base = f"{rng.choice(GB_SURNAMES)} {rng.choice(TRADES)}"
                elif pattern < 0.9:
                    base = f"{rng.choice(GB_PLACES)} {rng.choice(GB_SURNAMES)} {rng.choice(TRADES)}"
                else:
                    initials = "".join(rng.choice("ABCDEFGHJKLMNPRSTW") for _ in range(2))
                    base = f"{initials} {rng.choice(GB_SURNAMES)} {rng.choice(TRADES)}"
                if attempt == 7:
                    base = f"{base} ({rng.choice(GB_TOWNS)[0]})"
                name = f"{base} {rng.choice(GB_SUFFIXES)}"
            else:
                data = OVERSEAS[country]
                word = rng.choice(data["words"])
                if attempt >= 2:
                    word = f"{word} {rng.choice(data['first'])} {rng.choice(data['last'])}"
                elif rng.random() < 0.6:
                    word = f"{word} {rng.choice(data['last'])}"
                if attempt == 7:
                    word = f"{word} {self.ordinal}"
                name = rng.choice(data["patterns"]).format(word=word)
            if name not in self.used_names:
                break
        self.used_names.add(name)
        return name

    def provider(self, country: str | None = None) -> LabourProvider:
        """An unsaved provider with every register field filled in."""
        rng = self.rng
        country = country or self.country()
        n = self.ordinal
        self.ordinal += 1
        legal_name = self.legal_name(country)
        trading_names = []
        if rng.random() < 0.35:
            first_word = legal_name.split()[0]
            trading_names.append(f"{first_word} {rng.choice(TRADING_WORDS)}")
        if rng.random() < 0.08:
            trading_names.append(f"{rng.choice(GB_PLACES)} {rng.choice(TRADING_WORDS)}")
        # Multiplying by a prime keeps numbers distinct while looking unordered.
        scrambled = (n * 7919 + 104729) % 10**7
        if country == "GB":
            town, district = rng.choice(GB_TOWNS)
            prefix = weighted(rng, [("0", 6), ("1", 2), ("SC", 1), ("NI", 1)])
            number = f"{prefix}{scrambled % 10 ** (8 - len(prefix)):0{8 - len(prefix)}d}"
            tax = f"{rng.randint(100, 999)}/{rng.choice('ABCDEFGHJKLMNPRSTWXYZ')}{scrambled:07d}"
            postcode = (
                f"{district} {rng.randint(1, 9)}{rng.choice('ABDEFGHJLNPQRSTUWXYZ')}"
                f"{rng.choice('ABDEFGHJLNPQRSTUWXYZ')}"
            )
            road = rng.choice(["Road", "Street", "Lane", "Drove", "Way"])
            street = f"{rng.randint(1, 180)} {rng.choice(GB_SURNAMES)} {road}"
            sources = rng.sample(
                ["PL", "RO", "LT", "BG", "LV", "PT", "UA", "SK"], rng.randint(0, 3)
            )
            recruits_from = sorted({"GB", *sources})
            supplies_to = ["GB"]
        else:
            data = OVERSEAS[country]
            town = rng.choice(data["towns"])
            number = data["number"].format(n=scrambled, m=rng.randint(1995, 2022))
            tax = data["tax"].format(n=scrambled)
            postcode = data["postcode"].format(a=rng.randint(10, 99), b=rng.randint(100, 999))
            street = data["street"].format(street=rng.choice(data["last"]), n=rng.randint(1, 120))
            recruits_from = [country]
            supplies_to = sorted({"GB", *rng.sample(["IE", "NL", "DE"], rng.randint(0, 1))})
        domain = slug(legal_name)
        return LabourProvider(
            legal_name=legal_name,
            trading_names=trading_names,
            company_number=normalise_company_number(number),
            tax_reference=tax,
            registered_address=f"{street}\n{town}",
            town=town,
            postcode=postcode,
            country=country,
            recruits_from=recruits_from,
            supplies_to=supplies_to,
            email=f"office@{domain}.example",
            phone=f"+44 1{rng.randint(100, 999)} {rng.randint(100000, 999999)}"
            if country == "GB"
            else f"+{rng.randint(30, 99)} {rng.randint(10000000, 99999999)}",
            search_name=normalise_name(" ".join([legal_name, *trading_names])),
        )


def ensure_holidays():
    for day, name in BANK_HOLIDAYS:
        Holiday.objects.get_or_create(date=date.fromisoformat(day), defaults={"name": name})


def demo_user(username, first, last, *, email=None, **flags):
    user, created = User.objects.get_or_create(
        username=username,
        defaults={
            "first_name": first,
            "last_name": last,
            "email": email or f"{username}@regulator.example",
            **flags,
        },
    )
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save(update_fields=["password"])
    return user


def ensure_staff() -> dict:
    staff = {}
    for username, first, last, group, flags in STAFF:
        user = demo_user(username, first, last, **flags)
        user.groups.add(Group.objects.get(name=group))
        staff[username] = user
    return staff


class Showcase:
    """Cases built through the services, one scenario per provider."""

    def __init__(self, *, rng, names, staff, today):
        self.rng = rng
        self.names = names
        self.officer = staff["officer"]
        self.decider = staff["decider"]
        self.today = today
        self.sectors = list(Sector.objects.filter(is_active=True))
        self.revoked_pas = []
        self.agency_user = None
        self.scenarios = [
            self.active,
            self.agency_demo,
            self.active_first_reminder,
            self.active_second_reminder,
            self.inspected_and_granted,
            self.with_conditions,
            self.with_overdue_condition,
            self.conditions_met,
            self.suspended,
            self.suspension_lifted,
            self.revoked_with_immediate_effect,
            self.revoked_after_appeal_dismissed,
            self.revoked_when_window_closed,
            self.revocation_under_appeal,
            self.revocation_notice,
            self.reinstated_on_appeal,
            self.revocation_appeal_allowed,
            self.surrendered,
            self.expired,
            self.expired_on_company_change,
            self.renewal_fast_tracked,
            self.renewal_under_assessment,
            self.renewal_awaiting_fee,
            self.change_granted,
            self.change_of_pa_under_assessment,
            self.draft,
            self.submitted,
            self.validated,
            self.under_assessment,
            # Several, because the inspections demo carries some of them on to a report.
            self.inspection,
            self.inspection,
            self.inspection,
            self.returned,
            self.resubmitted,
            self.withdrawn,
            self.refused,
            self.refused_pre_appeal_pending,
            self.refused_reopened_on_pre_appeal,
            self.refused_final,
            self.phoenix,
        ]

    def run(self, count: int, stdout):
        for index in range(count):
            scenario = self.scenarios[index % len(self.scenarios)]
            scenario()
            if (index + 1) % 50 == 0:
                stdout.write(f"  showcase cases: {index + 1}/{count}")

    # Building blocks.

    def provider(self, *, country=None, pa=None):
        """A provider with its Principal Authority, a director or two, and a portal user."""
        rng = self.rng
        provider = self.names.provider(country)
        provider.save()
        provider.sectors.set(rng.sample(self.sectors, rng.randint(1, min(3, len(self.sectors)))))
        country = provider.country.code
        if pa is None:
            pa = self.names.person(country)
            pa.save()
        started = self.today - timedelta(days=rng.randint(400, 2500))
        ProviderRole.objects.create(
            person=pa,
            provider=provider,
            role=ProviderRole.Role.PRINCIPAL_AUTHORITY,
            started_on=started,
            authorised_by_regulator=True,
        )
        for _ in range(rng.randint(0, 2)):
            director = self.names.person(country)
            director.save()
            ProviderRole.objects.create(
                person=director,
                provider=provider,
                role=ProviderRole.Role.DIRECTOR,
                started_on=started,
            )
        first, _, last = pa.full_name.partition(" ")
        user = User(
            username=f"agency{provider.pk}", email=pa.email, first_name=first, last_name=last
        )
        user.set_unusable_password()
        user.save()
        OrganisationMember.objects.create(
            provider=provider, user=user, role=OrganisationMember.Role.PRINCIPAL_AUTHORITY
        )
        return provider, user, pa

    def turnover(self) -> Decimal:
        return Decimal(
            self.rng.choice(
                [180_000, 450_000, 850_000, 2_300_000, 4_100_000, 7_500_000, 14_000_000]
            )
        )

    def start(self, provider, user, *, kind=Application.Kind.NEW, licence=None, changes=None):
        application = services.application_start(
            provider=provider, kind=kind, actor=user, licence=licence
        )
        if kind in (Application.Kind.NEW, Application.Kind.RENEWAL):
            application.declared_turnover = self.turnover()
        application.declaration_accepted_at = timezone.now()
        application.changes = changes or {}
        application.save(update_fields=["declared_turnover", "declaration_accepted_at", "changes"])
        return application

    def submit(self, application, user):
        return services.application_submit(application=application, actor=user)

    def pay(self, application):
        payment = services.fee_payment_request(
            application=application,
            actor=self.officer,
            method=FeePayment.Method.BANK_TRANSFER,
        )
        services.fee_payment_received(payment=payment, actor=self.officer)
        application.refresh_from_db()
        return application

    def validate(self, application):
        if application.total_fee:
            application = self.pay(application)
        return services.application_validate(application=application, actor=self.officer)

    def assess(self, application):
        return services.application_start_assessment(application=application, actor=self.officer)

    def inspect(self, application, *, complete):
        application = services.application_require_inspection(
            application=application, actor=self.officer, reason="Risk score above threshold"
        )
        if complete:
            application = services.application_complete_inspection(
                application=application,
                actor=self.officer,
                reason="Inspection report approved: no standards failed",
            )
        return application

    def to_assessment(self, provider, user, **kwargs):
        application = self.submit(self.start(provider, user, **kwargs), user)
        return self.assess(self.validate(application))

    def condition_specs(self, count):
        specs = []
        for code, title, text in self.rng.sample(CONDITIONS, count):
            specs.append(
                services.ConditionSpec(
                    text=text,
                    due_date=self.today + timedelta(days=self.rng.randint(20, 90)),
                    standard_code=code,
                    standard_title=title,
                )
            )
        return specs

    def licensed(self, *, expires_in=None, conditions=0, inspected=False, country=None, pa=None):
        """A provider whose new application was granted, with a believable licence history."""
        provider, user, pa = self.provider(country=country, pa=pa)
        application = self.to_assessment(provider, user)
        if inspected:
            application = self.inspect(application, complete=True)
        application = services.application_grant(
            application=application,
            actor=self.officer,
            reason="The provider meets the licensing standards.",
            conditions=self.condition_specs(conditions) if conditions else (),
        )
        licence = application.licence
        if expires_in is None:
            expires_in = self.rng.randint(45, 360)
        expires_on = self.today + timedelta(days=expires_in)
        renewals = self.rng.randint(0, 5)
        Licence.objects.filter(pk=licence.pk).update(
            granted_on=expires_on - timedelta(days=365 * (renewals + 1)),
            expires_on=expires_on,
            last_renewed_on=expires_on - timedelta(days=365) if renewals else None,
        )
        Certificate.objects.filter(licence=licence).update(valid_until=expires_on)
        licence.refresh_from_db()
        return provider, user, pa, licence

    def revoke(self, licence, *, immediate):
        return services.licence_revoke(
            licence=licence,
            actor=self.decider,
            reasons=self.rng.choice(REVOCATION_REASONS),
            immediate=immediate,
        )

    def tribunal_appeal(self, decision):
        return services.appeal_lodge(
            decision=decision,
            actor=self.decider,
            kind=Appeal.Kind.TRIBUNAL,
            lodged_on=self.today,
            grounds="The findings are disputed; evidence of repayments is attached.",
        )

    def close_window(self, decision):
        """Backdate a decision so that tonight's daily run finds its appeal window closed."""
        AdverseDecision.objects.filter(pk=decision.pk).update(
            decided_on=self.today - timedelta(days=35),
            appeal_deadline=self.today - timedelta(days=1),
            pre_appeal_deadline=(
                self.today - timedelta(days=25) if decision.pre_appeal_deadline else None
            ),
        )

    def refuse(self, application):
        return services.application_refuse(
            application=application,
            actor=self.officer,
            reasons=self.rng.choice(REFUSAL_REASONS),
        )

    # Scenarios: each builds one provider's story.

    def active(self):
        self.licensed(country=self.names.country())

    def agency_demo(self):
        """The `agency` sign-in: Principal Authority of a licensed provider, renewal drafted."""
        if OrganisationMember.objects.filter(user__username="agency").exists():
            return self.active()
        provider, _user, pa, licence = self.licensed(expires_in=40, country="GB")
        first, _, last = pa.full_name.partition(" ")
        agency = demo_user("agency", first, last, email=pa.email)
        OrganisationMember.objects.get_or_create(
            provider=provider,
            user=agency,
            defaults={"role": OrganisationMember.Role.PRINCIPAL_AUTHORITY},
        )
        self.start(provider, agency, kind=Application.Kind.RENEWAL, licence=licence)
        self.agency_user = agency

    def active_first_reminder(self):
        self.licensed(expires_in=LicensingPolicy.load().first_reminder_days)

    def active_second_reminder(self):
        self.licensed(expires_in=LicensingPolicy.load().second_reminder_days)

    def inspected_and_granted(self):
        self.licensed(inspected=True)

    def with_conditions(self):
        self.licensed(conditions=2)

    def with_overdue_condition(self):
        _provider, _user, _pa, licence = self.licensed(conditions=1)
        LicenceCondition.objects.filter(licence=licence).update(
            due_date=self.today - timedelta(days=self.rng.randint(3, 40))
        )

    def conditions_met(self):
        _provider, _user, _pa, licence = self.licensed(conditions=1)
        services.condition_mark_met(
            condition=licence.conditions.get(),
            actor=self.officer,
            reason="Evidence seen at the follow-up visit.",
        )

    def suspended(self):
        _provider, _user, _pa, licence = self.licensed()
        services.licence_suspend(
            licence=licence,
            actor=self.decider,
            reason="Serious allegations of debt bondage are under investigation.",
        )

    def suspension_lifted(self):
        _provider, _user, _pa, licence = self.licensed(conditions=1)
        licence = services.licence_suspend(
            licence=licence, actor=self.decider, reason="Unsafe minibus reported by the police."
        )
        services.licence_lift_suspension(
            licence=licence, actor=self.decider, reason="Vehicles replaced and checked."
        )

    def revoked_with_immediate_effect(self):
        _provider, _user, pa, licence = self.licensed(country="GB")
        self.revoke(licence, immediate=True)
        self.revoked_pas.append(pa)

    def revoked_after_appeal_dismissed(self):
        _provider, _user, _pa, licence = self.licensed()
        appeal = self.tribunal_appeal(self.revoke(licence, immediate=False))
        services.appeal_decide(
            appeal=appeal,
            actor=self.decider,
            outcome=Appeal.State.DISMISSED,
            reason="The tribunal upheld the revocation.",
        )

    def revoked_when_window_closed(self):
        _provider, _user, _pa, licence = self.licensed()
        self.close_window(self.revoke(licence, immediate=False))

    def revocation_under_appeal(self):
        _provider, _user, _pa, licence = self.licensed()
        self.tribunal_appeal(self.revoke(licence, immediate=False))

    def revocation_notice(self):
        _provider, _user, _pa, licence = self.licensed()
        self.revoke(licence, immediate=False)

    def reinstated_on_appeal(self):
        _provider, _user, _pa, licence = self.licensed(conditions=1)
        appeal = self.tribunal_appeal(self.revoke(licence, immediate=True))
        services.appeal_decide(
            appeal=appeal,
            actor=self.decider,
            outcome=Appeal.State.ALLOWED,
            reason="The tribunal found the evidence of retained passports unreliable.",
        )

    def revocation_appeal_allowed(self):
        _provider, _user, _pa, licence = self.licensed()
        appeal = self.tribunal_appeal(self.revoke(licence, immediate=False))
        services.appeal_decide(
            appeal=appeal,
            actor=self.decider,
            outcome=Appeal.State.ALLOWED,
            reason="The tribunal allowed the appeal.",
        )

    def surrendered(self):
        provider, user, _pa, licence = self.licensed()
        application = self.to_assessment(
            provider, user, kind=Application.Kind.SURRENDER, licence=licence
        )
        services.application_grant(
            application=application, actor=self.officer, reason="The business has ceased trading."
        )

    def expired(self):
        self.licensed(expires_in=-1)

    def expired_on_company_change(self):
        """A licence cannot pass to another legal entity: a new company number ends it."""
        provider, user, _pa, licence = self.licensed(country="GB")
        number = provider.company_number
        application = self.to_assessment(
            provider,
            user,
            kind=Application.Kind.CHANGE,
            licence=licence,
            changes={"company_number": number[:-1] + str((int(number[-1]) + 1) % 10)},
        )
        services.application_grant(
            application=application,
            actor=self.officer,
            reason="The business was transferred to a new company.",
        )

    def renewal_fast_tracked(self):
        provider, user, _pa, licence = self.licensed(expires_in=30)
        application = self.submit(
            self.start(provider, user, kind=Application.Kind.RENEWAL, licence=licence), user
        )
        services.application_fast_track(application=self.validate(application), actor=self.officer)

    def renewal_under_assessment(self):
        provider, user, _pa, licence = self.licensed(expires_in=25, conditions=1)
        self.to_assessment(provider, user, kind=Application.Kind.RENEWAL, licence=licence)

    def renewal_awaiting_fee(self):
        provider, user, _pa, licence = self.licensed(expires_in=35)
        application = self.submit(
            self.start(provider, user, kind=Application.Kind.RENEWAL, licence=licence), user
        )
        services.fee_payment_request(
            application=application, actor=user, method=FeePayment.Method.BANK_TRANSFER
        )

    def change_granted(self):
        provider, user, _pa, licence = self.licensed()
        trading_name = f"{provider.legal_name.split()[0]} {self.rng.choice(TRADING_WORDS)} Direct"
        application = self.to_assessment(
            provider,
            user,
            kind=Application.Kind.CHANGE,
            licence=licence,
            changes={"trading_names": [*provider.trading_names, trading_name]},
        )
        services.application_grant(
            application=application, actor=self.officer, reason="New trading name noted."
        )

    def change_of_pa_under_assessment(self):
        provider, user, _pa, licence = self.licensed()
        successor = self.names.person(provider.country.code)
        successor.save()
        role = ProviderRole.objects.create(
            person=successor,
            provider=provider,
            role=ProviderRole.Role.PRINCIPAL_AUTHORITY,
            started_on=self.today,
        )
        self.to_assessment(
            provider,
            user,
            kind=Application.Kind.CHANGE_OF_PA,
            licence=licence,
            changes={"new_principal_authority_role": role.pk},
        )

    def draft(self):
        provider, user, _pa = self.provider()
        self.start(provider, user)

    def submitted(self):
        provider, user, _pa = self.provider()
        application = self.submit(self.start(provider, user), user)
        services.fee_payment_request(
            application=application, actor=user, method=FeePayment.Method.BANK_TRANSFER
        )

    def validated(self):
        provider, user, _pa = self.provider()
        self.validate(self.submit(self.start(provider, user), user))

    def under_assessment(self):
        provider, user, _pa = self.provider()
        application = self.to_assessment(provider, user)
        services.case_message_send(
            application=application,
            actor=self.officer,
            body="Please confirm the addresses of the farms you supply.",
        )
        services.case_message_send(
            application=application,
            actor=user,
            body="We supply Manor Farm, Holbeach, and Ivy House Farm, Long Sutton.",
        )

    def inspection(self):
        provider, user, _pa = self.provider()
        self.inspect(self.to_assessment(provider, user), complete=False)

    def returned(self):
        provider, user, _pa = self.provider()
        application = self.validate(self.submit(self.start(provider, user), user))
        services.application_return(
            application=application,
            actor=self.officer,
            message="Send a copy of the contract you give to workers.",
        )

    def resubmitted(self):
        provider, user, _pa = self.provider()
        application = self.validate(self.submit(self.start(provider, user), user))
        application = services.application_return(
            application=application,
            actor=self.officer,
            message="Which accommodation do you provide, if any?",
        )
        services.application_resubmit(
            application=application,
            actor=user,
            message="We provide no accommodation; workers live locally.",
        )

    def withdrawn(self):
        provider, user, _pa = self.provider()
        application = self.submit(self.start(provider, user), user)
        services.application_withdraw(
            application=application, actor=user, reason="We no longer supply farms."
        )

    def refused(self):
        provider, user, _pa = self.provider()
        self.refuse(self.to_assessment(provider, user))

    def refused_pre_appeal_pending(self):
        provider, user, _pa = self.provider()
        application = self.refuse(self.to_assessment(provider, user))
        services.appeal_lodge(
            decision=application.decisions.get(),
            actor=self.officer,
            kind=Appeal.Kind.PRE_APPEAL,
            lodged_on=self.today,
            grounds="The inspection report names the wrong site.",
        )

    def refused_reopened_on_pre_appeal(self):
        provider, user, _pa = self.provider()
        application = self.refuse(self.to_assessment(provider, user))
        appeal = services.appeal_lodge(
            decision=application.decisions.get(),
            actor=self.officer,
            kind=Appeal.Kind.PRE_APPEAL,
            lodged_on=self.today,
            grounds="The turnover figure used was last year's.",
        )
        services.appeal_decide(
            appeal=appeal,
            actor=self.officer,
            outcome=Appeal.State.ALLOWED,
            reason="A factual error: the application is assessed again.",
        )

    def refused_final(self):
        provider, user, _pa = self.provider()
        application = self.refuse(self.to_assessment(provider, user))
        self.close_window(application.decisions.get())

    def phoenix(self):
        """Somebody who ran a provider whose licence was revoked applies with a new company."""
        if not self.revoked_pas:
            self.revoked_with_immediate_effect()
        person = self.revoked_pas.pop(0)
        ProviderRole.objects.filter(person=person, ended_on__isnull=True).update(
            ended_on=self.today - timedelta(days=self.rng.randint(20, 60))
        )
        provider, user, _pa = self.provider(country="GB", pa=person)
        ProviderRole.objects.filter(person=person, provider=provider).update(
            started_on=self.today - timedelta(days=10), authorised_by_regulator=False
        )
        self.submit(self.start(provider, user), user)


class Bulk:
    """The bulk of the register, written with bulk_create and a short backdated history."""

    # (licence state, weight); None is a provider with no licence (only applications).
    LICENCE_MIX = [
        (Licence.State.ACTIVE, 70),
        (Licence.State.ACTIVE_WITH_CONDITIONS, 8),
        (Licence.State.SUSPENDED, 1),
        (Licence.State.REVOKED, 4),
        (Licence.State.SURRENDERED, 3),
        (Licence.State.EXPIRED, 6),
        (None, 8),
    ]
    UNLICENSED_MIX = [
        (Application.State.DRAFT, 2),
        (Application.State.SUBMITTED, 3),
        (Application.State.VALIDATED, 2),
        (Application.State.UNDER_ASSESSMENT, 4),
        (Application.State.INSPECTION, 2),
        (Application.State.RETURNED, 1),
        (Application.State.REFUSED, 2),
        (Application.State.WITHDRAWN, 1),
    ]
    DECISION_ACTIONS = {
        Application.State.GRANTED: "grant",
        Application.State.GRANTED_WITH_CONDITIONS: "grant_with_conditions",
        Application.State.REFUSED: "refuse",
    }
    INSPECTABLE_STATES = [
        Application.State.UNDER_ASSESSMENT,
        *Application.DECIDED_STATES,
    ]
    ENDED_ACTIONS = {
        Licence.State.SUSPENDED: "suspend",
        Licence.State.REVOKED: "revoke_with_immediate_effect",
        Licence.State.SURRENDERED: "surrender",
        Licence.State.EXPIRED: "expire",
    }

    def __init__(self, *, rng, names, staff, today):
        self.rng = rng
        self.names = names
        self.officer = staff["officer"]
        self.officer_name = actor_display_name(self.officer)
        self.today = today
        self.now = timezone.now()
        self.policy = LicensingPolicy.load()
        self.sector_ids = list(Sector.objects.filter(is_active=True).values_list("pk", flat=True))
        self.bands = list(FeeBand.objects.order_by("min_turnover"))
        self.urn_next = {}
        for urn in Licence.objects.values_list("urn", flat=True):
            prefix, number = urn[:4], int(urn[4:]) if urn[4:].isdigit() else 0
            self.urn_next[prefix] = max(self.urn_next.get(prefix, 1), number + 1)
        self.references = set(Application.objects.values_list("reference", flat=True))
        self.people_pool = []

    def run(self, count: int, stdout):
        started = timezone.now()
        done = 0
        while done < count:
            size = min(BATCH, count - done)
            with transaction.atomic():
                self.batch(size)
            done += size
            if done % (BATCH * 10) == 0 or done == count:
                seconds = (timezone.now() - started).total_seconds()
                stdout.write(f"  providers: {done}/{count} ({seconds:.0f} s)")

    def reference(self) -> str:
        while True:
            reference = "A" + "".join(self.rng.choice(CROCKFORD) for _ in range(7))
            if reference not in self.references:
                self.references.add(reference)
                return reference

    def urn(self, name: str) -> str | None:
        prefix = urn_prefix(name)
        number = self.urn_next.get(prefix, 1)
        if number > 9999:
            return None
        self.urn_next[prefix] = number + 1
        return f"{prefix}{number:04d}"

    def fees(self, turnover: Decimal, kind: str):
        band = next(
            b
            for b in reversed(self.bands)
            if b.min_turnover <= turnover and (b.max_turnover is None or turnover < b.max_turnover)
        )
        inspection = band.inspection_fee if kind == Application.Kind.NEW else Decimal("0")
        return band, band.application_fee, inspection

    def audit(self, rows, *, day, action, obj, licence, actor_name=None, **fields):
        """A backdated audit entry, by the demo officer unless `actor_name` says who."""
        application = obj if isinstance(obj, Application) else None
        rows.append(
            AuditEntry(
                at=at_day(day, self.rng.randint(8, 17)),
                actor=None if actor_name else self.officer,
                actor_name=actor_name or self.officer_name,
                action=action,
                object_type=obj._meta.model_name,
                object_id=obj.pk,
                provider=obj.provider,
                application=application,
                licence=licence,
                **fields,
            )
        )

    def batch(self, size: int):
        rng, today = self.rng, self.today
        providers = [self.names.provider() for _ in range(size)]
        LabourProvider.objects.bulk_create(providers)

        through = LabourProvider.sectors.through
        through.objects.bulk_create(
            [
                through(labourprovider_id=p.pk, sector_id=sector_id)
                for p in providers
                for sector_id in rng.sample(self.sector_ids, rng.randint(1, len(self.sector_ids)))
            ]
        )

        plans = []
        for provider in providers:
            state = weighted(rng, self.LICENCE_MIX)
            plans.append({"provider": provider, "licence_state": state})

        # Named individuals: a new Principal Authority each, some directors, and now and then
        # somebody already named on another provider (people move between agencies).
        people, roles, ended_roles = [], [], []
        for plan in plans:
            provider = plan["provider"]
            country = provider.country.code
            started = today - timedelta(days=rng.randint(200, 3000))
            plan["started"] = started
            pa = self.names.person(country)
            people.append(pa)
            plan["pa"] = pa
            plan["directors"] = []
            for _ in range(rng.choice([0, 0, 1, 1, 2])):
                director = self.names.person(country)
                people.append(director)
                plan["directors"].append(director)
        Person.objects.bulk_create(people)
        for plan in plans:
            provider, started = plan["provider"], plan["started"]
            roles.append(
                ProviderRole(
                    person=plan["pa"],
                    provider=provider,
                    role=ProviderRole.Role.PRINCIPAL_AUTHORITY,
                    started_on=started,
                    authorised_by_regulator=True,
                )
            )
            for director in plan["directors"]:
                roles.append(
                    ProviderRole(
                        person=director,
                        provider=provider,
                        role=ProviderRole.Role.DIRECTOR,
                        started_on=started,
                    )
                )
            if self.people_pool and rng.random() < 0.04:
                person, old_role = self.people_pool.pop(rng.randrange(len(self.people_pool)))
                if old_role.ended_on is None:
                    old_role.ended_on = started - timedelta(days=rng.randint(1, 90))
                    ended_roles.append(old_role)
                roles.append(
                    ProviderRole(
                        person=person,
                        provider=provider,
                        role=ProviderRole.Role.DIRECTOR,
                        started_on=started,
                    )
                )
        ProviderRole.objects.bulk_create(roles)
        if ended_roles:
            ProviderRole.objects.bulk_update(ended_roles, ["ended_on"])
        self.people_pool.extend(
            (role.person, role) for role in rng.sample(roles, min(len(roles), 30))
        )

        licences = []
        for plan in plans:
            state = plan["licence_state"]
            urn = self.urn(plan["provider"].legal_name) if state else None
            if urn is None:
                plan["licence"] = None
                continue
            plan["licence"] = self.licence(plan, state, urn)
            licences.append(plan["licence"])
        Licence.objects.bulk_create(licences)

        applications, payments, conditions, certificates, decisions = [], [], [], [], []
        for plan in plans:
            if plan["licence"] is not None:
                applications.append(self.granting_application(plan))
            else:
                applications.append(self.open_application(plan))
        Application.objects.bulk_create(applications)

        audit = []
        for plan in plans:
            licence, application = plan["licence"], plan["application"]
            if application.submitted_at:
                self.audit(
                    audit,
                    day=timezone.localtime(application.submitted_at).date(),
                    action="submit",
                    obj=application,
                    licence=licence,
                    from_state="draft",
                    to_state="submitted",
                    actor_name=plan["pa"].full_name,
                )
                payments.append(self.payment(application))
            if application.state in Application.DECIDED_STATES:
                self.audit(
                    audit,
                    day=timezone.localtime(application.decided_at).date(),
                    action=self.DECISION_ACTIONS[application.state],
                    obj=application,
                    licence=licence,
                    from_state="under_assessment",
                    to_state=application.state,
                    reason=application.decision_reasons,
                    is_public=True,
                )
            if application.state == Application.State.REFUSED:
                decisions.append(self.refusal(plan))
            if licence is None:
                continue
            self.audit(
                audit,
                day=licence.granted_on,
                action="licence_granted",
                obj=licence,
                licence=licence,
                to_state="active",
                is_public=True,
            )
            if licence.state in self.ENDED_ACTIONS:
                ended = (
                    licence.suspended_on
                    or licence.revoked_on
                    or licence.surrendered_on
                    or licence.expired_on
                )
                self.audit(
                    audit,
                    day=ended,
                    action=self.ENDED_ACTIONS[licence.state],
                    obj=licence,
                    licence=licence,
                    from_state="active",
                    to_state=licence.state,
                    reason=licence.ended_reason,
                    is_public=True,
                    actor_name="System" if licence.state == Licence.State.EXPIRED else None,
                )
            if licence.state == Licence.State.REVOKED:
                decisions.append(self.revocation(plan))
            if licence.state == Licence.State.ACTIVE_WITH_CONDITIONS:
                conditions.extend(self.conditions(plan))
            if licence.is_in_force:
                certificates.append(
                    Certificate(
                        licence=licence,
                        code=random_code(12),
                        issued_at=at_day(licence.last_renewed_on or licence.granted_on),
                        valid_until=licence.expires_on,
                    )
                )
        FeePayment.objects.bulk_create(payments)
        LicenceCondition.objects.bulk_create(conditions)
        Certificate.objects.bulk_create(certificates)
        AdverseDecision.objects.bulk_create(decisions)
        AuditEntry.objects.bulk_create(audit)

    def licence(self, plan, state, urn) -> Licence:
        rng, today, validity = self.rng, self.today, self.policy.licence_validity_days
        years = rng.randint(1, 8)
        fields = {}
        if state in Licence.IN_FORCE_STATES:
            expires_on = today + timedelta(days=rng.randint(0, validity - 1))
        else:
            expires_on = today + timedelta(days=rng.randint(-900, validity - 1))
        granted_on = expires_on - timedelta(days=validity * years)
        granted_on = max(granted_on, plan["started"])
        ended = min(today, expires_on) - timedelta(days=rng.randint(0, 200))
        ended = max(ended, granted_on + timedelta(days=1))
        if state == Licence.State.EXPIRED:
            expires_on = min(expires_on, today - timedelta(days=rng.randint(1, 700)))
            fields = {"expired_on": expires_on + timedelta(days=1)}
            fields["ended_reason"] = "Not renewed by its expiry date."
            granted_on = min(granted_on, expires_on - timedelta(days=validity))
        elif state == Licence.State.SUSPENDED:
            fields = {"suspended_on": max(granted_on, today - timedelta(days=rng.randint(1, 60)))}
            fields["ended_reason"] = "Serious concerns under investigation."
        elif state == Licence.State.REVOKED:
            fields = {"revoked_on": ended, "ended_reason": rng.choice(REVOCATION_REASONS)}
        elif state == Licence.State.SURRENDERED:
            fields = {"surrendered_on": ended, "ended_reason": "The business stopped trading."}
        if state in Licence.IN_FORCE_STATES:
            # Reminders due before today count as sent: the daily job ran all along.
            days_left = (expires_on - today).days
            if days_left <= self.policy.first_reminder_days:
                fields["first_reminder_sent_for"] = expires_on
            if days_left <= self.policy.second_reminder_days:
                fields["second_reminder_sent_for"] = expires_on
        return Licence(
            urn=urn,
            provider=plan["provider"],
            state=state,
            granted_on=granted_on,
            expires_on=expires_on,
            last_renewed_on=expires_on - timedelta(days=validity) if years > 1 else None,
            **fields,
        )

    def granting_application(self, plan) -> Application:
        licence = plan["licence"]
        with_conditions = licence.state == Licence.State.ACTIVE_WITH_CONDITIONS
        decided = at_day(licence.granted_on, 11)
        application = self.application(
            plan,
            state=Application.State.GRANTED_WITH_CONDITIONS
            if with_conditions
            else Application.State.GRANTED,
            submitted=decided - timedelta(days=self.rng.randint(20, 90)),
            decided=decided,
            reasons="The provider meets the licensing standards.",
        )
        application.licence = licence
        return application

    def open_application(self, plan) -> Application:
        state = weighted(self.rng, self.UNLICENSED_MIX)
        submitted = None
        if state != Application.State.DRAFT:
            submitted = self.now - timedelta(days=self.rng.randint(1, 120))
        decided = reasons = None
        if state == Application.State.REFUSED:
            decided = submitted
            submitted = decided - timedelta(days=self.rng.randint(40, 90))
            reasons = self.rng.choice(REFUSAL_REASONS)
        return self.application(
            plan, state=state, submitted=submitted, decided=decided, reasons=reasons or ""
        )

    def application(self, plan, *, state, submitted, decided, reasons) -> Application:
        turnover = Decimal(self.rng.choice([150_000, 600_000, 2_500_000, 6_000_000, 12_000_000]))
        band, app_fee, inspection_fee = self.fees(turnover, Application.Kind.NEW)
        fee_received = tasked = None
        if submitted and state not in (Application.State.SUBMITTED, Application.State.WITHDRAWN):
            fee_received = min(self.now, submitted + timedelta(days=self.rng.randint(1, 10)))
        if fee_received and (
            state == Application.State.INSPECTION
            or (state in self.INSPECTABLE_STATES and self.rng.random() < 0.3)
        ):
            tasked = min(decided or self.now, fee_received + timedelta(days=14))
        application = Application(
            reference=self.reference(),
            kind=Application.Kind.NEW,
            provider=plan["provider"],
            state=state,
            declared_turnover=turnover,
            fee_band=band,
            application_fee=app_fee,
            inspection_fee=inspection_fee,
            fee_received_at=fee_received,
            declaration_accepted_at=submitted,
            requires_inspection=tasked is not None,
            inspection_tasked_at=tasked,
            submitted_at=submitted,
            decided_at=decided,
            decision_reasons=reasons,
            created_at=(submitted or self.now) - timedelta(days=self.rng.randint(0, 20)),
        )
        plan["application"] = application
        return application

    def payment(self, application) -> FeePayment:
        if application.fee_received_at is not None:
            state = FeePayment.State.RECEIVED
        elif application.state == Application.State.WITHDRAWN:
            state = FeePayment.State.CANCELLED
        else:
            state = FeePayment.State.PENDING
        return FeePayment(
            application=application,
            method=FeePayment.Method.BANK_TRANSFER,
            reference="LP" + random_code(10),
            amount=application.total_fee,
            currency=application.fee_currency,
            state=state,
            created_at=application.submitted_at,
            received_at=application.fee_received_at,
        )

    def conditions(self, plan):
        rows = []
        for code, title, text in self.rng.sample(CONDITIONS, self.rng.randint(1, 2)):
            rows.append(
                LicenceCondition(
                    licence=plan["licence"],
                    application=plan["application"],
                    standard_code=code,
                    standard_title=title,
                    text=text,
                    due_date=self.today + timedelta(days=self.rng.randint(-30, 120)),
                )
            )
        return rows

    def revocation(self, plan) -> AdverseDecision:
        licence = plan["licence"]
        return AdverseDecision(
            kind=AdverseDecision.Kind.REVOCATION,
            licence=licence,
            provider=plan["provider"],
            immediate_effect=self.rng.random() < 0.5,
            reasons=licence.ended_reason,
            decided_on=licence.revoked_on,
            appeal_deadline=licence.revoked_on + timedelta(days=28),
            state=AdverseDecision.State.FINAL,
            decided_by=self.officer,
        )

    def refusal(self, plan) -> AdverseDecision:
        application = plan["application"]
        decided_on = timezone.localtime(application.decided_at).date()
        deadline = decided_on + timedelta(days=28)
        return AdverseDecision(
            kind=AdverseDecision.Kind.REFUSAL,
            application=application,
            provider=plan["provider"],
            reasons=application.decision_reasons,
            decided_on=decided_on,
            pre_appeal_deadline=decided_on + timedelta(days=self.policy.pre_appeal_days),
            appeal_deadline=deadline,
            state=AdverseDecision.State.FINAL
            if deadline < self.today
            else AdverseDecision.State.APPEALABLE,
            decided_by=self.officer,
        )


def seed_core(*, providers: int, rng, stdout) -> None:
    """Fill the licensing core with `providers` labour providers and their histories."""
    today = timezone.localdate()
    ensure_holidays()
    staff = ensure_staff()
    names = Names(rng)
    showcase_count = min(providers, SHOWCASE_MAX)
    stdout.write(f"Showcase cases through the services: {showcase_count}")
    showcase = Showcase(rng=rng, names=names, staff=staff, today=today)
    # One transaction: the services' own transactions become savepoints, which saves a
    # commit per step, and a failure leaves no half-built showcase behind.
    with transaction.atomic():
        showcase.run(showcase_count, stdout)
    if providers > showcase_count:
        stdout.write(f"Bulk providers: {providers - showcase_count}")
        Bulk(rng=rng, names=names, staff=staff, today=today).run(providers - showcase_count, stdout)
    # bulk_create and the backdating updates bypass the save signals that keep register
    # entries current.
    register_entries_refresh_all()
    # What the nightly job would have done by now: windows closed, licences expired,
    # reminders sent.
    closed = services.decisions_close_windows()
    expired = services.licences_expire_due()
    reminders = services.renewal_reminders_send()
    stdout.write(
        f"Daily run: {closed} appeal windows closed, {expired} licences expired, "
        f"{reminders} reminders sent"
    )
