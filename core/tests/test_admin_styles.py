"""The admin pages load StdBase's touch-ups that keep short Chinese labels on one line."""

import pytest


@pytest.mark.django_db
def test_admin_pages_link_the_no_wrap_styles(client):
    html = client.get("/admin/login/").content.decode()
    assert "core/css/admin.css" in html
