"""Bad input on RCAM that ``test_rcam.py`` leaves out or checks loosely: a birth date in the future, a first
access made twice, and the final code (wrong, wrong length, expired, already used), each with its one message
compared whole and the world unchanged (``World.snapshot``)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from mock_sites import rules
from mock_sites.labels import fr, text
from mock_sites.rcam import seeded_session
from mock_sites.rcam import service as pmo
from mock_sites.world import World
from tests.site_client import PASSWORD, PUBLIC, Page, Visitor

P = rules.Paths


@pytest.fixture
def account(site_world, site_identity):
    return site_world.seed_account(site_identity, password=PASSWORD, phones=(site_identity.mobile,), language="fr")


def signed_in_to_rcam(site_visitor: Visitor, site_world: World, account, path: str, **values) -> None:
    """Back from an SMS sign-in, RCAM's session in the state the world gives it (``values`` override it)."""
    with site_visitor.client.session_transaction(PUBLIC + P.RCAM_HOME) as session:
        session.update({**seeded_session(site_world, account), **values})
    site_visitor.get(PUBLIC + path)
    assert site_visitor.url == PUBLIC + path, site_visitor.url


def first_access_values(site_identity, **changes) -> dict:
    return {"pension_number": site_identity.pension_number, "pension_number_confirm": site_identity.pension_number,
            "birth_date": site_identity.birth_date.strftime(rules.BIRTH_DATE_FORMAT),
            "last_name": site_identity.last_name,
            "first_name": site_identity.first_name, **changes}


def field_error(site_visitor: Visitor, name: str) -> str | None:
    for element in Page(site_visitor.text).elements:
        if element.attrs.get("id") == f"{name}-error":
            return " ".join(element.text.split())
    return None


# --------------------------------------------------------------------------- first access (2.17)
@pytest.mark.parametrize("typed", ["01/01/2090", "03/03/2026", "2030-12-31"], ids=["far", "tomorrow", "iso"])
def test_a_birth_date_in_the_future_is_refused(site_visitor, site_world, site_identity, account, typed):
    site_world.seed_pensioner(site_identity)
    signed_in_to_rcam(site_visitor, site_world, account, P.RCAM_FIRST_ACCESS)
    assert site_world.now().date() == date(2026, 3, 2)  # the world's clock says what "the future" is
    before = site_world.snapshot()
    response = site_visitor.submit(first_access_values(site_identity, birth_date=typed))
    assert response.status_code == 400
    assert site_visitor.alerts() == [fr("err_birth_future")]
    assert field_error(site_visitor, "birth_date") == fr("err_birth_future")
    assert Page(site_visitor.text).value_of("birth_date") == typed
    assert site_world.snapshot() == before


def test_the_birth_date_of_today_is_not_the_future(site_world):
    today = site_world.now().date()
    assert rules.birth_date_problem(today.strftime(rules.BIRTH_DATE_FORMAT), today) is None
    assert rules.birth_date_problem((today + timedelta(days=1)).strftime(rules.BIRTH_DATE_FORMAT),
                                    today) == "err_birth_future"
    assert text("err_birth_future", "en") == "The date of birth cannot be in the future."


def test_a_first_access_made_twice_says_so_and_sends_no_second_code(site_visitor, site_world, site_identity, account):
    """Two tabs on the form (or a sign-in on two devices): the second « Suivant » changes nothing."""
    site_world.seed_pensioner(site_identity)
    signed_in_to_rcam(site_visitor, site_world, account, P.RCAM_FIRST_ACCESS)
    pmo.first_access(site_world, account, site_world.pensioner(site_identity.pension_number))  # done in the other tab
    site_world.clock.advance(rules.FINAL_CODE_DELAY)
    before = site_world.snapshot()
    values = first_access_values(site_identity)
    response = site_visitor.submit(values)
    assert response.status_code == 409
    assert site_visitor.alerts() == [fr("err_first_access_done")]
    assert [Page(site_visitor.text).value_of(name) for name in values] == list(values.values())  # kept
    assert site_world.snapshot() == before and len(site_world.inbox("email", site_identity.email)) == 1


