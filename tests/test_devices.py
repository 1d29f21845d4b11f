"""The fake mailbox and phone: pages and JSON, on their own hosts only, showing what was delivered by now,
decoded as a mail client would and with nothing a sender wrote interpreted as markup."""

from __future__ import annotations

from datetime import timedelta
from email.message import EmailMessage
from urllib.parse import quote

import pytest

from mock_sites import labels, mail, rules
from mock_sites.labels import fr
from mock_sites.rules import Paths
from mock_sites.world import World
from tests.helpers import Client, heading, local, parse, register

MAILBOX = f"https://{rules.MAILBOX_HOST}"
PHONE = f"https://{rules.PHONE_HOST}"
ADDRESS = "elodie.dhondt.7@example.org"
NUMBER = "+32470123456"
LINK = "https://webgate.ec.europa.eu/cas/init/initialisePasswordLogin.cgi?token=abc"
SUBJECT = "Café <b>gras</b> ☕ — l’été"
PARAGRAPHS = ["Bonjour Élodie D’Hondt,", "<script>alert(1)</script>", "Émoji : 🎉 ✓ « guillemets »"]
ANCHOR = "ce lien <img src=x onerror=alert(2)>"


def deliver(world: World, *, delay: timedelta = timedelta(0), lang: str = "fr", url: str = LINK):
    """A message built as EU Login builds its e-mails, full of non-ASCII text and of markup to escape."""
    msg = mail.build(to=ADDRESS, subject=SUBJECT, lang=lang, paragraphs=PARAGRAPHS, sent_at=world.now(),
                     link=("Suivez", ANCHOR, url, "Merci & à bientôt !"))
    body = msg.get_body(preferencelist=("plain",)).get_content()
    return world.send("email", ADDRESS, str(msg["Subject"]), body, msg.as_bytes(), delay=delay)


def body_of(html: str):
    return parse(html).find_all("div", class_="body")[0]


# --------------------------------------------------------------------------- the mailbox page
def test_mailbox_lists_a_message():
    client = Client(base_url=MAILBOX)
    message = deliver(client.world)
    assert client.get(f"/{ADDRESS}").status_code == 200
    assert heading(client.html) == fr("mailbox_title", address=ADDRESS)
    rows = parse(client.html).find_all("tbody")[0].find_all("tr")
    assert len(rows) == 1
    link = rows[0].find_all("a")[0]
    assert link.text() == SUBJECT  # decoded (RFC 2047), and shown as text
    assert parse(client.html).find_all("b") == []
    assert client.get(link.attrs["href"]).status_code == 200
    assert heading(client.html) == SUBJECT
    assert link.attrs["href"].endswith(f"/{message.id}")


def test_mailbox_address_is_case_insensitive():
    client = Client(base_url=MAILBOX)
    deliver(client.world)
    client.get(f"/{ADDRESS.upper()}")
    assert len(parse(client.html).find_all("tbody")[0].find_all("tr")) == 1


def test_empty_mailbox_says_so():
    client = Client(base_url=MAILBOX)
    client.get(f"/{ADDRESS}")
    assert fr("mailbox_empty") in parse(client.html).text()


def test_message_page_decodes_the_body_and_escapes_every_sender_text():
    client = Client(base_url=MAILBOX)
    message = deliver(client.world)
    assert message.raw.isascii() and b"quoted-printable" in message.raw  # only decoding shows the accents
    assert "é".encode() not in message.raw
    assert client.get(f"/{ADDRESS}/{message.id}").status_code == 200
    page = parse(client.html)
    assert heading(client.html) == SUBJECT
    body = body_of(client.html)
    paragraphs = [p.text() for p in body.find_all("p")]
    assert paragraphs[:2] == PARAGRAPHS[:2]
    assert PARAGRAPHS[2] in paragraphs
    assert f"Suivez {ANCHOR}. Merci & à bientôt !" in paragraphs
    assert body.attrs["lang"] == "fr"
    links = body.find_all("a")
    assert [(a.text(), a.attrs.get("href")) for a in links] == [(ANCHOR, LINK)]  # clickable, anchor as text
    for tag in ("script", "img", "b", "iframe"):
        assert page.find_all(tag) == [], tag
    assert body.find_all("style") == []
    assert not [k for n in body.iter() for k in n.attrs if k.startswith("on")]


def test_message_page_serves_the_raw_message():
    client = Client(base_url=MAILBOX)
    message = deliver(client.world)
    response = client.get(f"/{ADDRESS}/{message.id}.eml")
    assert response.status_code == 200 and response.mimetype == "message/rfc822"
    assert response.data == message.raw


