from django.urls import path

from public_site import eligibility, languages, remedy, views

app_name = "public_site"

urlpatterns = [
    path("language/", languages.switch_language, name="switch_language"),
    path("register/", views.register_search, name="register"),
    path("register/refused-and-revoked/", views.refused_and_revoked, name="refused_and_revoked"),
    path("register/statistics/", views.statistics, name="statistics"),
    path("register/watch/", views.watch, name="watch"),
    path("register/watch/requested/", views.watch_requested, name="watch_requested"),
    path("register/watch/confirm/<str:token>/", views.watch_confirm, name="watch_confirm"),
    path("register/watch/manage/<str:token>/", views.watch_manage, name="watch_manage"),
    path("register/<str:urn>/", views.licence_detail, name="licence"),
    path("register/<str:urn>/record.pdf", views.licence_record, name="licence_record"),
    path("verify/", views.verify_form, name="verify_form"),
    path("verify/offline/", views.verify_offline, name="verify_offline"),
    path("verify/<str:code>/", views.verify, name="verify"),
    path(".well-known/licence-keys.json", views.licence_keys, name="licence_keys"),
    path("do-i-need-a-licence/", eligibility.eligibility, name="eligibility"),
    path("report/", views.report, name="report"),
    path("report/sent/", views.report_sent, name="report_sent"),
    path("report/follow-up/", views.report_follow_up, name="report_follow_up"),
    path("report/mailbox/", remedy.mailbox, name="report_mailbox"),
    path("repaid/", remedy.repaid, name="repaid"),
]
