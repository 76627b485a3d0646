from django.urls import path

from licensing import views

app_name = "office"

urlpatterns = [
    path("", views.workbench, name="workbench"),
]