def test_message_page_neutralises_a_hostile_html_part():
    """A message not built by mail.build: raw markup in its HTML part is reduced to text and plain links."""
    world = World()
    msg = EmailMessage()
    msg["From"], msg["To"], msg["Subject"] = "x@example.org", ADDRESS, "hostile"
    msg["Date"] = "Mon, 02 Mar 2026 09:00:00 +0000"
    msg.set_content("plain")
    msg.add_alternative(
        '<p onclick="alert(0)">Salut</p><script>alert(1)</script><img src=x onerror=alert(2)>'
        '<a href="javascript:alert(3)">js</a><a href="https://example.org/ok" onmouseover="alert(4)">ok</a>'
        '<a href=\'https://example.org/"><script>alert(5)</script>\'>quote</a>'
        '<iframe src="https://evil.example/"></iframe><form action="https://evil.example/"><input></form>',
        subtype="html")
    message = world.send("email", ADDRESS, "hostile", "plain", msg.as_bytes())
    client = Client(world, base_url=MAILBOX)
    client.get(f"/{ADDRESS}/{message.id}")
    page = parse(client.html)
    for tag in ("script", "img", "iframe", "form", "input"):
        assert page.find_all(tag) == [], tag
    body = body_of(client.html)
    assert not [k for n in body.iter() for k in n.attrs if k.startswith("on")]
    hrefs = {a.text(): a.attrs.get("href") for a in body.find_all("a")}
    assert hrefs == {"js": None, "ok": "https://example.org/ok",
                     "quote": 'https://example.org/"><script>alert(5)</script>'}
    assert "Salut" in body.text()


def test_message_page_shows_the_french_sender_name_as_written():
    client = Client(base_url=MAILBOX)
    message = deliver(client.world, lang="fr")
    client.get(f"/{ADDRESS}/{message.id}")
    meta = parse(client.html).find_all("p", class_="meta")[0].text()
    assert f"From: {fr('mail_from')} <automated-notifications@nomail.ec.europa.eu>" in meta
    data = client.get(f"/{ADDRESS}/messages.json").get_json()
    assert data["messages"][0]["from"] == f"{fr('mail_from')} <automated-notifications@nomail.ec.europa.eu>"


def test_registration_email_arrives_with_its_link_to_the_password_screen():
    eu = Client()
    person = eu.world.new_identity()
    register(eu, person, "en")
    box = Client(eu.world, base_url=MAILBOX)
    box.get(f"/{person.email}")
    subject = labels.text("mail_register_subject", "en")
    box.get(next(a.attrs["href"] for a in parse(box.html).find_all("a") if a.text() == subject))
    anchor = labels.text("mail_register_link", "en")
    href = next(a.attrs["href"] for a in body_of(box.html).find_all("a") if a.text() == anchor)
    assert href.startswith(rules.GUIDE_PUBLIC_URL + Paths.INIT_PASSWORD + "?token=")
    assert eu.get(local(href)).status_code == 200
    assert heading(eu.html) == fr("new_password_title")


# --------------------------------------------------------------------------- JSON
@pytest.mark.parametrize("path", [f"/{ADDRESS}/messages.json", f"{Paths.MAILBOX}/{ADDRESS}/messages.json",
                                  f"/{quote(ADDRESS, safe='')}/messages.json"])
def test_mailbox_json(path):
    client = Client(base_url=MAILBOX)
    message = deliver(client.world)
    response = client.get(path)
    assert response.status_code == 200 and response.mimetype == "application/json"
    data = response.get_json()
    assert data["address"] == ADDRESS
    [item] = data["messages"]
    assert item["id"] == message.id and item["to"] == ADDRESS
    assert item["subject"] == SUBJECT and item["language"] == "fr"
    for paragraph in PARAGRAPHS:
        assert paragraph in item["text"]
    assert f"{ANCHOR} ({LINK})" in item["text"]
    assert item["links"] == [LINK]


def test_mailbox_json_links_are_urls_not_html():
    """``links`` gives the URLs to open: an ``&`` in a link must not come back as ``&amp;``."""
    client = Client(base_url=MAILBOX)
    url = LINK + "&lang=fr"
    deliver(client.world, url=url)
    assert client.get(f"/{ADDRESS}/messages.json").get_json()["messages"][0]["links"] == [url]


@pytest.mark.parametrize("path", [f"/{NUMBER}/messages.json", f"/{quote(NUMBER, safe='')}/messages.json",
                                  f"{Paths.PHONE}/{NUMBER}/messages.json",
                                  f"{Paths.PHONE}/{quote(NUMBER, safe='')}/messages.json"])
