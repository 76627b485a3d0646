from django.urls import path

from portal import views
from portal.views import orders

app_name = "portal"

urlpatterns = [
    path("", views.home, name="home"),
    # Old account addresses, kept for bookmarks; allauth serves them under /accounts/.
    path("sign-up/", views.sign_up, name="sign_up"),
    path("sign-in/", views.sign_in, name="sign_in"),
    path("sign-out/", views.SignOutView.as_view(), name="sign_out"),
    path("password-reset/", views.password_reset, name="password_reset"),
    path("organisation/", views.organisation, name="organisation"),
    path("organisation/language/", views.organisation_language, name="organisation_language"),
    path("invitations/<str:token>/", views.invitation, name="invitation"),
    path("start/", views.start, name="start"),
    path("applications/<str:reference>/", views.application, name="application"),
    path("applications/<str:reference>/steps/<str:step>/", views.step, name="step"),
    path("applications/<str:reference>/pay/", views.pay, name="pay"),
    path("applications/<str:reference>/message/", views.message, name="message"),
    path("applications/<str:reference>/answer/", views.answer, name="answer"),
    path("applications/<str:reference>/withdraw/", views.withdraw, name="withdraw"),
    path(
        "applications/<str:reference>/decision-letter.pdf",
        views.decision_letter,
        name="decision_letter",
    ),
    path("documents/<int:pk>/", views.document, name="document"),
    path("documents/<int:pk>/remove/", views.document_remove, name="document_remove"),
    path("licences/<str:urn>/", views.licence, name="licence"),
    path("licences/<str:urn>/certificate.pdf", views.certificate, name="certificate"),
    path(
        "licences/<str:urn>/notices/<int:pk>.pdf",
        views.revocation_notice,
        name="revocation_notice",
    ),
    path("licences/<str:urn>/renew/", views.renew, name="renew"),
    path("licences/<str:urn>/change/", views.change, name="change"),
    path("licences/<str:urn>/surrender/", views.surrender, name="surrender"),
    path("conditions/<int:pk>/", views.condition, name="condition"),
    path("repayment-orders/", orders.orders, name="orders"),
    path("repayment-orders/<int:pk>/", orders.order, name="order"),
    path("repayment-orders/<int:pk>/order.pdf", orders.order_letter, name="order_letter"),
]
