from django.urls import path

from licensing import views

app_name = "office"

urlpatterns = [
    path("", views.workbench, name="workbench"),
    path("sign-in/", views.SignInView.as_view(), name="sign_in"),
    path("sign-out/", views.SignOutView.as_view(), name="sign_out"),
    path("licences/", views.licences, name="licences"),
    path("providers/", views.providers, name="providers"),
]
