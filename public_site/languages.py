"""The language switch: Django's ``set_language`` (the cookie, the safe redirect), sending
the reader to the same editors' page in the new language when it has been translated, and
to the page in English when it has not."""

from urllib.parse import urlsplit

from django.conf import settings
from django.middleware.locale import LocaleMiddleware
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST
from django.views.i18n import set_language
from wagtail.models import Locale, Page, Site


def _page_at(request, path: str) -> Page | None:
    """The live editors' page at a path (with or without a language prefix), if any."""
    parts = [part for part in path.split("/") if part]
    codes = {code for code, _name in settings.LANGUAGES}
    language = settings.LANGUAGE_CODE
    if parts and parts[0] in codes:
        language, parts = parts[0], parts[1:]
    site = Site.find_for_request(request)
    if site is None:
        return None
    root = site.root_page
    locale = Locale.objects.filter(language_code=language).first()
    if locale is not None:
        root = root.get_translation_or_none(locale) or root
    url_path = root.url_path + "".join(f"{part}/" for part in parts)
    return Page.objects.live().filter(url_path=url_path).first()


# Exempt: the switcher is on every public page, which are cached whole and so must not set a
# per-visitor CSRF cookie; a forged switch changes only the visitor's own language.
@csrf_exempt
@require_POST
def switch_language(request):
    response = set_language(request)
    language = request.POST.get("language", "")
    next_path = urlsplit(request.POST.get("next", "")).path
    if response.status_code != 302 or not next_path or language not in dict(settings.LANGUAGES):
        return response
    page = _page_at(request, next_path)
    if page is not None:
        locale = Locale.objects.filter(language_code=language).first()
        translated = page.get_translation_or_none(locale) if locale is not None else None
        if translated is None or not translated.live:
            translated = page.get_translation_or_none(Locale.get_default()) or page
        if translated.url:
            response["Location"] = translated.url
    return response


class ReaderLanguageMiddleware(LocaleMiddleware):
    """Django's LocaleMiddleware, except that an address without a language prefix is in the
    reader's language (their choice, else their browser's) rather than always English: with
    the editors' pages under ``i18n_patterns`` (English unprefixed), Django would otherwise
    show the register, the report form and the portal, which have no prefix, in English to
    everybody. An editors' page addressed without a prefix in another language redirects
    to the prefixed address."""

    def process_request(self, request):
        translation.activate(translation.get_language_from_request(request, check_path=True))
        request.LANGUAGE_CODE = translation.get_language()

    def process_response(self, request, response):
        # An editors' page asked for without a prefix by a reader of another language (a
        # link to "/", an x-default link): its address in their language.
        language = translation.get_language()
        if (
            response.status_code == 404
            and getattr(request, "resolver_match", None) is None
            and language != settings.LANGUAGE_CODE
            and not translation.get_language_from_path(request.path_info)
        ):
            path = f"/{language}{request.get_full_path()}"
            redirect = self.response_redirect_class(path)
            patch_vary_headers(redirect, ("Accept-Language", "Cookie"))
            return redirect
        return super().process_response(request, response)
