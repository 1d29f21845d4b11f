"""Page objects: every locator of the harness lives here, by role and accessible name.

A step that quotes one of the guide's labels hands the label itself to ``Screen.control``: the match is
whole-string (like ``exact=True``), tolerant only of what FACTS.md says may differ between the guide and
the screens: the apostrophe's style, spaces and letter case. Field names come from ``mock_sites.labels``.
"""

from __future__ import annotations

import re
from urllib.parse import quote

from playwright.sync_api import Locator, Page, expect
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from mock_sites import rules
from mock_sites.labels import fr
from rehearse.check.phrases import APOSTROPHES  # the one set of apostrophes a label may be written with


def name_pattern(label: str) -> re.Pattern[str]:
    """A whole-string accessible-name pattern for a label quoted by the guide."""
    parts = []
    for char in " ".join(label.split()):
        if char in APOSTROPHES:
            parts.append("[" + re.escape(APOSTROPHES) + "]")
        elif char == " ":
            parts.append(r"\s+")
        else:
            parts.append(re.escape(char))
    return re.compile(r"^\s*" + "".join(parts) + r"\s*$", re.IGNORECASE)


class LabelNotFound(AssertionError):
    pass


class Screen:
    """Any screen of the mock sites, seen through a French browser."""

    def __init__(self, page: Page) -> None:
        self.page = page

    # --- what the guide names
    def control(self, label: str, roles: tuple[str, ...] = ("button", "link")) -> Locator:
        """The button or link the guide calls ``label`` ("Clic sur « … »")."""
        pattern = name_pattern(label)
        locator = self.page.get_by_role(roles[0], name=pattern)
        for role in roles[1:]:
            locator = locator.or_(self.page.get_by_role(role, name=pattern))
        return locator

    def click(self, label: str) -> None:
        """One round trip: the click waits for its control itself; only when it waited in vain is it asked why."""
        control = self.control(label)
        try:
            control.click()
        except PlaywrightTimeout as error:
            if control.count() == 0:
                raise LabelNotFound(f"« {label} » not found as a button or link on {self.page.url}") from error
            raise

    def expect_heading(self, label: str) -> None:
        heading = self.page.get_by_role("heading", level=1, name=name_pattern(label))
        expect(heading, f"the screen « {label} » is not shown (at {self.page.url})").to_be_visible()

    def expect_status(self, text: str) -> None:
        expect(self.page.get_by_role("status")).to_have_text(text)

    def expect_alert(self, text: str) -> None:
        expect(self.page.get_by_role("alert").filter(has_text=text)).to_be_visible()

    def field(self, label_key: str) -> Locator:
        return self.page.get_by_label(fr(label_key), exact=True)

    def expect_url_prefix(self, prefix: str) -> None:
        expect(self.page).to_have_url(re.compile("^" + re.escape(prefix)))


class EuLogin(Screen):
    """EU Login's screens (``/cas``)."""

    def gear(self) -> Locator:
        return self.page.get_by_role("button", name=fr("gear_menu"), exact=True)

    def open_gear_menu(self) -> None:
        self.gear().click()

    def enter_email(self, email: str) -> None:
        self.field("whoami_email").fill(email)

    def expect_registration_form(self, email: str) -> None:
        self.expect_heading(fr("register_title"))
        expect(self.field("email")).to_have_value(email)

    def expect_password_prompt(self) -> None:
        expect(self.field("password")).to_be_visible()

    def fill_registration(self, first: str, last: str, email: str, captcha: str,
                          language: str | None = None) -> None:
        self.field("first_name").fill(first)
        self.field("last_name").fill(last)
        self.field("email").fill(email)
        self.field("email_confirm").fill(email)
        if language:
            self.field("email_language").select_option(language)
        self.field("captcha").fill(captcha)
        self.page.get_by_label(fr("privacy"), exact=True).check()

    def captcha_id(self) -> str:
        """The captcha the screen shows, to read its code from the world as a person reads the picture."""
        image = self.page.get_by_role("img", name=fr("captcha_image"), exact=True)
        src = image.get_attribute("src") or ""
        return src.rsplit("/", 1)[-1].removesuffix(".svg")

    def enter_new_password(self, password: str, confirmation: str | None = None) -> None:
        self.field("new_password").fill(password)
        self.field("confirm_password").fill(password if confirmation is None else confirmation)

    def blue_zone_button(self, label: str) -> Locator:
        zone = self.page.get_by_role("group", name=fr("submit"), exact=True)
        return zone.get_by_role("button", name=name_pattern(label))

    def policy(self) -> Locator:
        return self.page.get_by_role("region", name=fr("policy_title"), exact=True)

    def enter_mobile_number(self, number: str) -> None:
        self.field("phone_number").fill(number)

    def challenge_boxes(self, parts: int) -> list[Locator]:
        return [self.page.get_by_role("textbox", name=fr("challenge_part", n=n, total=parts), exact=True)
                for n in range(1, parts + 1)]

    def enter_challenge(self, code: str, fmt: rules.CodeFormat) -> None:
        for box, part in zip(self.challenge_boxes(fmt.groups), fmt.split(code), strict=True):
            box.fill(part)

    # --- sign-in for a service (instructions 2.14–2.16, 3.2–3.3)
    def enter_password(self, password: str) -> None:
        self.field("password").fill(password)

    def method_list(self, label: str) -> Locator:
        """The list the guide calls « Méthode d’authentification » (any letter case)."""
        return self.page.get_by_role("combobox", name=name_pattern(label))

    def choose_method(self, list_label: str, method: str) -> None:
        """« Clic sur la flèche à droite de … » then the method, both as the guide names them."""
        methods = self.method_list(list_label)
        expect(methods, f"no list « {list_label} » on {self.page.url}").to_be_visible()
        option = methods.get_by_role("option", name=name_pattern(method))
        expect(option, f"no method « {method} » in « {list_label} »").to_have_count(1)
        methods.select_option(label=option.inner_text().strip())

    def enter_sign_in_mobile(self, number: str) -> None:
        self.field("mobile_phone").fill(number)

    def sign_in_for_service(self, email: str, password: str, mobile: str) -> None:
        """Instructions 2.14–2.15 as user-level verbs: e-mail, password, SMS method, number, « Connexion »."""
        self.enter_email(email)
        self.click(fr("next"))
        self.enter_password(password)
        self.choose_method(fr("auth_method"), fr("method_sms"))
        self.enter_sign_in_mobile(mobile)
        self.click(fr("sign_in"))


