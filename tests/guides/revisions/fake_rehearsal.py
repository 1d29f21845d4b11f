"""A synthetic ``Rehearsal`` that mirrors what the French mock screens show, for the checker's tests (no browser).

Built from ``mock_sites.labels`` and ``mock_sites.rules`` here, in the tests only: the checker itself reads
nothing but the ``Rehearsal``. ``fake_rehearsal(texts={"next": "Continuer"})`` renders a label changed in the
templates; ``facts={...}`` replaces measured facts.
"""

from __future__ import annotations

import copy

from mock_sites import labels, rules
from rehearse.check.capture import Element, MessageCapture, Rehearsal, ScreenCapture
from rehearse.screens import AFTER_INSTRUCTION

EU = "https://webgate.ec.europa.eu"
PHONE = "+32470123456"
NAME = "Jeanne Dupont"
EMAIL = "jeanne.dupont@example.org"

# Captures seen again get "@<instruction>" (as rehearsal.py names them); the others keep the map's key.
SEEN_AGAIN = {
    ("1.9", "eulogin:phones_title"): "eulogin:phones_title@1.9",  # the number was added
    ("1.10", "eulogin:phones_title"): "eulogin:phones_title@1.9",
    ("1.11", "eulogin:phones_title"): "eulogin:phones_title@1.9",
    ("2.13", "eulogin:whoami_title"): "eulogin:whoami_title@2.13",
    ("2.14", "eulogin:whoami_title"): "eulogin:whoami_title@2.13",
}


def by_instruction(captured: set[str]) -> dict[str, list[str]]:
    """``Rehearsal.by_instruction`` from the one map, ``rehearse.screens.AFTER_INSTRUCTION``."""
    resolved = {}
    for id, after in AFTER_INSTRUCTION.items():
        keys = [SEEN_AGAIN.get((id, base), base) for base in (*after.concerns, after.key)]
        resolved[id] = [key for key in dict.fromkeys(keys) if key in captured]
    return resolved


FACTS = {
    "code_formats": {
        "sms:phone_challenge": [rules.PHONE_CHALLENGE.groups, rules.PHONE_CHALLENGE.size],
        "sms:sign_in_challenge": [rules.SIGN_IN_CHALLENGE.groups, rules.SIGN_IN_CHALLENGE.size],
        "email:final_code": [rules.FINAL_CODE.groups, rules.FINAL_CODE.size],
        "sms:final_code": [rules.FINAL_CODE.groups, rules.FINAL_CODE.size],
    },
    "case_insensitive": {
        "sms:phone_challenge": True,
        "sms:sign_in_challenge": True,
        "email:final_code": True,
        "sms:final_code": True,
    },
    "password_policy": {key: rules.POLICY_FIELDS[key] for key in ("min_length", "min_groups", "group_count")},
    "passwords": {"23-11Ukraine": True, "ukraine2311": False},
    "password_errors": {"ukraine2311": labels.fr("err_password_groups", **rules.POLICY_FIELDS)},
    "phone_examples": {"+32": True, "+33": True},
    "phone_rules": {
        "country_code_required": True,
        "parentheses_refused": True,
        "dots_refused": True,
        "dashes_refused": True,
        "spaces_refused": True,
    },
}


