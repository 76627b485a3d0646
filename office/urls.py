"""Every back-office URL (mounted at ``/office/``): one view per page and per step.

The paths are bookmarked by staff: keep them as they are.
"""

from django.urls import path

from office.views import (
    appeals,
    applications,
    auth,
    concerns,
    documents,
    exclusions,
    inspections,
    licences,
    payments,
    pdfs,
    people,
    providers,
    remedy,
    reviews,
    risk,
    standards,
    violations,
    workbench,
)

app_name = "office"

case = "applications/<str:reference>/"
licence = "licences/<str:urn>/"

urlpatterns = [
    path("", workbench.workbench, name="workbench"),
    path("sign-in/", auth.sign_in, name="sign_in"),
    path("sign-out/", auth.SignOutView.as_view(), name="sign_out"),
    # Cases.
    path(case, applications.application_detail, name="application"),
    path(f"{case}validate/", applications.validate, name="application_validate"),
    path(
        f"{case}start-assessment/",
        applications.start_assessment,
        name="application_start_assessment",
    ),
    path(f"{case}fast-track/", applications.fast_track, name="application_fast_track"),
    path(
        f"{case}require-inspection/",
        applications.require_inspection,
        name="application_require_inspection",
    ),
    path(f"{case}return/", applications.return_for_information, name="application_return"),
    path(f"{case}grant/", applications.grant, name="application_grant"),
    path(
        f"{case}grant-with-conditions/",
        applications.grant_with_conditions,
        name="application_grant_with_conditions",
    ),
    path(f"{case}refuse/", applications.refuse, name="application_refuse"),
    path(
        f"{case}waive-inspection/",
        applications.waive_inspection,
        name="application_waive_inspection",
    ),
    path(f"{case}withdraw/", applications.withdraw, name="application_withdraw"),
    path(f"{case}assign/", applications.assign, name="application_assign"),
    path(f"{case}messages/", applications.message, name="application_message"),
    path(f"{case}payments/request/", payments.payment_request, name="payment_request"),
    path(
        f"{case}payments/<str:payment_reference>/received/",
        payments.payment_received,
        name="payment_received",
    ),
    path(f"{case}decision-letter.pdf", pdfs.decision_letter_pdf, name="decision_letter_pdf"),
    path("documents/<int:pk>/", documents.document_download, name="document"),
    # Refusals, revocations and appeals.
    path("decisions/<int:pk>/appeals/", appeals.appeal_lodge, name="appeal_lodge"),
    path(
        "decisions/<int:pk>/exclusion-links/",
        exclusions.exclusion_links,
        name="exclusion_links",
    ),
    path("decisions/<int:pk>/notice.pdf", pdfs.revocation_notice_pdf, name="revocation_notice_pdf"),
    path("appeals/<int:pk>/outcome/", appeals.appeal_decide, name="appeal_decide"),
    # Licences.
    path("licences/", licences.licences, name="licences"),
    path(licence, licences.licence_detail, name="licence"),
    path(f"{licence}add-conditions/", licences.add_conditions, name="licence_add_conditions"),
    path(f"{licence}suspend/", licences.suspend, name="licence_suspend"),
    path(f"{licence}lift-suspension/", licences.lift_suspension, name="licence_lift_suspension"),
    path(f"{licence}revoke/", licences.revoke, name="licence_revoke"),
    path(f"{licence}expire/", licences.expire, name="licence_expire"),
    path(f"{licence}conditions/<int:pk>/", licences.condition_outcome, name="condition_outcome"),
    path("identity-reviews/<int:pk>/", reviews.identity_review, name="identity_review"),
    path(f"{licence}certificate.pdf", pdfs.certificate_pdf, name="certificate_pdf"),
    # Providers.
    path("providers/", providers.providers, name="providers"),
    path("providers/<int:pk>/", providers.provider_detail, name="provider"),
    path("roles/<int:pk>/authorise/", people.role_authorise, name="role_authorise"),
    path("roles/<int:pk>/refuse/", people.role_refuse, name="role_refuse"),
    path("roles/<int:pk>/end/", people.role_end, name="role_end"),
    path("person-matches/<int:pk>/", people.person_match, name="person_match"),
    # Inspections. The fixed paths come before inspections/<reference>/, which would take
    # any word as a reference.
    path("inspections/", inspections.inspection_list, name="inspections"),
    path("inspections/schedule/", inspections.inspection_schedule, name="inspection_schedule"),
    path("inspections/risk/", risk.risk_queue, name="risk_queue"),
    path("inspections/standards/", standards.standards, name="standards"),
    path("inspections/standards/editions/new/", standards.edition_copy, name="edition_copy"),
    path(
        "inspections/standards/editions/<int:pk>/publish/",
        standards.edition_publish,
        name="edition_publish",
    ),
    # Concerns.
    path("inspections/concerns/", concerns.concern_list, name="concerns"),
    path("inspections/concerns/<str:reference>/", concerns.concern_detail, name="concern"),
    path(
        "inspections/concerns/<str:reference>/review/",
        concerns.concern_review,
        name="concern_review",
    ),
    path(
        "inspections/concerns/<str:reference>/assess/",
        concerns.concern_assess,
        name="concern_assess",
    ),
    path(
        "inspections/concerns/<str:reference>/close/",
        concerns.concern_close,
        name="concern_close",
    ),
    path(
        "inspections/concerns/<str:reference>/inspect/",
        concerns.concern_open_inspection,
        name="concern_open_inspection",
    ),
    path(
        "inspections/concerns/<str:reference>/fee-violations/new/",
        violations.concern_violation_new,
        name="concern_violation_new",
    ),
    # Recruitment-fee violations.
    path("inspections/fee-violations/", violations.violation_list, name="violations"),
    path("inspections/fee-violations/<int:pk>/", violations.violation_detail, name="violation"),
    path(
        "inspections/fee-violations/<int:pk>/order/",
        violations.violation_order,
        name="violation_order",
    ),
    path(
        "inspections/fee-violations/<int:pk>/repayments/",
        violations.violation_repayment,
        name="violation_repayment",
    ),
    path(
        "inspections/fee-violations/<int:pk>/repayments/<int:repayment_pk>/confirm/",
        violations.repayment_confirm,
        name="repayment_confirm",
    ),
    # Remedy: the order letter, workers' slips, repayments the provider reported, mailboxes.
    path("inspections/fee-violations/<int:pk>/order.pdf", remedy.order_letter, name="order_letter"),
    path("inspections/fee-violations/<int:pk>/slips/", remedy.worker_slips, name="worker_slips"),
    path(
        "inspections/fee-violations/<int:pk>/repayments/<int:repayment_pk>/evidence/",
        remedy.repayment_evidence,
        name="repayment_evidence",
    ),
    path(
        "inspections/fee-violations/<int:pk>/repayments/<int:repayment_pk>/accept/",
        remedy.repayment_accept,
        name="repayment_accept",
    ),
    path(
        "inspections/fee-violations/<int:pk>/repayments/<int:repayment_pk>/query/",
        remedy.repayment_query,
        name="repayment_query",
    ),
    path("inspections/concerns/<str:reference>/ask/", remedy.concern_ask, name="concern_ask"),
    path(
        "inspections/concerns/<str:reference>/photos/<int:pk>/",
        remedy.concern_photo,
        name="concern_photo",
    ),
    # One inspection.
    path("inspections/<str:reference>/", inspections.inspection_detail, name="inspection"),
    path(
        "inspections/<str:reference>/start/",
        inspections.inspection_start,
        name="inspection_start",
    ),
    path(
        "inspections/<str:reference>/visit/",
        inspections.inspection_visit,
        name="inspection_visit",
    ),
    path(
        "inspections/<str:reference>/section/<int:number>/",
        inspections.inspection_section,
        name="inspection_section",
    ),
    path(
        "inspections/<str:reference>/attachments/<int:pk>/",
        inspections.attachment_download,
        name="inspection_attachment",
    ),
    path(
        "inspections/<str:reference>/submit/",
        inspections.inspection_submit,
        name="inspection_submit",
    ),
    path(
        "inspections/<str:reference>/review/",
        inspections.inspection_review,
        name="inspection_review",
    ),
    path(
        "inspections/<str:reference>/cancel/",
        inspections.inspection_cancel,
        name="inspection_cancel",
    ),
    path(
        "inspections/<str:reference>/reassign/",
        inspections.inspection_reassign,
        name="inspection_reassign",
    ),
    path(
        "inspections/<str:reference>/apply-conditions/",
        inspections.inspection_apply_conditions,
        name="inspection_apply_conditions",
    ),
    path(
        "inspections/<str:reference>/report.pdf", inspections.inspection_pdf, name="inspection_pdf"
    ),
    path(
        "inspections/<str:reference>/fee-violations/new/",
        violations.inspection_violation_new,
        name="inspection_violation_new",
    ),
]
