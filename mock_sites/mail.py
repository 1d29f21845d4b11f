"""Real MIME e-mails: built as EU Login would send them, decoded as a mail client would show them."""

from __future__ import annotations

import html
from dataclasses import dataclass
from email import policy
from email.headerregistry import Address
from email.message import EmailMessage
from email.parser import BytesParser
from email.utils import format_datetime, make_msgid

from .labels import text

# Python 3.11 folds long non-ASCII headers into encoded words that lose or add a space ("étéajouté");
# EU Login's subjects fit on one line of the RFC 5322 limit, so fold only there.
HEADERS_POLICY = policy.default.clone(max_line_length=998)
SENDER = Address("EU Login", "automated-notifications", "nomail.ec.europa.eu")
PMO_SENDER = Address("PMO", "jsis-online", "nomail.ec.europa.eu")  # plausible: the final code's sender


def build(*, to: str, subject: str, lang: str, paragraphs: list[str], sent_at,
          link: tuple[str, str, str, str] | None = None, sender: Address = SENDER,
          sender_key: str = "mail_from") -> EmailMessage:
    """A multipart/alternative message (plain text + HTML, UTF-8, quoted-printable).

    ``link`` is ``(before, anchor, url, after)``: a sentence with a link in the middle of the message,
    as EU Login's registration e-mail has it.
    """
    msg = EmailMessage(policy=HEADERS_POLICY)
    msg["From"] = Address(text(sender_key, lang), sender.username, sender.domain)
    msg["To"] = to
    msg["Subject"] = subject
    msg["Date"] = format_datetime(sent_at)
    msg["Message-ID"] = make_msgid(domain="nomail.ec.europa.eu")
    plain, rich = [], []
    for i, paragraph in enumerate(paragraphs):
        plain.append(paragraph)
        rich.append(f"<p>{html.escape(paragraph)}</p>")
        if link and i == len(paragraphs) // 2 - 1 + (len(paragraphs) % 2):
            before, anchor, url, after = link
            plain.append(f"{before} {anchor} ({url}). {after}")
            rich.append(f'<p>{html.escape(before)} <a href="{html.escape(url)}">{html.escape(anchor)}</a>. '
                        f"{html.escape(after)}</p>")
    msg.set_content("\n\n".join(plain), charset="utf-8", cte="quoted-printable")
    msg.add_alternative(f'<html lang="{lang}"><body>{"".join(rich)}</body></html>',
                        subtype="html", charset="utf-8", cte="quoted-printable")
    msg["Content-Language"] = lang  # after the bodies: set_content clears Content-* headers
    return msg


@dataclass(frozen=True)
class Decoded:
    subject: str
    sender: str
    to: str
    date: str
    language: str
    text: str
    html: str | None


def decode(raw: bytes) -> Decoded:
    """Parse a raw message: headers decoded (RFC 2047), bodies decoded (quoted-printable, charsets)."""
    msg = BytesParser(policy=policy.default).parsebytes(raw)
    plain = msg.get_body(preferencelist=("plain",))
    rich = msg.get_body(preferencelist=("html",))
    return Decoded(
        subject=str(msg["Subject"] or ""),
        sender=str(msg["From"] or ""),
        to=str(msg["To"] or ""),
        date=str(msg["Date"] or ""),
        language=str(msg["Content-Language"] or ""),
        text=plain.get_content() if plain is not None else "",
        html=rich.get_content() if rich is not None else None,
    )


_ALLOWED_TAGS = {"p", "br", "strong", "em", "ul", "ol", "li"}


def safe_html(markup: str) -> str:
    """An e-mail's HTML part reduced to paragraphs, emphasis and http(s) links, every text escaped.

    The fake mailbox shows a message as a mail client would, links clickable, but nothing a sender wrote
    is ever interpreted as markup of ours.
    """
    from html.parser import HTMLParser

    out: list[str] = []

    class Cleaner(HTMLParser):
        def handle_starttag(self, tag, attrs):
            if tag in _ALLOWED_TAGS:
                out.append(f"<{tag}>")
            elif tag == "a":
                href = dict(attrs).get("href") or ""
                if href.startswith(("https://", "http://")):
                    out.append(f'<a href="{html.escape(href, quote=True)}">')
                else:
                    out.append("<a>")

        def handle_endtag(self, tag):
            if tag in _ALLOWED_TAGS or tag == "a":
                out.append(f"</{tag}>")

        def handle_data(self, data):
            out.append(html.escape(data))

    cleaner = Cleaner(convert_charrefs=True)
    cleaner.feed(markup)
    cleaner.close()
    return "".join(out)
