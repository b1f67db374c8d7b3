"""Training pages, under /talent/training/."""

from django.urls import path

from talent.views import training as views
from talent.views import training_needs as needs

app_name = "training"
urlpatterns = [
    path("", views.index, name="index"),
    path("mine/", views.mine, name="mine"),
    path("courses/new/", views.course_create, name="course-create"),
    path("courses/<int:pk>/", views.course_detail, name="course"),
    path("courses/<int:pk>/sessions/new/", views.session_create, name="session-create"),
    path("sessions/<int:pk>/", views.session_detail, name="session"),
    path("sessions/<int:pk>/enrol/", views.session_enrol, name="enrol"),
    path("sessions/<int:pk>/enrol-members/", views.session_enrol_members, name="enrol-members"),
    path("sessions/<int:pk>/transition/", views.session_transition, name="transition"),
    path("sessions/<int:pk>/capacity/", views.session_capacity, name="capacity"),
    path("sessions/<int:pk>/attendance/", views.session_attendance, name="attendance"),
    path("sessions/<int:pk>/certificates/", views.session_certificates, name="certificates"),
    path("sessions/<int:pk>/export.xlsx", views.session_export, name="export"),
    path("enrolments/<int:pk>/cancel/", views.enrolment_cancel, name="cancel"),
    path("enrolments/<int:pk>/feedback/", views.feedback, name="feedback"),
    path("certificates/<int:pk>/pdf/", views.certificate_pdf, name="certificate-pdf"),
    path("certificates/<int:pk>/revoke/", views.certificate_revoke, name="certificate-revoke"),
    path("needs/", needs.need_list, name="needs"),
    path("needs/<int:pk>/", needs.need_detail, name="need"),
    path("needs/<int:pk>/state/", needs.need_state, name="need-state"),
    path("verify/", views.verify, name="verify-form"),
    path("verify/<str:code>/", views.verify, name="verify"),
]
