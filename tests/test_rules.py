"""The validators of mock_sites.rules: each input gives exactly the label key the screens show."""

from __future__ import annotations

import re
import unicodedata

import pytest

from mock_sites import labels, rules
from mock_sites.world import World

EMAIL = "jean.dupont@example.org"


# --------------------------------------------------------------------------- passwords
@pytest.mark.parametrize(("password", "expected"), [
    pytest.param(rules.GUIDE_EXAMPLE_PASSWORD, None, id="guide-example"),
    pytest.param("Abcdefgh1!", None, id="exactly-10-four-groups"),
    pytest.param("abcdefgh12-", None, id="lower-digit-special"),
    pytest.param("ABCDEFGH1 ", None, id="space-is-special"),
    pytest.param("abcd efgh1", None, id="space-inside-is-special"),
    pytest.param("Ukraine 2022", None, id="upper-lower-space"),
    pytest.param("23-11Ukrai", None, id="10-chars"),
    pytest.param("23-11Ukra", "err_password_short", id="9-chars"),
    pytest.param("", "err_password_short", id="empty"),
    pytest.param("Aa1!", "err_password_short", id="4-chars-4-groups"),
    pytest.param("abcdefghij", "err_password_groups", id="lower-only"),
    pytest.param("abcdefghij12", "err_password_groups", id="lower-digit"),
    pytest.param("ABCDEFGHIJkl", "err_password_groups", id="upper-lower"),
    pytest.param("2311-2022--", "err_password_groups", id="digit-special"),
    pytest.param("abcd efghij", "err_password_groups", id="lower-space"),
    pytest.param("éèàùçéèàù1A-", None, id="accents-are-no-group-but-3-others"),
    pytest.param("éèàùçéèàùç1", "err_password_groups", id="accents-are-no-group"),
    pytest.param("Xjean.dupont1", "err_password_username", id="contains-user-part"),
    pytest.param("1-JEAN.DUPONT", "err_password_username", id="user-part-upper-case"),
    pytest.param("1-Jean.Dupont", "err_password_username", id="user-part-mixed-case"),
    pytest.param("1-jean.dupon", None, id="user-part-truncated-is-fine"),
    pytest.param("1-Example.org", None, id="domain-is-not-the-user-name"),
])
def test_password_problem(password, expected):
    assert rules.password_problem(password, EMAIL) == expected


def test_password_rules_are_checked_in_the_order_the_policy_lists_them():
    assert rules.password_problem("jean.dupont", EMAIL) == "err_password_groups"  # 11 chars, 2 groups
    assert rules.password_problem("Jean.dupo", EMAIL) == "err_password_short"


@pytest.mark.parametrize(("password", "groups"), [
    ("A", 1), ("a", 1), ("1", 1), (" ", 1), ("~", 1), ("Aa", 2), ("Aa1", 3), ("Aa1 ", 4), ("é", 0),
    (rules.SPECIAL_CHARACTERS, 1),
])
def test_password_groups(password, groups):
    assert rules.password_groups(password) == groups


def test_policy_fields_match_the_rules():
    assert rules.POLICY_FIELDS["min_length"] == rules.PASSWORD_MIN_LENGTH == 10  # the guide: "au moins 10"
    assert rules.POLICY_FIELDS["min_groups"] == 3 and rules.POLICY_FIELDS["group_count"] == 4  # "3 des 4"
    for key in ("err_password_short", "err_password_groups", "policy_length", "policy_groups", "group_special"):
        assert not re.search(r"\{[a-z_]+\}", labels.fr(key, **rules.POLICY_FIELDS)), key


# --------------------------------------------------------------------------- mobile phone numbers
@pytest.mark.parametrize("number", ["+32470123456", "+33612345678", "+352621123456", "+4915112345678",
                                    " +32470123456 ", "+12345678", "+123456789012345"])
def test_phone_accepted(number):
    assert rules.phone_problem(number) is None


@pytest.mark.parametrize(("number", "expected"), [
    pytest.param("+32(0)470123456", "err_phone_format", id="parentheses"),
    pytest.param("(+32)470123456", "err_phone_format", id="parentheses-around-code"),
    pytest.param("+32.470.12.34.56", "err_phone_format", id="dots"),
    pytest.param("+32-470-12-34-56", "err_phone_format", id="dashes"),
    pytest.param("+32 470 12 34 56", "err_phone_format", id="spaces"),
    pytest.param("+32\t470123456", "err_phone_format", id="tab"),
    pytest.param("+32/470123456", "err_phone_format", id="slash"),
    pytest.param("0470123456", "err_phone_country", id="no-plus-national"),
    pytest.param("32470123456", "err_phone_country", id="no-plus-country-code"),
    pytest.param("0032470123456", "err_phone_country", id="no-plus-00"),
    pytest.param("+32abc123456", "err_phone_format", id="letters"),
    pytest.param("phone", "err_phone_format", id="only-letters"),
    pytest.param("+", "err_phone_format", id="plus-alone"),
    pytest.param("++32470123456", "err_phone_format", id="two-plus"),
    pytest.param("+32470١٢٣٤٥٦", "err_phone_format", id="arabic-indic-digits"),
    pytest.param("+3247012", "err_phone_length", id="too-short-7-digits"),
    pytest.param("+1234567890123456", "err_phone_length", id="too-long-16-digits"),
    pytest.param("", "err_required", id="empty"),
    pytest.param("   ", "err_required", id="blank"),
])
def test_phone_refused(number, expected):
    assert rules.phone_problem(number) == expected


