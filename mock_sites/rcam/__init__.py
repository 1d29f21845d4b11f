"""RCAM / JSIS Online (``/RCAM/``): the landing page, sign-in through EU Login (CAS), first access, final code.

The journey (guide, instructions 2.13–2.18 and 3.1–3.4):
landing « Connecter » → EU Login (``acceptStrengths=PASSWORD_SMS``) → back here with a ticket, validated over
the back channel → first access (pension number twice, birth date) → "the final code comes by post" →
(the PMO sends it by e-mail or SMS after ``rules.FINAL_CODE_DELAY``) → next sign-in: final code → "log out
completely now" → next sign-in: « RCAM en ligne ».

RCAM keeps its own session cookie (``RCAM_SESSION``, path ``/RCAM``): it never sees EU Login's.
"""

from __future__ import annotations

from urllib.parse import urlencode

import requests
from flask import Blueprint, current_app, redirect, render_template, request, session, url_for

from .. import rules
from ..rules import Paths
from ..web import csrf_ok, get_world, profile, t
from ..world import Account, World
from . import backchannel, service

bp = Blueprint("rcam", __name__)

# Where a signed-in person belongs, by the state of their RCAM access.
STATE_VIEWS = {
    "first_access": "rcam.first_access",
    "registered": "rcam.registered",
    "final_code": "rcam.final_code",
    "activated": "rcam.activated",
    "online": "rcam.online",
}
FIRST_ACCESS_FIELDS = ("pension_number", "pension_number_confirm", "birth_date", "last_name", "first_name")


def page(template: str, status: int = 200, **context):
    return render_template(f"rcam/{template}", user=session.get("user"), **context), status


def public(path: str) -> str:
    return current_app.config["PUBLIC_URL"] + path


def service_url() -> str:
    """The service RCAM names to EU Login: its CAS callback."""
    return public(Paths.RCAM_CALLBACK)


def cas_login_url() -> str:
    query = urlencode({"service": service_url(), "acceptStrengths": ",".join(profile().rcam_strengths)})
    return f"{public(Paths.LOGIN)}?{query}"


def state_of(world: World, uid: str) -> str:
    """Where the EU Login user ``uid`` lands after signing in: RCAM en ligne, the final code, or first access."""
    if world.pensioner_of(uid) is not None:
        return "online"
    if world.registration(uid) is not None:
        return "final_code"
    return "first_access"


def seeded_session(world: World, account: Account, *, phone: str | None = None) -> dict:
    """RCAM's session values for ``account`` just back from an SMS sign-in (``phone``: the account's first
    number if None), in the state the world gives it. For scenarios that start signed in to RCAM:
    ``server.session_cookie(rules.Paths.RCAM, seeded_session(world, account))``."""
    user = backchannel.CasUser(account.uid, account.uid, account.email, account.first_name, account.last_name,
                               rules.STRENGTH_SMS, phone or (account.phones[0] if account.phones else None))
    return {"user": user.as_dict(), "state": state_of(world, account.uid)}


def signed_in(*states: str):
    """(user, None) if the RCAM session is in one of ``states``, else (None, a redirect to where it belongs)."""
    user = session.get("user")
    if not user:
        return None, redirect(Paths.RCAM_HOME)
    state = session.get("state")
    if state not in states:
        return None, redirect(url_for(STATE_VIEWS.get(state, "rcam.landing")))
    return user, None


# --- landing page and sign-in
@bp.get(Paths.RCAM)
def root():
    return redirect(Paths.RCAM_HOME)


@bp.get(Paths.RCAM_HOME)
def landing():
    return page("landing.html")


@bp.get(Paths.RCAM_INTERNAL)
def internal():
    return page("message.html", title=t("rcam_internal_title"), text=t("rcam_internal_only"))


@bp.get(Paths.RCAM_LOGIN)
def login():
    return redirect(cas_login_url())


@bp.get(Paths.RCAM_CALLBACK)
def callback():
    ticket = request.args.get("ticket", "")
    if not ticket:
        return redirect(Paths.RCAM_HOME)
    try:
        user = backchannel.validate(ticket, service_url())
    except (backchannel.BackChannelRefused, requests.RequestException) as error:
        current_app.logger.error("RCAM back channel: %s", error)
        return page("message.html", 502, title=t("rcam_login_failed_title"), error=t("rcam_login_failed"),
                    retry=True)
    except backchannel.CasFailure as failure:
        key = "rcam_strength_required" if failure.code == "INVALID_STRENGTH" else "rcam_login_failed"
        return page("message.html", 403, title=t("rcam_login_failed_title"), error=t(key), retry=True)
    if user.strength not in profile().rcam_strengths:
        return page("message.html", 403, title=t("rcam_login_failed_title"), error=t("rcam_strength_required"),
                    retry=True)
    session.clear()
    session["user"] = user.as_dict()
    session["state"] = state_of(get_world(), user.uid)
    return redirect(url_for(STATE_VIEWS[session["state"]]))


@bp.get(Paths.RCAM_LOGOUT)
def logout():
    """Log out completely: RCAM's session, then EU Login's (which comes back to the landing page)."""
    session.clear()
    return redirect(f"{public(Paths.LOGOUT)}?{urlencode({'service': public(Paths.RCAM_HOME)})}")


