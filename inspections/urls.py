from django.urls import path

from inspections import views

app_name = "inspections"

urlpatterns = [
    path("", views.inspection_list, name="list"),
    path("schedule/", views.inspection_schedule, name="schedule"),
    path("risk/", views.risk_queue, name="risk_queue"),
    path("standards/", views.standards, name="standards"),
    path("standards/editions/new/", views.edition_copy, name="edition_copy"),
    path("standards/editions/<int:pk>/publish/", views.edition_publish, name="edition_publish"),
    path("concerns/", views.concern_list, name="concerns"),
    path("concerns/<str:reference>/", views.concern_detail, name="concern"),
    path(
        "concerns/<str:reference>/fee-violations/new/",
        views.concern_violation_new,
        name="concern_violation_new",
    ),
    path("concerns/<str:reference>/<slug:action>/", views.concern_action, name="concern_action"),
    path("fee-violations/", views.violation_list, name="violations"),
    path("fee-violations/<int:pk>/", views.violation_detail, name="violation"),
    path("fee-violations/<int:pk>/order/", views.violation_order, name="violation_order"),
    path(
        "fee-violations/<int:pk>/repayments/",
        views.violation_repayment,
        name="violation_repayment",
    ),
    path(
        "fee-violations/<int:pk>/repayments/<int:repayment_pk>/confirm/",
        views.repayment_confirm,
        name="repayment_confirm",
    ),
    path("<str:reference>/", views.inspection_detail, name="detail"),
    path("<str:reference>/start/", views.inspection_start, name="start"),
    path("<str:reference>/visit/", views.inspection_visit, name="visit"),
    path("<str:reference>/section/<int:number>/", views.inspection_section, name="section"),
    path(
        "<str:reference>/attachments/<int:pk>/",
        views.attachment_download,
        name="attachment",
    ),
    path("<str:reference>/submit/", views.inspection_submit, name="submit"),
    path("<str:reference>/review/", views.inspection_review, name="review"),
    path("<str:reference>/cancel/", views.inspection_cancel, name="cancel"),
    path("<str:reference>/reassign/", views.inspection_reassign, name="reassign"),
    path(
        "<str:reference>/apply-conditions/",
        views.inspection_apply_conditions,
        name="apply_conditions",
    ),
    path("<str:reference>/report.pdf", views.inspection_pdf, name="pdf"),
    path("<str:reference>/fee-violations/new/", views.violation_new, name="violation_new"),
]
