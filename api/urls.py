from django.urls import path, re_path

from api import exclusions, statistics, views
from api.api import api

urlpatterns = [
    path("api/v1/", api.urls),
    # Anything else under /api/v1/ (even a path with a newline in it) gets a JSON 404.
    re_path(r"^api/v1/", views.api_not_found),
    path("open-data/", views.open_data, name="open_data"),
    path("open-data/register.csv", views.open_data_csv, name="open_data_csv"),
    path("open-data/register.json", views.open_data_json, name="open_data_json"),
    path("open-data/exclusions/", exclusions.exclusions_dictionary, name="open_data_exclusions"),
    path("open-data/exclusions.csv", exclusions.exclusions_csv, name="open_data_exclusions_csv"),
    path("open-data/exclusions.json", exclusions.exclusions_json, name="open_data_exclusions_json"),
    path("open-data/statistics.csv", statistics.statistics_csv, name="open_data_statistics_csv"),
    path("open-data/statistics.json", statistics.statistics_json, name="open_data_statistics_json"),
    path("register/bulk-check/", views.bulk_check, name="bulk_check"),
    path(
        "register/bulk-check/<str:token>/results.<str:kind>",
        views.bulk_check_download,
        name="bulk_check_download",
    ),
]