# --- first access (instruction 2.17) and its confirmation (2.18)
def first_access_form(values: dict, errors: dict | None = None, status: int = 200, form_error: str | None = None):
    return page("first_access.html", status, values=values, errors=errors or {}, form_error=form_error)


@bp.get(Paths.RCAM_FIRST_ACCESS)
def first_access():
    user, elsewhere = signed_in("first_access")
    if elsewhere:
        return elsewhere
    return first_access_form({"pension_number": "", "pension_number_confirm": "", "birth_date": "",
                              "last_name": user["last_name"], "first_name": user["first_name"]})


def first_access_errors(values: dict):
    """(errors by field, the pensioner found in the PMO's registry)."""
    errors = {}
    number = rules.normalise_pension_number(values["pension_number"])
    if problem := rules.pension_number_problem(values["pension_number"]):
        errors["pension_number"] = t(problem, **rules.PENSION_FIELDS)
    if problem := rules.pension_number_problem(values["pension_number_confirm"]):
        errors["pension_number_confirm"] = t(problem, **rules.PENSION_FIELDS)
    elif "pension_number" not in errors and rules.normalise_pension_number(values["pension_number_confirm"]) != number:
        errors["pension_number_confirm"] = t("err_pension_mismatch")
    if problem := rules.birth_date_problem(values["birth_date"], get_world().now().date()):
        errors["birth_date"] = t(problem)
    for name in ("last_name", "first_name"):
        if problem := rules.name_problem(values[name]):
            errors[name] = t(problem)
    if errors:
        return errors, None
    pensioner = get_world().pensioner(number)
    if pensioner is None:
        return {"pension_number": t("err_pension_unknown")}, None
    if pensioner.birth_date != rules.parse_birth_date(values["birth_date"]):
        errors["birth_date"] = t("err_birth_mismatch")
    if not rules.same_name(values["last_name"], pensioner.last_name):
        errors["last_name"] = t("err_last_name_mismatch")
    if not rules.same_name(values["first_name"], pensioner.first_name):
        errors["first_name"] = t("err_first_name_mismatch")
    return errors, pensioner


@bp.post(Paths.RCAM_FIRST_ACCESS)
def first_access_post():
    user, elsewhere = signed_in("first_access")
    if elsewhere:
        return elsewhere
    values = {name: request.form.get(name, "").strip() for name in FIRST_ACCESS_FIELDS}
    if not csrf_ok():
        return first_access_form(values, status=400, form_error=t("err_csrf"))
    world = get_world()
    with world.transaction():
        errors, pensioner = first_access_errors(values)
        if errors:
            return first_access_form(values, errors, 400)
        account = world.account(user["email"])
        if account is None:
            return first_access_form(values, status=400, form_error=t("err_session"))
        if world.registration(account.uid) is not None:  # already done, e.g. in another tab: say so, send nothing
            return first_access_form(values, status=409, form_error=t("err_first_access_done"))
        service.first_access(world, account, pensioner, user.get("mobile"), profile().name)
    session["state"] = "registered"
    return redirect(url_for("rcam.registered"))


@bp.get(Paths.RCAM_REGISTERED)
def registered():
    user, elsewhere = signed_in("registered")
    return elsewhere or page("registered.html")


# --- the final code (3ème étape, instruction 4)
def final_code_form(errors: dict | None = None, status: int = 200, form_error: str | None = None):
    fmt = rules.FINAL_CODE
    return page("final_code.html", status, parts=fmt.groups, size=fmt.size, errors=errors or {},
                form_error=form_error)


@bp.get(Paths.RCAM_FINAL_CODE)
def final_code():
    user, elsewhere = signed_in("final_code")
    return elsewhere or final_code_form()


def final_code_problem(registration, typed: str) -> str | None:
    fmt = rules.FINAL_CODE
    code = registration.code
    if len(typed) != fmt.length:
        return t("err_final_code_length", length=fmt.length)
    if code is None or typed != fmt.normalise(code.code):
        return t("err_final_code_wrong")
    if code.used_at is not None:
        return t("err_final_code_used")
    if code.expires_at <= get_world().now():
        return t("err_final_code_expired")
    return None


@bp.post(Paths.RCAM_FINAL_CODE)
def final_code_post():
    # "activated" too: the browser's back button and a second « Valider » get "already used", not a redirect
    user, elsewhere = signed_in("final_code", "activated")
    if elsewhere:
        return elsewhere
    if not csrf_ok():
        return final_code_form(status=400, form_error=t("err_csrf"))
    typed = rules.FINAL_CODE.normalise("".join(request.form.getlist("final_code")))
    world = get_world()
    with world.transaction():
        registration = world.registration(user["uid"])
        if registration is None:
            return final_code_form(status=400, form_error=t("err_session"))
        if problem := final_code_problem(registration, typed):
            return final_code_form({"final_code": problem}, 400)
        world.activate(registration)
    session["state"] = "activated"
    return redirect(url_for("rcam.activated"))


@bp.get(Paths.RCAM_ACTIVATED)
def activated():
    user, elsewhere = signed_in("activated")
    return elsewhere or page("activated.html")


# --- RCAM en ligne
@bp.get(Paths.RCAM_ONLINE)
def online():
    user, elsewhere = signed_in("online")
    return elsewhere or page("online.html")
