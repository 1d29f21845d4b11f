"""EU Login (``/cas``): identification, account creation, password, mobile phones, sign-in, logout."""

from __future__ import annotations

import html
import random
from urllib.parse import urlsplit

from flask import (
    Blueprint,
    Response,
    abort,
    current_app,
    jsonify,
    redirect,
    render_template,
    request,
    session,
    url_for,
)

from .. import notify, profiles, qr, rules
from ..labels import LANGUAGE_NAMES
from ..rules import Paths
from ..web import csrf_ok, get_world, profile, t
from ..world import Account
from . import cas, keys, service, throttle
from . import mobile as app_service  # not "mobile": the sign-in form has a field of that name

bp = Blueprint("eulogin", __name__)
bp.register_blueprint(cas.bp)


# --- helpers
def current_sso():
    world = get_world()
    sso = world.sso(session.get("sso"))
    if sso is None:
        session.pop("sso", None)
    return sso


def signed_in_account() -> Account | None:
    sso = current_sso()
    return get_world().account(sso.email) if sso else None


def page(template: str, status: int = 200, **context):
    return render_template(f"eulogin/{template}", account=signed_in_account(), **context), status


def refuse_csrf(template: str, **context):
    return page(template, 400, form_error=t("err_csrf"), **context)


def send_password_link(account: Account):
    return notify.send_password_link(get_world(), account, current_app.config["PUBLIC_URL"])


# --- identification and sign-in (for EU Login itself, or for a service: ``?service=…``)
def service_request() -> str | None:
    """The service a sign-in is for (``?service=``), or None for EU Login itself."""
    return request.args.get("service")


def refuse_service():
    return page("service_refused.html", 403)


def signed_in_for_service(service: str, sso):
    """After a fresh sign-in for ``service``: its ticket, through the browser."""
    return cas.redirect_with_ticket(service, sso, from_sso=False)


def open_session(account: Account, strength: str, phone: str | None = None, device: str | None = None):
    """A fresh SSO session replacing the browser's old one (a stronger sign-in, or renew)."""
    world = get_world()
    with world.transaction():
        world.close_sso(session.get("sso"))
        sso = world.open_sso(account.email, strength, phone, device)
    session["sso"] = sso.id
    session.pop("login_phone", None)
    return sso


@bp.get(Paths.CAS)
@bp.get(Paths.CAS + "/")
@bp.get(Paths.LOGIN)
def login():
    service = service_request()
    if service is None:
        if current_sso():
            return page("home.html")
        return page("whoami.html", email="")
    if not cas.known_service(service):
        return refuse_service()
    sso = current_sso()
    if sso and not cas.renew_asked(request.args) and cas.strength_ok(sso.strength,
                                                                     cas.accepted_strengths(request.args)):
        return cas.redirect_with_ticket(service, sso, from_sso=True)
    if sso is None and request.args.get("gateway", "").lower() == "true":
        return redirect(service)
    return page("whoami.html", email="")


@bp.post(Paths.LOGIN)
def login_post():
    service = service_request()
    if service is not None and not cas.known_service(service):
        return refuse_service()
    step = request.form.get("step")
    if step == "password":
        return password_post() if service is None else service_password_post(service)
    if step == "challenge" and service is not None:
        return challenge_post(service)
    if step == "key" and service is not None and security_keys_on():
        return key_post(service)
    if step == "app" and service is not None and mobile_app_on():
        return app_post(service)
    if step == "app_qr" and service is not None and mobile_app_on():
        return app_qr_post(service)
    email = request.form.get("username", "").strip()
    if not csrf_ok():
        return refuse_csrf("whoami.html", email=email)
    problem = "err_required" if not email else (None if rules.EMAIL_RE.match(email) else "err_email_format")
    if problem:
        return page("whoami.html", 400, email=email, errors={"username": t(problem)})
    account = get_world().account(email)
    if account is None:  # the guide: the creation form opens with the e-mail already added
        return redirect(url_for("eulogin.register", email=email))
    session["login_email"] = account.email
    return sign_in_form(account, service)


