"""Form bodies the sites cannot read: too large, malformed (a broken chunked transfer, a broken multipart) or not
UTF-8. Werkzeug gives such a form empty and says nothing, so the person was told « the form has expired »;
here the site's own page says what happened, in the screen's language, and no view runs.

``SiteRequest`` notes why a body could not be read; ``create_app`` refuses it before any view
(``refused_body``), and turns every 413 into the site's page (``too_large``).
"""

from __future__ import annotations

import contextlib
from typing import IO, cast

from flask import Request, render_template, request
from werkzeug.exceptions import ClientDisconnected
from werkzeug.formparser import FormDataParser
from werkzeug.wsgi import LimitedStream

from . import rules
from .web import t

FORM_METHODS = ("POST", "PUT", "PATCH", "DELETE")


class _NotingParser(FormDataParser):
    """Werkzeug's form parser, which notes (``problem``: a label key) why it gave an empty form."""

    problem: str | None = None

    def parse(self, stream: IO[bytes], mimetype: str, content_length: int | None,
              options: dict[str, str] | None = None):
        silent, self.silent = self.silent, False
        try:
            parsed = super().parse(stream, mimetype, content_length, options)
        except UnicodeDecodeError:  # raw bytes that are not UTF-8 (percent-encoded ones are decoded leniently)
            self.problem = "err_body_encoding"
        except (ValueError, OSError, ClientDisconnected):  # a broken chunk or multipart, a body cut short or
            # never ended (under MAX_CONTENT_LENGTH, Werkzeug's stream turns a server's read error into
            # ClientDisconnected)
            self.problem = "err_body_malformed"
        else:
            if content_length is None and isinstance(stream, LimitedStream) and stream.is_exhausted:
                # A streamed (chunked) body that filled MAX_CONTENT_LENGTH: Werkzeug parsed it cut at the limit
                # and said nothing; one more read raises its 413 (a body of exactly the limit is refused too).
                stream.read(1)
            return parsed
        finally:
            self.silent = silent
        if not silent:
            raise ValueError(self.problem)
        return stream, self.cls(), self.cls()


class SiteRequest(Request):
    """Flask's request, which knows why its form body could not be read."""

    form_data_parser_class = _NotingParser
    _parser: _NotingParser | None = None

    def make_form_data_parser(self) -> FormDataParser:
        self._parser = cast(_NotingParser, super().make_form_data_parser())
        return self._parser

    @property
    def body_problem(self) -> str | None:
        """The label key of why the form body could not be read, or None (reads the form if not yet read; a
        body over ``MAX_CONTENT_LENGTH`` raises 413 here)."""
        if self.method not in FORM_METHODS:
            return None
        self.form  # noqa: B018 - parse it now
        return self._parser.problem if self._parser else None


def site_page(status: int, message: str):
    """The page of the site the request is for (RCAM, else EU Login), with ``message`` as its error."""
    path = request.path
    if path == rules.Paths.RCAM or path.startswith(rules.Paths.RCAM + "/"):
        return render_template("rcam/message.html", title=t("body_refused_title"), error=message), status
    return render_template("eulogin/message.html", title=t("body_refused_title"), error=message,
                           account=None), status


def refused_body():
    """Before every view: a form body that could not be read is refused with its reason, nothing else done."""
    problem = cast(SiteRequest, request).body_problem
    if problem:
        return site_page(400, t(problem))
    return None


def too_large(_error):
    """Every 413 (Flask's ``MAX_CONTENT_LENGTH``, Werkzeug's multipart limits): the site's own page."""
    _drain(rules.MAX_BODY_DRAINED)
    return site_page(413, t("err_body_too_large", kilobytes=rules.MAX_BODY_BYTES // 1024))


def _drain(limit: int) -> None:
    """Read and drop what is left of the request's body, at most ``limit`` bytes (see ``rules.MAX_BODY_DRAINED``)."""
    stream = request.environ.get("wsgi.input")
    left = limit
    with contextlib.suppress(OSError, ValueError):
        while stream is not None and left > 0 and (chunk := stream.read(min(left, 64 * 1024))):
            left -= len(chunk)
