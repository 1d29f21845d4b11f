"""Page objects: every locator of the harness lives here, by role and accessible name.

A step that quotes one of the guide's labels hands the label itself to ``Screen.control``: the match is
whole-string (like ``exact=True``), tolerant only of what FACTS.md says may differ between the guide and
the screens: the apostrophe's style, spaces and letter case. Field names come from ``mock_sites.labels``.
"""

from __future__ import annotations

import re
from urllib.parse import quote

from playwright.sync_api import Error as PlaywrightError
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
        "manage_devices": rules.Paths.MANAGE_DEVICES,  # the 2026 screens
        "add_device_link": rules.Paths.ADD_DEVICE,
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


# --- the EU Login Mobile App (2026 screens): the computer's device screens and the phone's app
class MobileDevices(Site):
    """« Gérer mes appareils mobiles », « Ajouter un appareil mobile » and its QR screen (2026 screens)."""

    def open_enrolment(self, token: str) -> None:
        """The QR screen of an « Ajouter un appareil mobile » already sent."""
        self.open(f"{rules.Paths.ADD_DEVICE}?enrolment={token}")

    def device_list(self) -> Locator:
        return self.page.get_by_role("list", name=fr("devices_title"), exact=True)

    def qr_code(self) -> Locator:
        """The QR code the app scans, on the computer's screen."""
        return self.page.get_by_role("img", name=fr("device_qr"), exact=True)

    def expect_qr_code(self) -> None:
        self.expect_heading(fr("device_scan_title"))
        expect(self.qr_code(), f"no QR code on {self.page.url}").to_be_visible()

    def photograph_qr_code(self) -> bytes:
        """What the phone's camera sees of the QR code: a picture of the screen, never the page's source."""
        code = self.qr_code()
        expect(code, f"no QR code on {self.page.url}").to_be_visible()
        return code.screenshot()

    def cover_qr_code(self, share: float = 0.5) -> None:
        """Something in front of the screen: the left ``share`` of the QR code hidden (not a change of the code)."""
        self.qr_code().evaluate("""(img, share) => {
            const r = img.getBoundingClientRect();
            const cover = document.createElement("div");
            cover.setAttribute("aria-hidden", "true");
            cover.dataset.cover = "qr";
            Object.assign(cover.style, {position: "absolute", background: "#777", zIndex: 10,
                left: (r.left + scrollX) + "px", top: (r.top + scrollY) + "px",
                width: (r.width * share) + "px", height: r.height + "px"});
            document.body.appendChild(cover);
        }""", share)

    def uncover_qr_code(self) -> None:
        """What hid the QR code is taken away."""
        self.page.evaluate('() => document.querySelectorAll("[data-cover=qr]").forEach(e => e.remove())')

    def expect_added(self, name: str, timeout_ms: float | None = None) -> None:
        """The confirmation on the computer, which goes on by itself once the phone has finished (it asks EU Login
        every second: ``timeout_ms`` allows for that)."""
        status = self.status().filter(has_text=fr("device_added", name=name))
        expect(status, f"no confirmation on {self.page.url}").to_be_visible(timeout=timeout_ms)
        self.expect_heading(fr("devices_title"))
        expect(self.device_list()).to_contain_text(name)


class PhoneApp(Screen):
    """The fake phone's « EU Login » app at https://phone.test/<number>/app (2026 screens)."""

    def __init__(self, page: Page, base: str = f"https://{rules.PHONE_HOST}") -> None:
        super().__init__(page)
        self.base = base

    def open(self, number: str) -> None:
        """Open the app (or tap its notification: it opens on the waiting requests). Left open on its home, the app
        shows a new request by itself (it reloads its home): a navigation of ours may meet that one."""
        home = f"{self.base}/{quote(number)}/app"
        if self.page.url != home:
            try:
                self.page.goto(home)
            except PlaywrightError as error:
                if "interrupted by another navigation" not in str(error):
                    raise
        self.expect_heading(fr("app_name"))

    def picture_input(self) -> Locator:
        return self.page.get_by_label(fr("app_picture"), exact=True)

    def scan(self, label: str, picture: bytes) -> None:
        """« Scanner le code QR »: the camera's picture goes to the app, then the button the guide names."""
        self.picture_input().set_input_files(files=[{"name": "code-qr.png", "mimeType": "image/png",
                                                     "buffer": picture}])
        self.click(label)

    def expect_ready_to_scan(self, label: str) -> None:
        expect(self.picture_input(), f"the app does not take a picture on {self.page.url}").to_be_attached()
        expect(self.control(label)).to_be_visible()

    def expect_not_initialised(self) -> None:
        expect(self.page.get_by_text(fr("app_not_initialised"), exact=True)).to_be_visible()

    def expect_pin_asked(self, intro: str) -> None:
        expect(self.page.get_by_text(intro, exact=True)).to_be_visible()
        expect(self.field("app_pin")).to_be_visible()

    def request(self, service: str) -> Locator:
        """A sign-in request the app shows (« Demande de connexion à … »), with its PIN field and buttons."""
        return self.page.get_by_role("form", name=fr("app_request", service=service), exact=True)

    def request_field(self, service: str, label: str) -> Locator:
        """A field of the request, by the label the guide quotes (« Code PIN »)."""
        return self.request(service).get_by_label(name_pattern(label))

    def request_control(self, service: str, label: str) -> Locator:
        """A button of the request, by the label the guide quotes (« Confirmer »)."""
        return self.request(service).get_by_role("button", name=name_pattern(label))

    def enter_pin(self, label: str, pin: str) -> None:
        self.type_into(label, pin)

    def expect_notice(self, text: str) -> None:
        self.expect_status(text)

    def expect_accepted(self) -> None:
        """The app took the PIN: its answer is a notice (the device is ready, the sign-in confirmed), no error."""
        expect(self.status(), f"the app did not take the PIN (at {self.page.url})").to_be_visible()
        expect(self.alerts()).to_have_count(0)

    def device_list(self) -> Locator:
        return self.page.get_by_role("list", name=fr("app_devices"), exact=True)

    def describe(self) -> str:
        """What the app shows, for a failure's message."""
        return f"{self.page.url}: {self.page.get_by_role('main').inner_text()}"


class AppSignIn(Site):
    """EU Login's screen while the phone confirms a sign-in (« Application mobile EU Login : code PIN »)."""

    def expect_waiting(self) -> None:
        self.expect_heading(fr("app_wait_title"))

    def expect_goes_on_to(self, label: str, timeout_ms: float) -> None:
        """The waiting screen goes on by itself to the screen ``label``: it asks EU Login every second whether the
        phone answered, then signs in to the service (the guide: « après quelques secondes »)."""
        heading = self.page.get_by_role("heading", level=1, name=name_pattern(label))
        expect(heading, f"the PC did not go on to « {label} » (at {self.page.url})").to_be_visible(timeout=timeout_ms)

    def sign_in_with_app(self, email: str, password: str) -> None:
        """Instructions 2.19–2.21 as user-level verbs: e-mail, password, the app's PIN method, « Connexion »."""
        login = EuLogin(self.page, self.base)
        login.enter_email(email)
        login.click(fr("next"))
        login.enter_password(password)
        login.choose_method(fr("auth_method"), fr("method_app_pin"))
        login.click(fr("sign_in"))
        self.expect_waiting()
