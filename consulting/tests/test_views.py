import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from consulting.models import ServiceRequest

pytestmark = pytest.mark.django_db


def test_request_from_submission_to_rating_over_http(client, desk):
    client.force_login(desk["alice"])
    response = client.post(
        reverse("consulting:new"),
        {
            "kind": "advice",
            "title": "储能电站标准",
            "question": "储能电站消防适用哪些标准？",
            "files": [SimpleUploadedFile("附件.txt", b"GB 51048-2014")],
        },
    )
    req = ServiceRequest.objects.get()
    assert response.url == req.get_absolute_url()
    page = client.get(req.get_absolute_url())
    assert "储能电站消防" in page.content.decode()
    file_url = reverse("consulting:attachment", args=[req.number, req.attachments.get().pk])
    assert client.get(file_url).status_code == 200
    client.force_login(desk["bob"])
    assert client.get(req.get_absolute_url()).status_code == 404
    assert client.get(file_url).status_code == 404
    client.force_login(desk["office"])
    assert client.get(reverse("consulting:list")).context["queue"][0] == req
    client.post(
        reverse("consulting:action", args=[req.number, "assign"]), {"assignee": desk["expert"].pk}
    )
    client.force_login(desk["expert"])
    client.post(
        reverse("consulting:action", args=[req.number, "answer"]),
        {"body": "GB 51048-2014 电化学储能电站设计规范。"},
    )
    req.refresh_from_db()
    assert req.state == "answered"
    client.force_login(desk["alice"])
    client.post(
        reverse("consulting:action", args=[req.number, "rate"]),
        {"rating": "5", "allow_publish": "on"},
    )
    req.refresh_from_db()
    assert (req.rating, req.allow_publish) == (5, True)
    # A refused action shows its reason and changes nothing.
    page = client.post(
        reverse("consulting:action", args=[req.number, "faq"]),
        {"faq_question": "q", "faq_answer": "a"},
        follow=True,
    )
    assert "只有服务台" in page.content.decode() or "Only the desk" in page.content.decode()
    assert ServiceRequest.objects.get().faq_published_at is None


def test_bad_file_keeps_the_form(client, desk):
    client.force_login(desk["alice"])
    response = client.post(
        reverse("consulting:new"),
        {
            "kind": "advice",
            "title": "题目",
            "question": "问题",
            "files": [SimpleUploadedFile("a.pdf", b"plain text")],
        },
    )
    assert response.status_code == 200
    assert response.context["form"]["title"].value() == "题目"
    assert not ServiceRequest.objects.exists()


def test_faq_is_public_and_statistics_are_for_the_desk(client, desk):
    assert client.get(reverse("consulting:faq")).status_code == 200
    client.force_login(desk["alice"])
    assert client.get(reverse("consulting:statistics")).status_code == 403
    client.force_login(desk["office"])
    assert client.get(reverse("consulting:statistics")).status_code == 200