def sign_in_form(account: Account, service: str | None, status: int = 200, errors: dict | None = None,
                  values: dict | None = None, form_error: str | None = None):
    """The password screen; for a service it also has « Méthode d’authentification » and the mobile number."""
    return page("password.html", status, email=account.email, name=account.full_name, service=service,
                methods=profile().methods, sms=rules.STRENGTH_SMS if profile().names(rules.STRENGTH_SMS) else None,
                errors=errors or {}, form_error=form_error,
                values=values or {"loginStrength": rules.STRENGTH_PASSWORD, "mobile": ""})


def password_post():
    account = get_world().account(session.get("login_email", ""))
    if account is None:
        return page("whoami.html", 400, email="", form_error=t("err_session"))
    if not csrf_ok():
        return refuse_csrf("password.html", email=account.email, name=account.full_name)
    verdict = throttle.check_password(get_world(), account, request.form.get("password", ""))
    if not verdict.ok:
        return page("password.html", verdict.status, email=account.email, name=account.full_name,
                    errors={"password": t(verdict.problem, **dict(verdict.fields))})
    sso = get_world().open_sso(account.email, rules.STRENGTH_PASSWORD)
    session["sso"] = sso.id
    return redirect(url_for("eulogin.login"))


def service_password_post(service: str):
    """Password (+ SMS) sign-in for a service (instructions 2.15 and 3.2)."""
    world = get_world()
    account = world.account(session.get("login_email", ""))
    if account is None:
        return page("whoami.html", 400, email="", form_error=t("err_session"))
    method = request.form.get("loginStrength", rules.STRENGTH_PASSWORD)
    mobile = request.form.get("mobile", "").strip()
    values = {"loginStrength": method, "mobile": mobile}
    if not csrf_ok():
        return sign_in_form(account, service, 400, values=values, form_error=t("err_csrf"))
    errors = {}
    accepted = cas.accepted_strengths(request.args)
    screens = profile()
    if method in screens.unavailable or (method == profiles.STRENGTH_SECURITY_KEY and not keys_usable()):
        # listed as the real screen lists it, out of this rehearsal's reach (or of this address's)
        return page("message.html", 200, title=t("unavailable_title"),
                    error=t("unavailable", method=t(dict(screens.methods)[method])))
    if method not in screens.offered:
        errors["loginStrength"] = t("err_method_not_offered")
    elif not cas.strength_ok(method, accepted):
        errors["loginStrength"] = t(screens.stronger_method_key)
    with world.transaction():
        if method == rules.STRENGTH_SMS:
            if problem := rules.phone_problem(mobile):
                errors["mobile"] = t(problem, **rules.PHONE_FIELDS)
            elif mobile not in account.phones:
                errors["mobile"] = t("err_phone_unregistered")
            elif lock := locked_message("sign_in", account):
                errors["mobile"] = lock
        verdict = throttle.check_password(world, account, request.form.get("password", ""))
        if not verdict.ok:
            errors["password"] = t(verdict.problem, **dict(verdict.fields))
        if not errors and method == profiles.STRENGTH_SECURITY_KEY and not keys.keys_of(world, account):
            errors["loginStrength"] = t(keys.NoKey.label)
        if not errors and method in app_service.APP_STRENGTHS and not app_service.devices_of(world, account):
            errors["loginStrength"] = t(app_service.NoDevice.label)
        if errors:
            return sign_in_form(account, service, 400 if verdict.ok else verdict.status, errors, values)
        if method == rules.STRENGTH_PASSWORD:
            return signed_in_for_service(service, open_session(account, rules.STRENGTH_PASSWORD))
        if method == profiles.STRENGTH_SECURITY_KEY:
            session["login_key"] = account.email  # the password was right: the key comes next
            return key_sign_in_form(account)
        if method == profiles.STRENGTH_APP_PIN:  # the password was right: the phone confirms with the PIN
            request_ = app_service.start_request(world, account, service_name(service))
            session["login_app"] = request_.id
            return app_wait_page(request_)
        if method == profiles.STRENGTH_APP_QR:  # the password was right: the app scans a QR code
            return app_qr_page(new_sign_in_qr(account))
        send_challenge("sign_in", account, mobile, rules.SIGN_IN_CHALLENGE)
    session["login_phone"] = mobile
    return sign_in_challenge_form(mobile)


