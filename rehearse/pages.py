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


# What a form holds, field by field, as a person could read it back (password boxes too, empty or not).
FORM_STATE = """() => Array.from(document.querySelectorAll("form[method=post] :is(input, select, textarea)"))
    .filter(e => !["hidden", "submit", "button"].includes(e.type))
    .map(e => ({name: e.name, type: e.type, value: e.type === "checkbox" ? String(e.checked) : e.value}))"""

# The field's own error, as a screen reader finds it: the element its aria-describedby names "…-error".
FIELD_ERROR = """field => {
    const ids = (field.getAttribute("aria-describedby") || "").split(/\\s+/).filter(id => id.endsWith("-error"));
    const error = ids.length ? document.getElementById(ids[0]) : null;
    const box = e => { const r = e.getBoundingClientRect(); return {top: r.top, bottom: r.bottom}; };
    return {tag: field.tagName, invalid: field.getAttribute("aria-invalid"), field: box(field),
            error: error && {text: error.textContent.trim().replace(/\\s+/g, " "), role: error.getAttribute("role"),
                             box: box(error)}};
}"""


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

    def button(self, label: str) -> Locator:
        """The button named exactly ``label``."""
        return self.page.get_by_role("button", name=label, exact=True)

    def click(self, label: str) -> None:
        """One round trip: the click waits for its control itself; only when it waited in vain is it asked why."""
        control = self.control(label)
        try:
            control.click()
        except PlaywrightTimeout as error:
            if control.count() == 0:
                raise LabelNotFound(f"« {label} » not found as a button or link on {self.page.url}") from error
            raise

    def launch(self, url: str) -> None:
        """Type ``url`` in the address bar (« Lancez … »)."""
        self.page.goto(url)

    def heading(self, text: str) -> Locator:
        """A heading of any level named exactly ``text``."""
        return self.page.get_by_role("heading", name=text, exact=True)

    def expect_heading(self, label: str) -> None:
        heading = self.page.get_by_role("heading", level=1, name=name_pattern(label))
        expect(heading, f"the screen « {label} » is not shown (at {self.page.url})").to_be_visible()

    def status(self) -> Locator:
        """The screen's notice (``role=status``): a confirmation, what comes next."""
        return self.page.get_by_role("status")

    def expect_status(self, text: str) -> None:
        expect(self.status()).to_have_text(text)

    def alerts(self) -> Locator:
        """Every error message the screen shows (``role=alert``)."""
        return self.page.get_by_role("alert")

    def expect_alert(self, text: str) -> None:
        expect(self.alerts().filter(has_text=text)).to_be_visible()

    def signed_in_as(self) -> Locator:
        """« Connecté en tant que … », whoever it names."""
        before_name = fr("signed_in_as").partition("{name}")[0]
        return self.page.get_by_text(re.compile("^" + re.escape(before_name)))

    def field(self, label_key: str) -> Locator:
        return self.page.get_by_label(fr(label_key), exact=True)

    # --- fields as a feature names them (the bad-input catalogue)
    def labelled(self, label: str) -> Locator:
        """The one field (or group of code boxes) whose label the feature quotes."""
        pattern = name_pattern(label)
        found = self.page.get_by_label(pattern).or_(self.page.get_by_role("group", name=pattern))
        expect(found, f"no field « {label} » on {self.page.url}").to_have_count(1)
        return found

    def type_into(self, label: str, value: str) -> None:
        self.labelled(label).fill(value)

    def field_error(self, label: str) -> dict:
        """The field ``label``: its tag, aria-invalid and box, and its own error (text, role, box) or None."""
        return self.labelled(label).evaluate(FIELD_ERROR)

    def form_values(self) -> list[dict[str, str]]:
        """The posted form's fields as shown: name, type and value (a checkbox's value: "true" or "false")."""
        return self.page.evaluate(FORM_STATE)

    def expect_url_prefix(self, prefix: str) -> None:
        expect(self.page).to_have_url(re.compile("^" + re.escape(prefix)))


class Site(Screen):
    """A screen of one of the guide's sites, whose pages it can open by path."""

    def __init__(self, page: Page, base: str = rules.GUIDE_PUBLIC_URL) -> None:
        super().__init__(page)
        self.base = base

    def open(self, path: str) -> None:
        self.page.goto(self.base + path)


