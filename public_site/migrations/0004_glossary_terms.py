"""The glossary as data: the common dictionary of licensing and fair recruitment, for
workers, agencies, labour users and procurement officers, in English with Polish, Romanian
and Ukrainian translations.

The translations are machine-drafted and say so in their translators' note: a native
speaker reviews them in the admin (Snippets → Glossary terms). Other languages show the
English term, flagged as English, until somebody translates it.
"""

from django.db import migrations

NOTE = "Machine-drafted; to be reviewed by a native speaker."

# slug: (English term, English definition, related slugs)
TERMS = {
    "additional-licence-condition": (
        "Additional licence condition (ALC)",
        "A condition the regulator adds to a licence when a provider failed a licensing "
        "standard that is not serious enough to refuse or revoke. The provider must put it "
        "right by a due date; breaching it can lead to revocation.",
        ["licence", "licence-conditions", "revocation"],
    ),
    "abr": (
        "Alternative Business Representative (ABR)",
        "A person the Principal Authority nominates to act for the business. The regulator "
        "must authorise every ABR.",
        ["principal-authority"],
    ),
    "debt-bondage": (
        "Debt bondage",
        "Making a worker pay off a debt (for travel, housing or a job) through work, where the "
        "debt keeps growing or the terms are never made clear. It is a form of forced labour.",
        ["forced-labour", "recruitment-fee"],
    ),
    "forced-labour": (
        "Forced labour",
        "Work that a person is made to do under threat of a penalty and has not offered to do "
        "freely: for example when wages or identity documents are withheld, or a debt is used "
        "to keep them working.",
        ["debt-bondage", "modern-slavery"],
    ),
    "human-trafficking": (
        "Human trafficking",
        "Recruiting, moving, receiving or holding people by force, deception or abuse of their "
        "vulnerability, in order to exploit them.",
        ["modern-slavery"],
    ),
    "labour-provider": (
        "Labour provider",
        "A business (sometimes called an agency or gangmaster) that supplies workers to "
        "others. In agriculture, horticulture, shellfish gathering and food processing a "
        "labour provider must be licensed.",
        ["gangmaster", "labour-user", "licence"],
    ),
    "labour-user": (
        "Labour user",
        "A business (a farm, packhouse or factory) that uses workers supplied by a labour "
        "provider. It must only use licensed providers.",
        ["labour-provider", "due-diligence"],
    ),
    "licence-number": (
        "Licence number (URN)",
        "The unique reference of a licence: four letters from the business name and four "
        "digits, for example EARL0002.",
        ["licence"],
    ),
    "modern-slavery": (
        "Modern slavery",
        "A term covering slavery, servitude, forced or compulsory labour and human trafficking.",
        ["forced-labour", "human-trafficking"],
    ),
    "principal-authority": (
        "Principal Authority (PA)",
        "The person responsible for the day-to-day management of a licensed labour provider, "
        "named on the licence. A sole trader is always the Principal Authority.",
        ["abr", "licence"],
    ),
    "recruitment-fee": (
        "Recruitment fee",
        "Any fee or cost charged to a worker for being recruited or placed in work, including "
        "related costs such as travel, visas, medical checks or training. Under the Employer "
        "Pays Principle workers never pay them.",
        ["employer-pays-principle", "recruitment-fees-and-related-costs"],
    ),
    "revocation": (
        "Revocation",
        "The regulator taking a licence away. The provider may appeal; unless the revocation "
        "has immediate effect, the licence stays in force until the appeal window closes or "
        "the appeal is dismissed.",
        ["licence", "suspension"],
    ),
    "suspension": (
        "Suspension",
        "A licence stopped for a time while serious concerns are investigated. A suspended "
        "provider must not supply workers.",
        ["licence", "revocation"],
    ),
    "licence": (
        "Licence",
        "Permission from the regulator to supply workers in the licensed sectors. It names "
        "the provider and its Principal Authority, has a licence number, and can carry "
        "conditions, be suspended or be revoked. The public register shows every licence.",
        ["licence-number", "licence-conditions", "labour-provider"],
    ),
    "licence-conditions": (
        "Licence conditions",
        "The rules a licensed provider must keep: the licensing standards every licence "
        "carries, and any additional conditions the regulator set for this provider.",
        ["additional-licence-condition", "licence"],
    ),
    "gangmaster": (
        "Gangmaster",
        "The traditional name for a person or business supplying gangs of workers to farms, "
        "packhouses or shellfish beds. In law, a labour provider that must be licensed.",
        ["labour-provider"],
    ),
    "employer-pays-principle": (
        "Employer Pays Principle",
        "No worker should pay for a job: the costs of recruitment are borne by the employer, "
        "not by the worker. Labour users and buyers apply it to the providers they use.",
        ["recruitment-fee", "recruitment-fees-and-related-costs", "due-diligence"],
    ),
    "recruitment-fees-and-related-costs": (
        "Recruitment fees and related costs (ILO)",
        "The ILO definition of what workers must not be charged: recruitment fees (payments "
        "for recruitment and placement services, advertising, and finding or selecting "
        "workers) and related costs: medical costs, insurance, skills and qualification "
        "tests, training and orientation, equipment, travel and lodging, and administrative "
        "costs such as visas, passports and work permits.",
        ["recruitment-fee", "employer-pays-principle"],
    ),
    "due-diligence": (
        "Due diligence",
        "The checks a labour user or buyer makes, before and during a contract, that a "
        "provider is licensed and treats workers fairly: checking the public register, "
        "watching for changes, and asking about fees charged to workers.",
        ["labour-user", "exclusion", "employer-pays-principle"],
    ),
    "exclusion": (
        "Exclusion",
        "Leaving a supplier out of a public contract because of grounds such as labour "
        "offences, a revoked licence or forced labour. Procurement officers check the "
        "register and refused and revoked providers before awarding.",
        ["due-diligence", "revocation"],
    ),
}

