"""What EU Login sends: e-mails (real MIME) and SMS, into the world's mailbox and phone.

Views call these, and so do scenarios that seed the world as it stands after an instruction.
"""

from __future__ import annotations

from urllib.parse import urlencode

from . import mail, rules
from .labels import text
from .world import Account, Challenge, FinalCode, Message, World


def send_mail(world: World, account: Account, subject_key: str, paragraphs: list[str],
              link: tuple[str, str, str, str] | None = None) -> Message:
    lang = account.email_language
    msg = mail.build(to=account.email, subject=text(subject_key, lang), lang=lang,
                     paragraphs=paragraphs, sent_at=world.now(), link=link)
    body = msg.get_body(preferencelist=("plain",)).get_content()
    return world.send("email", account.email, str(msg["Subject"]), body, msg.as_bytes(),
                      delay=rules.REGISTRATION_MAIL_DELAY)


def send_password_link(world: World, account: Account, public_url: str) -> Message:
    """The registration e-mail: « ce lien » / "this link" in the middle opens the password screen."""
    link = world.new_password_link(account.email)
    lang = account.email_language
    minutes = int(rules.REGISTRATION_LINK_LIFETIME.total_seconds() // 60)
    url = f"{public_url.rstrip('/')}{rules.Paths.INIT_PASSWORD}?{urlencode({'token': link.token})}"
    return send_mail(world, account, "mail_register_subject", [
        text("mail_register_greeting", lang, first=account.first_name, last=account.last_name),
        text("mail_signature", lang),
    ], link=(text("mail_register_before", lang, email=account.email), text("mail_register_link", lang),
             url, text("mail_register_after", lang, minutes=minutes)))


def send_phone_added(world: World, account: Account, phone: str) -> Message:
    lang = account.email_language
    return send_mail(world, account, "mail_phone_subject",
                     [text("mail_phone_body", lang, phone=phone), text("mail_signature", lang)])


def send_device_added(world: World, account: Account, name: str) -> Message:
    """« Appareil mobile ajouté »: the EU Login Mobile App on a phone now signs in to this account."""
    lang = account.email_language
    date = world.now().strftime(rules.DAY_MONTH_YEAR)
    return send_mail(world, account, "mail_device_subject",
                     [text("mail_device_body", lang, name=name, date=date), text("mail_signature", lang)])


def send_challenge(world: World, purpose: str, account: Account, phone: str,
                   fmt: rules.CodeFormat) -> Challenge:
    """A new challenge by SMS; it replaces any older one for the same purpose and number."""
    with world.lock:
        challenge = world.new_challenge(purpose, account.email, phone, fmt)
        world.send("sms", phone, "", text("sms_challenge", account.email_language, code=challenge.code))
        return challenge


def send_final_code(world: World, account: Account, code: FinalCode, screens: str | None = None) -> Message:
    """The PMO's final code (« token »), by e-mail (in the account's e-mail language) or SMS, delivered after
    ``world.final_code_delay`` on the world clock; worded for the ``screens`` profile."""
    lang = account.email_language
    days = rules.FINAL_CODE_LIFETIME.days
    if code.channel == "sms":
        return world.send("sms", code.to, "", text("sms_final_code", lang, code=code.code, days=days),
                          delay=world.final_code_delay)
    msg = mail.build(to=account.email, subject=text("mail_final_code_subject", lang), lang=lang,
                     sent_at=world.now() + world.final_code_delay, sender=mail.PMO_SENDER,
                     sender_key="mail_from_pmo", paragraphs=[
                         text("mail_register_greeting", lang, first=account.first_name, last=account.last_name),
                         text("mail_final_code_body", lang, code=code.code),
                         text("mail_final_code_howto", lang, screens, days=days),
                         text("mail_pmo_signature", lang),
                     ])
    body = msg.get_body(preferencelist=("plain",)).get_content()
    return world.send("email", account.email, str(msg["Subject"]), body, msg.as_bytes(),
                      delay=world.final_code_delay)
