"""The public site: pages editors maintain in Wagtail, and employers' watches on providers.

Licence data is never stored in pages: the register views read it from the licensing
models. Pages hold the words around it (guidance, news, the glossary, contact details).
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index
from wagtail.snippets.models import register_snippet

from core.limits import LONG_TEXT, SHORT_TEXT


class CalloutBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("heading"))
    text = blocks.RichTextBlock(label=_("text"), features=["bold", "italic", "link", "ul", "ol"])

    class Meta:
        icon = "warning"
        label = _("Important information")
        template = "public_site/blocks/callout.html"


class LinkBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("link text"))
    page = blocks.PageChooserBlock(label=_("page"), required=False)
    url = blocks.CharBlock(
        label=_("or an address"),
        required=False,
        help_text=_("For example /register/ or https://…"),
    )
    description = blocks.TextBlock(label=_("description"), required=False)

    class Meta:
        icon = "link"
        label = _("Link")

    def clean(self, value):
        value = super().clean(value)
        if not value.get("page") and not value.get("url"):
            raise blocks.StructBlockValidationError(
                block_errors={"url": ValidationError(_("Choose a page or give an address."))}
            )
        return value


class BodyBlock(blocks.StreamBlock):
    heading = blocks.CharBlock(
        label=_("section heading"), form_classname="title", template="public_site/blocks/h2.html"
    )
    paragraph = blocks.RichTextBlock(
        label=_("text"), features=["h3", "bold", "italic", "link", "ol", "ul"]
    )
    callout = CalloutBlock()
    links = blocks.ListBlock(
        LinkBlock(), label=_("list of links"), template="public_site/blocks/links.html"
    )


class HomePage(Page):
    """The front page: the register search and the ways into the site."""

    intro = RichTextField(
        _("introduction"), blank=True, features=["bold", "italic", "link"], max_length=LONG_TEXT
    )
    body = StreamField(BodyBlock(), verbose_name=_("body"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    max_count = 1
    subpage_types = [
        "public_site.StandardPage",
        "public_site.NewsIndexPage",
        "public_site.ContactPage",
        "public_site.GlossaryPage",
    ]

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        from public_site.forms import RegisterSearchForm

        context = super().get_context(request, *args, **kwargs)
        context["search_form"] = RegisterSearchForm()
        return context


class StandardPage(Page):
    """Guidance and other editorial pages (for employers, agencies, workers, …)."""

    class Audience(models.TextChoices):
        EVERYONE = "everyone", _("Everyone")
        EMPLOYERS = "employers", _("Employers and labour users")
        AGENCIES = "agencies", _("Labour providers")
        WORKERS = "workers", _("Workers")

    audience = models.CharField(
        _("audience"), max_length=20, choices=Audience.choices, default=Audience.EVERYONE
    )
    intro = models.TextField(
        _("summary"), blank=True, help_text=_("One or two sentences."), max_length=LONG_TEXT
    )
    body = StreamField(BodyBlock(), verbose_name=_("body"), blank=True)

    content_panels = Page.content_panels + [
        FieldPanel("audience"),
        FieldPanel("intro"),
        FieldPanel("body"),
    ]
    search_fields = Page.search_fields + [index.SearchField("intro"), index.SearchField("body")]
    subpage_types = ["public_site.StandardPage"]

    class Meta:
        verbose_name = _("guidance page")


class NewsIndexPage(Page):
    intro = models.TextField(_("introduction"), blank=True, max_length=LONG_TEXT)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    subpage_types = ["public_site.NewsPage"]
    max_count = 1

    class Meta:
        verbose_name = _("news index")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        news = NewsPage.objects.live().public().child_of(self).order_by("-date", "-pk")
        context["news"] = Paginator(news, 10).get_page(request.GET.get("page"))
        return context


class NewsPage(Page):
    date = models.DateField(_("date"), default=timezone.localdate)
    intro = models.TextField(_("summary"), blank=True, max_length=LONG_TEXT)
    body = StreamField(BodyBlock(), verbose_name=_("body"), blank=True)

    content_panels = Page.content_panels + [
        FieldPanel("date"),
        FieldPanel("intro"),
        FieldPanel("body"),
    ]
    search_fields = Page.search_fields + [index.SearchField("intro"), index.SearchField("body")]
    parent_page_types = ["public_site.NewsIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("news item")


class ContactPage(Page):
    """Shows the contact details from the site settings, with editable text around them."""

    intro = models.TextField(_("introduction"), blank=True, max_length=LONG_TEXT)
    body = StreamField(BodyBlock(), verbose_name=_("body"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    subpage_types = []
    max_count = 1

    class Meta:
        verbose_name = _("contact page")


class GlossaryPage(Page):
    intro = models.TextField(_("introduction"), blank=True, max_length=LONG_TEXT)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    subpage_types = []
    max_count = 1

    class Meta:
        verbose_name = _("glossary page")

    # Its terms come from the glossary_terms tag: public_site.glossary reads these models.


# The languages the public site speaks, and so those a glossary term can be translated into.
GLOSSARY_LANGUAGES = settings.LANGUAGES


@register_snippet
class GlossaryTerm(index.Indexed, ClusterableModel):
    """A term workers, employers, buyers and agencies meet on the site, explained in plain
    words: the common dictionary. The term and definition here are English; translations
    are ``GlossaryTranslation`` rows, one per language."""

    term = models.CharField(_("term"), max_length=120, unique=True)
    slug = models.SlugField(
        _("identifier"),
        max_length=80,
        unique=True,
        null=True,
        blank=True,
        help_text=_("Stable: pages link to it and the API names the term by it."),
    )
    definition = RichTextField(
        _("definition"), features=["bold", "italic", "link", "ul"], max_length=LONG_TEXT
    )
    related = ParentalManyToManyField("self", blank=True, verbose_name=_("related terms"))

    panels = [
        FieldPanel("term"),
        FieldPanel("slug"),
        FieldPanel("definition"),
        FieldPanel("related"),
        InlinePanel("translations", label=_("translations")),
    ]
    search_fields = [index.SearchField("term"), index.AutocompleteField("term")]

    class Meta:
        ordering = ["term"]
        verbose_name = _("glossary term")
        verbose_name_plural = _("glossary terms")

    def __str__(self):
        return self.term

    @property
    def anchor(self) -> str:
        from django.utils.text import slugify

        return self.slug or slugify(self.term)


class GlossaryTranslation(models.Model):
    """A glossary term and its definition in one language other than English."""

    glossary_term = ParentalKey(GlossaryTerm, on_delete=models.CASCADE, related_name="translations")
    language = models.CharField(_("language"), max_length=8, choices=GLOSSARY_LANGUAGES[1:])
    term = models.CharField(_("term"), max_length=160)
    definition = models.TextField(_("definition"), max_length=LONG_TEXT)
    translators_note = models.CharField(
        _("translators' note"),
        max_length=300,
        blank=True,
        help_text=_("For example: machine-drafted, to be reviewed by a native speaker."),
    )

    panels = [
        FieldPanel("language"),
        FieldPanel("term"),
        FieldPanel("definition"),
        FieldPanel("translators_note"),
    ]

    class Meta:
        ordering = ["language"]
        constraints = [
            models.UniqueConstraint(
                fields=["glossary_term", "language"], name="one_glossary_translation_per_language"
            )
        ]
        verbose_name = _("glossary translation")
        verbose_name_plural = _("glossary translations")

    def __str__(self):
        return f"{self.term} ({self.language})"


@register_setting(icon="site")
class PublicSiteSettings(BaseGenericSetting):
    """Words and contact details shown across the public site."""

    register_introduction = RichTextField(
        _("register introduction"),
        blank=True,
        features=["bold", "italic", "link"],
        help_text=_("Shown above the register search."),
        max_length=LONG_TEXT,
    )
    contact_email = models.EmailField(_("contact email"), blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=40, blank=True)
    contact_hours = models.CharField(
        _("opening hours"),
        max_length=120,
        blank=True,
        help_text=_("For example Monday to Friday, 9am to 5pm."),
    )
    contact_address = models.TextField(_("postal address"), blank=True, max_length=SHORT_TEXT)
    confidential_line = models.CharField(
        _("confidential reporting line"),
        max_length=40,
        blank=True,
        help_text=_("A phone number workers can call to report a concern."),
    )

    panels = [
        FieldPanel("register_introduction"),
        MultiFieldPanel(
            [
                FieldPanel("contact_email"),
                FieldPanel("contact_phone"),
                FieldPanel("contact_hours"),
                FieldPanel("contact_address"),
                FieldPanel("confidential_line"),
            ],
            heading=_("Contact details"),
        ),
    ]

    class Meta:
        verbose_name = _("public site")
