"""Web routes of the service desk."""

from django.urls import path

from consulting import views

app_name = "consulting"
urlpatterns = [
    path("", views.request_list, name="list"),
    path("new/", views.new_request, name="new"),
    path("faq/", views.faq, name="faq"),
    path("statistics/", views.statistics, name="statistics"),
    path("<str:number>/", views.request_detail, name="detail"),
    path("<str:number>/<slug:action>/", views.request_action, name="action"),
    path("<str:number>/files/<int:pk>/", views.attachment, name="attachment"),
]