# slug: {language: (term, definition)}
TRANSLATIONS = {
    "additional-licence-condition": {
        "pl": ("Dodatkowy warunek licencji (ALC)", "Warunek, który organ dodaje do licencji, gdy dostawca nie spełnił standardu licencyjnego w stopniu niewystarczającym do odmowy lub cofnięcia. Dostawca musi to naprawić w wyznaczonym terminie; naruszenie może prowadzić do cofnięcia licencji."),
        "ro": ("Condiție suplimentară de licență (ALC)", "O condiție pe care autoritatea o adaugă la licență când furnizorul nu a respectat un standard, fără ca abaterea să fie destul de gravă pentru refuz sau revocare. Furnizorul trebuie să o remedieze până la un termen; încălcarea ei poate duce la revocare."),
        "uk": ("Додаткова умова ліцензії (ALC)", "Умова, яку регулятор додає до ліцензії, коли постачальник не виконав ліцензійний стандарт, але порушення недостатньо серйозне для відмови чи відкликання. Постачальник має виправити його до визначеної дати; порушення умови може призвести до відкликання."),
    },
    "abr": {
        "pl": ("Alternatywny przedstawiciel firmy (ABR)", "Osoba wyznaczona przez Osobę Odpowiedzialną (PA) do działania w imieniu firmy. Organ musi zatwierdzić każdego ABR."),
        "ro": ("Reprezentant alternativ al afacerii (ABR)", "O persoană desemnată de Autoritatea Principală să acționeze pentru firmă. Autoritatea trebuie să aprobe fiecare ABR."),
        "uk": ("Альтернативний представник бізнесу (ABR)", "Особа, яку Головна відповідальна особа призначає діяти від імені бізнесу. Регулятор має погодити кожного ABR."),
    },
    "debt-bondage": {
        "pl": ("Niewola za długi", "Zmuszanie pracownika do odpracowania długu (za podróż, zakwaterowanie lub pracę), gdy dług stale rośnie lub warunki nigdy nie są jasne. To forma pracy przymusowej."),
        "ro": ("Servitute pentru datorii", "Obligarea unui lucrător să plătească prin muncă o datorie (pentru călătorie, cazare sau un loc de muncă), când datoria tot crește sau condițiile nu sunt clare. Este o formă de muncă forțată."),
        "uk": ("Боргова кабала", "Примус працівника відпрацьовувати борг (за дорогу, житло чи роботу), коли борг постійно зростає або умови ніколи не пояснюються. Це форма примусової праці."),
    },
    "forced-labour": {
        "pl": ("Praca przymusowa", "Praca wykonywana pod groźbą kary, do której osoba nie zgłosiła się dobrowolnie, np. gdy zatrzymuje się wynagrodzenie lub dokumenty tożsamości albo dług służy do zatrzymania pracownika."),
        "ro": ("Muncă forțată", "Muncă pe care o persoană este obligată să o facă sub amenințarea unei pedepse și pe care nu a acceptat-o liber: de exemplu când salariile sau actele de identitate sunt reținute ori o datorie o ține la lucru."),
        "uk": ("Примусова праця", "Робота, яку людину змушують виконувати під загрозою покарання і на яку вона добровільно не погоджувалася: наприклад, коли утримують зарплату чи документи або використовують борг, щоб утримати її на роботі."),
    },
    "human-trafficking": {
        "pl": ("Handel ludźmi", "Werbowanie, przewożenie, przyjmowanie lub przetrzymywanie ludzi przy użyciu siły, podstępu lub wykorzystania ich bezbronności w celu wyzysku."),
        "ro": ("Trafic de persoane", "Recrutarea, transportul, primirea sau ținerea persoanelor prin forță, înșelăciune sau profitând de vulnerabilitatea lor, pentru a le exploata."),
        "uk": ("Торгівля людьми", "Вербування, переміщення, прийом або утримання людей із застосуванням сили, обману чи використанням їхньої вразливості з метою експлуатації."),
    },
    "labour-provider": {
        "pl": ("Dostawca pracowników", "Firma (zwana też agencją lub gangmasterem), która dostarcza pracowników innym. W rolnictwie, ogrodnictwie, zbiorze skorupiaków i przetwórstwie żywności musi mieć licencję."),
        "ro": ("Furnizor de forță de muncă", "O firmă (numită uneori agenție sau gangmaster) care pune lucrători la dispoziția altora. În agricultură, horticultură, culesul crustaceelor și procesarea alimentelor trebuie să fie licențiată."),
        "uk": ("Постачальник робочої сили", "Компанія (яку також називають агенцією або гангмайстром), що постачає працівників іншим. У сільському господарстві, садівництві, збиранні молюсків і харчовій переробці вона має мати ліцензію."),
    },
    "labour-user": {
        "pl": ("Użytkownik pracy", "Firma (gospodarstwo, pakownia lub zakład), która korzysta z pracowników dostarczonych przez dostawcę. Może korzystać tylko z licencjonowanych dostawców."),
        "ro": ("Utilizator de forță de muncă", "O firmă (fermă, stație de ambalare sau fabrică) care folosește lucrători puși la dispoziție de un furnizor. Poate folosi doar furnizori licențiați."),
        "uk": ("Користувач робочої сили", "Компанія (ферма, пакувальний цех чи фабрика), що використовує працівників від постачальника. Вона може працювати лише з ліцензованими постачальниками."),
    },
    "licence-number": {
        "pl": ("Numer licencji (URN)", "Niepowtarzalny numer licencji: cztery litery z nazwy firmy i cztery cyfry, np. EARL0002."),
        "ro": ("Numărul licenței (URN)", "Referința unică a unei licențe: patru litere din numele firmei și patru cifre, de exemplu EARL0002."),
        "uk": ("Номер ліцензії (URN)", "Унікальний номер ліцензії: чотири літери з назви компанії та чотири цифри, наприклад EARL0002."),
    },
    "modern-slavery": {
        "pl": ("Współczesne niewolnictwo", "Pojęcie obejmujące niewolnictwo, poddaństwo, pracę przymusową oraz handel ludźmi."),
        "ro": ("Sclavie modernă", "Termen care acoperă sclavia, servitutea, munca forțată sau obligatorie și traficul de persoane."),
        "uk": ("Сучасне рабство", "Поняття, що охоплює рабство, підневільний стан, примусову працю та торгівлю людьми."),
    },
    "principal-authority": {
        "pl": ("Osoba Odpowiedzialna (PA)", "Osoba odpowiedzialna za bieżące zarządzanie licencjonowanym dostawcą, wymieniona w licencji. Jednoosobowy przedsiębiorca jest zawsze Osobą Odpowiedzialną."),
        "ro": ("Autoritatea Principală (PA)", "Persoana responsabilă de conducerea zilnică a unui furnizor licențiat, numită în licență. Un comerciant individual este întotdeauna Autoritatea Principală."),
        "uk": ("Головна відповідальна особа (PA)", "Особа, відповідальна за щоденне керівництво ліцензованим постачальником, зазначена в ліцензії. Фізична особа-підприємець завжди є Головною відповідальною особою."),
    },
    "recruitment-fee": {
        "pl": ("Opłata rekrutacyjna", "Każda opłata lub koszt pobierany od pracownika za rekrutację lub skierowanie do pracy, w tym koszty powiązane, jak podróż, wizy, badania lekarskie czy szkolenia. Zgodnie z zasadą „płaci pracodawca” pracownik nigdy ich nie ponosi."),
        "ro": ("Taxă de recrutare", "Orice taxă sau cost cerut unui lucrător pentru a fi recrutat sau plasat la muncă, inclusiv costuri conexe precum călătoria, vizele, controalele medicale sau instruirea. Conform principiului „plătește angajatorul”, lucrătorii nu le plătesc niciodată."),
        "uk": ("Плата за працевлаштування", "Будь-яка плата чи витрати, які стягують із працівника за набір або працевлаштування, зокрема пов’язані витрати: дорога, візи, медогляди чи навчання. За принципом «платить роботодавець» працівник їх ніколи не сплачує."),
    },
    "revocation": {
        "pl": ("Cofnięcie licencji", "Odebranie licencji przez organ. Dostawca może się odwołać; jeśli cofnięcie nie ma natychmiastowego skutku, licencja obowiązuje do upływu terminu na odwołanie lub jego oddalenia."),
        "ro": ("Revocare", "Retragerea licenței de către autoritate. Furnizorul poate face apel; dacă revocarea nu are efect imediat, licența rămâne valabilă până expiră termenul de apel sau apelul este respins."),
        "uk": ("Відкликання ліцензії", "Позбавлення ліцензії регулятором. Постачальник може оскаржити; якщо відкликання не діє негайно, ліцензія чинна до завершення строку оскарження або відхилення скарги."),
    },
    "suspension": {
        "pl": ("Zawieszenie licencji", "Wstrzymanie licencji na czas badania poważnych zastrzeżeń. Zawieszony dostawca nie może dostarczać pracowników."),
        "ro": ("Suspendare", "Licența oprită temporar cât timp sunt investigate probleme grave. Un furnizor suspendat nu are voie să pună la dispoziție lucrători."),
        "uk": ("Зупинення ліцензії", "Тимчасове зупинення ліцензії на час розслідування серйозних порушень. Постачальник із зупиненою ліцензією не може постачати працівників."),
    },
    "licence": {
        "pl": ("Licencja", "Zezwolenie organu na dostarczanie pracowników w sektorach objętych licencjonowaniem. Wskazuje dostawcę i jego Osobę Odpowiedzialną, ma numer, może mieć warunki, zostać zawieszona lub cofnięta. Rejestr publiczny pokazuje każdą licencję."),
        "ro": ("Licență", "Permisiunea autorității de a furniza lucrători în sectoarele licențiate. Numește furnizorul și Autoritatea Principală, are un număr, poate avea condiții, poate fi suspendată sau revocată. Registrul public arată fiecare licență."),
        "uk": ("Ліцензія", "Дозвіл регулятора постачати працівників у ліцензованих секторах. У ній зазначено постачальника і Головну відповідальну особу, вона має номер, може містити умови, бути зупинена чи відкликана. Публічний реєстр показує кожну ліцензію."),
    },
    "licence-conditions": {
        "pl": ("Warunki licencji", "Zasady, których musi przestrzegać licencjonowany dostawca: standardy licencyjne każdej licencji oraz dodatkowe warunki ustalone dla tego dostawcy."),
        "ro": ("Condițiile licenței", "Regulile pe care un furnizor licențiat trebuie să le respecte: standardele de licențiere ale oricărei licențe și condițiile suplimentare stabilite pentru acest furnizor."),
        "uk": ("Умови ліцензії", "Правила, яких має дотримуватися ліцензований постачальник: ліцензійні стандарти кожної ліцензії та додаткові умови, встановлені саме для нього."),
    },
    "gangmaster": {
        "pl": ("Gangmaster", "Tradycyjna nazwa osoby lub firmy dostarczającej grupy pracowników do gospodarstw, pakowni lub łowisk skorupiaków. Prawnie: dostawca pracowników, który musi mieć licencję."),
        "ro": ("Gangmaster", "Numele tradițional al unei persoane sau firme care furnizează echipe de lucrători fermelor, stațiilor de ambalare sau zonelor de cules crustacee. Legal, un furnizor de forță de muncă care trebuie licențiat."),
        "uk": ("Гангмайстер", "Традиційна назва особи чи компанії, що постачає бригади працівників на ферми, пакувальні цехи чи промисли молюсків. За законом це постачальник робочої сили, який має мати ліцензію."),
    },
    "employer-pays-principle": {
        "pl": ("Zasada „płaci pracodawca”", "Żaden pracownik nie powinien płacić za pracę: koszty rekrutacji ponosi pracodawca, a nie pracownik. Użytkownicy pracy i nabywcy stosują tę zasadę wobec swoich dostawców."),
        "ro": ("Principiul „plătește angajatorul”", "Niciun lucrător nu ar trebui să plătească pentru un loc de muncă: costurile recrutării sunt suportate de angajator, nu de lucrător. Utilizatorii și cumpărătorii îl aplică furnizorilor lor."),
        "uk": ("Принцип «платить роботодавець»", "Жоден працівник не повинен платити за роботу: витрати на набір несе роботодавець, а не працівник. Користувачі робочої сили та покупці застосовують цей принцип до своїх постачальників."),
    },
    "recruitment-fees-and-related-costs": {
        "pl": ("Opłaty rekrutacyjne i koszty powiązane (MOP)", "Definicja MOP tego, czym nie wolno obciążać pracowników: opłaty rekrutacyjne (za usługi rekrutacji i pośrednictwa, ogłoszenia, wyszukiwanie i wybór pracowników) oraz koszty powiązane: badania lekarskie, ubezpieczenie, testy umiejętności, szkolenia, sprzęt, podróż i zakwaterowanie oraz koszty administracyjne, jak wizy, paszporty i zezwolenia na pracę."),
        "ro": ("Taxe de recrutare și costuri conexe (OIM)", "Definiția OIM a ceea ce nu li se poate cere lucrătorilor: taxe de recrutare (servicii de recrutare și plasare, publicitate, găsirea și selectarea lucrătorilor) și costuri conexe: medicale, asigurare, teste de competențe, instruire, echipament, călătorie și cazare, și costuri administrative precum vize, pașapoarte și permise de muncă."),
        "uk": ("Плата за працевлаштування та пов’язані витрати (МОП)", "Визначення МОП того, що не можна стягувати з працівників: плата за набір (послуги з набору й працевлаштування, оголошення, пошук і відбір працівників) та пов’язані витрати: медичні, страхування, перевірка навичок, навчання, спорядження, дорога і житло, а також адміністративні витрати, як-от візи, паспорти й дозволи на роботу."),
    },
    "due-diligence": {
        "pl": ("Należyta staranność", "Sprawdzenie przez użytkownika pracy lub nabywcę, przed umową i w jej trakcie, czy dostawca ma licencję i uczciwie traktuje pracowników: sprawdzanie rejestru publicznego, śledzenie zmian i pytanie o opłaty pobierane od pracowników."),
        "ro": ("Diligență necesară", "Verificările pe care un utilizator sau cumpărător le face, înainte și în timpul unui contract, că furnizorul este licențiat și tratează corect lucrătorii: consultarea registrului public, urmărirea schimbărilor și întrebări despre taxele cerute lucrătorilor."),
        "uk": ("Належна перевірка", "Перевірки, які користувач робочої сили чи покупець робить до і під час договору, що постачальник має ліцензію і чесно ставиться до працівників: перегляд публічного реєстру, стеження за змінами та запитання про плату, яку стягують із працівників."),
    },
    "exclusion": {
        "pl": ("Wykluczenie", "Pominięcie dostawcy w zamówieniu publicznym z powodów takich jak przestępstwa dotyczące pracy, cofnięta licencja czy praca przymusowa. Urzędnicy ds. zamówień sprawdzają rejestr oraz dostawców, którym odmówiono licencji lub ją cofnięto."),
        "ro": ("Excludere", "Eliminarea unui furnizor dintr-un contract public din motive precum infracțiuni privind munca, o licență revocată sau muncă forțată. Responsabilii de achiziții verifică registrul și furnizorii refuzați sau revocați înainte de atribuire."),
        "uk": ("Виключення", "Недопущення постачальника до державного контракту через такі підстави, як порушення трудового законодавства, відкликана ліцензія чи примусова праця. Фахівці із закупівель перевіряють реєстр і постачальників з відмовою чи відкликаною ліцензією."),
    },
}


