"""Where a control is and what colour its zone is, measured from boxes and screenshot pixels only.

A guide says « la roue dentée en haut à droite », « au milieu du message », « en bas de l’écran »,
« Descendre » (the control is below the first screen), « Soumettre dans la zone bleue », « Connecter dans le
rectangle gris ». These functions confirm or contradict such claims from an element's box (``x, y, width,
height`` in the full-page screenshot, as ``capture.Element.box`` gives it) and the screenshot's PIXELS: never from
the templates' class names or styles, so that a restyled page is measured as it looks.

Position
    ``position`` names where the centre of a box lies: thirds of the page (or of a ``within`` box, e.g. a
    message's article) across — ``left`` / ``centre`` / ``right`` — and down — ``top`` / ``middle`` / ``bottom``
    — plus ``below-fold`` when the box's top is at or below the height of the first screen (the viewport).
    ``holds`` tells whether a claim such as ``"top-right"`` or ``"below-fold"`` is among those words.

Colour of a zone — the decision
    « X dans la zone bleue » / « dans le rectangle gris » names the CONTAINER the control sits in: its zone is
    what surrounds it. ``zone_colour`` therefore measures a ring just outside the box (``margin`` pixels wide,
    after a 2-pixel gap that skips the control's own border, focus ring and anti-aliasing) and returns its
    dominant colour. The control's own colour is another claim (« le bouton bleu »), measured by
    ``fill_colour``: the dominant colour inside the box (its background: the text's glyphs are a minority of its
    pixels). On the mock sites the two differ where it matters: RCAM's « Connecter » is a dark blue button in a
    grey rectangle — « dans le rectangle gris » holds of the ring, not of the button — and a blue button on a
    white page is not « dans la zone bleue ».

Colour names
    ``colour_name`` names an RGB by HSV: a low saturation (< ``GREY_SATURATION``) or a very dark value is white,
    grey or black by lightness (light greys such as #d9d9d9 are "grey"); otherwise the hue names it (cyan counts
    as blue; violet/magenta is "purple", a name no guide claim uses). ``is_colour`` compares a claimed name
    (English or French, « bleue », « gris », « light grey ») with a found one.
"""

from __future__ import annotations

import colorsys
import math
from collections import Counter
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

from PIL import Image

Box = tuple[float, float, float, float]  # x, y, width, height
RGB = tuple[int, int, int]

HORIZONTAL = ("left", "centre", "right")
VERTICAL = ("top", "middle", "bottom")
BELOW_FOLD = "below-fold"
OUTSIDE = "outside"  # the box's centre is not within the ``within`` box
WORDS = frozenset({*HORIZONTAL, *VERTICAL, BELOW_FOLD, OUTSIDE})

COLOURS = ("blue", "grey", "white", "black", "red", "green", "yellow", "orange", "purple")
GREY_SATURATION = 0.09  # below: no hue to speak of (#c8d3da, a bluish grey, is 0.083; pale blue #dbe9f8 is 0.117)
BLACK_VALUE = 0.20  # HSV value below which anything is black
WHITE_VALUE = 0.94  # achromatic value at or above which it is white (#eeeeee is still grey)
HUES = ((15, "red"), (40, "orange"), (70, "yellow"), (165, "green"), (255, "blue"), (330, "purple"), (361, "red"))

ZONE_MARGIN = 8  # px of ring: inside any padded container (.5rem), clear of the neighbouring controls
EDGE_GAP = 2  # px skipped around the box: the control's own border, shadow, focus ring, anti-aliasing
QUANTUM = 4  # bits dropped per channel when voting for the dominant colour (16 levels a channel)

ALIASES = {
    "gray": "grey", "gris": "grey", "grise": "grey", "bleu": "blue", "bleue": "blue", "blanc": "white",
    "blanche": "white", "noir": "black", "noire": "black", "rouge": "red", "vert": "green", "verte": "green",
    "jaune": "yellow", "violet": "purple", "violette": "purple", "mauve": "purple", "cyan": "blue",
}
SHADES = ("light", "dark", "pale", "clair", "claire", "foncé", "foncée", "pâle")


