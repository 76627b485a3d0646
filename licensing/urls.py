from django.urls import path

from licensing import pdf_views, views

app_name = "office"

urlpatterns = [
    path("", views.workbench, name="workbench"),
    path("sign-in/", views.SignInView.as_view(), name="sign_in"),
    path("sign-out/", views.SignOutView.as_view(), name="sign_out"),
    path("applications/<str:reference>/", views.application_detail, name="application"),
    path(
        "applications/<str:reference>/assign/",
        views.application_assign,
        name="application_assign",
    ),
    path(
        "applications/<str:reference>/messages/",
        views.application_message,
        name="application_message",
    ),
    path(
        "applications/<str:reference>/payments/request/",
        views.payment_request,
        name="payment_request",
    ),
    path(
        "applications/<str:reference>/payments/<str:payment_reference>/received/",
        views.payment_received,
        name="payment_received",
    ),
    path(
        "applications/<str:reference>/<slug:action>/",
        views.application_action,
        name="application_action",
    ),
    path("documents/<int:pk>/", views.document_download, name="document"),
    path("decisions/<int:pk>/appeals/", views.appeal_lodge, name="appeal_lodge"),
    path("appeals/<int:pk>/outcome/", views.appeal_decide, name="appeal_decide"),
    path("licences/", views.licences, name="licences"),
    path("licences/<str:urn>/", views.licence_detail, name="licence"),
    path(
        "licences/<str:urn>/conditions/<int:pk>/",
        views.condition_outcome,
        name="condition_outcome",
    ),
    path("licences/<str:urn>/<slug:action>/", views.licence_action, name="licence_action"),
    path("providers/", views.providers, name="providers"),
    path("providers/<int:pk>/", views.provider_detail, name="provider"),
    path("licences/<str:urn>/certificate.pdf", pdf_views.certificate_pdf, name="certificate_pdf"),
    path(
        "applications/<str:reference>/decision-letter.pdf",
        pdf_views.decision_letter_pdf,
        name="decision_letter_pdf",
    ),
    path(
        "decisions/<int:pk>/notice.pdf",
        pdf_views.revocation_notice_pdf,
        name="revocation_notice_pdf",
    ),
]