class Rcam(Screen):
    """RCAM / JSIS Online (``/RCAM/``)."""

    def grey_rectangle(self) -> Locator:
        return self.page.get_by_role("region", name=fr("rcam_internet_title"), exact=True)

    def connect_control(self, label: str) -> Locator:
        return self.grey_rectangle().get_by_role("link", name=name_pattern(label))

    def expect_below_the_fold(self, locator: Locator) -> None:
        box = locator.bounding_box()
        height = (self.page.viewport_size or {}).get("height", 0)
        assert box and box["y"] >= height, f"it is visible without scrolling down (top at {box}, window {height})"

    def scroll_down_and_connect(self, label: str) -> None:
        """« Descendre + Clic sur « Connecter » dans le rectangle gris de l’écran »."""
        control = self.connect_control(label)
        expect(control, f"« {label} » is not in the grey rectangle of {self.page.url}").to_have_count(1)
        control.scroll_into_view_if_needed()
        control.click()

    def first_access(self, pension_number: str, confirmation: str, birth_date: str) -> None:
        self.field("rcam_pension_number").fill(pension_number)
        self.field("rcam_pension_number_confirm").fill(confirmation)
        self.field("rcam_birth_date").fill(birth_date)

    def final_code_boxes(self) -> list[Locator]:
        fmt = rules.FINAL_CODE
        return [self.page.get_by_role("textbox", name=fr("rcam_final_code_part", n=n, total=fmt.groups), exact=True)
                for n in range(1, fmt.groups + 1)]

    def enter_final_code(self, code: str) -> None:
        for box, part in zip(self.final_code_boxes(), rules.FINAL_CODE.split(code), strict=True):
            box.fill(part)


class Mailbox(Screen):
    """The fake mailbox at https://mailbox.test/<address> (under ``rehearse serve``: ``…/_devices/mailbox``)."""

    def __init__(self, page: Page, base: str = f"https://{rules.MAILBOX_HOST}") -> None:
        super().__init__(page)
        self.base = base

    def open(self, address: str) -> None:
        self.page.goto(f"{self.base}/{quote(address)}")

    def open_message(self, subject: str) -> None:
        link = self.page.get_by_role("link", name=subject, exact=True)
        expect(link.first, f"no e-mail « {subject} » in {self.page.url}").to_be_visible()
        link.first.click()

    def message_body(self) -> Locator:
        return self.page.get_by_role("article")


class Phone(Screen):
    """The fake phone at https://phone.test/<number> (under ``rehearse serve``: ``…/_devices/phone``)."""

    def __init__(self, page: Page, base: str = f"https://{rules.PHONE_HOST}") -> None:
        super().__init__(page)
        self.base = base

    def open(self, number: str) -> None:
        self.page.goto(f"{self.base}/{quote(number)}")

    def latest_sms(self) -> Locator:
        return self.page.get_by_role("article", name="SMS 1", exact=True)