def test_phone_json(path):
    client = Client(base_url=PHONE)
    world = client.world
    first = world.send("sms", NUMBER, "", labels.fr("sms_challenge", code="ABCD-EFGH"))
    world.clock.advance(timedelta(minutes=1))
    second = world.send("sms", NUMBER, "", labels.fr("sms_challenge", code="JKLM-NPQR"))
    world.send("sms", "+33612345678", "", "someone else's")
    response = client.get(path)
    assert response.status_code == 200 and response.mimetype == "application/json"
    data = response.get_json()
    assert data["number"] == NUMBER
    assert [(m["id"], m["text"]) for m in data["messages"]] == [
        (second.id, second.body), (first.id, first.body)]  # newest first
    assert data["messages"][0]["date"] == second.deliver_at.isoformat()


def test_phone_page_shows_the_sms_escaped():
    client = Client(base_url=PHONE)
    client.world.send("sms", NUMBER, "", "EU Login : <b>code</b> ABCD-EFGH é")
    assert client.get(f"/{NUMBER}").status_code == 200
    assert heading(client.html) == fr("phone_title", number=NUMBER)
    [sms] = parse(client.html).find_all(role="article")
    assert sms.find_all("p")[0].text() == "EU Login : <b>code</b> ABCD-EFGH é"
    assert parse(client.html).find_all("b") == []


def test_empty_phone_says_so():
    client = Client(base_url=PHONE)
    client.get(f"/{NUMBER}")
    assert fr("phone_empty") in parse(client.html).text()


def test_devices_under_one_host_for_rehearse_serve():
    """``rehearse serve``: one loopback host, the devices under /_devices."""
    client = Client(base_url="http://127.0.0.1:8765", allowed_hosts=("127.0.0.1",), secure_cookies=False,
                    public_url="http://127.0.0.1:8765")
    message = deliver(client.world)
    client.world.send("sms", NUMBER, "", "hello")
    assert client.get(f"{Paths.MAILBOX}/{ADDRESS}").status_code == 200
    assert client.get(f"{Paths.MAILBOX}/{ADDRESS}/{message.id}").status_code == 200
    assert client.get(f"{Paths.PHONE}/{quote(NUMBER, safe='')}/messages.json").get_json()["messages"][0][
        "text"] == "hello"
    client.get(f"{Paths.MAILBOX}/")
    assert [a.text() for a in parse(client.html).find_all("main")[0].find_all("a")] == [ADDRESS]


# --------------------------------------------------------------------------- not on the EU hosts
@pytest.mark.parametrize("host", rules.EU_HOSTS)
@pytest.mark.parametrize("path", [f"{Paths.MAILBOX}/", f"{Paths.MAILBOX}/{ADDRESS}", f"{Paths.MAILBOX}/{ADDRESS}/1",
                                  f"{Paths.MAILBOX}/{ADDRESS}/1.eml", f"{Paths.MAILBOX}/{ADDRESS}/messages.json",
                                  f"{Paths.PHONE}/", f"{Paths.PHONE}/{NUMBER}",
                                  f"{Paths.PHONE}/{NUMBER}/messages.json"])
def test_devices_are_not_served_on_the_eu_hosts(host, path):
    client = Client(base_url=f"https://{host}")
    deliver(client.world)
    client.world.send("sms", NUMBER, "", "EU Login : ABCD-EFGH")
    response = client.get(path)
    assert response.status_code == 404
    assert ADDRESS not in client.html and "ABCD-EFGH" not in client.html


# --------------------------------------------------------------------------- delivery time
def test_a_message_delivered_later_is_not_shown_before_its_time():
    delay = timedelta(minutes=5)
    box = Client(base_url=MAILBOX)
    world = box.world
    message = deliver(world, delay=delay)
    sms = world.send("sms", NUMBER, "", "later", delay=delay)
    phone = Client(world, base_url=PHONE)

    def shown() -> tuple:
        return (
            box.get(f"/{ADDRESS}/messages.json").get_json()["messages"] != [],
            fr("mailbox_empty") not in parse(box.get(f"/{ADDRESS}").get_data(as_text=True)).text(),
            box.get(f"/{ADDRESS}/{message.id}").status_code == 200,
            box.get(f"/{ADDRESS}/{message.id}.eml").status_code == 200,
            ADDRESS in box.get("/").get_data(as_text=True),
            phone.get(f"/{NUMBER}/messages.json").get_json()["messages"] != [],
            sms.body in phone.get(f"/{NUMBER}").get_data(as_text=True),
        )

    assert shown() == (False,) * 7
    world.clock.advance(delay - timedelta(seconds=1))
    assert shown() == (False,) * 7
    world.clock.advance(timedelta(seconds=1))
    assert shown() == (True,) * 7