class EuLogin(Site):
    """EU Login's screens (``/cas``)."""

    # The screens a scenario may start on, by the label key of the name the guide gives them
    SCREENS = {
        "my_account_title": rules.Paths.MY_ACCOUNT,
        "manage_phones": rules.Paths.MANAGE_PHONES,
        "add_phone_link": rules.Paths.ADD_PHONE,
    }

    def open_screen(self, name: str) -> None:
        """The screen the guide calls ``name`` (« Mon compte », …), opened by its address."""
        pattern = name_pattern(name)
        paths = [path for key, path in self.SCREENS.items() if pattern.match(fr(key))]
        assert paths, f"no screen « {name} » to start on (known: {', '.join(fr(key) for key in self.SCREENS)})"
        self.open(paths[0])

    def open_password_link(self, token: str) -> None:
        """The link of the registration e-mail, to choose the password."""
        self.open(f"{rules.Paths.INIT_PASSWORD}?token={token}")

    def expect_sign_in_for_a_service(self) -> None:
        """The address bar shows EU Login's sign-in for a service (``/cas/login?service=…``)."""
        self.expect_url_prefix(f"{rules.GUIDE_PUBLIC_URL}{rules.Paths.LOGIN}?service=")

    def gear(self) -> Locator:
        return self.page.get_by_role("button", name=fr("gear_menu"), exact=True)

    def expect_gear_at_top_right(self) -> None:
        box = self.gear().bounding_box()
        viewport = self.page.viewport_size
        assert box and viewport and box["x"] > viewport["width"] * 0.75 and box["y"] < 120, (
            f"the gear is not at the top right of the screen: {box}")

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
        self.field("privacy").check()

    def untick_privacy(self) -> None:
        self.field("privacy").uncheck()

    def enter_email_twice(self, email: str) -> None:
        """The creation form's e-mail address and its confirmation."""
        self.field("email").fill(email)
        self.field("email_confirm").fill(email)

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

    def click_in_blue_zone(self, label: str) -> None:
        button = self.blue_zone_button(label)
        expect(button, f"« {label} » is not in the blue zone of {self.page.url}").to_be_visible()
        button.click()

    def policy(self) -> Locator:
        return self.page.get_by_role("region", name=fr("policy_title"), exact=True)

    def expect_policy_below_the_form(self) -> None:
        """The password rules come after the form's « Soumettre »."""
        policy = self.policy().bounding_box()
        submit = self.blue_zone_button(fr("submit")).bounding_box()
        assert policy and submit and policy["y"] > submit["y"], "the password rules are not below the form"

    def enter_mobile_number(self, number: str) -> None:
        self.field("phone_number").fill(number)

    def challenge_boxes(self, parts: int) -> list[Locator]:
        return [self.page.get_by_role("textbox", name=fr("challenge_part", n=n, total=parts), exact=True)
                for n in range(1, parts + 1)]

    def enter_challenge(self, code: str, fmt: rules.CodeFormat) -> None:
        for box, part in zip(self.challenge_boxes(fmt.groups), fmt.split(code), strict=True):
            box.fill(part)

    def type_challenge_groups(self, groups: list[str]) -> None:
        """One group per box, as a person types them (fewer groups leave the last boxes empty)."""
        boxes = self.page.get_by_role("group", name=fr("challenge_code"), exact=True).get_by_role("textbox")
        for index, part in enumerate(groups):
            boxes.nth(index).fill(part)

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


class Rcam(Site):
    """RCAM / JSIS Online (``/RCAM/``)."""

    def expect_on_rcam(self) -> None:
        """The address bar shows RCAM's own address (``https://webgate.ec.europa.eu/RCAM/…``)."""
        self.expect_url_prefix(rules.GUIDE_PUBLIC_URL + rules.Paths.RCAM_HOME)

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

    def type_final_code_groups(self, groups: list[str]) -> None:
        """One group per box, as typed (fewer groups leave the last boxes empty)."""
        for box, part in zip(self.final_code_boxes(), groups, strict=False):
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

    def read_code(self, fmt: rules.CodeFormat) -> str | None:
        """The code of format ``fmt`` the open message gives, as a person reads it, or None."""
        found = fmt.pattern().search(self.message_body().inner_text())
        return found.group(0) if found else None


class Phone(Screen):
    """The fake phone at https://phone.test/<number> (under ``rehearse serve``: ``…/_devices/phone``)."""

    def __init__(self, page: Page, base: str = f"https://{rules.PHONE_HOST}") -> None:
        super().__init__(page)
        self.base = base

    def open(self, number: str) -> None:
        self.page.goto(f"{self.base}/{quote(number)}")

    def latest_sms(self) -> Locator:
        return self.page.get_by_role("article", name="SMS 1", exact=True)

    def read_latest_code(self, fmt: rules.CodeFormat) -> str | None:
        """The code of format ``fmt`` in the latest SMS, as a person glances at it, or None."""
        sms = self.latest_sms()
        expect(sms).to_be_visible()
        found = fmt.pattern().search(sms.inner_text())
        return found.group(0) if found else None
