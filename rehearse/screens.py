"""Which screen each instruction of the bundled guide leaves the person on: the one map from instructions
to screens, used by the journey (and the guide checker) to prove that an instruction was followed.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ScreenAfter:
    site: str  # "eulogin", "rcam", "mailbox", "phone"
    heading: str  # label key of the screen's main heading (mock_sites.labels)
    # Other screens and messages the instruction speaks of: where its controls are (the screen it starts on)
    # and the e-mails and SMS it reads. Screens as "site:heading label key", messages as "email:…" / "sms:…"
    # (the keys of ``rehearse.check.capture``). When a key was seen more than once on the way, the guide
    # checker's rehearsal takes the one seen last by the end of the instruction (else the first one after).
    concerns: tuple[str, ...] = ()

    @property
    def key(self) -> str:
        """The key of the screen the instruction leads to: ``site:heading``."""
        return f"{self.site}:{self.heading}"


AFTER_INSTRUCTION: dict[str, ScreenAfter] = {
    "1.1": ScreenAfter("eulogin", "register_title", concerns=("eulogin:whoami_title",)),
    "1.2": ScreenAfter("eulogin", "register_done_title", concerns=("eulogin:register_title",)),
    "1.3": ScreenAfter("eulogin", "password_changed_title",
                       concerns=("email:registration", "eulogin:new_password_title")),
    "1.4": ScreenAfter("eulogin", "login_success", concerns=("eulogin:password_changed_title",)),
    "1.5": ScreenAfter("eulogin", "my_account_title", concerns=("eulogin:gear_menu",)),
    "1.6": ScreenAfter("eulogin", "phones_title", concerns=("eulogin:my_account_title",)),
    "1.7": ScreenAfter("eulogin", "add_phone_link", concerns=("eulogin:phones_title",)),
    "1.8": ScreenAfter("eulogin", "challenge_title", concerns=("eulogin:add_phone_link", "sms:phone_challenge")),
    "1.9": ScreenAfter("eulogin", "phones_title", concerns=("sms:phone_challenge", "eulogin:challenge_title")),
    "1.10": ScreenAfter("eulogin", "phones_title", concerns=("email:phone_added",)),
    "1.11": ScreenAfter("eulogin", "phones_title",
                        concerns=("eulogin:add_phone_link", "sms:phone_challenge", "eulogin:challenge_title")),
    "1.12": ScreenAfter("eulogin", "logged_out", concerns=("eulogin:gear_menu",)),
    "2.13": ScreenAfter("eulogin", "whoami_title", concerns=("rcam:rcam_welcome_title",)),
    "2.14": ScreenAfter("eulogin", "password_title", concerns=("eulogin:whoami_title",)),
    "2.15": ScreenAfter("eulogin", "sign_in_challenge_title",
                        concerns=("eulogin:password_title", "sms:sign_in_challenge")),
    "2.16": ScreenAfter("rcam", "rcam_first_access_title",
                        concerns=("sms:sign_in_challenge", "eulogin:sign_in_challenge_title")),
    "2.17": ScreenAfter("rcam", "rcam_registered_title", concerns=("rcam:rcam_first_access_title",)),
    "2.18": ScreenAfter("rcam", "rcam_registered_title", concerns=("email:final_code",)),
    "3.1": ScreenAfter("eulogin", "whoami_title", concerns=("rcam:rcam_welcome_title",)),
    "3.2": ScreenAfter("eulogin", "sign_in_challenge_title",
                       concerns=("eulogin:password_title", "sms:sign_in_challenge")),
    "3.3": ScreenAfter("rcam", "rcam_final_code_title",
                       concerns=("sms:sign_in_challenge", "eulogin:sign_in_challenge_title")),
    "3.4": ScreenAfter("rcam", "rcam_activated_title", concerns=("email:final_code", "rcam:rcam_final_code_title")),
}

# The 2026 guide (guides/acces-rcam-eu-login-2026.md) on the 2026 screens: where each of its instructions leaves the
# person, for its dress rehearsal (features/journey_2026.feature). The smartphone's app is the site "phone".
AFTER_INSTRUCTION_2026: dict[str, ScreenAfter] = {
    "1.1": ScreenAfter("eulogin", "register_title", concerns=("eulogin:whoami_title",)),
    "1.2": ScreenAfter("eulogin", "register_done_title", concerns=("eulogin:register_title",)),
    "1.3": ScreenAfter("eulogin", "new_password_title", concerns=("email:registration",)),
    "1.4": ScreenAfter("eulogin", "password_changed_title", concerns=("eulogin:new_password_title",)),
    "1.5": ScreenAfter("eulogin", "login_success", concerns=("eulogin:password_changed_title",)),
    "1.6": ScreenAfter("phone", "app_name"),
    "1.7": ScreenAfter("phone", "app_name"),
    "1.8": ScreenAfter("phone", "app_name"),
    "1.9": ScreenAfter("eulogin", "my_account_title", concerns=("eulogin:gear_menu",)),
    "1.10": ScreenAfter("eulogin", "devices_title", concerns=("eulogin:my_account_title",)),
    "1.11": ScreenAfter("eulogin", "add_device_link", concerns=("eulogin:devices_title",)),
    "1.12": ScreenAfter("eulogin", "add_device_link"),
    "1.13": ScreenAfter("eulogin", "device_scan_title", concerns=("eulogin:add_device_link",)),
    "1.14": ScreenAfter("phone", "app_name", concerns=("eulogin:device_scan_title",)),
    "1.15": ScreenAfter("phone", "app_name"),
    "1.16": ScreenAfter("eulogin", "devices_title", concerns=("email:device",)),
    "1.17": ScreenAfter("eulogin", "logged_out", concerns=("eulogin:gear_menu",)),
    "2.18": ScreenAfter("eulogin", "whoami_title", concerns=("rcam:rcam_welcome_title",)),
    "2.19": ScreenAfter("eulogin", "password_title", concerns=("eulogin:whoami_title",)),
    "2.20": ScreenAfter("eulogin", "password_title"),
    "2.21": ScreenAfter("eulogin", "app_wait_title", concerns=("eulogin:password_title",)),
    "2.22": ScreenAfter("phone", "app_name", concerns=("eulogin:app_wait_title",)),
    "2.23": ScreenAfter("rcam", "rcam_first_access_title", concerns=("eulogin:app_wait_title",)),
    "2.24": ScreenAfter("rcam", "rcam_registered_title", concerns=("rcam:rcam_first_access_title",)),
    "2.25": ScreenAfter("rcam", "rcam_registered_title", concerns=("email:final_code",)),
    "2.26": ScreenAfter("rcam", "rcam_welcome_title", concerns=("rcam:rcam_registered_title",)),
    "3.1": ScreenAfter("eulogin", "whoami_title", concerns=("rcam:rcam_welcome_title",)),
    "3.2": ScreenAfter("eulogin", "password_title", concerns=("eulogin:whoami_title",)),
    "3.3": ScreenAfter("eulogin", "password_title"),
    "3.4": ScreenAfter("eulogin", "app_wait_title", concerns=("eulogin:password_title",)),
    "3.5": ScreenAfter("phone", "app_name", concerns=("eulogin:app_wait_title",)),
    "3.6": ScreenAfter("rcam", "rcam_final_code_title", concerns=("eulogin:app_wait_title",)),
    "3.7": ScreenAfter("rcam", "rcam_activated_title", concerns=("email:final_code", "rcam:rcam_final_code_title")),
    "3.8": ScreenAfter("rcam", "rcam_welcome_title", concerns=("rcam:rcam_activated_title",)),
}
