from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.shortcuts import redirect
from django.templatetags.static import static as static_url
from django.urls import include, path
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET
from django.views.generic import RedirectView
from django.views.i18n import set_language
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls

from config.health import healthz
from config.mailbox import mailbox
from public_site.views import glossary_json


@require_GET
def favicon(request):
    """Browsers ask for /favicon.ico where a page names no icon (the Wagtail admin, files)."""
    return redirect(static_url("favicon.ico"))


# Plain Django URLs come before Wagtail's catch-all, which serves the editors' pages.
urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("favicon.ico", favicon),
    path("dev/mailbox/", mailbox, name="dev_mailbox"),
    path("dev/mailbox/<str:mail_id>/", mailbox, name="dev_mail"),
    # One sign-in form for everybody (allauth's: rate limits, second factor); the admins'
    # own sign-in pages send people to it.
    path("accounts/", include("allauth.urls")),
    path(
        "django-admin/login/", RedirectView.as_view(pattern_name="account_login", query_string=True)
    ),
    path("admin/login/", RedirectView.as_view(pattern_name="account_login", query_string=True)),
    path("django-admin/", admin.site.urls),
    path("admin/", include(wagtailadmin_urls)),
    # Without a CSRF token, so that public pages (which all carry the language switcher) set
    # no cookie and can be cached whole; forging it could only change a visitor's language.
    path("i18n/setlang/", csrf_exempt(set_language), name="set_language"),
    path("office/", include("office.urls")),
    path("portal/", include("portal.urls")),
    # The glossary is the public site's, served beside the API (before its JSON 404).
    path("api/v1/glossary", glossary_json, name="glossary_json"),
    # Before public_site: /register/bulk-check/ must not be read as a licence number.
    path("", include("api.urls")),
    path("", include("public_site.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# The editors' pages in every language: /pl/… for Polish, no prefix for English.
urlpatterns += i18n_patterns(path("", include(wagtail_urls)), prefix_default_language=False)
