from django.urls import path

from portal import views

app_name = "portal"

urlpatterns = [
    path("", views.home, name="home"),
    path("sign-up/", views.sign_up, name="sign_up"),
    path("sign-up/check-your-email/", views.sign_up_sent, name="sign_up_sent"),
    path("verify/<str:uidb64>/<str:token>/", views.verify, name="verify"),
    path("sign-in/", views.SignInView.as_view(), name="sign_in"),
    path("sign-out/", views.SignOutView.as_view(), name="sign_out"),
    path("password-reset/", views.PasswordResetView.as_view(), name="password_reset"),
    path(
        "password-reset/sent/",
        views.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "password-reset/<str:uidb64>/<str:token>/",
        views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "password-reset/complete/",
        views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
    path("organisation/", views.organisation, name="organisation"),
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
]