def sign_in_challenge_form(phone: str, errors: dict | None = None, status: int = 200, form_error: str | None = None):
    fmt = rules.SIGN_IN_CHALLENGE
    return page("sign_in_challenge.html", status, phone=phone, parts=fmt.groups, size=fmt.size,
                errors=errors or {}, form_error=form_error)


def challenge_post(service: str):
    """The 3 x 3 sign-in challenge from the SMS (instructions 2.16 and 3.3)."""
    world = get_world()
    account = world.account(session.get("login_email", ""))
    phone = session.get("login_phone")
    if account is None or not phone:
        return page("whoami.html", 400, email="", form_error=t("err_session"))
    if not csrf_ok():
        return sign_in_challenge_form(phone, status=400, form_error=t("err_csrf"))
    fmt = rules.SIGN_IN_CHALLENGE
    typed = fmt.normalise("".join(request.form.getlist("challenge")))
    with world.transaction():
        problem, status = check_challenge("sign_in", account, phone, typed, fmt)
        if problem:
            return sign_in_challenge_form(phone, {"challenge": problem}, status)
        sso = open_session(account, rules.STRENGTH_SMS, phone)
    return signed_in_for_service(service, sso)


# --- sign-in with a security key (2026 screens), after the right password
def security_keys_on() -> bool:
    """Security keys are on the 2026 screens only."""
    return profile().security_keys


def keys_usable() -> bool:
    """Whether browsers let this address use security keys: WebAuthn needs a secure context, HTTPS or
    ``http://localhost`` (``rehearse serve`` shows loopback as localhost), not a plain-HTTP network address."""
    public = urlsplit(current_app.config["PUBLIC_URL"])
    host = (public.hostname or "").lower()
    return public.scheme == "https" or host == "localhost" or host.endswith(".localhost")


def relying_party() -> tuple[str, str]:
    """(origin, RP ID) of the keys: the site's public URL (the guide's EU Login host in the harness)."""
    public = urlsplit(current_app.config["PUBLIC_URL"])
    return f"{public.scheme}://{public.netloc}", public.hostname or keys.RP_ID


def key_sign_in_form(account: Account, status: int = 200, form_error: str | None = None):
    try:
        options = keys.authentication_options(get_world(), account, relying_party()[1])
    except keys.NoKey:
        return sign_in_form(account, service_request(), 400, {"loginStrength": t(keys.NoKey.label)},
                            {"loginStrength": profiles.STRENGTH_SECURITY_KEY, "mobile": ""})
    return page("key_sign_in.html", status, email=account.email, options=options, form_error=form_error)


def key_post(service: str):
    """The key's answer to ``navigator.credentials.get()``: checked, then the SSO session with the key's strength."""
    world = get_world()
    account = world.account(session.get("login_email", ""))
    if account is None or session.get("login_key") != account.email:
        return page("whoami.html", 400, email="", form_error=t("err_session"))
    if not csrf_ok():
        return key_sign_in_form(account, 400, t("err_csrf"))
    try:
        keys.finish_authentication(world, account, request.form.get("credential", ""), *relying_party())
    except keys.KeyCeremonyError as error:
        return key_sign_in_form(account, 400, t(error.label))
    session.pop("login_key", None)
    return signed_in_for_service(service, open_session(account, profiles.STRENGTH_SECURITY_KEY))


