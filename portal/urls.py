from django.urls import path

from portal import views

app_name = "portal"

urlpatterns = [
    path("", views.home, name="home"),
    path("applications/<str:reference>/", views.application, name="application"),
    path("licences/<str:urn>/renew/", views.renew, name="renew"),
]
