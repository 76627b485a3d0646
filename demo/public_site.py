"""Demo content for the public site: the home page as the site root, guidance for employers,
agencies and workers, news, contact details, the glossary, and an employer who confirmed
watches on two licensed providers."""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from wagtail.models import Page, Site
from wagtail.rich_text import RichText

from demo.translations import translate_pages
from licensing.models import Licence
from public_register.services import watch_confirm, watch_request
from public_site.models import (
    ContactPage,
    GlossaryPage,
    GlossaryTerm,
    HomePage,
    NewsIndexPage,
    NewsPage,
    PublicSiteSettings,
    StandardPage,
)

GUIDANCE = [
    (
        "For employers and labour users",
        "employers",
        "Check that the labour providers you use are licensed, and keep checking.",
        [
            ("heading", "Check before you use a provider"),
            (
                "paragraph",
                "<p>Using an unlicensed labour provider in the licensed sectors is an offence. "
                'Search the <a href="/register/">public register</a> by name, licence number '
                "or company number before you agree to use a provider, and keep the printable "
                "record with your files.</p>",
            ),
            ("heading", "Keep checking"),
            (
                "paragraph",
                "<p>A licence can be suspended or revoked at any time. "
                '<a href="/register/watch/">Watch the providers you use</a> and we will email '
                "you when their licence changes. A certificate on paper can be out of date: "
                '<a href="/verify/">verify its code</a> against the live register.</p>',
            ),
            (
                "callout",
                {
                    "heading": "Signs that something is wrong",
                    "text": RichText(
                        "<ul><li>workers who do not hold their own passports</li>"
                        "<li>several workers giving the same address or bank account</li>"
                        "<li>workers who say they paid to get the job</li></ul>"
                    ),
                },
            ),
        ],
    ),
    (
        "For labour providers",
        "agencies",
        "Apply for a licence, renew it every year and tell us about changes.",
        [
            ("heading", "Who needs a licence"),
            (
                "paragraph",
                "<p>You need a licence to supply workers in agriculture, horticulture, "
                "shellfish gathering, and food and drink processing and packaging, including "
                "if you are based abroad and supply workers into the country.</p>",
            ),
            ("heading", "Applying and renewing"),
            (
                "paragraph",
                '<p>Apply and renew in the <a href="/portal/">agency portal</a>. The fee '
                "depends on your turnover and must be paid before we assess your application. "
                "Licences last one year; we remind your Principal Authority six and three "
                "weeks before expiry.</p>",
            ),
            (
                "paragraph",
                "<p>Tell us within 20 working days about changes such as a new address, new "
                "directors or a new Principal Authority.</p>",
            ),
        ],
    ),
    (
        "For workers",
        "workers",
        "Your rights when you work through a labour provider, and how to get help.",
        [
            ("heading", "You should never pay for a job"),
            (
                "paragraph",
                "<p>A labour provider must not charge you a fee for finding you work, and must "
                "not make work depend on you buying other services, such as transport or "
                "housing.</p>",
            ),
            ("heading", "Your rights"),
            (
                "paragraph",
                "<ul><li>at least the minimum wage, with an itemised payslip</li>"
                "<li>keeping your own passport and identity documents</li>"
                "<li>safe transport and accommodation</li>"
                "<li>leaving the job when you want to</li></ul>",
            ),
            (
                "callout",
                {
                    "heading": "Tell us, in your language",
                    "text": RichText(
                        '<p>You can <a href="/report/">report a concern</a> in English, Polish, '
                        "Romanian or Russian. You do not need to give your name.</p>"
                    ),
                },
            ),
        ],
    ),
]

NEWS = [
    (
        "Licensing standards: what changes this year",
        45,
        "We have clarified how we assess accommodation and transport safety.",
    ),
    (
        "Shellfish gathering: safety campaign on the coast",
        20,
        "Inspectors visited cockle beds with the coastguard to check workers' safety.",
    ),
    (
        "New: get an email when a provider's licence changes",
        3,
        "Employers can now watch the providers they use, without an account.",
    ),
]


def _paragraphs(blocks):
    return [(kind, RichText(value) if kind == "paragraph" else value) for kind, value in blocks]


@transaction.atomic
def seed(*, rng, stdout):
    if HomePage.objects.exists():
        stdout.write("  the public site already has its pages")
        return
    root = Page.get_first_root_node()
    home = root.add_child(
        instance=HomePage(
            title="Check a labour provider's licence",
            slug="licensing-home",
            intro=RichText(
                "<p>We license the businesses that supply workers to farms, packhouses, "
                "shellfish beds and food factories, and we stop the ones that exploit them.</p>"
            ).source,
        )
    )
    site = Site.objects.filter(is_default_site=True).first()
    old_root = site.root_page if site is not None else None
    if site is None:
        site = Site(hostname="localhost", port=80, is_default_site=True)
    site.root_page = home
    site.site_name = "Labour Provider Licensing Authority"
    site.save()
    if old_root is not None and old_root.pk != home.pk:
        old_root.delete()
    home.refresh_from_db()

    for title, audience, intro, body in GUIDANCE:
        home.add_child(
            instance=StandardPage(
                title=title,
                audience=audience,
                intro=intro,
                body=_paragraphs(body),
                show_in_menus=True,
            )
        )
    news_index = home.add_child(
        instance=NewsIndexPage(title="News", intro="News from the regulator.", show_in_menus=True)
    )
    today = timezone.localdate()
    for title, days_ago, intro in NEWS:
        news_index.add_child(
            instance=NewsPage(
                title=title,
                date=today - timedelta(days=days_ago),
                intro=intro,
                body=[("paragraph", RichText(f"<p>{intro}</p>"))],
            )
        )
    home.add_child(
        instance=GlossaryPage(
            title="Glossary",
            intro="The words used on this site and in licensing, explained.",
            show_in_menus=True,
        )
    )
    home.add_child(
        instance=ContactPage(
            title="Contact us",
            intro="Questions about licensing, the register or a concern you reported.",
            show_in_menus=True,
        )
    )
    settings = PublicSiteSettings.load()
    settings.register_introduction = (
        "<p>Every labour provider in the licensed sectors must hold a licence. Search by name "
        "(spelling mistakes are fine), licence number or company number. Refused and revoked "
        "providers stay on the register.</p>"
    )
    settings.contact_email = "enquiries@regulator.example"
    settings.contact_phone = "0800 000 0000"
    settings.contact_hours = "Monday to Friday, 9am to 5pm"
    settings.contact_address = "Licensing team\n1 Example Street\nNottingham NG1 1AA"
    settings.confidential_line = "0800 000 0001"
    settings.save()

    translate_pages(home, stdout)

    watched = list(Licence.objects.in_force().order_by("urn").values_list("urn", flat=True)[:2])
    if watched:
        watches = watch_request(email="buyer@farm.example", urns=watched)
        watch_confirm(token=watches[0].confirmation_token)
    stdout.write(
        f"  home page, {len(GUIDANCE)} guidance pages, {len(NEWS)} news items, "
        f"{GlossaryTerm.objects.count()} glossary terms (from the migration), contact page"
    )
