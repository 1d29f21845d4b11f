"""Real QR codes (``mock_sites.qr``): a token drawn with segno comes back from zxing-cpp, from the PNG itself and
from a real browser's screenshot of it; a covered code, a picture without one and bytes that are no picture are
refused with ``QRNotFound`` and a message a person understands.

The browser's checks decode the screen's pixels (an element screenshot), never the DOM: the covered code's
``<img>`` still carries the token, and is not read.
"""

from __future__ import annotations

import base64
import io

import pytest
import zxingcpp
from PIL import Image, ImageDraw
from playwright.sync_api import Page

from mock_sites import qr, rules

TOKEN = rules.new_token()


def png_of(picture: Image.Image) -> bytes:
    out = io.BytesIO()
    picture.save(out, format="PNG")
    return out.getvalue()


def jpeg_of(png: bytes, quality: int = 70) -> bytes:
    """As the harness's step screenshots are: JPEG, quality 70."""
    out = io.BytesIO()
    Image.open(io.BytesIO(png)).convert("RGB").save(out, format="JPEG", quality=quality)
    return out.getvalue()


# --------------------------------------------------------------------------- drawn, then read back
def test_a_token_drawn_as_png_is_read_back():
    png = qr.qr_png(TOKEN)
    assert png.startswith(b"\x89PNG")
    assert qr.decode(png) == [TOKEN]


def test_the_png_has_its_quiet_zone_and_a_screen_size():
    picture = Image.open(io.BytesIO(qr.qr_png(TOKEN))).convert("L")
    width, height = picture.size
    assert width == height and 200 <= width <= 450, picture.size  # about the size EU Login shows it
    margin = qr.QUIET_ZONE * qr.SCALE
    assert picture.crop((0, 0, width, margin)).getextrema() == (255, 255)  # white above the code
    assert picture.crop((0, 0, margin, height)).getextrema() == (255, 255)  # and on its left
    assert picture.crop((margin, margin, width - margin, height - margin)).getextrema() == (0, 255)


def test_a_jpeg_of_the_code_is_read_back():
    assert qr.decode(jpeg_of(qr.qr_png(TOKEN))) == [TOKEN]


def test_the_data_uri_and_the_svg_draw_the_same_code():
    uri = qr.qr_data_uri(TOKEN)
    head, _, data = uri.partition(",")
    assert head == "data:image/png;base64"
    assert qr.decode(base64.b64decode(data)) == [TOKEN]
    size = Image.open(io.BytesIO(qr.qr_png(TOKEN))).width
    assert qr.qr_svg(TOKEN).startswith(f'<svg width="{size}" height="{size}"')  # inline: no XML declaration


def test_every_qr_code_in_the_picture_is_read():
    other = rules.new_token()
    left, right = (Image.open(io.BytesIO(qr.qr_png(text))) for text in (TOKEN, other))
    both = Image.new("L", (left.width + right.width, max(left.height, right.height)), 255)
    both.paste(left, (0, 0))
    both.paste(right, (left.width, 0))
    assert sorted(qr.decode(png_of(both))) == sorted([TOKEN, other])


# --------------------------------------------------------------------------- no code, no picture
def test_a_picture_without_a_qr_code_is_refused():
    picture = Image.new("RGB", (400, 300), "white")
    draw = ImageDraw.Draw(picture)
    draw.rectangle((40, 40, 140, 140), fill="black")  # a dark square, like a finder pattern, but alone
    draw.text((40, 200), "Scannez le code QR avec l'application EU Login", fill="black")
    with pytest.raises(qr.QRNotFound, match=r"No QR code could be read in this picture \(400×300 pixels\)"):
        qr.decode(png_of(picture))


def test_a_data_matrix_is_not_a_qr_code():
    code = zxingcpp.write_barcode_to_image(zxingcpp.create_barcode(TOKEN, zxingcpp.BarcodeFormat.DataMatrix), scale=6)
    picture = Image.frombytes("L", (code.shape[1], code.shape[0]), memoryview(code).tobytes())
    assert zxingcpp.read_barcodes(picture)  # readable, as a Data Matrix
    with pytest.raises(qr.QRNotFound):
        qr.decode(png_of(picture))


@pytest.mark.parametrize("data", [b"", b"not a picture", b"\x89PNG\r\n\x1a\n" + b"\x00" * 40, "truncated"],
                         ids=["empty", "text", "png-signature-only", "truncated-png"])
def test_bytes_that_are_not_a_picture_are_refused(data):
    if data == "truncated":
        png = qr.qr_png(TOKEN)
        data = png[: len(png) // 2]
    with pytest.raises(qr.NotAPicture, match="not a picture that can be read") as raised:
        qr.decode(data)
    assert isinstance(raised.value, qr.QRNotFound)  # one clear error type for the phone's app to catch


# --------------------------------------------------------------------------- a real browser's screen
PAGE = """<!doctype html>
<html lang="fr"><body style="margin: 40px; font-family: sans-serif">
  <p>Scannez le code QR avec l'application EU Login Mobile</p>
  <div style="position: relative; display: inline-block">
    <img id="qr" src="{src}" alt="Code QR">
    <div id="cover" style="display: none; position: absolute; left: 0; top: 0; width: 60%; height: 100%;
                           background: #e6e6e6"></div>
  </div>
</body></html>"""


@pytest.fixture
def screen(fresh_context) -> Page:
    """A guarded page of its own showing the code as an ``<img>``: a ``data:`` URL, nothing asked of a server."""
    page = fresh_context().new_page()
    page.set_content(PAGE.format(src=qr.qr_data_uri(TOKEN)))
    page.locator("#qr").evaluate("img => img.decode()")  # drawn, not only loaded
    return page


@pytest.mark.browser
@pytest.mark.parametrize("kind", ["png", "jpeg"])
def test_a_screenshot_of_the_code_is_read_back(screen: Page, kind: str):
    options = {"quality": 70} if kind == "jpeg" else {}
    shot = screen.locator("#qr").screenshot(type=kind, **options)
    assert qr.decode(shot) == [TOKEN]


@pytest.mark.browser
def test_a_covered_code_is_not_read_though_the_page_still_carries_it(screen: Page):
    screen.locator("#cover").evaluate("cover => cover.style.display = 'block'")
    image = screen.locator("#qr")
    assert image.get_attribute("src") == qr.qr_data_uri(TOKEN)  # the DOM still has it: the pixels do not
    shot = image.screenshot()
    with pytest.raises(qr.QRNotFound, match="covered"):
        qr.decode(shot)
