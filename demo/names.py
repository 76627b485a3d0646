"""Names, places and numbers for made-up labour providers and the people behind them.

Common names come first and rarer forms only when those are taken, so that the register reads
like a real one: overseas providers carry their own country's company forms, addresses and
registration numbers. Everything is drawn from the seeded generator.
"""

from datetime import date, timedelta

from registry.models import LabourProvider, Person, normalise_company_number, normalise_name

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


def weighted(rng, pairs):
    values, weights = zip(*pairs, strict=True)
    return rng.choices(values, weights=weights)[0]


def slug(text: str) -> str:
    """An ASCII slug of the first words, for made-up email addresses."""
    ascii_text = normalise_name(text).encode("ascii", "ignore").decode()
    return "-".join(ascii_text.split()[:3]) or "provider"


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
        """An unsaved provider with every register field filled in, for ``bulk_create`` (which
        skips ``save``, so the search name is set here)."""
        details = self.provider_details(country)
        names = [details["legal_name"], *details["trading_names"]]
        return LabourProvider(**details, search_name=normalise_name(" ".join(names)))

    def provider_details(self, country: str | None = None) -> dict:
        """A provider's declared details (``registry.services.PROVIDER_DETAILS``) and the
        countries it recruits from and supplies to."""
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
        return dict(
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
        )