# --- sign-in with the EU Login Mobile App (2026 screens), after the right password
def mobile_app_on() -> bool:
    """The EU Login Mobile App is on the 2026 screens only."""
    return profile().mobile_app


def service_name(service: str) -> str:
    """The service's name as the app shows it: « RCAM » for RCAM, else its host."""
    path = urlsplit(service).path
    if path == Paths.RCAM or path.startswith(Paths.RCAM + "/"):
        return app_service.DEFAULT_SERVICE_NAME
    return urlsplit(service).hostname or app_service.DEFAULT_SERVICE_NAME


def app_wait_page(request_, status: int = 200, form_error: str | None = None, ended: bool = False):
    found = app_service.device(get_world(), request_.device_id) if request_ else None
    return page("app_wait.html", status, request_id=request_.id if request_ else "",
                device_name=found.name if found else "", form_error=form_error, ended=ended,
                restart=Paths.LOGIN + "?" + request.query_string.decode())


def app_post(service: str):
    """The waiting screen's form, sent by its script once the phone answered (or by hand): the SSO session with
    the app's PIN strength, once per request."""
    world = get_world()
    account = world.account(session.get("login_email", ""))
    request_id = request.form.get("request_id", "")
    if account is None or not request_id or session.get("login_app") != request_id:
        return page("whoami.html", 400, email="", form_error=t("err_session"))
    request_ = app_service.request_of(world, account, request_id)
    if not csrf_ok():
        return app_wait_page(request_, 400, t("err_csrf"))
    try:
        request_, found = app_service.complete_request(world, account, request_id)
    except app_service.SignInNotApproved as error:
        waiting = error.label == "app_pending"
        return app_wait_page(request_, 409 if waiting else 400, t(error.label), ended=not waiting)
    session.pop("login_app", None)
    return signed_in_for_service(service, open_session(account, profiles.STRENGTH_APP_PIN, device=found.name))


@bp.get(Paths.APP_REQUEST_STATUS)
def app_request_status():
    """What the waiting screen polls: {"status": "pending" | "approved" | "refused" | "expired" | "done"}."""
    if not mobile_app_on():
        abort(404)
    world = get_world()
    account = world.account(session.get("login_email", ""))
    request_ = app_service.request_of(world, account, request.args.get("id", "")) if account else None
    if request_ is None or session.get("login_app") != request_.id:
        return jsonify({"status": "unknown"}), 404, {"Cache-Control": "no-store"}
    return jsonify({"status": app_service.request_status(world, request_)}), 200, {"Cache-Control": "no-store"}


def new_sign_in_qr(account: Account):
    code = app_service.start_qr_sign_in(get_world(), account)
    session["login_app_qr"] = code.token
    return code


def app_qr_page(code, status: int = 200, errors: dict | None = None, form_error: str | None = None,
                notice: str | None = None):
    return page("app_qr.html", status, qr_image=qr.qr_data_uri(app_service.sign_in_qr_text(code)), token=code.token,
                errors=errors or {}, form_error=form_error, notice=notice, otp_length=rules.APP_OTP_DIGITS)


def app_qr_post(service: str):
    """« Code à usage unique » typed on the computer after the app scanned the sign-in QR code."""
    world = get_world()
    account = world.account(session.get("login_email", ""))
    token = session.get("login_app_qr", "")
    code = app_service.qr_code_of(world, account, token) if account and token else None
    if account is None or code is None:
        return page("whoami.html", 400, email="", form_error=t("err_session"))
    if not csrf_ok():
        return app_qr_page(code, 400, form_error=t("err_csrf"))
    try:
        code, found = app_service.check_otp(world, account, token, request.form.get("otp", ""))
    except app_service.QrExpired:
        return app_qr_page(new_sign_in_qr(account), 400, notice=t("app_qr_expired"))
    except app_service.AppError as error:
        return app_qr_page(code, error.status, {"otp": t(error.label, **error.fields)})
    session.pop("login_app_qr", None)
    return signed_in_for_service(service, open_session(account, profiles.STRENGTH_APP_QR, device=found.name))


