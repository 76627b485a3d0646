"""Demo pages in Polish, Romanian and Ukrainian: translated copies of the English pages
(as an editor makes them with wagtail-localize), with translated titles, introductions and,
for news, bodies. Machine-drafted; a native speaker reviews them before real use."""

from wagtail.models import Locale, Page
from wagtail.rich_text import RichText

LANGUAGES = ("pl", "ro", "uk")

# English wording → its Polish, Romanian and Ukrainian drafts.
WORDS = {
    "Check a labour provider's licence": (
        "Sprawdź licencję dostawcy pracowników",
        "Verificați licența unui furnizor de forță de muncă",
        "Перевірте ліцензію постачальника робочої сили",
    ),
    "We license the businesses that supply workers to farms, packhouses, shellfish beds and "
    "food factories, and we stop the ones that exploit them.": (
        "Licencjonujemy firmy dostarczające pracowników do gospodarstw, pakowni, łowisk "
        "skorupiaków i zakładów spożywczych oraz powstrzymujemy te, które ich wykorzystują.",
        "Licențiem firmele care furnizează lucrători fermelor, stațiilor de ambalare, zonelor "
        "de cules crustacee și fabricilor de alimente și le oprim pe cele care îi exploatează.",
        "Ми ліцензуємо компанії, що постачають працівників на ферми, пакувальні цехи, промисли "
        "молюсків і харчові фабрики, та зупиняємо тих, хто їх експлуатує.",
    ),
    "For employers and labour users": (
        "Dla pracodawców i użytkowników pracy",
        "Pentru angajatori și utilizatori de forță de muncă",
        "Для роботодавців і користувачів робочої сили",
    ),
    "Check that the labour providers you use are licensed, and keep checking.": (
        "Sprawdzaj, czy Twoi dostawcy pracowników mają licencję, i sprawdzaj to stale.",
        "Verificați că furnizorii pe care îi folosiți sunt licențiați și verificați mereu.",
        "Перевіряйте, чи мають ваші постачальники ліцензію, і робіть це постійно.",
    ),
    "For labour providers": (
        "Dla dostawców pracowników",
        "Pentru furnizorii de forță de muncă",
        "Для постачальників робочої сили",
    ),
    "Apply for a licence, renew it every year and tell us about changes.": (
        "Złóż wniosek o licencję, odnawiaj ją co roku i informuj nas o zmianach.",
        "Solicitați o licență, reînnoiți-o anual și anunțați-ne despre schimbări.",
        "Подайте заяву на ліцензію, поновлюйте її щороку та повідомляйте нас про зміни.",
    ),
    "For workers": ("Dla pracowników", "Pentru lucrători", "Для працівників"),
    "Your rights when you work through a labour provider, and how to get help.": (
        "Twoje prawa, gdy pracujesz przez dostawcę pracowników, i jak uzyskać pomoc.",
        "Drepturile dumneavoastră când lucrați printr-un furnizor și cum primiți ajutor.",
        "Ваші права, коли ви працюєте через постачальника, і як отримати допомогу.",
    ),
    "News": ("Aktualności", "Noutăți", "Новини"),
    "News from the regulator.": (
        "Aktualności od organu.",
        "Noutăți de la autoritate.",
        "Новини від регулятора.",
    ),
    "Licensing standards: what changes this year": (
        "Standardy licencyjne: co zmienia się w tym roku",
        "Standardele de licențiere: ce se schimbă anul acesta",
        "Ліцензійні стандарти: що змінюється цього року",
    ),
    "We have clarified how we assess accommodation and transport safety.": (
        "Doprecyzowaliśmy, jak oceniamy bezpieczeństwo zakwaterowania i transportu.",
        "Am clarificat cum evaluăm siguranța cazării și a transportului.",
        "Ми уточнили, як оцінюємо безпеку житла та транспорту.",
    ),
    "Shellfish gathering: safety campaign on the coast": (
        "Zbiór skorupiaków: kampania bezpieczeństwa na wybrzeżu",
        "Culesul crustaceelor: campanie de siguranță pe coastă",
        "Збирання молюсків: кампанія з безпеки на узбережжі",
    ),
    "Inspectors visited cockle beds with the coastguard to check workers' safety.": (
        "Inspektorzy odwiedzili łowiska sercówek ze strażą przybrzeżną, by sprawdzić "
        "bezpieczeństwo pracowników.",
        "Inspectorii au vizitat zonele de cules scoici cu paza de coastă pentru a verifica "
        "siguranța lucrătorilor.",
        "Інспектори разом із береговою охороною відвідали промисли молюсків, щоб перевірити "
        "безпеку працівників.",
    ),
    "New: get an email when a provider's licence changes": (
        "Nowość: e-mail, gdy zmienia się licencja dostawcy",
        "Nou: primiți un e-mail când se schimbă licența unui furnizor",
        "Нове: отримуйте лист, коли змінюється ліцензія постачальника",
    ),
    "Employers can now watch the providers they use, without an account.": (
        "Pracodawcy mogą teraz obserwować swoich dostawców bez zakładania konta.",
        "Angajatorii pot urmări acum furnizorii pe care îi folosesc, fără cont.",
        "Роботодавці тепер можуть стежити за своїми постачальниками без облікового запису.",
    ),
    "Glossary": ("Słowniczek", "Glosar", "Глосарій"),
    "The words used on this site and in licensing, explained.": (
        "Wyjaśnienie słów używanych na tej stronie i w licencjonowaniu.",
        "Cuvintele folosite pe acest site și în licențiere, explicate.",
        "Пояснення слів, що вживаються на сайті та в ліцензуванні.",
    ),
    "Contact us": ("Kontakt", "Contactați-ne", "Зв’язатися з нами"),
    "Questions about licensing, the register or a concern you reported.": (
        "Pytania o licencjonowanie, rejestr lub zgłoszony problem.",
        "Întrebări despre licențiere, registru sau o problemă semnalată.",
        "Питання про ліцензування, реєстр або повідомлену вами проблему.",
    ),
}


def _translated(text: str, index: int) -> str:
    wording = WORDS.get(" ".join(text.split()))
    return wording[index] if wording else text


def translate_pages(home: Page, stdout) -> int:
    """Publish a translated copy of the home page and every page under it in each of
    LANGUAGES; returns how many were made."""
    made = 0
    pages = [home.specific, *(p.specific for p in home.get_descendants().order_by("path"))]
    for index, language in enumerate(LANGUAGES):
        locale, _created = Locale.objects.get_or_create(language_code=language)
        for page in pages:
            if page.get_translation_or_none(locale) is not None:
                continue
            copy = page.copy_for_translation(locale).specific
            copy.title = _translated(page.title, index)
            intro = getattr(page, "intro", "")
            if intro:
                plain = intro.removeprefix("<p>").removesuffix("</p>")
                text = _translated(plain, index)
                copy.intro = f"<p>{text}</p>" if intro.startswith("<p>") else text
            if page.__class__.__name__ == "NewsPage":
                copy.body = [("paragraph", RichText(f"<p>{_translated(page.intro, index)}</p>"))]
            copy.save_revision().publish()
            made += 1
    stdout.write(f"  {made} translated pages ({', '.join(LANGUAGES)})")
    return made