def test_phone_length_message_has_its_bounds():
    expected = "Le numéro doit compter de 8 à 15 chiffres après le « + »."
    assert labels.fr("err_phone_length", **rules.PHONE_FIELDS) == expected


# --------------------------------------------------------------------------- e-mail addresses
@pytest.mark.parametrize(("email", "expected"), [
    pytest.param("jean.dupont@example.org", None, id="example-org"),
    pytest.param("  jean.dupont@example.org  ", None, id="surrounding-spaces"),
    pytest.param("Jean.Dupont+rcam@Example.COM", None, id="plus-and-case"),
    pytest.param("o'brien@example.net", None, id="apostrophe"),
    pytest.param("jean@mail.example.org", None, id="sub-domain"),
    pytest.param("jean@europa.eu.example.org", None, id="europa-eu-inside-another-domain"),
    pytest.param("jean@noteuropa.eu", None, id="domain-ending-like-europa-eu"),
    pytest.param("", "err_required", id="empty"),
    pytest.param("   ", "err_required", id="blank"),
    pytest.param("jean.dupont", "err_email_format", id="no-at"),
    pytest.param("jean@", "err_email_format", id="no-domain"),
    pytest.param("@example.org", "err_email_format", id="no-user"),
    pytest.param("jean@localhost", "err_email_format", id="no-dot-in-domain"),
    pytest.param("jean dupont@example.org", "err_email_format", id="space-inside"),
    pytest.param("jean@@example.org", "err_email_format", id="two-at"),
    pytest.param("jean@example..org", "err_email_format", id="empty-label"),
    pytest.param("jean@example.org.", "err_email_format", id="trailing-dot"),
    pytest.param("<script>@example.org", "err_email_format", id="markup"),
    pytest.param("j" * 250 + "@example.org", "err_email_format", id="too-long"),
    pytest.param("jean@ec.europa.eu", "err_email_institution", id="ec-europa-eu"),
    pytest.param("Jean@EC.Europa.EU", "err_email_institution", id="ec-europa-eu-upper-case"),
    pytest.param("jean@ext.ec.europa.eu", "err_email_institution", id="sub-domain-of-ec"),
    pytest.param("jean@a.b.ec.europa.eu", "err_email_institution", id="deep-sub-domain-of-ec"),
    pytest.param("jean@europa.eu", "err_email_institution", id="europa-eu"),
    pytest.param("jean@europarl.europa.eu", "err_email_institution", id="parliament"),
    pytest.param("jean@consilium.europa.eu", "err_email_institution", id="council"),
])
def test_email_problem(email, expected):
    assert rules.email_problem(email) == expected


def test_normalise_email():
    assert rules.normalise_email("  Jean.Dupont@Example.ORG ") == "jean.dupont@example.org"


# --------------------------------------------------------------------------- names
@pytest.mark.parametrize("name", [
    pytest.param("Jean", id="plain"),
    pytest.param("Élodie", id="capital-accent"),
    pytest.param("François", id="cedilla"),
    pytest.param("Zoë", id="diaeresis"),
    pytest.param("Ñúñez", id="spanish"),
    pytest.param("Łukasz Wąsowski", id="polish"),
    pytest.param(unicodedata.normalize("NFD", "José"), id="accent-decomposed-nfd"),
    pytest.param("D'Hondt", id="ascii-apostrophe"),
    pytest.param("D’Hondt", id="typographic-apostrophe"),
    pytest.param("O'Brien-Smith", id="apostrophe-and-hyphen"),
    pytest.param("Anne-Marie", id="hyphen"),
    pytest.param("Jean Pierre", id="space"),
    pytest.param("Van der Berg", id="particles"),
    pytest.param("J.", id="initial"),
    pytest.param("St. Clair", id="abbreviation"),
    pytest.param("Παπαδόπουλος", id="greek"),
    pytest.param("Ευάγγελος", id="greek-first-name"),
    pytest.param("Иванова", id="cyrillic"),
    pytest.param("Стоянов-Петров", id="cyrillic-hyphen"),
    pytest.param("  Jean  ", id="surrounding-spaces"),
    pytest.param("A" * rules.NAME_MAX, id="max-length"),
])
def test_name_accepted(name):
    assert rules.name_problem(name) is None