@bp.get(Paths.LOGOUT)
def logout():
    sso_id = session.pop("sso", None)
    get_world().close_sso(sso_id)
    back = request.args.get("service") or request.args.get("url")
    if back and cas.known_service(back):
        return redirect(back)
    return render_template("eulogin/logged_out.html", account=None)


# --- create an account
def register_form(values: dict, errors: dict | None = None, status: int = 200, form_error: str | None = None):
    captcha_id = get_world().new_captcha()
    return page("register.html", status, values=values, errors=errors or {}, captcha_id=captcha_id,
                form_error=form_error, email_languages=LANGUAGE_NAMES)


@bp.get(Paths.REGISTER)
def register():
    email = request.args.get("email", "")
    return register_form({"email": email, "email_confirm": "", "email_language": "en"})


@bp.post(Paths.REGISTER)
def register_post():
    form = request.form
    values = {k: form.get(k, "") for k in ("first_name", "last_name", "email", "email_confirm", "email_language")}
    values["privacy"] = form.get("privacy") == "on"
    if not csrf_ok():
        return register_form(values, status=400, form_error=t("err_csrf"))
    errors = {}
    for name in ("first_name", "last_name"):
        if problem := rules.name_problem(values[name]):
            errors[name] = t(problem)
    if problem := rules.email_problem(values["email"]):
        errors["email"] = t(problem)
    elif rules.normalise_email(values["email_confirm"]) != rules.normalise_email(values["email"]):
        errors["email_confirm"] = t("err_email_mismatch")
    if values["email_language"] not in LANGUAGE_NAMES:
        errors["email_language"] = t("err_language")
    world = get_world()
    with world.transaction():
        expected = world.captchas.pop(form.get("captcha_id", ""), None)
        if expected is None or form.get("captcha", "").strip().upper() != expected:
            errors["captcha"] = t("err_captcha")
        if not values["privacy"]:
            errors["privacy"] = t("err_privacy")
        if "email" not in errors and world.account(values["email"]) is not None:
            errors["email"] = t("err_email_exists")
        if errors:
            return register_form(values, errors, 400)
        account = world.create_account(values["first_name"], values["last_name"], values["email"],
                                       values["email_language"])
        send_password_link(account)
    return page("register_done.html", email=account.email)


@bp.get(Paths.CAPTCHA + "/<captcha_id>.svg")
def captcha(captcha_id: str):
    code = get_world().captchas.get(captcha_id)
    if code is None:
        abort(404)
    rng = random.Random(captcha_id)
    letters = "".join(
        f'<text x="{14 + i * 26}" y="{34 + rng.randint(-5, 5)}" transform="rotate({rng.randint(-18, 18)} '
        f'{20 + i * 26} 30)">{html.escape(c)}</text>' for i, c in enumerate(code))
    noise = "".join(f'<line x1="{rng.randint(0, 150)}" y1="{rng.randint(0, 50)}" x2="{rng.randint(0, 150)}" '
                    f'y2="{rng.randint(0, 50)}" stroke="#8aa" />' for _ in range(6))
    svg = (f'<svg xmlns="http://www.w3.org/2000/svg" width="150" height="50" viewBox="0 0 150 50">'
           f'<rect width="150" height="50" fill="#eef3f7"/>{noise}'
           f'<g font-family="monospace" font-size="26" font-weight="bold" fill="#123">{letters}</g></svg>')
    return Response(svg, mimetype="image/svg+xml", headers={"Cache-Control": "no-store"})


# --- the password, from the e-mail's link
def password_link_or_error(token: str):
    world = get_world()
    link = world.password_links.get(token)
    if link is None:
        return None, page("message.html", 404, title=t("new_password_title"), error=t("err_link_expired"))
    if link.used:
        return None, page("message.html", 410, title=t("new_password_title"), error=t("err_link_used"))
    if link.expires_at <= world.now():
        return None, page("message.html", 410, title=t("new_password_title"), error=t("err_link_expired"))
    return link, None


