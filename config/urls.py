from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from django.views.decorators.csrf import csrf_exempt
from django.views.generic import RedirectView
from django.views.i18n import set_language
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls

from config.health import healthz

# Plain Django URLs come before Wagtail's catch-all, which serves the editors' pages.
urlpatterns = [
    path("healthz", healthz, name="healthz"),
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
    # Before public_site: /register/bulk-check/ must not be read as a licence number.
    path("", include("api.urls")),
    path("", include("public_site.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += [path("", include(wagtail_urls))]