@pytest.mark.parametrize(("name", "expected"), [
    pytest.param("", "err_required", id="empty"),
    pytest.param("   ", "err_required", id="blank"),
    pytest.param("Jean2", "err_name", id="digit"),
    pytest.param("007", "err_name", id="digits-only"),
    pytest.param("<script>", "err_name", id="script-tag"),
    pytest.param("<script>alert(1)</script>", "err_name", id="script"),
    pytest.param("Jean<b>", "err_name", id="markup-after-letters"),
    pytest.param("Jean_Pierre", "err_name", id="underscore"),
    pytest.param("-Jean", "err_name", id="leading-hyphen"),
    pytest.param("Jean-", "err_name", id="trailing-hyphen"),
    pytest.param("'", "err_name", id="apostrophe-only"),
    pytest.param("Jean@Dupont", "err_name", id="at-sign"),
    pytest.param("Jean 🙂", "err_name", id="emoji"),
    pytest.param("A" * (rules.NAME_MAX + 1), "err_name", id="too-long"),
])
def test_name_refused(name, expected):
    assert rules.name_problem(name) == expected


def test_the_worlds_identities_pass_every_validator():
    """Scenarios type the world's generated identities into the forms: none may be refused."""
    world = World()
    for _ in range(300):
        person = world.new_identity()
        assert rules.name_problem(person.first_name) is None, person.first_name
        assert rules.name_problem(person.last_name) is None, person.last_name
        assert rules.email_problem(person.email) is None, person.email
        assert rules.phone_problem(person.mobile) is None, person.mobile
        assert rules.phone_problem(person.second_mobile) is None, person.second_mobile
        assert rules.password_problem(rules.GUIDE_EXAMPLE_PASSWORD, person.email) is None, person.email


# --------------------------------------------------------------------------- codes
@pytest.mark.parametrize("fmt", [rules.PHONE_CHALLENGE, rules.SIGN_IN_CHALLENGE, rules.CodeFormat(1, 6)],
                         ids=lambda f: f.describe())
def test_code_generate_matches_groups_size_and_alphabet(fmt):
    pattern = re.compile("-".join([f"[{re.escape(rules.CODE_ALPHABET)}]{{{fmt.size}}}"] * fmt.groups))
    codes = {fmt.generate() for _ in range(200)}
    for code in codes:
        assert pattern.fullmatch(code), code
        assert len(code.replace("-", "")) == fmt.length == fmt.groups * fmt.size
    assert len(codes) > 190  # random, not a constant


def test_phone_challenge_is_the_guides_2_x_4():
    assert (rules.PHONE_CHALLENGE.groups, rules.PHONE_CHALLENGE.size) == (2, 4)
    assert rules.PHONE_CHALLENGE.describe() == "2 x 4"
    assert rules.PHONE_CHALLENGE.length == 8


def test_code_alphabet_has_no_look_alikes():
    assert not set("01IO") & set(rules.CODE_ALPHABET)
    assert rules.CODE_ALPHABET == rules.CODE_ALPHABET.upper()


@pytest.mark.parametrize(("typed", "expected"), [
    ("AB2C-DEF9", "AB2CDEF9"),
    ("ab2c-def9", "AB2CDEF9"),
    ("Ab2c dEf9", "AB2CDEF9"),
    ("ab2cdef9", "AB2CDEF9"),
    (" ab2c - def9 ", "AB2CDEF9"),
    ("ab2c\tdef9\n", "AB2CDEF9"),
    ("a-b-2-c-d-e-f-9", "AB2CDEF9"),
    ("", ""),
])
def test_code_normalise_ignores_case_hyphens_and_spaces(typed, expected):
    assert rules.PHONE_CHALLENGE.normalise(typed) == expected


def test_code_normalise_makes_every_typing_of_a_code_equal():
    fmt = rules.PHONE_CHALLENGE
    code = fmt.generate()
    typings = [code, code.lower(), code.replace("-", ""), code.replace("-", " "), " ".join(fmt.split(code.lower()))]
    assert {fmt.normalise(t) for t in typings} == {fmt.normalise(code)}


@pytest.mark.parametrize(("fmt", "code", "parts"), [
    (rules.PHONE_CHALLENGE, "AB2C-DEF9", ["AB2C", "DEF9"]),
    (rules.PHONE_CHALLENGE, "AB2CDEF9", ["AB2C", "DEF9"]),
    (rules.SIGN_IN_CHALLENGE, "AB2-CDE-F9G", ["AB2", "CDE", "F9G"]),
    (rules.PHONE_CHALLENGE, "AB2", ["AB2", ""]),
])
def test_code_split(fmt, code, parts):
    assert fmt.split(code) == parts


def test_captcha_and_tokens():
    captcha = rules.new_captcha()
    assert len(captcha) == rules.CAPTCHA_LENGTH and set(captcha) <= set(rules.CODE_ALPHABET)
    assert rules.new_token() != rules.new_token()