def password_form(link, errors=None, status=200, form_error=None):
    user = link.email.split("@", 1)[0]
    return page("init_password.html", status, token=link.token, email=link.email, user=user,
                errors=errors or {}, form_error=form_error, policy=rules.POLICY_FIELDS)


@bp.get(Paths.INIT_PASSWORD)
def init_password():
    link, error = password_link_or_error(request.args.get("token", ""))
    return error or password_form(link)


@bp.post(Paths.INIT_PASSWORD)
def init_password_post():
    world = get_world()
    with world.transaction():
        link, error = password_link_or_error(request.form.get("token", ""))
        if error:
            return error
        if not csrf_ok():
            return password_form(link, status=400, form_error=t("err_csrf"))
        password = request.form.get("new_password", "")
        errors = {}
        if problem := rules.password_problem(password, link.email):
            errors["new_password"] = t(problem, **rules.POLICY_FIELDS)
        elif request.form.get("confirm_password", "") != password:
            errors["confirm_password"] = t("err_password_mismatch")
        if errors:
            return password_form(link, errors, 400)
        account = world.account(link.email)
        account.password = password
        link.used = True
        sso = world.open_sso(account.email, rules.STRENGTH_PASSWORD)
    session["sso"] = sso.id
    return page("password_changed.html")


@bp.route(Paths.PASSWORD_RESET, methods=["GET", "POST"])
def password_reset():
    sent = None
    errors = {}
    email = request.form.get("email", request.args.get("email", "")).strip()
    if request.method == "POST":
        if not csrf_ok():
            return refuse_csrf("password_reset.html", email=email, errors={}, sent=None)
        if problem := rules.email_problem(email):
            errors["email"] = t(problem)
        else:
            account = get_world().account(email)
            if account is not None:  # say the same either way: no account enumeration
                send_password_link(account)
            sent = email
    return page("password_reset.html", 400 if errors else 200, email=email, errors=errors, sent=sent)


# --- my account and mobile phones
def require_account():
    account = signed_in_account()
    if account is None:
        return None, redirect(url_for("eulogin.login"))
    return account, None


@bp.get(Paths.MY_ACCOUNT)
def my_account():
    account, gone = require_account()
    return gone or page("my_account.html", security_keys=security_keys_on(), mobile_app=mobile_app_on())


# --- my security keys (2026 screens only; 404 on the guide's)
def require_keys_account():
    if not security_keys_on():
        abort(404)
    return require_account()


@bp.get(Paths.MANAGE_KEYS)
def manage_keys():
    account, gone = require_keys_account()
    return gone or page("keys.html", keys=keys.keys_of(get_world(), account), added=None)


def add_key_form(account: Account, key_name: str = "", status: int = 200, form_error: str | None = None):
    options, challenge_id = keys.registration_options(get_world(), account, relying_party()[1], keys.RP_NAME)
    return page("add_key.html", status, options=options, challenge_id=challenge_id, key_name=key_name,
                form_error=form_error)


def keys_unavailable():
    return page("message.html", 200, title=t("unavailable_title"), error=t("keys_need_secure_context"))


@bp.get(Paths.ADD_KEY)
def add_key():
    account, gone = require_keys_account()
    if not gone and not keys_usable():
        return keys_unavailable()
    return gone or add_key_form(account)


@bp.post(Paths.ADD_KEY)
def add_key_post():
    account, gone = require_keys_account()
    if gone:
        return gone
    if not keys_usable():
        return keys_unavailable()
    key_name = request.form.get("key_name", "").strip()
    if not csrf_ok():
        return add_key_form(account, key_name, 400, t("err_csrf"))
    world = get_world()
    try:
        key = keys.finish_registration(world, account, request.form.get("credential", ""), *relying_party(),
                                       request.form.get("challenge_id", ""),
                                       name=key_name[:rules.ECHO_MAX_LENGTH] or None)
    except keys.KeyCeremonyError as error:
        return add_key_form(account, key_name, 400, t(error.label))
    return page("keys.html", keys=keys.keys_of(world, account), added=key.name)