# --------------------------------------------------------------------------- position


def _third(offset: float, length: float, names: tuple[str, str, str]) -> str:
    fraction = offset / length
    return names[0] if fraction < 1 / 3 else names[1] if fraction < 2 / 3 else names[2]


def position(box: Box, page_width: float, page_height: float, viewport_height: float, *,
             within: Box | None = None) -> frozenset[str]:
    """Where the centre of ``box`` lies: one of left/centre/right, one of top/middle/bottom, maybe below-fold.

    Thirds of the page (``page_width`` x ``page_height``, the full-page screenshot), or of ``within`` (a box in
    the same coordinates, e.g. a message's article for « au milieu du message »); when the centre falls outside
    ``within`` the words are just ``outside`` (and ``below-fold``). ``below-fold`` says the box's top is at or below
    ``viewport_height``: one must scroll down to see it (« Descendre »)."""
    x, y, width, height = box
    fx, fy, fw, fh = within if within is not None else (0.0, 0.0, page_width, page_height)
    if fw <= 0 or fh <= 0:
        raise ValueError(f"no area to place the box in: {fw} x {fh}")
    cx, cy = x + width / 2, y + height / 2
    words = set()
    if fx <= cx <= fx + fw and fy <= cy <= fy + fh:
        words |= {_third(cx - fx, fw, HORIZONTAL), _third(cy - fy, fh, VERTICAL)}
    else:
        words.add(OUTSIDE)
    if y >= viewport_height:
        words.add(BELOW_FOLD)
    return frozenset(words)


def holds(position_claim: str, words: Iterable[str]) -> bool:
    """Whether a claim — ``"top-right"``, ``"top-left"``, ``"bottom"``, ``"middle"``, ``"below-fold"``, … — is true
    of the words ``position`` measured. Every part of the claim must be among them (``"middle"`` is the middle
    third down, ``"centre"`` the middle third across). An unknown word is an error, not a contradiction."""
    claim = " ".join(position_claim.casefold().replace("center", "centre").split())
    claim = claim.replace("below the fold", BELOW_FOLD).replace("below fold", BELOW_FOLD)
    parts = [BELOW_FOLD] if BELOW_FOLD in claim else []
    parts += [p for p in claim.replace(BELOW_FOLD, " ").replace("-", " ").split() if p]
    unknown = [p for p in parts if p not in WORDS]
    if not parts or unknown:
        raise ValueError(f"not a position claim: {position_claim!r}" + (f" ({', '.join(unknown)})" if unknown else ""))
    measured = set(words)
    return all(part in measured for part in parts)


# --------------------------------------------------------------------------- colour


def colour_name(rgb: Iterable[int]) -> str:
    """The name of a colour by HSV: black, grey or white when it has hardly any hue; else its hue's name."""
    r, g, b = (max(0, min(255, int(c))) / 255 for c in rgb)
    hue, saturation, value = colorsys.rgb_to_hsv(r, g, b)
    if value < BLACK_VALUE:
        return "black"
    if saturation < GREY_SATURATION:
        return "white" if value >= WHITE_VALUE else "grey"
    degrees = hue * 360
    return next(name for limit, name in HUES if degrees < limit)


def _canonical(name: str) -> str:
    words = [w for w in name.casefold().replace("-", " ").split() if w not in SHADES]
    if len(words) != 1:
        raise ValueError(f"not a colour name: {name!r}")
    word = ALIASES.get(words[0], words[0])
    if word not in COLOURS:
        raise ValueError(f"not a colour name: {name!r}")
    return word


def is_colour(name_claimed: str, found: str) -> bool:
    """Whether the claimed colour (« bleue », "blue", "grey", « gris clair », …) is the one found.

    Shades are ignored on both sides: "grey" accepts light grey (which ``colour_name`` names "grey" anyway) and
    dark grey, "blue" accepts the pale blue of a zone and the dark blue of a button."""
    return _canonical(name_claimed) == _canonical(found)


def image_size(png_path: str | Path) -> tuple[int, int]:
    """Width and height of a screenshot, in pixels."""
    with Image.open(png_path) as image:
        return image.size


