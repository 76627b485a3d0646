from django.conf import settings


def site(request):
    return {"REGULATOR_NAME": settings.REGULATOR_NAME, "SITE_URL": settings.SITE_URL}