# --- my mobile devices: the EU Login Mobile App (2026 screens only; 404 on the guide's)
def require_app_account():
    if not mobile_app_on():
        abort(404)
    return require_account()


@bp.get(Paths.MOBILE)
def mobile_start():
    """/cas/mobile, the address the help pages give: « Ajouter un appareil mobile »."""
    if not mobile_app_on():
        abort(404)
    return redirect(Paths.ADD_DEVICE)


@bp.get(Paths.MANAGE_DEVICES)
def manage_devices():
    account, gone = require_app_account()
    if gone:
        return gone
    world = get_world()
    enrolment = app_service.enrolment_of(world, account, request.args.get("enrolment", ""))
    added = enrolment.name if enrolment and enrolment.done else None
    return page("devices.html", devices=app_service.devices_of(world, account), added=added)


def add_device_form(values: dict | None = None, errors: dict | None = None, status: int = 200,
                    form_error: str | None = None):
    return page("add_device.html", status, values=values or {"device_name": ""}, errors=errors or {},
                form_error=form_error, pin_length=rules.APP_PIN_LENGTH, name_max=rules.APP_DEVICE_NAME_MAX)


def device_scan_page(enrolment, status: int = 200):
    world = get_world()
    state = app_service.enrolment_status(world, enrolment)
    qr_image = qr.qr_data_uri(app_service.enrolment_qr_text(enrolment)) if state == app_service.PENDING else None
    return page("device_scan.html", status, token=enrolment.token, expired=state == app_service.EXPIRED,
                qr_image=qr_image,
                done_url=f"{Paths.MANAGE_DEVICES}?enrolment={enrolment.token}",
                check_url=f"{Paths.ADD_DEVICE}?enrolment={enrolment.token}")


@bp.get(Paths.ADD_DEVICE)
def add_device():
    account, gone = require_app_account()
    if gone:
        return gone
    token = request.args.get("enrolment")
    if token is None:
        return add_device_form()
    world = get_world()
    enrolment = app_service.enrolment_of(world, account, token)
    if enrolment is None:
        return add_device_form()
    if enrolment.done:  # checked by hand (no JavaScript): the phone has finished
        return redirect(f"{Paths.MANAGE_DEVICES}?enrolment={enrolment.token}")
    expired = app_service.enrolment_status(world, enrolment) == app_service.EXPIRED
    return device_scan_page(enrolment, 410 if expired else 200)


@bp.post(Paths.ADD_DEVICE)
def add_device_post():
    account, gone = require_app_account()
    if gone:
        return gone
    name = " ".join(request.form.get("device_name", "").split())
    values = {"device_name": name}
    if not csrf_ok():
        return add_device_form(values, status=400, form_error=t("err_csrf"))
    world = get_world()
    pin = request.form.get("device_pin", "")
    with world.transaction():
        problems = app_service.device_form_errors(world, account, name, pin, request.form.get("device_pin_confirm", ""))
        if problems:
            return add_device_form(values, {field: t(key, **fields) for field, (key, fields) in problems.items()},
                                   400)
        enrolment = app_service.start_enrolment(world, account, name, pin)
    return device_scan_page(enrolment)


@bp.get(Paths.DEVICE_STATUS)
def device_status():
    """What the QR screen polls: {"status": "pending" | "done" | "expired", "next": the page to go to}."""
    if not mobile_app_on():
        abort(404)
    account = signed_in_account()
    world = get_world()
    enrolment = app_service.enrolment_of(world, account, request.args.get("id", "")) if account else None
    if enrolment is None:
        return jsonify({"status": "unknown"}), 404, {"Cache-Control": "no-store"}
    state = app_service.enrolment_status(world, enrolment)
    target = Paths.MANAGE_DEVICES if state == app_service.DONE else Paths.ADD_DEVICE
    return jsonify({"status": state, "next": f"{target}?enrolment={enrolment.token}"}), 200, \
        {"Cache-Control": "no-store"}