def test_the_form_sent_again_after_the_first_access_shows_the_confirmation(site_visitor, site_world, site_identity,
                                                                            account):
    """The browser's back button and « Suivant » again: the confirmation, nothing sent twice."""
    site_world.seed_pensioner(site_identity)
    signed_in_to_rcam(site_visitor, site_world, account, P.RCAM_FIRST_ACCESS)
    token = site_visitor.csrf()
    site_visitor.submit(first_access_values(site_identity))
    assert site_visitor.url == PUBLIC + P.RCAM_REGISTERED
    before = site_world.snapshot()
    site_visitor.open(P.RCAM_FIRST_ACCESS, method="POST",
                      data={"csrf_token": token, **first_access_values(site_identity)})
    assert site_visitor.url == PUBLIC + P.RCAM_REGISTERED and fr("rcam_registered_title") in site_visitor.text
    assert site_world.snapshot() == before


# --------------------------------------------------------------------------- the final code (3.4)
def post_final_code(site_visitor: Visitor, parts: list[str]):
    return site_visitor.open(P.RCAM_FINAL_CODE, method="POST",
                             data={"csrf_token": site_visitor.csrf(), "final_code": parts})


def other_than(code: str) -> str:
    return ("Z" if code[0] != "Z" else "Y") + code[1:]


@pytest.fixture
def on_final_code(site_visitor, site_world, site_identity, account):
    pmo.seed_registration(site_world, site_identity)
    signed_in_to_rcam(site_visitor, site_world, account, P.RCAM_FINAL_CODE)
    return site_world.final_code(account.uid)


@pytest.mark.parametrize(("typing", "key"), [
    pytest.param(lambda code: rules.FINAL_CODE.split(other_than(code)), "err_final_code_wrong", id="wrong"),
    pytest.param(lambda code: rules.FINAL_CODE.split(code)[:3] + [""], "err_final_code_length", id="9-chars"),
    pytest.param(lambda code: rules.FINAL_CODE.split(code) + ["A"], "err_final_code_length", id="13-chars"),
    pytest.param(lambda code: ["", "", "", ""], "err_final_code_length", id="empty"),
    pytest.param(lambda code: [code.replace("-", "")[:-1] + "é"], "err_final_code_wrong", id="accent"),
])
def test_final_code_refused_with_one_message_and_nothing_changes(site_visitor, site_world, account, on_final_code,
                                                                  typing, key):
    before = site_world.snapshot()
    response = post_final_code(site_visitor, typing(on_final_code))
    assert response.status_code == 400 and site_visitor.url == PUBLIC + P.RCAM_FINAL_CODE
    expected = fr(key, length=rules.FINAL_CODE.length)
    assert site_visitor.alerts() == [expected] and field_error(site_visitor, "final_code") == expected
    assert site_world.snapshot() == before
    assert site_world.pensioner_of(account.uid) is None


def test_an_expired_final_code_is_refused(site_visitor, site_world, account, on_final_code):
    site_world.clock.advance(rules.FINAL_CODE_LIFETIME)
    before = site_world.snapshot()
    assert post_final_code(site_visitor, rules.FINAL_CODE.split(on_final_code)).status_code == 400
    assert site_visitor.alerts() == [fr("err_final_code_expired")]
    assert site_world.snapshot() == before and site_world.pensioner_of(account.uid) is None


def test_a_final_code_already_used_is_refused(site_visitor, site_world, account, on_final_code):
    """Used in another tab: this tab's session still says « code final »."""
    site_world.activate(site_world.registration(account.uid))
    before = site_world.snapshot()
    assert post_final_code(site_visitor, rules.FINAL_CODE.split(on_final_code.lower())).status_code == 400
    assert site_visitor.alerts() == [fr("err_final_code_used")]
    assert site_world.snapshot() == before and site_world.pensioner_of(account.uid).linked_uid == account.uid
