"""Real QR codes: drawn for the 2026 EU Login screens, read back from a picture of the screen.

Adding the EU Login Mobile App shows a QR code carrying a single-use initialisation token; the fake phone's app
"scans" it by decoding a picture of the computer's screen (a screenshot's pixels, never the page's DOM). The codes
are drawn with segno and read with zxing-cpp, two maintained libraries that know the standard (ISO/IEC 18004):
a code that a phone could not read is not read here either.
"""

from __future__ import annotations

import io

import segno
import zxingcpp
from PIL import Image

SCALE = 8  # pixels per module: about 300 px for a token, as big as a phone's camera wants it on a screen
QUIET_ZONE = 4  # modules of light margin around the code, as the standard asks
ERROR_LEVEL = "m"  # at least: segno raises it when the code's size leaves room


class QRNotFound(ValueError):
    """No QR code could be read in the picture."""


class NotAPicture(QRNotFound):
    """The bytes are not a picture (PNG, JPEG, …) at all."""


def make(text: str) -> segno.QRCode:
    """The QR code (never a Micro QR: phones' scanners expect the full one) that carries ``text``."""
    return segno.make_qr(text, error=ERROR_LEVEL)


def qr_png(text: str, *, scale: int = SCALE) -> bytes:
    """A PNG of the QR code carrying ``text``: black on white, with its quiet zone."""
    out = io.BytesIO()
    make(text).save(out, kind="png", scale=scale, border=QUIET_ZONE)
    return out.getvalue()


def qr_svg(text: str, *, scale: int = SCALE) -> str:
    """The same code as inline SVG, ready for an HTML template (``|safe``)."""
    return make(text).svg_inline(scale=scale, border=QUIET_ZONE)


def qr_data_uri(text: str, *, scale: int = SCALE) -> str:
    """The PNG as a ``data:`` URI, for an ``<img src>`` that asks no server for it."""
    return make(text).png_data_uri(scale=scale, border=QUIET_ZONE)


def decode(image_bytes: bytes) -> list[str]:
    """The text of every QR code in a PNG or JPEG picture, in the order zxing-cpp finds them.

    Raises ``NotAPicture`` when the bytes are not a picture, ``QRNotFound`` (its parent) when the picture has
    no QR code that can be read: none there, or one covered, cut off, too small or blurred."""
    picture = _open(image_bytes)
    found = zxingcpp.read_barcodes(picture, formats=zxingcpp.BarcodeFormat.QRCode, text_mode=zxingcpp.TextMode.Plain)
    if not found:
        width, height = picture.size
        raise QRNotFound(f"No QR code could be read in this picture ({width}×{height} pixels): there is none, "
                         "or it is covered, cut off, too small or blurred.")
    return [code.text for code in found]


def _open(image_bytes: bytes) -> Image.Image:
    """The picture in grey levels, anything transparent laid on white as a screen shows it."""
    try:
        with Image.open(io.BytesIO(image_bytes)) as picture:
            picture.load()
            if picture.mode in ("RGBA", "LA", "PA") or "transparency" in picture.info:
                rgba = picture.convert("RGBA")
                picture = Image.alpha_composite(Image.new("RGBA", rgba.size, "white"), rgba)
            return picture.convert("L")
    except (OSError, SyntaxError, ValueError, Image.DecompressionBombError) as error:
        raise NotAPicture(f"These {len(image_bytes)} bytes are not a picture that can be read (a PNG or JPEG "
                          f"screenshot was expected), so no QR code can be looked for in them: {error}") from error