@bp.get(Paths.MANAGE_PHONES)
def manage_phones():
    account, gone = require_account()
    return gone or page("phones.html", phones=account.phones)


def add_phone_form(number="", errors=None, status=200, form_error=None):
    return page("add_phone.html", status, number=number, errors=errors or {}, form_error=form_error)


@bp.get(Paths.ADD_PHONE)
def add_phone():
    account, gone = require_account()
    return gone or add_phone_form()


@bp.post(Paths.ADD_PHONE)
def add_phone_post():
    account, gone = require_account()
    if gone:
        return gone
    number = request.form.get("mobile_number", "").strip()
    if not csrf_ok():
        return add_phone_form(number, status=400, form_error=t("err_csrf"))
    world = get_world()
    with world.transaction():
        problem = rules.phone_problem(number)
        if problem is None and number in account.phones:
            problem = "err_phone_exists"
        if problem is None and (lock := locked_message("register_phone", account)):
            return add_phone_form(number, {"mobile_number": lock}, 429)
        if problem:
            return add_phone_form(number, {"mobile_number": t(problem, **rules.PHONE_FIELDS)}, 400)
        send_challenge("register_phone", account, number, rules.PHONE_CHALLENGE)
    session["pending_phone"] = number
    return redirect(url_for("eulogin.verify_phone"))


def send_challenge(purpose: str, account: Account, phone: str, fmt: rules.CodeFormat):
    return service.send_challenge(get_world(), purpose, account, phone, fmt)


def check_challenge(purpose: str, account: Account, phone: str, typed: str, fmt: rules.CodeFormat):
    """(message, status) of what is wrong with a typed challenge, or (None, 200): ``service.check_challenge``
    in the screen's words."""
    verdict = service.check_challenge(get_world(), purpose, account, phone, typed, fmt)
    return (None, 200) if verdict.ok else (t(verdict.problem, **dict(verdict.fields)), verdict.status)


def locked_message(purpose: str, account: Account) -> str | None:
    """The lock message while ``purpose`` is locked for this person, else None."""
    verdict = service.locked(get_world(), purpose, account)
    return t(verdict.problem, **dict(verdict.fields)) if verdict else None


def verify_form(phone, errors=None, status=200, form_error=None):
    fmt = rules.PHONE_CHALLENGE
    return page("verify_phone.html", status, phone=phone, parts=fmt.groups, size=fmt.size,
                errors=errors or {}, form_error=form_error)


@bp.get(Paths.VERIFY_PHONE)
def verify_phone():
    account, gone = require_account()
    if gone:
        return gone
    phone = session.get("pending_phone")
    if not phone:
        return redirect(url_for("eulogin.add_phone"))
    return verify_form(phone)


@bp.post(Paths.VERIFY_PHONE)
def verify_phone_post():
    account, gone = require_account()
    if gone:
        return gone
    phone = session.get("pending_phone")
    if not phone:
        return redirect(url_for("eulogin.add_phone"))
    if not csrf_ok():
        return verify_form(phone, status=400, form_error=t("err_csrf"))
    fmt = rules.PHONE_CHALLENGE
    typed = fmt.normalise("".join(request.form.getlist("challenge")))
    world = get_world()
    with world.transaction():
        problem, status = check_challenge("register_phone", account, phone, typed, fmt)
        if problem:
            return verify_form(phone, {"challenge": problem}, status)
        account.phones.append(phone)
        session.pop("pending_phone", None)
        notify.send_phone_added(world, account, phone)
    return page("phone_added.html", phone=phone)