def _rgb(png_path: str | Path) -> Image.Image:
    """The screenshot's pixels, decoded once for all the boxes measured on it (a full-page PNG takes tens of
    milliseconds to decode, and a check measures the same screens for every guide)."""
    path = Path(png_path).resolve()
    stat = path.stat()
    return _decoded(path, stat.st_mtime_ns, stat.st_size)


@lru_cache(maxsize=16)
def _decoded(path: Path, mtime_ns: int, size: int) -> Image.Image:  # the file's time and size: a new file, anew
    with Image.open(path) as opened:
        return opened.convert("RGB")


def _dominant(image: Image.Image, regions: Iterable[tuple[int, int, int, int]]) -> RGB:
    """The most frequent colour (quantised, so that anti-aliased near-equals vote together) of the regions;
    returned as the mean of the exact colours in the winning bin."""
    bins: Counter[RGB] = Counter()
    members: dict[RGB, list[tuple[int, RGB]]] = {}
    for region in regions:
        left, top, right, bottom = region
        if right <= left or bottom <= top:
            continue
        part = image.crop(region)
        for count, colour in part.getcolors(part.width * part.height) or ():
            key = tuple(c >> QUANTUM for c in colour)
            bins[key] += count
            members.setdefault(key, []).append((count, colour))
    if not bins:
        raise ValueError("no pixels to measure: the box covers the whole screenshot or lies outside it")
    winner = members[bins.most_common(1)[0][0]]
    total = sum(count for count, _ in winner)
    return tuple(round(sum(count * colour[i] for count, colour in winner) / total) for i in range(3))


def _pixels(box: Box, scale: float, grow: float, size: tuple[int, int]) -> tuple[int, int, int, int]:
    """``box`` grown by ``grow`` CSS px, in whole pixels of the image (covering it), clipped to the image."""
    x, y, width, height = (v * scale for v in box)
    grow *= scale
    width_px, height_px = size
    return (max(0, min(width_px, math.floor(x - grow))), max(0, min(height_px, math.floor(y - grow))),
            max(0, min(width_px, math.ceil(x + width + grow))), max(0, min(height_px, math.ceil(y + height + grow))))


def zone_colour(png_path: str | Path, box: Box, *, margin: float = ZONE_MARGIN,
                scale: float = 1.0) -> tuple[str, RGB]:
    """The colour of the zone ``box`` sits in: the dominant colour of a ring ``margin`` px wide around it.

    The ring starts ``EDGE_GAP`` px outside the box (the control's own border and anti-aliasing are not its
    zone) and is clipped to the screenshot. ``scale`` is the screenshot's device pixels per CSS pixel (1 for the
    rehearsal's screenshots). Returns ``(colour_name(rgb), rgb)``."""
    image = _rgb(png_path)
    inner = _pixels(box, scale, EDGE_GAP, image.size)
    outer = _pixels(box, scale, EDGE_GAP + margin, image.size)
    (ox0, oy0, ox1, oy1), (ix0, iy0, ix1, iy1) = outer, inner
    ring = [(ox0, oy0, ox1, iy0), (ox0, iy1, ox1, oy1), (ox0, iy0, ix0, iy1), (ix1, iy0, ox1, iy1)]
    rgb = _dominant(image, ring)
    return colour_name(rgb), rgb


def fill_colour(png_path: str | Path, box: Box, *, inset: float = EDGE_GAP,
                scale: float = 1.0) -> tuple[str, RGB]:
    """The element's own colour: the dominant colour inside ``box`` (its background, not its text), ``inset``
    px in from its edges. For « le bouton bleu », not « dans la zone bleue » (that is ``zone_colour``)."""
    image = _rgb(png_path)
    x, y, width, height = box
    inset = min(inset, max(0.0, width / 2 - 0.5), max(0.0, height / 2 - 0.5))
    left, top, right, bottom = _pixels((x, y, width, height), scale, -inset, image.size)
    rgb = _dominant(image, [(left, top, right, bottom)])
    return colour_name(rgb), rgb
