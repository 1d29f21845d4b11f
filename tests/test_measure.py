"""``rehearse.check.measure``: positions from boxes, zone colours from screenshot pixels.

The unit tests draw their screens with Pillow; the browser tests render the real mock screens in Chromium and
measure what a guide says of them: « Soumettre » in the blue zone, « Connecter » in the grey rectangle below the
fold, the gear « en haut à droite ». Boxes come from Chromium's accessibility tree (as a rehearsal captures
them), colours from the full-page screenshot's pixels only. Each also shows a wrong claim contradicted.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
from PIL import Image, ImageDraw
from playwright.sync_api import Page

from mock_sites import mail, notify, rules
from mock_sites.labels import fr
from mock_sites.server import MockServer
from mock_sites.world import World
from rehearse.check.capture import Element
from rehearse.check.measure import (
    colour_name,
    fill_colour,
    holds,
    image_size,
    is_colour,
    position,
    zone_colour,
)
from rehearse.check.rehearsal import RCAM_URL, _elements

WHITE, PAGE_GREY, PALE_BLUE, EU_BLUE = (255, 255, 255), (243, 245, 248), (219, 233, 248), (0, 68, 148)
LIGHT_GREY, TEAL, DARK_TEXT = (217, 217, 217), (0, 80, 110), (27, 27, 27)
VIEWPORT_HEIGHT = 800


def screen(tmp_path: Path, size: tuple[int, int], background: tuple[int, int, int], *rects, name: str = "s",
           scale: int = 1) -> Path:
    """A PNG of ``size`` CSS px: ``background``, then each (box, fill, text colour or None) drawn in order."""
    image = Image.new("RGB", (size[0] * scale, size[1] * scale), background)
    draw = ImageDraw.Draw(image)
    for (x, y, w, h), fill, ink in rects:
        draw.rectangle([x * scale, y * scale, (x + w) * scale - 1, (y + h) * scale - 1], fill=fill)
        if ink:  # some "text": strokes covering a minority of the box
            for i in range(4):
                draw.line([((x + 8 + 14 * i) * scale, (y + 10) * scale), ((x + 16 + 14 * i) * scale,
                           (y + h - 10) * scale)], fill=ink, width=2 * scale)
    path = tmp_path / f"{name}.png"
    image.save(path)
    return path


# --------------------------------------------------------------------------- colour names


@pytest.mark.parametrize(("rgb", "name"), [
    (EU_BLUE, "blue"), (PALE_BLUE, "blue"), (TEAL, "blue"), ((0, 80, 200), "blue"), ((0, 200, 220), "blue"),
    (LIGHT_GREY, "grey"), ((128, 128, 128), "grey"), ((200, 211, 218), "grey"), ((238, 238, 238), "grey"),
    (WHITE, "white"), (PAGE_GREY, "white"), ((0, 0, 0), "black"), (DARK_TEXT, "black"), ((20, 20, 45), "black"),
    ((176, 0, 32), "red"), ((230, 30, 30), "red"), ((0, 150, 60), "green"), ((140, 200, 60), "green"),
    ((250, 220, 30), "yellow"), ((250, 140, 20), "orange"), ((150, 40, 200), "purple"),
])
def test_colour_names_by_hsv(rgb, name):
    assert colour_name(rgb) == name


def test_claimed_colours_in_english_or_french_with_shades():
    assert is_colour("blue", "blue") and is_colour("bleue", "blue") and is_colour("zone bleue".split()[1], "blue")
    assert is_colour("grey", "grey") and is_colour("gris", "light grey") and is_colour("gray", "dark grey")
    assert is_colour("gris clair", "grey") and is_colour("verte", "green") and is_colour("blanc", "white")
    assert not is_colour("verte", "blue")
    assert not is_colour("grey", "white") and not is_colour("bleue", "grey")
    with pytest.raises(ValueError):
        is_colour("turquoise-ish thing", "blue")


# --------------------------------------------------------------------------- zone colours


def test_a_button_inside_a_blue_box_is_in_the_blue_zone_and_is_itself_blue(tmp_path: Path):
    button = (100, 100, 120, 40)
    png = screen(tmp_path, (400, 300), WHITE, ((50, 60, 300, 140), PALE_BLUE, None), (button, EU_BLUE, WHITE))
    name, rgb = zone_colour(png, button)
    assert (name, rgb) == ("blue", PALE_BLUE)
    assert fill_colour(png, button) == ("blue", EU_BLUE)  # the white strokes are a minority of its pixels
    assert is_colour("bleue", name) and not is_colour("verte", name)  # « dans la zone verte »: contradicted


def test_a_blue_button_on_a_white_page_is_not_in_a_blue_zone(tmp_path: Path):
    button = (100, 100, 120, 40)
    png = screen(tmp_path, (400, 300), WHITE, (button, EU_BLUE, WHITE))
    assert zone_colour(png, button) == ("white", WHITE)
    assert fill_colour(png, button)[0] == "blue"  # « le bouton bleu » holds; « dans la zone bleue » does not
    assert not is_colour("blue", zone_colour(png, button)[0])


def test_a_dark_button_in_a_grey_rectangle_is_in_the_grey_zone_despite_neighbouring_text(tmp_path: Path):
    button = (80, 150, 110, 36)
    text_line = ((80, 120, 220, 14), DARK_TEXT, None)  # a line of text just above, within the ring's reach
    png = screen(tmp_path, (400, 300), WHITE, ((40, 40, 320, 220), LIGHT_GREY, None), text_line,
                 (button, TEAL, WHITE))
    assert zone_colour(png, button) == ("grey", LIGHT_GREY)
    assert fill_colour(png, button)[0] == "blue"
    assert is_colour("gris", "grey") and not is_colour("gris", fill_colour(png, button)[0])


def test_the_ring_skips_the_controls_own_border_and_is_clipped_to_the_screenshot(tmp_path: Path):
    # a button in the top-right corner of a blue header, with a 1 px white outline
    button = (355, 5, 40, 30)
    png = screen(tmp_path, (400, 300), WHITE, ((0, 0, 400, 50), EU_BLUE, None),
                 ((354, 4, 42, 32), WHITE, None), (button, EU_BLUE, WHITE))
    assert zone_colour(png, button) == ("blue", EU_BLUE)
    with pytest.raises(ValueError):
        zone_colour(png, (0, 0, 400, 300))  # nothing around it to measure


def test_device_scale_is_taken_into_account(tmp_path: Path):
    button = (100, 100, 60, 30)
    png = screen(tmp_path, (300, 200), WHITE, ((90, 90, 80, 50), LIGHT_GREY, None), (button, EU_BLUE, None),
                 scale=2)
    assert image_size(png) == (600, 400)
    assert zone_colour(png, button, scale=2)[0] == "grey"
    assert zone_colour(png, button, scale=1)[0] == "white"  # read as CSS px, the ring would fall elsewhere


# --------------------------------------------------------------------------- positions


def test_thirds_of_the_page_and_the_fold():
    width, height = 1280, 2400
    assert position((1200, 10, 40, 30), width, height, VIEWPORT_HEIGHT) == {"top", "right"}
    assert position((20, 2300, 100, 30), width, height, VIEWPORT_HEIGHT) == {"bottom", "left", "below-fold"}
    assert position((600, 1180, 80, 40), width, height, VIEWPORT_HEIGHT) == {"middle", "centre", "below-fold"}
    assert "below-fold" in position((20, 800, 10, 10), width, height, VIEWPORT_HEIGHT)  # top at the fold
    assert "below-fold" not in position((20, 799, 10, 10), width, height, VIEWPORT_HEIGHT)  # one pixel shows


def test_thirds_within_a_message():
    article = (300, 200, 600, 300)
    link = (320, 330, 80, 20)  # a line in the middle of the message, left-aligned as text is
    assert position(link, 1280, 900, VIEWPORT_HEIGHT, within=article) == {"middle", "left"}
    assert position(link, 1280, 900, VIEWPORT_HEIGHT) == {"middle", "left"}
    assert position((320, 210, 80, 20), 1280, 900, VIEWPORT_HEIGHT, within=article) == {"top", "left"}
    assert position((1000, 700, 80, 20), 1280, 900, VIEWPORT_HEIGHT, within=article) == {"outside"}


def test_position_claims():
    gear = frozenset({"top", "right"})
    assert holds("top-right", gear) and holds("top", gear) and holds("right", gear)
    assert not holds("bottom-left", gear)  # « en bas à gauche »: contradicted
    assert not holds("top-left", gear) and not holds("below-fold", gear)
    assert holds("below-fold", {"bottom", "centre", "below-fold"}) and holds("bottom", {"bottom", "left"})
    assert holds("middle", {"middle", "left"}) and not holds("centre", {"middle", "left"})
    assert holds("center", {"top", "centre"}) and holds("bottom-left below-fold", {"bottom", "left", "below-fold"})
    with pytest.raises(ValueError):
        holds("en haut", gear)
    with pytest.raises(ValueError):
        holds("", gear)


# --------------------------------------------------------------------------- the real mock screens


def capture(page: Page, path: Path) -> list[Element]:
    """The screen as a rehearsal captures it: accessibility-tree elements with boxes, and a full-page PNG."""
    page.wait_for_load_state()
    session = page.context.new_cdp_session(page)
    tree = session.send("Accessibility.getFullAXTree")
    snapshot = session.send("DOMSnapshot.captureSnapshot", {"computedStyles": []})
    elements, _ = _elements(tree, snapshot)
    page.screenshot(path=str(path), full_page=True)
    return elements


def element(elements: list[Element], role: str, name: str) -> Element:
    found = [e for e in elements if e.role == role and e.name == name]
    assert len(found) == 1 and found[0].box is not None, (role, name, found)
    return found[0]


def where(page: Page, png: Path, box) -> frozenset[str]:
    width, height = image_size(png)
    return position(box, width, height, page.viewport_size["height"])


@pytest.mark.browser
def test_soumettre_is_in_the_blue_zone_of_the_new_password_screen(page: Page, mock_server: MockServer,
                                                                    world: World, tmp_path: Path):
    account = world.seed_account(world.new_identity(), language="en")
    sent = notify.send_password_link(world, account, mock_server.public_url)
    link = next(html.unescape(u) for u in re.findall(r'href="([^"]+)"', mail.decode(sent.raw).html or "")
                if rules.Paths.INIT_PASSWORD in u)
    page.goto(link)
    png = tmp_path / "new_password.png"
    elements = capture(page, png)
    submit = element(elements, "button", fr("submit"))
    zone, rgb = zone_colour(png, submit.box)
    assert is_colour("bleue", zone), f"« Soumettre dans la zone bleue »: the zone is {zone} {rgb}"
    assert not is_colour("verte", zone), f"« zone verte » was not contradicted: {zone} {rgb}"
    assert is_colour("blue", fill_colour(png, submit.box)[0])  # the button is blue too
    assert not holds("below-fold", where(page, png, submit.box))
    # « Caractères spéciaux tels que décrits en bas de l’écran »: a box from the locator this time
    special = page.get_by_role("listitem").filter(has_text=re.compile(r"^\s*Caractères spéciaux"))
    box = special.bounding_box()  # the viewport's coordinates: the page is not scrolled
    assert box and page.evaluate("scrollY") == 0
    words = where(page, png, (box["x"], box["y"], box["width"], box["height"]))
    assert holds("bottom", words), f"« en bas de l’écran »: the special characters are at {box}, {sorted(words)}"
    assert not holds("top", words)


@pytest.mark.browser
def test_connecter_is_in_the_grey_rectangle_below_the_fold(page: Page, world: World, tmp_path: Path):
    page.goto(RCAM_URL)
    png = tmp_path / "rcam_welcome.png"
    elements = capture(page, png)
    assert page.viewport_size == {"width": 1280, "height": 800}
    connect = element(elements, "link", fr("rcam_connect"))
    zone, rgb = zone_colour(png, connect.box)
    assert is_colour("gris", zone), f"« Connecter dans le rectangle gris »: the zone is {zone} {rgb}"
    assert not is_colour("gris", fill_colour(png, connect.box)[0])  # the button itself is not: the ring decides
    assert not is_colour("bleue", zone) and not is_colour("verte", zone)
    words = where(page, png, connect.box)
    assert holds("below-fold", words), f"« Descendre »: « Connecter » is at {connect.box}, {sorted(words)}"
    rectangle = element(elements, "region", fr("rcam_internet_title"))
    assert position(connect.box, *image_size(png), 800, within=rectangle.box) != {"outside"}


@pytest.mark.browser
@pytest.mark.parametrize("path", [rules.Paths.LOGIN, rules.Paths.MY_ACCOUNT])
def test_the_gear_is_top_right_on_eu_login_screens(page: Page, mock_server: MockServer, world: World,
                                                   tmp_path: Path, path: str):
    identity = world.new_identity()
    world.seed_account(identity, password=rules.GUIDE_EXAMPLE_PASSWORD)
    sso = world.open_sso(identity.email, rules.STRENGTH_PASSWORD)
    page.context.add_cookies([mock_server.session_cookie(rules.Paths.CAS, {"sso": sso.id})])
    page.goto(mock_server.public_url + path)
    png = tmp_path / "eulogin.png"
    elements = capture(page, png)
    gear = element(elements, "button", fr("gear_menu"))
    words = where(page, png, gear.box)
    assert holds("top-right", words), f"« la roue dentée en haut à droite »: it is at {gear.box}, {sorted(words)}"
    assert not holds("bottom-left", words), f"« en bas à gauche » was not contradicted: {sorted(words)}"
    assert not holds("below-fold", words)
