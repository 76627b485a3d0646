from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from django.views.decorators.csrf import csrf_exempt
from django.views.i18n import set_language
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls

from config.health import healthz

# Plain Django URLs come before Wagtail's catch-all, which serves the editors' pages.
urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("django-admin/", admin.site.urls),
    path("admin/", include(wagtailadmin_urls)),
    # The language switcher is on every public page, cacheable pages included, which must not
    # set a per-visitor CSRF cookie; a forged switch changes only the visitor's language.
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
