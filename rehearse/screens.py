"""Which screen each instruction of the bundled guide leaves the person on: the one map from instructions
to screens, used by the journey (and the guide checker) to prove that an instruction was followed.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ScreenAfter:
    site: str  # "eulogin", "rcam", "mailbox", "phone"
    heading: str  # label key of the screen's main heading (mock_sites.labels)
    concerns: tuple[str, ...] = ()  # other screens the instruction speaks of (e-mails, SMS)


AFTER_INSTRUCTION: dict[str, ScreenAfter] = {
    "1.1": ScreenAfter("eulogin", "register_title"),
    "1.2": ScreenAfter("eulogin", "register_done_title"),
    "1.3": ScreenAfter("eulogin", "password_changed_title", concerns=("mailbox", "eulogin:new_password_title")),
    "1.4": ScreenAfter("eulogin", "login_success"),
    "1.5": ScreenAfter("eulogin", "my_account_title"),
    "1.6": ScreenAfter("eulogin", "phones_title"),
    "1.7": ScreenAfter("eulogin", "add_phone_link"),
    "1.8": ScreenAfter("eulogin", "challenge_title", concerns=("phone",)),
    "1.9": ScreenAfter("eulogin", "phones_title", concerns=("phone", "eulogin:challenge_title")),
    "1.10": ScreenAfter("eulogin", "phones_title", concerns=("mailbox",)),
    "1.11": ScreenAfter("eulogin", "phones_title", concerns=("phone",)),
    "1.12": ScreenAfter("eulogin", "logged_out"),
    "2.13": ScreenAfter("eulogin", "whoami_title", concerns=("rcam:rcam_welcome_title",)),
    "2.14": ScreenAfter("eulogin", "password_title"),
    "2.15": ScreenAfter("eulogin", "sign_in_challenge_title", concerns=("phone",)),
    "2.16": ScreenAfter("rcam", "rcam_first_access_title", concerns=("phone", "eulogin:sign_in_challenge_title")),
    "2.17": ScreenAfter("rcam", "rcam_registered_title", concerns=("rcam:rcam_first_access_title",)),
    "2.18": ScreenAfter("rcam", "rcam_registered_title", concerns=("mailbox", "phone")),
    "3.1": ScreenAfter("eulogin", "whoami_title", concerns=("rcam:rcam_welcome_title",)),
    "3.2": ScreenAfter("eulogin", "sign_in_challenge_title", concerns=("eulogin:password_title", "phone")),
    "3.3": ScreenAfter("rcam", "rcam_final_code_title", concerns=("phone", "eulogin:sign_in_challenge_title")),
    "3.4": ScreenAfter("rcam", "rcam_activated_title", concerns=("mailbox", "rcam:rcam_final_code_title")),
}
