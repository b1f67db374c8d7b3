"""Atom feed per watch list and iCalendar feed of effective and withdrawal dates."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from catalog.models import CatalogEvent
from checks.services import watchlists

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def watchlist(catalogue, django_user_model):
    alice = django_user_model.objects.create_user("alice", password="x")
    wl = watchlists.create_watchlist(alice, "质量 & 混凝土")
    watchlists.add_standard(wl, alice, "GB/T 19001")
    watchlists.add_standard(wl, alice, "GB 50016")
    CatalogEvent.objects.create(
        standard=catalogue["q2016"],
        kind="status_changed",
        before={"status": "upcoming"},
        after={"status": "current"},
    )
    CatalogEvent.objects.create(
        standard=catalogue["gb50204_2015"], kind="withdrawn", after={"status": "withdrawn"}
    )
    return wl


def test_atom_feed(client, watchlist):
    url = f"/checks/watchlists/{watchlist.pk}/feed.atom?token={watchlist.feed_token}"
    response = client.get(url)
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = ET.fromstring(response.content)  # noqa: S314 - our own output under test
    assert feed.find(f"{ATOM}title").text == "质量 & 混凝土"
    entries = feed.findall(f"{ATOM}entry")
    assert [e.find(f"{ATOM}title").text for e in entries] == ["GB/T 19001-2016 状态变更"]
    assert "即将实施 → 现行" in entries[0].find(f"{ATOM}summary").text
    assert client.get(url.replace("token=", "token=x")).status_code == 404


def test_icalendar_feed(client, watchlist):
    response = client.get(
        f"/checks/watchlists/{watchlist.pk}/calendar.ics?token={watchlist.feed_token}"
    )
    assert response["Content-Type"].startswith("text/calendar")
    text = response.content.decode()
    assert text.startswith("BEGIN:VCALENDAR\r\n") and text.endswith("END:VCALENDAR\r\n")
    assert all(len(line.encode()) <= 75 for line in text.split("\r\n"))
    unfolded = text.replace("\r\n ", "")
    assert "DTSTART;VALUE=DATE:20270301" in unfolded
    assert "SUMMARY:GB 50016-2026 实施" in unfolded
    assert "DTSTART;VALUE=DATE:20090301" in unfolded  # GB/T 19001-2000 withdrawn
    assert unfolded.count("BEGIN:VEVENT") == unfolded.count("END:VEVENT") == 7


def test_icalendar_labels_replaced_editions_as_replaced_not_withdrawn(client, watchlist):
    watchlists.add_standard(watchlist, watchlist.owner, "JGJ 59")
    text = client.get(
        f"/checks/watchlists/{watchlist.pk}/calendar.ics?token={watchlist.feed_token}"
    ).content.decode()
    unfolded = text.replace("\r\n ", "")
    summaries = [line for line in unfolded.split("\r\n") if line.startswith("SUMMARY:")]
    assert any(s.startswith("SUMMARY:GB/T 19001-2000 被代替") for s in summaries)
    assert not any(s.startswith("SUMMARY:GB/T 19001-2000 废止") for s in summaries)
    assert any(s.startswith("SUMMARY:JGJ 59-1999 废止") for s in summaries)  # no successor