def fake_rehearsal(texts: dict[str, str] | None = None, facts: dict | None = None,
                   urls: dict[str, str | None] | None = None) -> Rehearsal:
    """The journey as the French screens show it; ``texts`` overrides label keys (a changed template)."""
    overrides = texts or {}

    def t(key: str, **fields) -> str:
        if key in overrides:
            return overrides[key].format(**fields) if fields else overrides[key]
        return labels.text(key, "fr", **fields)

    def en(key: str, **fields) -> str:
        return labels.text(key, "en", **fields)

    chrome = [Element("link", "FR"), Element("link", "EN")]
    gear = [Element("button", t("gear_menu"), (900.0, 10.0, 30.0, 30.0)),
            Element("link", t("my_account")), Element("link", t("logout"))]
    screens: dict[str, ScreenCapture] = {}

    def screen(key: str, url: str, heading: str, elements: list[Element], text: str = "", data=None,
               signed_in: bool = False) -> None:
        site = key.split(":", 1)[0]
        named = [Element("heading", heading), *(chrome if site == "eulogin" else []),
                 *(gear[:1] if signed_in else []), *elements]  # the menu's links are hidden until it opens
        visible = "\n".join([heading, *(e.name for e in elements), text])
        screens[key] = ScreenCapture(key, site, url, heading, named, visible, f"screens/{key.replace(':', '_')}.png",
                                     data or {})

    methods = [Element("option", t(key)) for _value, key in rules.LOGIN_METHODS]
    screen("eulogin:whoami_title", f"{EU}/cas/login", t("whoami_title"), [
        Element("textbox", t("whoami_email")), Element("button", t("next"), (100.0, 300.0, 90.0, 36.0)),
        Element("link", t("create_account_link"))])
    screen("eulogin:register_title", f"{EU}/cas/eim/external/register.cgi", t("register_title"), [
        Element("textbox", t("first_name")), Element("textbox", t("last_name")), Element("textbox", t("email")),
        Element("textbox", t("email_confirm")), Element("combobox", t("email_language")),
        Element("option", "Français"), Element("option", "English"), Element("img", t("captcha_image")),
        Element("link", t("captcha_refresh")), Element("textbox", t("captcha")), Element("checkbox", t("privacy")),
        Element("button", t("create_account"))], t("register_intro"))
    screen("eulogin:register_done_title", f"{EU}/cas/eim/external/register.cgi", t("register_done_title"), [],
           t("register_done", email=EMAIL))
    screen("eulogin:new_password_title", f"{EU}/cas/init/initialisePasswordLogin.cgi", t("new_password_title"), [
        Element("textbox", t("new_password")), Element("textbox", t("confirm_password")),
        Element("group", t("submit")), Element("button", t("submit")), Element("heading", t("policy_title"))],
        t("policy_length", **rules.POLICY_FIELDS) + "\n" + t("policy_groups", **rules.POLICY_FIELDS),
        data={"password_policy": dict(FACTS["password_policy"])})
    screen("eulogin:password_changed_title", f"{EU}/cas/init/initialisePasswordLogin.cgi",
           t("password_changed_title"), [Element("status", t("password_changed")), Element("link", t("continue"))])
    screen("eulogin:login_success", f"{EU}/cas/login", t("login_success"), [], t("signed_in_as", name=NAME),
           signed_in=True)
    screen("eulogin:gear_menu", f"{EU}/cas/login", t("login_success"), gear[1:], t("signed_in_as", name=NAME),
           signed_in=True)
    screen("eulogin:my_account_title", f"{EU}/cas/userdata/myAccount.cgi", t("my_account_title"),
           [Element("link", t("manage_phones"))], signed_in=True)
    screen("eulogin:phones_title", f"{EU}{rules.Paths.MANAGE_PHONES}", t("phones_title"),
           [Element("link", t("add_phone_link"))], t("phones_none"), signed_in=True)
    screen("eulogin:add_phone_link", f"{EU}{rules.Paths.ADD_PHONE}", t("add_phone_link"), [
        Element("textbox", t("phone_number")), Element("button", t("add"))], t("phone_help"), signed_in=True)
    parts = rules.PHONE_CHALLENGE.groups
    screen("eulogin:challenge_title", f"{EU}{rules.Paths.VERIFY_PHONE}", t("challenge_title"), [
        Element("group", t("challenge_code")),
        *(Element("textbox", t("challenge_part", n=n, total=parts)) for n in range(1, parts + 1)),
        Element("button", t("finalise"))], t("challenge_intro", phone=PHONE), signed_in=True)
    screen("eulogin:phones_title@1.9", f"{EU}{rules.Paths.VERIFY_PHONE}", t("phones_title"), [
        Element("status", t("phone_added", phone=PHONE)), Element("link", t("back_to_phones"))], signed_in=True)
    screen("eulogin:whoami_title@2.13", f"{EU}/cas/login?service=https%3A%2F%2Fwebgate.ec.europa.eu%2FRCAM%2F",
           t("whoami_title"), [Element("textbox", t("whoami_email")), Element("button", t("next")),
                               Element("link", t("create_account_link"))])
    screen("eulogin:logged_out", f"{EU}/cas/logout", t("logged_out"), [Element("link", t("whoami_title"))])
    screen("rcam:rcam_welcome_title", f"{EU}/RCAM/", t("rcam_welcome_title"), [
        Element("heading", t("rcam_internal_title")), Element("link", t("rcam_internal_link")),
        Element("heading", t("rcam_help_title")), Element("heading", t("rcam_internet_title")),
        Element("link", t("rcam_connect"), (400.0, 1300.0, 110.0, 36.0))],
        t("rcam_welcome_intro") + "\n" + t("rcam_internet_text"))
    screen("eulogin:password_title", f"{EU}/cas/login?service=https%3A%2F%2Fwebgate.ec.europa.eu%2FRCAM%2F",
           t("password_title", name=NAME), [
               Element("link", t("different_email")), Element("textbox", t("password")),
               Element("combobox", t("auth_method")), *methods, Element("textbox", t("mobile_phone")),
               Element("link", t("lost_password")), Element("button", t("sign_in"))], t("phone_help"))
    parts = rules.SIGN_IN_CHALLENGE.groups
    screen("eulogin:sign_in_challenge_title", f"{EU}/cas/login?service=…", t("sign_in_challenge_title"), [
        Element("group", t("challenge_code")),
        *(Element("textbox", t("challenge_part", n=n, total=parts)) for n in range(1, parts + 1)),
        Element("button", t("sign_in"))], t("sign_in_challenge_intro", phone=PHONE))
    screen("rcam:rcam_first_access_title", f"{EU}/RCAM/firstAccess", t("rcam_first_access_title"), [
        Element("textbox", t("rcam_pension_number")), Element("textbox", t("rcam_pension_number_confirm")),
        Element("textbox", t("rcam_birth_date")), Element("textbox", t("last_name")),
        Element("textbox", t("first_name")), Element("button", t("next"))], t("rcam_first_access_intro"))
    screen("rcam:rcam_registered_title", f"{EU}/RCAM/firstAccess/confirmation", t("rcam_registered_title"), [
        Element("status", t("rcam_registered")), Element("link", t("logout"))], t("rcam_registered"))
    parts, size = rules.FINAL_CODE.groups, rules.FINAL_CODE.size
    screen("rcam:rcam_final_code_title", f"{EU}/RCAM/finalCode", t("rcam_final_code_title"), [
        Element("group", t("rcam_final_code")),
        *(Element("textbox", t("rcam_final_code_part", n=n, total=parts)) for n in range(1, parts + 1)),
        Element("button", t("rcam_validate"))], t("rcam_final_code_intro", groups=parts, size=size))
    screen("rcam:rcam_activated_title", f"{EU}/RCAM/finalCode/confirmation", t("rcam_activated_title"), [],
           t("rcam_activated"))

    link = f"{EU}/cas/init/initialisePasswordLogin.cgi?token=abc"
    messages = {
        # The guide: the e-mail comes "en EN"; « this link » is the guide's alternative to « ce lien ».
        "email:registration": MessageCapture(
            "email:registration", "email", en("mail_register_subject"),
            " ".join([en("mail_register_greeting", first="Jeanne", last="Dupont"),
                      en("mail_register_before", email=EMAIL), en("mail_register_link"),
                      en("mail_register_after", minutes=90)]),
            [(en("mail_register_link"), link)], "mailbox:registration"),
        "sms:phone_challenge": MessageCapture("sms:phone_challenge", "sms", "", t("sms_challenge", code="ABCD-EF23"),
                                              [], "phone:phone_challenge"),
        "email:phone_added": MessageCapture("email:phone_added", "email", t("mail_phone_subject"),
                                            t("mail_phone_body", phone=PHONE), [], "mailbox:phone_added"),
        "sms:sign_in_challenge": MessageCapture("sms:sign_in_challenge", "sms", "",
                                                t("sms_challenge", code="ABC-DEF-GH2"), [], "phone:sign_in_challenge"),
        "email:final_code": MessageCapture("email:final_code", "email", t("mail_final_code_subject"),
                                           t("mail_final_code_body", code="ABC-DEF-GH2-JKL") + "\n"
                                           + t("mail_final_code_howto", days=30), [], "mailbox:final_code"),
        "sms:final_code": MessageCapture("sms:final_code", "sms", "", t("sms_final_code", code="ABC-DEF-GH2-JKL",
                                                                         days=30), [], "phone:final_code"),
    }
    return Rehearsal(
        screens=screens,
        messages=messages,
        by_instruction=by_instruction({*screens, *messages}),
        urls=dict(urls) if urls is not None else {
            f"{EU}/cas": "eulogin:whoami_title",
            f"{EU}/RCAM/": "rcam:rcam_welcome_title",
        },
        facts=copy.deepcopy(facts if facts is not None else FACTS),
        seconds=12.5,
    )