def add_terms(apps, schema_editor):
    GlossaryTerm = apps.get_model("public_site", "GlossaryTerm")
    GlossaryTranslation = apps.get_model("public_site", "GlossaryTranslation")
    terms = {}
    for slug, (term, definition, _related) in TERMS.items():
        # A term an editor already wrote (the demo's, say) keeps its wording.
        terms[slug], _created = GlossaryTerm.objects.update_or_create(
            term=term, defaults={"slug": slug}
        )
        if not terms[slug].definition:
            terms[slug].definition = f"<p>{definition}</p>"
            terms[slug].save()
    # Related terms relate both ways; the historical model is no cluster, so its parental
    # many-to-many is written through its table.
    Related = GlossaryTerm.related.through
    pairs = {
        (terms[slug].pk, terms[other].pk)
        for slug, (_term, _definition, related) in TERMS.items()
        for other in related
    }
    pairs |= {(b, a) for a, b in pairs}
    Related.objects.bulk_create(
        [Related(from_glossaryterm_id=a, to_glossaryterm_id=b) for a, b in sorted(pairs)],
        ignore_conflicts=True,
    )
    for slug, languages in TRANSLATIONS.items():
        for language, (term, definition) in languages.items():
            GlossaryTranslation.objects.update_or_create(
                glossary_term=terms[slug],
                language=language,
                defaults={"term": term, "definition": definition, "translators_note": NOTE},
            )


def remove_terms(apps, schema_editor):
    GlossaryTerm = apps.get_model("public_site", "GlossaryTerm")
    GlossaryTerm.objects.filter(slug__in=TERMS).delete()


class Migration(migrations.Migration):
    dependencies = [("public_site", "0003_glossary_translations_and_related_terms")]

    operations = [migrations.RunPython(add_terms, remove_terms)]
