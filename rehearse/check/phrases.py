"""The French phrase table: what a sentence of the guide asks the reader to do, and what it says they will see.

This module is the only place where French wording is matched. It holds

* the patterns ``claims.py`` extracts its claims with (quotes, URLs, "Clic sur", code formats, password and
  phone rules, …), imported back by ``claims.py``;
* ``RULES``: a table of phrase rules, kept as data. Each row matches a *family* of verbs ("indiquez",
  "saisir", "tapez" …) followed by the noun of a field or a control ("adresse électronique", « Suivant »,
  "la roue dentée" …), never a whole sentence, and says what it gives: gestures (what the reader does) and
  statements (what the screens, e-mails or SMS will show). Each row carries its own example sentences and
  what they must give, so a new row brings its own test. A new phrasing is a new row, not new code.

``read_text(text)`` reads one instruction's normalised text (``Instruction.text``) or a stage context and
gives its sentences in order, each with its gestures and statements; ``gestures(text)`` gives all the
gestures of the text. The reader gets only the revision's words: no instruction id, never the bundled guide.

How a row is read
-----------------
``pattern`` is a regular expression (case-insensitive) with placeholders: ``{NAME}`` is a vocabulary of
``VOCABULARIES`` (an alternation of its keys) or a piece of ``PIECES``; ``{NAME:group}`` captures it as a
named group. In the templates ``G`` (a gesture) and ``S`` (a statement) a field is a literal, ``"{group}"``
(the group's value: mapped through its vocabulary, else as written), ``"{group:how}"`` (``text`` as written,
``url`` without trailing punctuation, ``set`` / ``tuple`` / ``join`` every vocabulary word found in it,
``quoted`` the quoted labels in it, ``int`` a count, ``joiner`` "any" for "ou" and "all" otherwise;
``"{a|b}"`` is the first group that matched), or ``"@name"``, a value the context gives (``RESOLVERS``: the
channel of the message waited for, the list opened before, the control a position is about, …). ``when``
names a condition on what came before (``CONDITIONS``). ``note`` is recorded as the sentence's ``reason``;
``silences`` makes the sentence give nothing (the stage-1 list of things to prepare).

Candidate matches are taken in the order of the text; at one place the longest wins, then the earlier row.
A gesture never starts inside a quoted label, after "de", "d’", "pour", "afin de" (an infinitive that is
not an order: "il est possible d’ajouter un numéro") or after "ne" (a negation); gestures do not overlap,
nor do two statements of the same kind.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from functools import cache
from typing import Any

__all__ = [
    "ACTIONS",
    "FIELDS",
    "FIELD_WORDS",
    "NOTHING_UNDERSTOOD",
    "PERSON_DATA",
    "POSSIBLE_CONTROLS",
    "RULES",
    "STATEMENTS",
    "G",
    "Gesture",
    "Rule",
    "S",
    "Sentence",
    "Statement",
    "field_kind",
    "gestures",
    "icon_matches",
    "is_logout",
    "language_of",
    "read_text",
]

# =========================================================================== claims.py's patterns
# Moved here from claims.py (which imports them back): quotes, URLs, "Clic sur", code formats, password and
# phone rules. Their behaviour is claims.py's; tests/test_check_claims.py covers them.

OPENING_QUOTES = "«“”\""
CLOSING_QUOTES = "»”“\""
APOSTROPHES = "'’‘`´ʼ"
DASHES = "‐‑‒–—−"
URL_TRAILING = ".,;:!?)]}»”\"'’…"

URL_RE = re.compile(r"https?://[^\s<>«»“”\"]+", re.IGNORECASE)
QUOTE_RE = re.compile(r"([«“”\"])\s*([^«»“”\"]{1,120}?)\s*([»”“\"])")
TERM_BEFORE_RE = re.compile(r"\b(?:appel[ée]e?s?|nomm[ée]e?s?|dénomm[ée]e?s?|dit|dite)\s*$", re.IGNORECASE)
TERM_UNQUOTED_RE = re.compile(r"\b(?:appel[ée]e?s?|nomm[ée]e?s?)\s+([^\W\d_][\w-]*)", re.IGNORECASE)
EXAMPLE_BEFORE_RE = re.compile(r"\b(?:exemple|ex\.?)\s*:\s*$", re.IGNORECASE)
ALTERNATIVE_BETWEEN_RE = re.compile(r"^\s*[(\[]?\s*ou\s*$", re.IGNORECASE)
CLICK = r"(?:clic|click|cliquez|cliquer|appuyez|appuyer)"
CLICK_RE = re.compile(CLICK + r"(?:\s+ensuite)?\s+sur\s+", re.IGNORECASE)
# "le bouton « Suivant »": the control's kind before its label
CONTROL = r"(?:le\s+bouton|le\s+lien|l['’]\s*onglet|l['’]\s*option|la\s+touche|le\s+menu|l['’]\s*ic[ôo]ne)"
CLICK_END_RE = re.compile(
    r"(?:\b" + CLICK + r"(?:\s+ensuite)?\s+sur|\bensuite\s+sur|\bpuis\s+sur|\bchoisi\w*|\bs[ée]lectionne\w*)"
    r"(?:\s+" + CONTROL + r")?\s*$",
    re.IGNORECASE,
)
CONTROL_RE = re.compile(CONTROL + r"\s*(?=[" + OPENING_QUOTES + r"])", re.IGNORECASE)
CHOOSE_END_RE = re.compile(r"\b(?:choisi\w*|s[ée]lectionne\w*)\s*$", re.IGNORECASE)
CLICK_ANYWHERE_RE = re.compile(r"\b" + CLICK + r"\b", re.IGNORECASE)
JOINED_END_RE = re.compile(r"(?:\+|\bet|\bpuis)\s*$", re.IGNORECASE)
LIST_RE = re.compile(r"\b(?:liste|menu)\b", re.IGNORECASE)
OF_END_RE = re.compile(r"\b(?:de|du|des|d['’])\s*$", re.IGNORECASE)
SENTENCE_END_RE = re.compile(r"[.!?:;](?=\s|$)")
SENTENCE_BREAK_RE = re.compile(r"(?<=[.!?])\s+(?=[^\W\d_]|[«“”\"])")
ARTICLE_RE = re.compile(r"(?:la|le|les|l['’]|un|une|des|du|ce|cet|cette|ces|votre|vos)\b\s*", re.IGNORECASE)
STOP_WORDS = frozenset(
    "dans pour en à au aux afin puis et ou sur de du des qui que pour avec par sous entre vers".split()
)
# the end of the noun after "Clic sur la …" ("la roue dentée + « Déconnexion »"), and what the noun names
GESTURE_END_RE = re.compile(r"\s+(?:\+|et|puis|pour|dans|afin)\b|\s*[,.;:!?(]|\s*[" + OPENING_QUOTES + "]")
GESTURE_NOUNS = (("gear", ("roue dentée", "roue dentee", "engrenage")), ("arrow", ("flèche", "fleche")))
CODE_FORMAT_RE = re.compile(r"\b(\d{1,2})\s*[x×X]\s*(\d{1,2})\s*(?:caract[eè]res?|signes?|chiffres?)",
                            re.IGNORECASE)
MIN_LENGTH_RE = re.compile(
    r"\b(?:d['’])?au\s+moins\s+(\d{1,3})\s+caract[eè]res|\bminimum\s+(?:de\s+)?(\d{1,3})\s+caract[eè]res"
    r"|\b(\d{1,3})\s+caract[eè]res\s+minimum",
    re.IGNORECASE,
)
GROUPS_RE = re.compile(
    r"\b(\d)\s+(?:des|parmi\s+les|sur\s+les)\s+(\d)\s+(?:groupes|catégories|types)|\b(\d)\s+groupes\s+sur\s+(\d)",
    re.IGNORECASE,
)
EXAMPLE_RE = re.compile(r"\b(?:exemple|ex\.?)\s*:\s*([^\s«»“”\"]+)", re.IGNORECASE)
# "par exemple +32, +33 …", "(par ex +32…)": example country codes of a phone number
EXAMPLE_PHONE_RE = re.compile(r"\bpar\s+ex(?:emple|\.)?\s*:?\s*((?:\+|00)?\d{1,4}(?:\s*,\s*(?:\+|00)?\d{1,4})*)",
                              re.IGNORECASE)
COUNTRY_CODE_RE = re.compile(
    r"\b(?:en\s+)?(?:commen[çc]ant|commencez|commencer|pr[ée]c[ée]d[ée]e?s?|d[ée]butant)\s+(?:par|du|de|avec)\s+"
    r"(?:le\s+|l['’]\s*)?(?:\+\s*(?:et\s+)?(?:le\s+|l['’]\s*)?)?(?:code\s+(?:du\s+)?pays|indicatif(?:\s+(?:du\s+)?pays)?)",
    re.IGNORECASE,
)
SEPARATOR_WORDS = {
    "parenthèses": "parentheses_refused",
    "parenthèse": "parentheses_refused",
    "parentheses": "parentheses_refused",
    "points": "dots_refused",
    "point": "dots_refused",
    "tirets": "dashes_refused",
    "tiret": "dashes_refused",
    "traits d'union": "dashes_refused",
    "traits d’union": "dashes_refused",
    "espaces": "spaces_refused",
    "espace": "spaces_refused",
    "barres obliques": "slashes_refused",
}
SEPARATORS_RE = re.compile(
    r"\bsans\s+((?:(?:" + "|".join(sorted(map(re.escape, SEPARATOR_WORDS), key=len, reverse=True))
    + r")(?:\s*,\s*|\s+(?:ni|ou|et)\s+|\s+)?)+)",
    re.IGNORECASE,
)
CASE_RE = re.compile(
    r"\bsans\s+(?:faire\s+de\s+)?distinction\s+(?:en|de|entre)\s+(?:les\s+)?(?:majuscules|minuscules)\s+"
    r"(?:ou|et)\s+(?:majuscules|minuscules)"
    r"|\b(?:majuscules|minuscules)\s+ou\s+(?:majuscules|minuscules)\s+(?:indiff[ée]remment|au\s+choix)"
    r"|\bindiff[ée]remment\s+en\s+(?:majuscules|minuscules)\s+ou\s+(?:majuscules|minuscules)",
    re.IGNORECASE,
)
NOTE_POST_RE = re.compile(r"\bnon\s+plus\s+par\s+(?:courrier(?:\s+postal)?|la\s+poste|voie\s+postale)[^)]*",
                          re.IGNORECASE)
PASSWORD_CONTEXT_RE = re.compile(r"\bmots?\s+de\s+passe\b", re.IGNORECASE)
PHONE_CONTEXT_RE = re.compile(r"\b(?:t[ée]l[ée]phone|num[ée]ro|portable|gsm)\b", re.IGNORECASE)
WORD_RE = re.compile(r"[^\W\d_][\w'’-]*")
PROSE_STOP = frozenset(
    "clic click cliquez sur ensuite et ou puis le la les l de du des d un une à au aux en dans par pour que qui "
    "ce c est se s votre vos son sa ses il elle on vous y ne pas".split()
)

# =========================================================================== the reading's model

ACTIONS = ("open", "fill", "fill_form", "tick", "click", "open_list", "choose", "type_code", "open_message",
           "follow_link", "scroll", "wait", "logout", "sign_in_again", "fill_in", "open_app", "use_pc", "scan",
           "pick")
FIELDS = ("email", "password", "phone", "pension_number", "birth_date", "pin", "device_name")
STATEMENTS = ("position", "colour", "language", "channel", "prefilled", "times", "possible", "next_sign_in",
              "message", "app", "goes_on", "qr")


@dataclass(frozen=True)
class Gesture:
    """One thing a sentence asks the reader to do.

    ``target``: the URL (open), a kind of ``FIELDS`` (fill), the label as written without quotes (click, tick,
    choose, follow_link, open_list), ``"down"`` (scroll), the channel ``"email"``, ``"sms"``, ``"email|sms"``
    or ``""`` (wait, type_code, open_message). ``within``: the list of a choice, ``"final_code"`` /
    ``"challenge"`` / ``"registration"`` for codes and waits, ``"validate"`` for a button the text does not
    name ("validez-le").

    The phone's EU Login app: ``open_app`` (the person takes the phone and opens the app; ``within`` "request": a
    notification of a sign-in request is awaited there), ``scan`` (the app reads the QR code the computer shows;
    ``target`` the app's button, "" when the text names none), ``use_pc`` (back to the computer); clicks and
    fills act where the person is (the app, after ``open_app`` or ``scan``). ``fill_in``: a field named by its
    quoted label (``target``; ``role`` the kind the text names, if any; ``within`` the example value the text
    gives, "par exemple Mon smartphone"). ``pick``: the person makes up a value (``target`` "pin"; ``count`` its
    digits, 1 when the text does not say).

    ``text`` (the words it came from) and ``start`` (their offset in the text given to ``read_text``) are not
    compared.
    """

    action: str
    target: str = ""
    role: str = ""
    within: str = ""
    count: int = 1
    alternatives: tuple[str, ...] = ()
    text: str = field(default="", compare=False)
    start: int = field(default=-1, compare=False)


@dataclass(frozen=True)
class Statement:
    """One thing a sentence says the reader will see (``kind`` one of ``STATEMENTS``)."""

    kind: str
    value: Any
    subject: str = ""
    text: str = field(default="", compare=False)
    start: int = field(default=-1, compare=False)


@dataclass(frozen=True)
class Sentence:
    """One sentence of a text, with what it asks and states; ``reason`` notes what no screen can show."""

    text: str
    start: int
    end: int
    gestures: tuple[Gesture, ...]
    statements: tuple[Statement, ...]
    reason: str = ""
    rules: tuple[str, ...] = ()


@dataclass(frozen=True)
class G:
    """A gesture a rule gives (a template: see the module docstring)."""

    action: str
    target: Any = ""
    role: Any = ""
    within: Any = ""
    count: Any = 1
    alternatives: Any = ()


@dataclass(frozen=True)
class S:
    """A statement a rule gives (a template: see the module docstring)."""

    kind: str
    value: Any = True
    subject: Any = ""


Example = tuple[str, tuple[Gesture | Statement, ...]]


@dataclass(frozen=True)
class Rule:
    """One row of the phrase table."""

    name: str
    pattern: str
    gives: tuple[G | S, ...] = ()
    note: str = ""  # recorded in the sentence's reason
    silences: bool = False  # the sentence gives nothing (not an instruction)
    when: str = ""  # a condition of CONDITIONS on what came before
    examples: tuple[Example, ...] = ()


def ex(sentence: str, *gives: Gesture | Statement) -> Example:
    """An example of a row: the sentence and what it must give (among what it gives, in this order)."""
    return (sentence, gives)


# =========================================================================== vocabularies: words -> values

VOCABULARIES: dict[str, dict[str, Any]] = {
    # the fields a sentence asks to fill
    "FIELD": {
        r"adresses?\s+(?:[ée]lectroniques?|e-?mails?|mails?|courriels?|de\s+courriel|de\s+messagerie)": "email",
        r"courriels?|e-?mails?": "email",
        r"mots?\s+de\s+passe": "password",
        r"num[ée]ros?\s+de\s+pension": "pension_number",
        r"num[ée]ros?\s+(?:de\s+)?(?:t[ée]l[ée]phone|GSM|portable|mobile)(?:\s+(?:portable|mobile|GSM))?": "phone",
        r"date\s+de\s+naissance": "birth_date",
        r"codes?\s+PIN": "pin",
        r"noms?\s+(?:de\s+)?(?:votre\s+|l['’]\s*)?appareil": "device_name",
    },
    # what a screen may show already filled in
    "IDENTITY": {
        r"noms?\s+de\s+famille": "last_name",
        r"pr[ée]noms?": "first_name",
        r"noms?": "last_name",
        r"adresses?\s+[ée]lectroniques?|adresses?\s+e-?mail|courriel": "email",
        r"num[ée]ros?\s+de\s+pension": "pension_number",
        r"date\s+de\s+naissance": "birth_date",
    },
    # messages
    "MESSAGE": {
        r"courriels?|e-?mails?|mails?|messages?\s+[ée]lectroniques?": "email",
        r"SMS|textos?|messages?\s+textes?": "sms",
    },
    # where a message arrives
    "RECEIVER": {
        r"courriels?|e-?mails?|mails?|messages?\s+[ée]lectroniques?": "email",
        r"bo[iî]tes?\s+(?:mail|e-?mail|aux\s+lettres|de\s+r[ée]ception|de\s+messagerie)|messagerie": "email",
        r"SMS|textos?|messages?\s+textes?": "sms",
        r"t[ée]l[ée]phones?(?:\s+(?:portables?|mobiles?))?|GSM|smartphones?|portables?|mobiles?": "sms",
    },
    # where something is shown or sent
    "CHANNEL": {
        r"(?:(?:à|sur)\s+)?l['’]\s*[ée]cran": "screen",
        r"courriels?|e-?mails?|mails?|messages?\s+[ée]lectroniques?": "email",
        r"bo[iî]tes?\s+(?:mail|e-?mail|aux\s+lettres|de\s+r[ée]ception)": "email",
        r"SMS|textos?|messages?\s+textes?": "sms",
        r"t[ée]l[ée]phones?(?:\s+(?:portables?|mobiles?))?|GSM|smartphones?": "sms",
    },
    "COLOUR": {
        r"bleue?s?": "blue",
        r"grise?s?": "grey",
        r"rouges?": "red",
        r"verte?s?": "green",
        r"blanc(?:he)?s?": "white",
        r"jaunes?": "yellow",
        r"oranges?": "orange",
        r"noire?s?": "black",
    },
    # compound places first: the alternation tries them in this order
    "POSITION": {
        r"en\s+haut\s+(?:et\s+)?à\s+droite": "top-right",
        r"en\s+haut\s+(?:et\s+)?à\s+gauche": "top-left",
        r"en\s+bas\s+(?:et\s+)?à\s+droite": "bottom-right",
        r"en\s+bas\s+(?:et\s+)?à\s+gauche": "bottom-left",
        r"(?:en|au)\s+bas\s+(?:de\s+l['’]\s*[ée]cran|de\s+la\s+page|du\s+formulaire)|en\s+bas": "bottom",
        r"(?:en|au)\s+haut\s+(?:de\s+l['’]\s*[ée]cran|de\s+la\s+page|du\s+formulaire)|en\s+haut": "top",
        r"au\s+(?:milieu|centre)\s+(?:du\s+message|du\s+courriel|de\s+l['’]\s*e-?mail|de\s+la\s+page"
        r"|de\s+l['’]\s*[ée]cran|du\s+texte)|au\s+(?:milieu|centre)": "middle",
    },
    "LANGUAGE": {
        r"(?-i:EN)|anglais": "en",
        r"(?-i:FR)|fran[çc]ais": "fr",
        r"(?-i:NL)|n[ée]erlandais": "nl",
        r"(?-i:DE)|allemand": "de",
    },
    # "le bouton « Suivant »": the role of the control
    "ROLE": {
        r"le\s+bouton|la\s+touche": "button",
        r"le\s+lien": "link",
        r"le\s+menu": "menu",
        r"l['’]\s*ic[ôo]ne": "icon",
        r"l['’]\s*option": "option",
        r"l['’]\s*onglet": "",
    },
    # controls without text, and the kind of icon they are
    "ICON": {
        r"roue\s+dent[ée]e|engrenage|ic[ôo]ne\s+(?:des\s+)?(?:param[èe]tres|r[ée]glages)": "gear",
        r"loupe": "search",
        r"croix": "close",
        r"trois\s+(?:traits|barres|lignes)|menu\s+hamburger": "menu",
        r"trois\s+points": "more",
        r"silhouette|avatar|ic[ôo]ne\s+(?:de\s+|du\s+)?(?:profil|compte)": "account",
    },
    "NUMBER": {r"une?|1": 1, r"deux|2": 2, r"trois|3": 3, r"quatre|4": 4},
    # what a channel statement is about
    "THING": {
        r"codes?\s+finals?|token|jeton": "final_code",
        r"codes?(?:\s+challenge)?|challenge": "code",
        r"confirmations?": "confirmation",
    },
    # a notice that something was done, shown or sent somewhere
    "NOTICE": {r"confirmations?|notifications?|messages?\s+de\s+confirmation": "confirmation"},
    # what a position statement is about, when the sentence names it
    "SUBJECT": {r"caract[èe]res\s+sp[ée]ciaux": "special characters"},
    # what a message is for (in this order of priority)
    "PURPOSE": {
        r"codes?\s+finals?|token|jeton": "final_code",
        r"challenge|codes?": "challenge",
        r"(?:cr[ée]er|choisir|d[ée]finir)\s+(?:un|votre)\s+(?:nouveau\s+)?mot\s+de\s+passe|lien|link"
        r"|activ\w+\s+(?:votre\s+)?compte|inscription": "registration",
    },
    # which code a sentence types
    "CODE_KIND": {r"codes?\s+finals?|token|jeton": "final_code", r"challenge": "challenge"},
    "JOINER": {r"ou|soit": "any", r"et|ainsi\s+que": "all"},
    "POSSIBILITY": {
        r"ajouter\s+(?:un|une|d['’]\s*autres|plusieurs|un\s+autre|un\s+second|un\s+deuxi[èe]me)\s+(?:autres?\s+)?"
        r"num[ée]ros?(?:\s+de\s+(?:t[ée]l[ée]phone|GSM|portable))?": "add_phone",
    },
}

# pieces of patterns: (regex, vocabulary its words map through); "(?P<@>" is the part a {PIECE:group} captures
PIECES: dict[str, tuple[str, str | None]] = {
    "Q": ("[" + OPENING_QUOTES + r"]\s*(?P<@>[^«»“”\"]{1,120}?)\s*[" + CLOSING_QUOTES + "]", None),
    "ALTS": (r"(?:\s*[(\[]?\s*ou\s+{Q})+", None),
    "URL": (URL_RE.pattern, None),
    "DET": (r"(?:votre|vos|le|la|les|l['’]|un|une|ce|cet|cette|ces|ton|ta|tes|son|sa|ses)", None),
    "ADVERB": (r"(?:ensuite|à\s+présent|maintenant|alors|à\s+nouveau|de\s+nouveau|encore|bien|d['’]abord|aussi"
               r"|également)", None),
    # where, said between a verb and its object ("Introduisez sur l’écran suivant un mot de passe")
    "WHERE": (r"(?:sur|dans)\s+(?:l['’]\s*[ée]cran|la\s+page|le\s+cadre|la\s+case|le\s+champ|la\s+zone)"
              r"(?:\s+suivante?|\s+pr[ée]vue?)?,?", None),
    "ADJ": (r"(?:nouveau|nouvelle|nouvel|propre|bon|bonne|même|actuel|actuelle)", None),
    "CLICK": (r"\b(?:" + CLICK[3:-1] + r"|cliquant|touchez|toucher|tapez|taper|pressez|presser)", None),
    "ON": (r"(?:\s+ensuite)?\s+sur", None),
    "FILL_VERB": (r"\b(?:indiquez|indiquer|saisissez|saisir|tapez|taper|entrez|entrer|introduisez|introduire"
                  r"|encodez|encoder|inscrivez|inscrire|renseignez|renseigner|ajoutez|ajouter|mettez|mettre"
                  r"|ins[ée]rez|ins[ée]rer|donnez|donner|fournissez|fournir|recopiez|recopier|compl[ée]tez"
                  r"|compl[ée]ter|remplissez|remplir)\b", None),
    "CODE_VERB": (r"(?:{FILL_VERB}|\b(?:reprenez|reprendre|reportez|reporter|retapez|retaper|copiez|copier)\b)",
                  None),
    "CODE": (r"(?:(?:\d+\s*[x×]\s*\d+\s+)?(?:caract[èe]res|chiffres|signes)|codes?(?:\s+finals?)?(?!\s+PIN\b)|token"
             r"|jeton|challenge)\b", None),
    # the phone, as a guide names it; and "in the app (of your phone)," before a gesture there
    "PHONE": (r"(?:smartphone|t[ée]l[ée]phone(?:\s+portable|\s+mobile)?|GSM|mobile|portable)", None),
    "IN_APP": (r"\b(?:dans|sur)\s+l['’]\s*(?:application|appli|app)(?:\s+EU\s*Login)?(?:\s+(?:de|sur)\s+(?:votre|le)\s+"
               r"{PHONE})?\s*,?\s*", None),
    "AGAIN": (r"une\s+(?:seconde|deuxi[èe]me|2e|nouvelle|autre)\s+fois", None),
    "OPEN_VERB": (r"\b(?:lancez|lancer|ouvrez|ouvrir|allez\s+sur|aller\s+sur|rendez-vous\s+sur|se\s+rendre\s+sur"
                  r"|acc[ée]dez\s+à|acc[ée]der\s+à|visitez|visiter|consultez|consulter|tapez|taper|saisissez"
                  r"|saisir|entrez|entrer|connectez-vous\s+(?:à|sur)|naviguez\s+(?:vers|sur))", None),
    "TICK_VERB": (r"\b(?:cochez|cocher|acceptez|accepter)\b", None),
    "CHOOSE_VERB": (r"\b(?:choisi(?:r|ssez)|s[ée]lectionne(?:z|r)|optez\s+pour|opter\s+pour)", None),
    "ARROW": (r"(?:la|le)\s+(?:petite?\s+)?(?:fl[èe]che|triangle|chevron)", None),
    "LIST": (r"(?:la\s+liste|le\s+menu)(?:\s+d[ée]roulante?)?", None),
    # an unquoted label: a capitalised word, then lower-case words up to a small word or punctuation
    "LABEL_WORDS": (r"(?-i:[A-ZÀ-ÖØ-Þ])[\w’'-]*(?:\s+(?!{LABEL_STOP}\b)(?-i:[a-zà-öø-ÿ])[\w’'-]*){0,4}", None),
    "LABEL_STOP": (r"(?:dans|pour|en|à|au|aux|afin|puis|et|ou|sur|de|du|des|qui|que|avec|par|sous|entre|vers|le"
                   r"|la|les|l|un|une|votre|vos|ce|cette|ces|si|quand|lorsque|ensuite)", None),
    # a noun phrase of up to four words ("déclaration de confidentialité")
    "NOUN_PHRASE": (r"[^\W\d_][\w’'-]*(?:\s+(?!(?:et|ou|puis|pour|dans|afin|avant|après|sur|en|qui|que|avec|par)\b)"
                    r"[^\W\d_][\w’'-]*){0,3}", None),
    "TIMES": (r"\(?\s*(?P<@>\d|deux|trois|quatre)\s+fois\s*!?\s*\)?", "NUMBER"),
    "TIMES_BEFORE": (r"(?P<@>\d|deux|trois|quatre)\s+fois", "NUMBER"),
    "CHANNELS": (r"{CHANNEL}(?:\s*(?:,|\bou\b|\bet\b)\s*(?:(?:par|sur|à)\s+(?:votre\s+|vos\s+)?)?{CHANNEL})*",
                 "CHANNEL"),
    "PLACE": (r"(?:(?:par|sur|dans|à)\s+(?:votre\s+|vos\s+|le\s+|la\s+)?)?{CHANNEL}", "CHANNEL"),
    "PLACES": (r"{PLACE}(?:[\s,‐‑‒–—−-]*(?:\bet\b|\bou\b|\bainsi\s+que\b)[\s,‐‑‒–—−-]*{PLACE})*", "CHANNEL"),
    "IDENTITIES": (r"(?:(?:votre|vos|le|la|les)\s+)?{IDENTITY}(?:\s*(?:,|\bet\b)\s*(?:(?:votre|vos|le|la|les)\s+)?"
                   r"{IDENTITY})*", "IDENTITY"),
    "TAIL": (r"[^.!?;]+", None),
    "SENT": (r"(?:envoy[ée]e?s?|transmise?s?|exp[ée]di[ée]e?s?|communiqu[ée]e?s?|re[çc]ue?s?|arriv\w*)", None),
}

# a code of this kind comes by this channel when the text does not say ("" : the follower's last message)
CODE_CHANNELS = {"challenge": "sms", "final_code": ""}
CLICKS = ("click", "follow_link", "open_list", "choose")  # what a position or a colour may be about

# Not an order: an infinitive after "de" / "pour" / "afin de", or a negation ("ne cliquez pas").
MOOD_BEFORE_RE = re.compile(r"(?:\bde|\bd['’]|\bpour|\bafin\s+de|\bafin\s+d['’]|\bne|\bn['’])\s*$", re.IGNORECASE)
# Words that open a new clause inside a sentence without punctuation ("… téléphone portable Reprenez …").
OPENER_RE = re.compile(
    r"(?<=\s)(?:Clic|Click|Cliquez|Cliquer|Appuyez|Appuyer|Indiquez|Indiquer|Saisissez|Saisir|Tapez|Taper|Entrez"
    r"|Entrer|Introduisez|Introduire|Encodez|Encoder|Inscrivez|Renseignez|Ajoutez|Ajouter|Mettez|Reprenez"
    r"|Recopiez|Insérez|Insérer|Cochez|Cocher|Remplissez|Remplir|Complétez|Compléter|Choisissez|Choisir"
    r"|Sélectionnez|Sélectionner|Ouvrez|Ouvrir|Lancez|Lancer|Allez|Rendez-vous|Accédez|Descendre|Descendez"
    r"|Faites|Faire|Déconnectez-vous|Dans|Sous|Exemple|Astuce|Attention|Remarque|Vous|Un|Une|Il|Votre|Vos)\b"
)
OPENER_NOT_AFTER_RE = re.compile(
    r"(?:[+,:;(/‐‑‒–—−-]|\b(?:et|puis|ou|sur|de|du|des|la|le|les|l['’]|à|au|aux|un|une|en|par|pour|dans|votre"
    r"|vos))\s*$", re.IGNORECASE)
NOTHING_UNDERSTOOD = "no rule understands it"

# --- words of the screens (the follower matches the screens' labels with these)
FIELD_WORDS = {
    "email": "adresse électronique",
    "email_confirm": "confirmation de l’adresse électronique",
    "password": "mot de passe",
    "phone": "numéro de téléphone portable",
    "pension_number": "numéro de pension",
    "birth_date": "date de naissance",
    "first_name": "prénom",
    "last_name": "nom",
    "captcha": "code de sécurité",
    "pin": "code PIN",
    "pin_confirm": "confirmation du code PIN",
    "device_name": "nom de l’appareil",
}
# what a sensible person fills from their own data when a screen asks for it
PERSON_DATA = frozenset({"email", "email_confirm", "password", "phone", "pension_number", "birth_date",
                         "first_name", "last_name"})
# a screen field's label (French or English) -> its kind, first match wins
SCREEN_FIELDS: dict[str, str] = {
    r"code\s+final|final\s+code|token": "final_code",
    r"confirm\w*\s+(?:votre\s+|le\s+|your\s+)?(?:code\s+PIN|PIN)": "pin_confirm",
    r"code\s+PIN|PIN\s+code|\bPIN\b": "pin",
    r"nom\s+de\s+(?:votre\s+|l['’]\s*)?appareil|device\s+name": "device_name",
    r"challenge": "challenge",
    r"saisissez\s+le\s+code|enter\s+the\s+code|code\s+de\s+s[ée]curit[ée]|security\s+code|captcha": "captcha",
    r"confirm\w*\s+(?:l['’]\s*|the\s+|votre\s+)?(?:adresse\s+[ée]lectronique|e-?mail)": "email_confirm",
    r"langue|language": "language",
    r"mot\s+de\s+passe|password": "password",
    r"pension": "pension_number",
    r"naissance|birth": "birth_date",
    r"t[ée]l[ée]phone|phone|\bgsm\b|portable|mobile": "phone",
    r"adresse\s+[ée]lectronique|e-?mail|courriel|identifiant": "email",
    r"pr[ée]nom|first\s+name|given\s+name": "first_name",
    r"\bnom\b|last\s+name|surname|family\s+name": "last_name",
}
# the accessible names an icon of the guide may have on a screen
ICON_NAMES = {
    "gear": r"param[èe]tres|settings|r[ée]glages|options|gear|engrenage|roue\s+dent[ée]e",
    "search": r"recherche|search",
    "close": r"fermer|close",
    "menu": r"\bmenu\b",
    "more": r"plus\s+d['’]options|more",
    "account": r"compte|account|profil|profile",
}
LOGOUT_RE = re.compile(r"d[ée]connexion|d[ée]connecter|log\s*-?\s*out|sign\s*-?\s*out|log\s+off", re.IGNORECASE)
# the picture of a QR code (its accessible name), and the app's button that scans one when the text names none
QR_NAME_RE = re.compile(r"\bQR\b", re.IGNORECASE)
SCAN_NAME_RE = re.compile(r"scan|lire\s+(?:le\s+)?(?:code\s+)?QR", re.IGNORECASE)


# =========================================================================== the table

ADVICE = "advice: nothing a screen can show"

RULES: tuple[Rule, ...] = (
    # --- not instructions: the sentence gives nothing, or a part of it is advice
    Rule("note.preparation", r"^\W*il\s+faut\s+(?:pr[ée]parer|avoir\s+sous\s+la\s+main|vous\s+munir\s+de)",
         note="preparation: things to have at hand, not a step", silences=True,
         examples=(ex("Il faut préparer : - Votre numéro de pension (en haut à gauche dans un cadre gris)"),)),
    Rule("note.device", r"\bsur\s+votre\s+(?:PC|ordinateur|laptop|tablette)\b"
         r"|\bpas\s+sur\s+votre\s+(?:smartphone|t[ée]l[ée]phone|GSM)",
         note=ADVICE + " (which device to read it on)",
         examples=(ex("Lisez-le sur votre PC mais pas sur votre smartphone."),)),
    Rule("note.done", r"^\W*c['’]\s*est\s+(?:fait|fini|termin[ée])\s*[!.]*\s*$", note="nothing to do or see",
         examples=(ex("C’est fait !"),)),
    Rule("note.example", r"^\W*(?:par\s+)?(?:exemple|ex\.?)\s*:", note="an example value: a claim of claims.py",
         examples=(ex("Exemple: 23-11Ukraine"),)),
    Rule("note.case", r"\bsans\s+(?:faire\s+de\s+)?distinction\b|\bindiff[ée]remment\b",
         note="a rule of the code (case): a claim of claims.py",
         examples=(ex("Les lettres peuvent être écrites sans distinction en majuscules ou minuscules."),)),
    Rule("note.tip", r"^\W*(?:astuce|conseil|remarque|attention)\s*:", note=ADVICE,
         examples=(ex("Astuce : gardez votre téléphone à portée de main."),)),
    Rule("note.warning", r"\bne\s+fonctionner\w*\s+pas\b|\bne\s+pouvez\s+avoir\s+qu",
         note="warning: nothing a screen can show",
         examples=(ex("Les instructions de ce guide ne fonctionneront pas si vous avez déjà un compte."),)),
    Rule("note.update", r"\bmett(?:re|ez)\s+(?:votre|vos|le|la)\s+[^.!]{0,30}?\bà\s+jour\b", note=ADVICE,
         examples=(ex("Veuillez mettre votre mot de passe à jour !"),)),
    Rule("note.post", NOTE_POST_RE.pattern, note="the guide corrects the screen (not by post): a claim of claims.py",
         examples=(ex("(et non plus par courrier postal à votre domicile)"),)),
    Rule("note.remember", r"^\W*(?:notez|retenez|m[ée]morisez)\s+(?:bien\s+|soigneusement\s+)?"
         r"(?:ce|cette|votre|le|la)\b",
         note=ADVICE + " (what to remember)",
         examples=(ex("Retenez bien votre code secret."), ex("Mémorisez cette phrase : elle sert à tout."))),
    Rule("note.install_app", r"\b(?:install(?:ez|er)|t[ée]l[ée]charg(?:ez|er))\s+(?:(?:et\s+install(?:ez|er)\s+)?"
         r"(?:l['’]\s*|une\s+|cette\s+)(?:application|appli|app)\b)",
         note="installing the app: nothing to do on these screens (the fake phone has the EU Login app already)",
         silences=True,
         examples=(ex("Téléchargez et installez l’application EU Login depuis le Play Store."),
                   ex("Il faut installer l'appli sur le téléphone portable."))),
    Rule("note.notifications", r"\b(?:autoris\w*|accept\w*|activ\w*|permett\w*)\s+(?:les\s+|ses\s+)?notifications\b",
         note="the app's notifications: the fake phone's app needs no permission, nothing a screen can show",
         examples=(ex("Pensez à activer les notifications de l’appli."),
                   ex("Si le téléphone le propose, acceptez ses notifications."))),

    # --- open an address
    Rule("open.url", r"{OPEN_VERB}\s+(?:(?:à\s+)?l['’]\s*adresse\s+|le\s+site\s+|la\s+page\s+|sur\s+)?{URL:url}",
         gives=(G("open", "{url:url}"),),
         examples=(ex("Depuis votre navigateur internet, lancez https://webgate.ec.europa.eu/cas et indiquez",
                      Gesture("open", "https://webgate.ec.europa.eu/cas")),
                   ex("Rendez-vous sur https://webgate.ec.europa.eu/RCAM/.",
                      Gesture("open", "https://webgate.ec.europa.eu/RCAM/")),
                   ex("accéder à https://example.org/x", Gesture("open", "https://example.org/x")))),
    Rule("open.browser_at", r"{OPEN_VERB}\s+(?:votre|le)\s+navigateur\b[^.]{0,60}?\b(?:à\s+l['’]\s*adresse|sur)\s+"
         r"{URL:url}", gives=(G("open", "{url:url}"),),
         examples=(ex("Ouvrez votre navigateur (Firefox, Chrome, Edge…) à l’adresse https://webgate.ec.europa.eu/cas",
                      Gesture("open", "https://webgate.ec.europa.eu/cas")),)),

    # --- the phone's EU Login app: open it, tap in it, scan the computer's QR code with it, back to the computer
    Rule("open_app.verb", r"\b(?:ouvrez|ouvrir|lancez|lancer|d[ée]marrez|d[ée]marrer)\s+l['’]\s*(?:application|appli"
         r"|app)\b(?:\s+EU\s*Login)?", gives=(G("open_app"),),
         examples=(ex("Lancez l’application EU Login sur le téléphone.", Gesture("open_app")),
                   ex("ouvrir l'appli", Gesture("open_app")))),
    Rule("open_app.notification", r"(?:\b(?:une|la)\s+notification\b[^.]{0,80}?\barriv\w*\s+(?:sur|dans)\s+"
         r"(?:votre|le)\s+{PHONE}|\b(?:recevr\w+|allez\s+recevoir)\s+une\s+notification\b(?:\s+(?:sur|dans)\s+(?:votre|le)\s+{PHONE})?)"
         r"(?:\s*[:,]?\s*(?:appuyez|tapez|touchez|cliquez)\s+dessus)?(?:\s*\(?\s*ou\s+(?:ouvrez|lancez)\s+l['’]\s*"
         r"(?:application|appli)(?:\s+EU\s*Login)?\s*\)?)?",
         gives=(G("open_app", within="request"),),
         examples=(ex("Une notification arrive sur votre téléphone : touchez-la.",
                      Gesture("open_app", within="request")),
                   ex("Vous recevrez une notification sur votre smartphone.", Gesture("open_app", within="request")))),
    Rule("place.phone", r"^\W*(?:sur|dans)\s+(?:votre|le)\s+{PHONE}\s*,", gives=(G("open_app"),),
         examples=(ex("Sur votre téléphone, appuyez sur « OK ».", Gesture("open_app"), Gesture("click", "OK")),
                   ex("Sur le smartphone, saisissez le code PIN.", Gesture("open_app"), Gesture("fill", "pin")))),
    Rule("place.pc", r"^\W*sur\s+(?:votre|le)\s+(?:PC|ordinateur)(?:\s*/\s*[\w-]+)*\s*,"
         r"|\b(?:revenez|retournez)(?:\s+{ADVERB})?\s+(?:à|sur|vers)\s+(?:votre|le)\s+(?:PC|ordinateur)\b",
         gives=(G("use_pc"),),
         examples=(ex("Sur votre ordinateur, cliquez sur « OK ».", Gesture("use_pc"), Gesture("click", "OK")),
                   ex("Ensuite, retournez sur le PC.", Gesture("use_pc")))),
    Rule("tap.in_app", r"{IN_APP}{CLICK}(?:{ON})?\s+(?:{ROLE:role}\s*)?{Q:label}",
         gives=(G("open_app"), G("click", "{label}", role="{role}")),
         examples=(ex("Dans l’appli, touchez « Initialiser ».", Gesture("open_app"), Gesture("click", "Initialiser")),
                   ex("Sur l'application, cliquez sur le bouton « Commencer »", Gesture("open_app"),
                      Gesture("click", "Commencer", role="button")))),
    Rule("scan.hold", r"(?:{IN_APP})?{CLICK}(?:{ON})?\s+{Q:label}\s*,?\s*(?:(?:et|puis)\s+)?(?:tenez|placez|pointez"
         r"|dirigez|mettez|pr[ée]sentez|orientez)\s+(?:le|votre|la)\s+(?:{PHONE}|appareil|cam[ée]ra)\s+(?:devant|vers"
         r"|face\s+à|au-dessus\s+de|en\s+face\s+de)\s+(?:l['’]\s*[ée]cran|le\s+code)",
         gives=(G("open_app"), G("scan", "{label}")),
         examples=(ex("appuyez sur « Scan » puis pointez le téléphone vers l’écran de l’ordinateur",
                      Gesture("open_app"), Gesture("scan", "Scan")),
                   ex("Dans l'appli, touchez « Lire le code » et placez votre smartphone face à l'écran.",
                      Gesture("open_app"), Gesture("scan", "Lire le code")))),
    Rule("scan.verb", r"\b(?:scannez|scanner|flashez|flasher)\s+(?:le|ce|un|ledit)\s+"
         r"(?:code\s+QR|QR\s*code|QR-code|code)\b",
         gives=(G("open_app"), G("scan")),
         examples=(ex("Scannez ce code QR avec votre téléphone.", Gesture("open_app"), Gesture("scan")),
                   ex("Flashez le QR code affiché à l’écran.", Gesture("open_app"), Gesture("scan")))),
    Rule("app.shows", r"\bl['’]\s*(?:application|appli|app)\s+(?:vous\s+)?(?:affiche|montre|pr[ée]sente|indique)\s+"
         r"(?:la|une|votre)\s+demande\s+(?:de\s+connexion|d['’]\s*authentification|de\s+confirmation)",
         gives=(S("app", "request"),),
         examples=(ex("L’appli montre une demande de connexion.", Statement("app", "request")),
                   ex("L'application vous présente la demande d'authentification.", Statement("app", "request")))),
    Rule("qr.shown", r"\b(?:un|le|votre)\s+(?:code\s+QR|QR\s*code|QR-code)\s+(?:s['’]\s*affiche|appara[iî]t"
         r"|est\s+affich[ée]|appara[iî]tra|s['’]\s*affichera)\s+(?:sur|à|dans)\s+(?:l['’]\s*[ée]cran|votre\s+(?:PC|ordinateur))",
         gives=(S("qr", "computer"),),
         examples=(ex("Le QR code apparaît à l’écran.", Statement("qr", "computer")),
                   ex("Un code QR est affiché sur votre ordinateur.", Statement("qr", "computer")))),
    Rule("goes_on", r"\b(?:votre|le)\s+(?:PC|ordinateur)\s+(?:continue|poursuit|avance|passe)\w*\b[^.]{0,40}?"
         r"\b(?:tout\s+seul|automatiquement|de\s+lui-m[êe]me)", gives=(S("goes_on", True),),
         examples=(ex("Votre ordinateur continue automatiquement.", Statement("goes_on", True)),
                   ex("Le PC passe alors tout seul à l’écran suivant.", Statement("goes_on", True)))),
    Rule("pick.pin", r"{CHOOSE_VERB}\s+(?:un|votre)\s+(?:nouveau\s+)?code\s+(?:PIN|secret)(?:\s+(?:de|à)\s+"
         r"(?P<digits>\d{1,2})\s+chiffres)?", gives=(G("pick", "pin", count="{digits:int}"),),
         examples=(ex("Choisissez un code PIN de 6 chiffres.", Gesture("pick", "pin", count=6)),
                   ex("Choisir un code secret.", Gesture("pick", "pin")))),

    # --- fill a field, named by its noun
    Rule("fill.field", r"{CODE_VERB}(?:\s+{ADVERB})?(?:\s+{WHERE})?(?:\s+{TIMES_BEFORE:again})?\s+"
         r"(?:{DET}\s*)?(?:{ADJ}\s+)?{FIELD:field}(?:\s*{TIMES:count})?(?!\s*à\s+jour)",
         gives=(G("fill", "{field}", count="{count|again:int}"),),
         examples=(ex("indiquez votre adresse électronique dans le cadre", Gesture("fill", "email")),
                   ex("Indiquez votre nouveau mot de passe.", Gesture("fill", "password")),
                   ex("introduire un mot de passe d’au moins 10 caractères", Gesture("fill", "password")),
                   ex("Ajouter le numéro de téléphone souhaité", Gesture("fill", "phone")),
                   ex("Ajoutez votre numéro de GSM", Gesture("fill", "phone")),
                   ex("saisissez votre adresse email", Gesture("fill", "email")),
                   ex("indiquez le numéro de pension (2 fois !)", Gesture("fill", "pension_number", count=2)),
                   ex("tapez deux fois votre numéro de pension", Gesture("fill", "pension_number", count=2)),
                   ex("renseignez votre date de naissance", Gesture("fill", "birth_date")),
                   ex("Introduisez sur l’écran suivant un mot de passe", Gesture("fill", "password")))),
    Rule("fill.and", r"(?:,\s*|\s+(?:et|puis|ainsi\s+que)\s+)(?:(?:et|puis)\s+)?(?:{DET}\s*)?{FIELD:field}"
         r"(?:\s*{TIMES:count})?", when="after_fill",
         gives=(G("fill", "{field}", count="{count:int}"),),
         examples=(ex("indiquez le numéro de pension (2 fois !) et votre date de naissance",
                      Gesture("fill", "pension_number", count=2), Gesture("fill", "birth_date")),
                   ex("Saisissez votre adresse électronique, puis votre mot de passe",
                      Gesture("fill", "email"), Gesture("fill", "password")))),
    Rule("fill.on_phone", r"{CODE_VERB}(?:\s+{ADVERB})?\s+(?:{DET}\s*)?{FIELD:field}\s+(?:sur|dans)\s+"
         r"(?:votre|le|l['’])\s*"
         r"(?:{PHONE}|application|appli|app)\b", gives=(G("open_app"), G("fill", "{field}")),
         examples=(ex("saisissez votre code PIN sur votre téléphone", Gesture("open_app"), Gesture("fill", "pin")),
                   ex("Tapez le code PIN dans l’appli.", Gesture("open_app"), Gesture("fill", "pin")))),
    Rule("fill_in.field", r"{CODE_VERB}(?:\s+{ADVERB})?\s+(?:{DET}\s*)?(?:{ADJ}\s+)?{FIELD:field}\s+dans\s+"
         r"(?:le\s+champ\s+|la\s+case\s+|la\s+zone\s+)?{Q:label}", gives=(G("fill_in", "{label}", role="{field}"),),
         examples=(ex("Indiquez votre mot de passe dans le champ « Password ».",
                      Gesture("fill_in", "Password", role="password")),
                   ex("saisissez le code PIN dans « PIN »", Gesture("fill_in", "PIN", role="pin")))),
    Rule("fill_in.into", r"{CODE_VERB}(?:\s+{ADVERB})?\s+dans\s+(?:le\s+champ\s+|la\s+case\s+|la\s+zone\s+)?{Q:label}",
         gives=(G("fill_in", "{label}"),),
         examples=(ex("Tapez dans « Identifiant » votre adresse.", Gesture("fill_in", "Identifiant")),
                   ex("Ensuite, saisissez dans la case « Code postal » le vôtre.", Gesture("fill_in", "Code postal")))),
    Rule("fill_in.it", r"{CODE_VERB}-\s*(?:le|la|les)(?:\s+{ADVERB})?(?:\s+{AGAIN}|\s+{TIMES_BEFORE})?\s+dans\s+"
         r"{Q:label}",
         gives=(G("fill_in", "{label}"),),
         examples=(ex("Tapez-le dans « Confirmation ».", Gesture("fill_in", "Confirmation")),
                   ex("Recopiez-la une seconde fois dans « Répétez ».", Gesture("fill_in", "Répétez")))),
    Rule("fill_in.again", r"(?:\bet\s+|,\s*|\bpuis\s+)?\b{AGAIN}\s+dans\s+{Q:label}", when="after_fill",
         gives=(G("fill_in", "{label}"),),
         examples=(ex("Tapez-le dans « A » et une seconde fois dans « B ».", Gesture("fill_in", "A"),
                      Gesture("fill_in", "B")),
                   ex("Indiquez votre e-mail dans « X », puis une deuxième fois dans « Y ».",
                      Gesture("fill_in", "X", role="email"), Gesture("fill_in", "Y")))),
    Rule("fill_in.named_first", r"\bdans\s+{Q:label}\s*,?\s*{CODE_VERB}(?:[^.«»]{0,120}?\bpar\s+ex(?:emple|\.)\s*:?\s*"
         r"(?P<example>[^.,;:()«»]+?)\s*(?=[.,;:()]|$))?", gives=(G("fill_in", "{label}", within="{example:text}"),),
         examples=(ex("Dans « Surnom », tapez un nom, par exemple Ma tablette.",
                      Gesture("fill_in", "Surnom", within="Ma tablette")),
                   ex("Dans « Ville », indiquez votre ville.", Gesture("fill_in", "Ville")))),
    Rule("fill_form.fields", r"\b(?:remplissez|remplir|compl[ée]tez|compl[ée]ter|renseignez|renseigner)\s+"
         r"(?:tous\s+)?(?:les|le|ce|votre)\s+(?:diff[ée]rents\s+|divers\s+)?(?:champs|zones|cases|formulaire|rubriques)",
         gives=(G("fill_form"),),
         examples=(ex("Sur l’écran suivant, remplissez les différents champs (=zones)", Gesture("fill_form")),
                   ex("complétez le formulaire", Gesture("fill_form")),
                   ex("Remplir tous les champs", Gesture("fill_form")))),

    # --- tick a box
    Rule("tick.quoted", r"{TICK_VERB}\s+(?:la\s+|les\s+)?(?:cases?\s+)?{Q:label}", gives=(G("tick", "{label}"),),
         examples=(ex("Cochez la case « J’accepte »", Gesture("tick", "J’accepte")),)),
    Rule("tick.box", r"{TICK_VERB}\s+(?:la|les|une)\s+cases?\s+(?:de\s+la\s+|de\s+l['’]\s*|du\s+|des\s+|de\s+"
         r"|d['’]\s*|relative\s+à\s+(?:la\s+|l['’]\s*)?|concernant\s+(?:la\s+|l['’]\s*)?)?{NOUN_PHRASE:words}",
         gives=(G("tick", "{words:text}"),),
         examples=(ex("cochez la case de confidentialité", Gesture("tick", "confidentialité")),
                   ex("cochez la case de la déclaration de confidentialité + Clic sur «Créer un compte »",
                      Gesture("tick", "déclaration de confidentialité"), Gesture("click", "Créer un compte")))),
    Rule("tick.noun", r"{TICK_VERB}\s+(?:la|le|l['’])\s*(?!cases?\b){NOUN_PHRASE:words}",
         gives=(G("tick", "{words:text}"),),
         examples=(ex("acceptez la déclaration de confidentialité",
                      Gesture("tick", "déclaration de confidentialité")),)),

    # --- lists: open one, choose an option (before the plain clicks: at one place the earlier row wins)
    Rule("open_list.arrow_of", r"{CLICK}{ON}\s+{ARROW}(?:\s+(?:à\s+droite|à\s+côté|en\s+regard|au\s+bout))?\s+"
         r"(?:de\s+la\s+|de\s+l['’]\s*|du\s+|de\s+|d['’]\s*)?(?:liste\s+|champ\s+|case\s+)?{Q:label}",
         gives=(G("open_list", "{label}"),),
         examples=(ex("Clic sur la flèche à droite de “Méthode d’authentification”",
                      Gesture("open_list", "Méthode d’authentification")),
                   ex("Cliquer sur la flèche à droite de la “méthode d’Authentification”",
                      Gesture("open_list", "méthode d’Authentification")))),
    Rule("open_list.under", r"\bsous\s+(?:la\s+|le\s+|l['’]\s*)?{Q:label}\s*,?\s*{CLICK}{ON}\s+{ARROW}",
         gives=(G("open_list", "{label}"),),
         examples=(ex("Sous la “méthode d’Authentification”, clic sur la flèche à droite",
                      Gesture("open_list", "méthode d’Authentification")),)),
    Rule("open_list.open", r"\b(?:ouvrez|ouvrir|d[ée]pliez|d[ée]plier|d[ée]roulez|d[ée]rouler)\s+{LIST}\s+"
         r"(?:de\s+la\s+|de\s+l['’]\s*|du\s+|des\s+)?{Q:label}", gives=(G("open_list", "{label}"),),
         examples=(ex("Ouvrez la liste « Méthode d’authentification »",
                      Gesture("open_list", "Méthode d’authentification")),)),
    Rule("choose.in_named_list", r"\bdans\s+{LIST}\s+{Q:list}\s*[:,]?\s*(?:{CLICK}{ON}|{CHOOSE_VERB})\s+{Q:label}",
         gives=(G("choose", "{label}", within="{list}"),),
         examples=(ex("Dans la liste « Méthode d’authentification », choisissez « Téléphone portable + SMS »",
                      Gesture("choose", "Téléphone portable + SMS", within="Méthode d’authentification")),)),
    Rule("choose.in_list", r"\bdans\s+{LIST}(?:\s+qui\s+s['’]\s*ouvre|\s+qui\s+appara[iî]t)?\s*[:,]?\s*{CLICK}{ON}\s+"
         r"{Q:label}", gives=(G("choose", "{label}", within="@list"),),
         examples=(ex("Dans la liste qui s’ouvre: Clic sur “Téléphone portable + SMS”",
                      Gesture("choose", "Téléphone portable + SMS")),
                   ex("Clic sur la flèche à droite de “Méthode d’authentification” Dans la liste qui s’ouvre: "
                      "Clic sur “Mot de passe”", Gesture("open_list", "Méthode d’authentification"),
                      Gesture("choose", "Mot de passe", within="Méthode d’authentification")))),
    Rule("choose.verb", r"{CHOOSE_VERB}\s+(?:l['’]\s*option\s+|le\s+choix\s+|la\s+m[ée]thode\s+)?{Q:label}",
         gives=(G("choose", "{label}", within="@list"),),
         examples=(ex("Sous la “méthode d’Authentification”, clic sur la flèche à droite et choisir ”Téléphone "
                      "portable + SMS”.", Gesture("open_list", "méthode d’Authentification"),
                      Gesture("choose", "Téléphone portable + SMS", within="méthode d’Authentification")),
                   ex("sélectionnez « Mot de passe »", Gesture("choose", "Mot de passe")))),
    Rule("choose.then", r"(?:\bet\s+)?\b(?:ensuite|puis)\s+sur\s+{Q:label}", when="after_open_list",
         gives=(G("choose", "{label}", within="@list"),),
         examples=(ex("Clic sur la flèche à droite de « Méthode », puis sur « SMS »", Gesture("open_list", "Méthode"),
                      Gesture("choose", "SMS", within="Méthode")),)),

    # --- follow a link of a message, click a control
    Rule("follow_link.of_message", r"{CLICK}{ON}\s+(?:le\s+lien\s*)?{Q:label}{ALTS:alts}?[^.]{0,80}?"
         r"\b(?:du|de\s+ce|dans\s+le|de\s+votre)\s+(?:message|courriel|e-?mail|mail)\b",
         gives=(G("follow_link", "{label}", alternatives="{alts:quoted}"),),
         examples=(ex("Clic sur « ce lien » (ou « this link » si vous recevez le message en anglais) au milieu du "
                      "message afin de créer un mot de passe.",
                      Gesture("follow_link", "ce lien", alternatives=("this link",)),
                      Statement("position", "middle", "ce lien")),)),
    Rule("follow_link.in_message", r"{CLICK}{ON}\s+(?:le\s+lien\s*)?{Q:label}{ALTS:alts}?", when="in_message",
         gives=(G("follow_link", "{label}", alternatives="{alts:quoted}"),),
         examples=(ex("Ouvrez le courriel. Cliquez sur « ce lien ».", Gesture("open_message", "email"),
                      Gesture("follow_link", "ce lien")),)),
    Rule("click.quoted", r"{CLICK}{ON}\s+(?:{ROLE:role}(?:\s+{COLOUR})?\s*)?{Q:label}{ALTS:alts}?",
         gives=(G("click", "{label}", role="{role}", alternatives="{alts:quoted}"),),
         examples=(ex("Clic sur ”Suivant”.", Gesture("click", "Suivant")),
                   ex("Clic sur «Créer un compte »", Gesture("click", "Créer un compte")),
                   ex("Clic ensuite sur « Finaliser »", Gesture("click", "Finaliser")),
                   ex("Appuyez sur le bouton « Suivant »", Gesture("click", "Suivant", role="button")),
                   ex("cliquer sur le lien « Mot de passe perdu ? »", Gesture("click", "Mot de passe perdu ?",
                                                                                 role="link")),
                   ex("Cliquez sur le menu « Mon compte »", Gesture("click", "Mon compte", role="menu")))),
    Rule("click.icon", r"{CLICK}{ON}\s+(?:la|le|l['’]|les|une|un)\s*{ICON:icon}",
         gives=(G("click", "{icon:text}", role="icon"),),
         examples=(ex("Clic sur la roue dentée en haut à droite", Gesture("click", "roue dentée", role="icon"),
                      Statement("position", "top-right", "roue dentée")),
                   ex("Cliquez sur l’engrenage", Gesture("click", "engrenage", role="icon")))),
    Rule("click.unquoted", r"{CLICK}{ON}\s+{LABEL_WORDS:label}", gives=(G("click", "{label:text}"),),
         examples=(ex("Clic sur Soumettre dans la zone bleue", Gesture("click", "Soumettre"),
                      Statement("colour", "blue", "Soumettre")),
                   ex("+ Clic sur Ajouter", Gesture("click", "Ajouter")))),
    Rule("click.then", r"(?:\bet\s+)?\b(?:ensuite|puis)\s+sur\s+(?:{ROLE:role}\s*)?{Q:label}{ALTS:alts}?",
         when="after_click", gives=(G("click", "{label}", role="{role}", alternatives="{alts:quoted}"),),
         examples=(ex("Clic sur la roue dentée en haut à droite et ensuite sur « Mon compte »",
                      Gesture("click", "roue dentée", role="icon"), Gesture("click", "Mon compte")),)),
    Rule("click.plus", r"\+\s*(?:{ROLE:role}\s*)?{Q:label}", when="after_click",
         gives=(G("click", "{label}", role="{role}"),),
         examples=(ex("Clic sur la roue dentée + « Déconnexion »", Gesture("click", "roue dentée", role="icon"),
                      Gesture("click", "Déconnexion")),)),
    Rule("click.validate", r"\bvalide[zr](?:-\s*l[ea])?(?=\s*(?:[.!;,)]|$))",
         gives=(G("click", "", role="button", within="validate"),),
         examples=(ex("Introduisez le code final et validez-le.", Gesture("type_code", "", within="final_code"),
                      Gesture("click", "", role="button", within="validate")),
                   ex("Entrez le code final, puis validez- le.", Gesture("type_code", "", within="final_code"),
                      Gesture("click", "", role="button", within="validate")))),

    # --- codes: type the code a message brought
    Rule("type_code.enter", r"{CODE_VERB}(?:\s+{ADVERB})?(?:\s+{WHERE})?\s+(?:ce|le|les|votre|vos|ces)\s+{CODE}",
         gives=(G("type_code", "@code_channel", within="@code"),),
         examples=(ex("Vous recevrez un SMS contenant un code. Reprenez ce code sur l’écran suivant.",
                      Gesture("wait", "sms", within="challenge"), Gesture("type_code", "sms", within="challenge")),
                   ex("Reprenez les 3 x 3 caractères du SMS dans les espaces indiqués",
                      Gesture("type_code", "sms", within="challenge")),
                   ex("Insérez le code (appelé challenge) de 3 x 3 caractères",
                      Gesture("type_code", "sms", within="challenge")),
                   ex("vous pouvez encoder le code final de 4x3 caractères",
                      Gesture("type_code", "", within="final_code")),
                   ex("Recopiez le code reçu par courriel", Gesture("type_code", "email", within="challenge")))),

    # --- messages: wait for one, open it
    Rule("wait.receive", r"\b(?:recevr(?:ez|a|ont|ons)|allez\s+recevoir|va\s+recevoir)\b[^.]{0,40}?"
         r"\b(?:un|une|le|la|votre|vos|des)\s+{MESSAGE:channel}",
         gives=(G("wait", "{channel:join}", within="@purpose"),),
         examples=(ex("Après quelques minutes, vous recevrez un courriel en EN du Service d’Authentification. "
                      "Clic sur « ce lien » au milieu du message afin de créer un mot de passe.",
                      Gesture("wait", "email", within="registration"), Statement("language", "en", "email")),
                   ex("Vous recevrez un SMS contenant un code (appelé “challenge »)",
                      Gesture("wait", "sms", within="challenge")),
                   ex("Vous allez recevoir un SMS avec un code", Gesture("wait", "sms", within="challenge")))),
    Rule("wait.receive_by", r"\b(?:recevr(?:ez|a|ont|ons)|allez\s+recevoir)\b[^.]{0,60}?\bpar\s+{CHANNELS:channel}",
         gives=(G("wait", "{channel:join}", within="@purpose"),),
         examples=(ex("Vous recevrez par SMS un code (appelé “challenge”)",
                      Gesture("wait", "sms", within="challenge")),)),
    Rule("wait.message_arrives", r"\b(?:un|une)\s+{MESSAGE:channel}\b[^.]{0,100}?\barriv(?:e|era|eront|ent)\b",
         gives=(G("wait", "{channel:join}", within="@purpose"),),
         examples=(ex("un courriel en anglais du Service d’Authentification de la Commission arrive. Clic sur « ce "
                      "lien »", Gesture("wait", "email", within="registration")),)),
    Rule("wait.arrives_on", r"\barriv(?:e|era|eront|ent)\s+(?:sur|dans|par)\s+(?:votre\s+|vos\s+|le\s+|la\s+)?"
         r"{RECEIVER:channel}", gives=(G("wait", "{channel:join}", within="@purpose"),),
         examples=(ex("Un code (appelé “challenge”) arrivera sur votre téléphone portable",
                      Gesture("wait", "sms", within="challenge")),)),
    Rule("wait.wait_for_sent", r"\b(?:attendre|attendez)\s+(?:{DET}\s*)?(?:codes?\s+finals?|token|jeton|codes?"
         r"|challenge|{MESSAGE})\b[^.]{0,60}?\b{SENT}\s+(?:par|sur)\s+(?:votre\s+)?{CHANNELS:channel}",
         gives=(G("wait", "{channel:join}", within="@purpose"),),
         examples=(ex("Il faut attendre le code final qui sera envoyé par courriel ou SMS",
                      Gesture("wait", "email|sms", within="final_code"),
                      Statement("channel", frozenset({"email", "sms"}), "final_code:any")),)),
    Rule("wait.wait_for", r"\b(?:attendre|attendez)\s+(?:{DET}\s*)?(?:arriv[ée]e\s+(?:du|de\s+la|d['’]\s*un"
         r"|d['’]\s*une)\s+)?{MESSAGE:channel}", gives=(G("wait", "{channel:join}", within="@purpose"),),
         examples=(ex("Attendez le SMS contenant le code.", Gesture("wait", "sms", within="challenge")),)),
    Rule("wait.sent", r"\b(?:un|une|le|la|votre)\s+(?:codes?\s+finals?|token|jeton|codes?|challenge|{MESSAGE})\b"
         r"[^.]{0,60}?\b(?:vous\s+)?(?:sera|seront|est|va\s+être|vont\s+être)\s+{SENT}\s+(?:par|sur)\s+"
         r"(?:votre\s+)?{CHANNELS:channel}", gives=(G("wait", "{channel:join}", within="@purpose"),),
         examples=(ex("Le code final vous sera envoyé par courriel ou SMS.",
                      Gesture("wait", "email|sms", within="final_code")),)),
    Rule("wait.when_received", r"\b(?:quand|lorsque|dès\s+que|une\s+fois\s+que)\s+vous\s+(?:aurez|avez)\s+re[çc]u\s+"
         r"(?:{DET}\s*)?(?:codes?\s+finals?|token|jeton|codes?|{MESSAGE})\b[^.]{0,60}?\bpar\s+{CHANNELS:channel}",
         gives=(G("wait", "{channel:join}", within="@purpose"),),
         examples=(ex("A EFFECTUER QUAND VOUS AUREZ RECU LE CODE FINAL (appelé « Token ») PAR COURRIEL OU SMS",
                      Gesture("wait", "email|sms", within="final_code"),
                      Statement("channel", frozenset({"email", "sms"}), "final_code:any")),)),
    Rule("open_message.it", r"\bouvr(?:ez|ir)-\s*l[ea]\b", gives=(G("open_message", "@message"),),
         examples=(ex("Vous recevrez un courriel. Ouvrez-le sur votre PC ( ou laptop, tablette) mais pas sur votre "
                      "smartphone.", Gesture("wait", "email"), Gesture("open_message", "email")),)),
    Rule("open_message.noun", r"\b(?:ouvrez|ouvrir|consultez|consulter|lisez|lire)\s+(?:le|ce|votre|cet|l['’])\s*"
         r"{MESSAGE:channel}", gives=(G("open_message", "{channel}"),),
         examples=(ex("ouvrez le courriel", Gesture("open_message", "email")),
                   ex("Consultez le SMS", Gesture("open_message", "sms")))),

    # --- the page, the session
    Rule("scroll.down", r"\b(?:descendre|descendez|faites\s+d[ée]filer|faire\s+d[ée]filer|d[ée]filez|d[ée]filer)\b"
         r"(?:\s+(?:la\s+page|l['’]\s*[ée]cran|vers\s+le\s+bas|jusqu['’]\s*en\s+bas))*",
         gives=(G("scroll", "down"), S("position", "below-fold", subject="@next_click")),
         examples=(ex("Descendre + Clic sur « Connecter » dans le rectangle gris de l’écran.",
                      Gesture("scroll", "down"), Gesture("click", "Connecter"),
                      Statement("position", "below-fold", "Connecter"), Statement("colour", "grey", "Connecter")),
                   ex("Faites défiler la page vers le bas", Gesture("scroll", "down")))),
    Rule("logout.verb", r"\bd[ée]connectez(?:-\s*|\s+)vous(?:\s+compl[èe]tement)?"
         r"|\bse\s+d[ée]connecter(?:\s+compl[èe]tement)?",
         gives=(G("logout"),),
         examples=(ex("Déconnectez-vous complètement maintenant.", Gesture("logout")),
                   ex("Il faut se déconnecter.", Gesture("logout")))),
    Rule("logout.by_click", r"\b(?:d[ée]connectez(?:-\s*|\s+)vous|se\s+d[ée]connecter)(?:\s+compl[èe]tement)?"
         r"(?:\s+{ADVERB})?\s*[:,]\s*{CLICK}{ON}\s+{Q:label}", gives=(G("click", "{label}"),),
         examples=(ex("Déconnectez-vous : cliquez sur « Se déconnecter ».", Gesture("click", "Se déconnecter")),
                   ex("Déconnectez-vous complètement maintenant, clic sur « Quitter ».", Gesture("click", "Quitter")))),
    Rule("next_sign_in", r"\b(?:lors\s+d['’]\s*une|lors\s+de\s+(?:la|votre)|à\s+(?:la|votre)|dès\s+(?:la|votre))\s+"
         r"prochaine\s+connexion\b", gives=(G("sign_in_again"), S("next_sign_in", True)),
         examples=(ex("Vous aurez bientôt accès aux applications lors d’une prochaine connexion via EU Login.",
                      Gesture("sign_in_again"), Statement("next_sign_in", True)),
                   ex("L’accès aux applications suivra, à votre prochaine connexion par EU Login.",
                      Gesture("sign_in_again")))),
    Rule("sign_in_again.verb", r"\breconnectez-vous\b|\bse\s+reconnecter\b|\bconnectez-vous\s+(?:à|de)\s+nouveau\b",
         gives=(G("sign_in_again"),), examples=(ex("Reconnectez-vous demain.", Gesture("sign_in_again")),)),

    # --- statements: where a control is, its colour, a message's language, a channel, …
    Rule("position.of_noun", r"{SUBJECT:subject}[^.:;+]{0,40}?{POSITION:position}",
         gives=(S("position", "{position}", subject="{subject}"),),
         examples=(ex("Caractères spéciaux tels que décrits en bas de l’écran ci-dessous",
                      Statement("position", "bottom", "special characters")),)),
    Rule("position.place", r"{POSITION:position}", gives=(S("position", "{position}", subject="@nearest_click"),),
         examples=(ex("Clic sur la roue dentée en bas à gauche", Statement("position", "bottom-left", "roue dentée")),
                   ex("Cliquez sur « Aide » en haut de la page", Statement("position", "top", "Aide")),
                   ex("au milieu du message", Statement("position", "middle")))),
    Rule("colour.zone", r"\b(?:dans|sur)\s+(?:la|le|l['’]|un|une)\s*(?:zone|rectangle|cadre|bandeau|encadr[ée]|partie"
         r"|barre|bande|bloc|case)\s+{COLOUR:colour}", gives=(S("colour", "{colour}", subject="@nearest_click"),),
         examples=(ex("Clic sur Soumettre dans la zone verte", Statement("colour", "green", "Soumettre")),
                   ex("Clic sur « Connecter » dans le rectangle gris de l’écran",
                      Statement("colour", "grey", "Connecter")))),
    Rule("colour.control", r"\b(?:le\s+bouton|le\s+lien)\s+{COLOUR:colour}",
         gives=(S("colour", "{colour}", subject="@nearest_click"),),
         examples=(ex("Cliquez sur le bouton bleu « Suivant »", Gesture("click", "Suivant", role="button"),
                      Statement("colour", "blue", "Suivant")),)),
    Rule("language.message", r"\b(?:un|une)\s+{MESSAGE:subject}\s+(?:r[ée]dig[ée]e?\s+)?en\s+{LANGUAGE:lang}\b",
         gives=(S("language", "{lang}", subject="{subject}"),),
         examples=(ex("vous recevrez un courriel en EN du Service", Statement("language", "en", "email")),
                   ex("vous recevrez un courriel en FR du Service", Statement("language", "fr", "email")),
                   ex("un courriel en anglais arrive", Statement("language", "en", "email")))),
    Rule("channel.shown", r"\b{NOTICE:what}\s+{PLACES:channel}",
         gives=(S("channel", "{channel:set}", subject="{what}:{channel:joiner}"),),
         examples=(ex("Vous aurez une confirmation à l’écran - et par courriel - que le numéro a été ajouté.",
                      Statement("channel", frozenset({"screen", "email"}), "confirmation:all")),
                   ex("Vous aurez une confirmation à l’écran - et par SMS - que le numéro a été ajouté.",
                      Statement("channel", frozenset({"screen", "sms"}), "confirmation:all")))),
    Rule("channel.sent", r"\b{THING:what}\b[^.]{0,40}?\b{SENT}\s+{PLACES:channel}",
         gives=(S("channel", "{channel:set}", subject="{what}:{channel:joiner}"),),
         examples=(ex("le code final qui sera envoyé par courriel ou SMS",
                      Statement("channel", frozenset({"email", "sms"}), "final_code:any")),)),
    Rule("channel.received", r"\bre[çc]u\s+(?:{DET}\s*)?{THING:what}\b[^.]{0,40}?\bpar\s+{CHANNELS:channel}",
         gives=(S("channel", "{channel:set}", subject="{what}:{channel:joiner}"),),
         examples=(ex("QUAND VOUS AUREZ RECU LE CODE FINAL PAR SMS", Statement("channel", frozenset({"sms"}),
                                                                            "final_code:all")),)),
    Rule("prefilled", r"{IDENTITIES:fields}\s+(?:devrai(?:en)?t|doi(?:ven)?t|sont|est|seront|sera|appara[iî]tront"
         r"|appara[iî]ssent)\s+(?:(?:normalement|d[ée]jà|en\s+principe)\s+)*(?:figurer|être\s+(?:pr[ée]-?)?rempli\w*"
         r"|(?:pr[ée]-?)?rempli\w*|affich[ée]\w*|indiqu[ée]\w*|inscrit\w*|appara[iî]tre|pr[ée]sent\w*|compl[ée]t[ée]\w*)",
         gives=(S("prefilled", "{fields:tuple}"),),
         examples=(ex("Votre nom de famille et prénom devraient déjà figurer dans les bonnes cases.",
                      Statement("prefilled", ("last_name", "first_name"))),
                   ex("Vos nom et prénom sont normalement déjà remplis.",
                      Statement("prefilled", ("last_name", "first_name"))))),
    Rule("times.after", r"{FIELD:field}\s*{TIMES:count}", gives=(S("times", ("{field}", "{count:int}")),),
         examples=(ex("indiquez le numéro de pension (2 fois !)", Statement("times", ("pension_number", 2))),)),
    Rule("times.before", r"{TIMES_BEFORE:count}\s+(?:{DET}\s*)?{FIELD:field}",
         gives=(S("times", ("{field}", "{count:int}")),),
         examples=(ex("saisissez deux fois le numéro de pension", Statement("times", ("pension_number", 2))),)),
    Rule("possible.yes", r"\bil\s+est\s+(?:tout\s+à\s+fait\s+)?possible\b[^.]{0,40}?\b(?:d['’]\s*|de\s+)"
         r"{POSSIBILITY:what}", gives=(S("possible", ("{what}", True)),),
         examples=(ex("Il est possible et même conseillé d’ajouter un numéro de téléphone supplémentaire",
                      Statement("possible", ("add_phone", True))),)),
    Rule("possible.no", r"\bil\s+n['’]\s*est\s+pas\s+possible\s+(?:d['’]\s*|de\s+){POSSIBILITY:what}"
         r"|\bimpossible\s+(?:d['’]\s*|de\s+){POSSIBILITY:what2}|\bvous\s+ne\s+pouvez\s+pas\s+{POSSIBILITY:what3}",
         gives=(S("possible", ("{what|what2|what3}", False)),),
         examples=(ex("Il n’est pas possible d’ajouter un numéro de téléphone supplémentaire.",
                      Statement("possible", ("add_phone", False))),
                   ex("Vous ne pouvez pas ajouter un autre numéro.", Statement("possible", ("add_phone", False))))),
    Rule("possible.advised", r"\b(?:conseill\w*|recommand\w*)\s+(?:vivement\s+|fortement\s+)?(?:d['’]\s*|de\s+)"
         r"{POSSIBILITY:what}|\bvous\s+pouvez\s+(?:aussi\s+|également\s+)?{POSSIBILITY:what2}",
         gives=(S("possible", ("{what|what2}", True)),),
         examples=(ex("Nous vous conseillons vivement d’ajouter un numéro de téléphone supplémentaire",
                      Statement("possible", ("add_phone", True))),)),
    Rule("message.says", r"\b(?:un|le)\s+message\s+(?:vous\s+)?(?:indique|informe|affiche|dit|confirme|signale"
         r"|pr[ée]cise|annonce)\s+(?:que\s+|qu['’]\s*)?(?:{DET}\s*)?{TAIL:words}",
         gives=(S("message", "{words}", subject="screen"),),
         examples=(ex("Un message indique que votre mot de passe a été modifié.",
                      Statement("message", "mot de passe a été modifié", "screen")),
                   ex("Un message vous informe que votre mot de passe a été modifié.",
                      Statement("message", "mot de passe a été modifié", "screen")))),
    Rule("message.screen_says", r"\b(?:l['’]\s*[ée]cran|la\s+page)\s+(?:vous\s+)?(?:confirme|indique|affiche)\s+"
         r"(?:que\s+|qu['’]\s*)?(?:{DET}\s*)?{TAIL:words}", gives=(S("message", "{words}", subject="screen"),),
         examples=(ex("L’écran confirme que le numéro a été ajouté ; un courriel aussi.",
                      Statement("message", "numéro a été ajouté", "screen")),)),
    Rule("message.quoted", r"\ble\s+message\s+{Q:words}\s+(?:s['’]\s*affiche|appara[iî]t)",
         gives=(S("message", "{words}", subject="screen"),),
         examples=(ex("Vérifiez que le message « Connexion réussie » s’affiche.",
                      Statement("message", "Connexion réussie", "screen")),)),
)


# =========================================================================== compiling the table

_PLACEHOLDER_RE = re.compile(r"\{([A-Z][A-Z_]*)(?::([a-z][a-z_0-9]*))?\}")


def _expand(source: str, groups: dict[str, str | None] | None = None) -> str:
    """The pattern with its placeholders replaced; ``groups`` gets each named group's vocabulary."""

    def one(match: re.Match[str]) -> str:
        name, group = match.group(1), match.group(2)
        if name in VOCABULARIES:
            body, vocabulary = r"\b(?:" + "|".join(VOCABULARIES[name]) + r")\b", name
        elif name in PIECES:
            regex, vocabulary = PIECES[name]
            body = _expand(regex)
        else:
            raise KeyError(f"unknown placeholder {{{name}}} in a phrase rule")
        if group is not None and groups is not None:
            groups[group] = vocabulary
        if "(?P<@>" in body:
            return body.replace("(?P<@>", f"(?P<{group}>" if group else "(?:")
        return f"(?P<{group}>{body})" if group else f"(?:{body})"

    return _PLACEHOLDER_RE.sub(one, source)


@dataclass(frozen=True)
class _Compiled:
    rule: Rule
    regex: re.Pattern[str]
    vocabularies: dict[str, str | None]  # group -> vocabulary

    @property
    def gives_gestures(self) -> bool:
        return any(isinstance(item, G) for item in self.rule.gives)


def _compile(rule: Rule) -> _Compiled:
    groups: dict[str, str | None] = {}
    return _Compiled(rule, re.compile(_expand(rule.pattern, groups), re.IGNORECASE), groups)


_COMPILED: tuple[_Compiled, ...] = tuple(_compile(rule) for rule in RULES)


@cache
def _entry_res(vocabulary: str) -> tuple[tuple[re.Pattern[str], Any], ...]:
    return tuple((re.compile(r"\b(?:" + key + r")\b", re.IGNORECASE), value)
                 for key, value in VOCABULARIES[vocabulary].items())


@cache
def _vocabulary_re(vocabulary: str) -> re.Pattern[str]:
    return re.compile(_expand("{" + vocabulary + "}"), re.IGNORECASE)


def _lookup(vocabulary: str, text: str) -> Any:
    """The value of the vocabulary's words ``text`` is (or, failing that, contains first)."""
    for pattern, value in _entry_res(vocabulary):
        if pattern.fullmatch(text.strip()):
            return value
    hits = _hits(vocabulary, text)
    return hits[0] if hits else None


def _hits(vocabulary: str, text: str) -> list[Any]:
    """Every vocabulary word in ``text``, in order, each once, as values."""
    values: list[Any] = []
    for match in _vocabulary_re(vocabulary).finditer(text):
        for pattern, value in _entry_res(vocabulary):
            if pattern.fullmatch(match.group(0)):
                if value not in values:
                    values.append(value)
                break
    return values


def _first_of(vocabulary: str, text: str) -> Any:
    """The first entry of the vocabulary (in its order of priority) found in ``text``, else None."""
    for pattern, value in _entry_res(vocabulary):
        if pattern.search(text):
            return value
    return None


def _clean(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip().strip(OPENING_QUOTES + CLOSING_QUOTES).strip()


def _group_value(reference: str, match: re.Match[str], vocabularies: dict[str, str | None]) -> Any:
    names, _, how = reference.partition(":")
    for name in names.split("|"):
        written = match.group(name)
        if written is None:
            continue
        vocabulary = vocabularies.get(name)
        if how == "text":
            return _clean(written)
        if how == "url":
            return written.strip().rstrip(URL_TRAILING)
        if how == "quoted":
            return tuple(inner.group(2).strip() for inner in QUOTE_RE.finditer(written))
        if how == "int":
            written = written.strip()
            return int(written) if written.isdigit() else _lookup("NUMBER", written)
        if how == "joiner":
            return _first_of("JOINER", written) or "all"
        if how in ("set", "tuple", "join"):
            hits = _hits(vocabulary, written) if vocabulary else [_clean(written)]
            return frozenset(hits) if how == "set" else tuple(hits) if how == "tuple" else "|".join(sorted(hits))
        if vocabulary:
            return _lookup(vocabulary, written)
        return _clean(written)
    if how == "joiner":
        return "all"
    return None


def _template(spec: Any, match: re.Match[str], vocabularies: dict[str, str | None]) -> Any:
    """A template field's value from the match (``@name`` is left for the resolvers)."""
    if isinstance(spec, tuple):
        return tuple(_template(item, match, vocabularies) for item in spec)
    if not isinstance(spec, str) or spec.startswith("@") or "{" not in spec:
        return spec
    whole = re.fullmatch(r"\{([^{}]+)\}", spec)
    if whole:
        return _group_value(whole.group(1), match, vocabularies)
    return re.sub(r"\{([^{}]+)\}", lambda m: str(_group_value(m.group(1), match, vocabularies) or ""), spec)


# =========================================================================== context: conditions and resolvers


@dataclass
class _Reading:
    text: str
    spans: list[tuple[int, int]]
    done: list[Gesture] = field(default_factory=list)  # every gesture so far, in order
    index: int = 0  # the sentence being read
    here: list[Gesture] = field(default_factory=list)  # the gestures of this sentence so far

    @property
    def sentence(self) -> str:
        a, b = self.spans[self.index]
        return self.text[a:b]

    def last(self, *actions: str) -> Gesture | None:
        return next((g for g in reversed(self.done) if g.action in actions), None)


def _last_here_is(action: str) -> Callable[[_Reading], bool]:
    return lambda reading: bool(reading.here) and reading.here[-1].action == action


def _in_message(reading: _Reading) -> bool:
    """The last gesture opened a message, or waited for an e-mail: a click now is in that message."""
    last = reading.done[-1] if reading.done else None
    return last is not None and (last.action == "open_message" or (last.action == "wait" and "email" in last.target))


CONDITIONS: dict[str, Callable[[_Reading], bool]] = {
    "after_click": _last_here_is("click"),
    "after_fill": lambda reading: bool(reading.here) and reading.here[-1].action in ("fill", "fill_in"),
    "after_open_list": _last_here_is("open_list"),
    "in_message": _in_message,
}


def _purpose(reading: _Reading, fields: dict[str, Any]) -> str:
    """What a message waited for is for: this sentence's words, else the next sentences'."""
    for index in range(reading.index, len(reading.spans)):
        a, b = reading.spans[index]
        found = _first_of("PURPOSE", reading.text[a:b])
        if found:
            return found
    return ""


def _code(reading: _Reading, fields: dict[str, Any]) -> str:
    """Which code is typed: the sentence's words, else the code last waited for, else a challenge."""
    found = _first_of("CODE_KIND", reading.sentence)
    if found:
        return found
    wait = reading.last("wait")
    if wait is not None and wait.within in ("final_code", "challenge"):
        return wait.within
    return "challenge"


def _code_channel(reading: _Reading, fields: dict[str, Any]) -> str:
    """Where the code is read: the message the sentence names, else the one waited for, else the code's."""
    hits = _hits("MESSAGE", reading.sentence)
    if hits:
        return "|".join(sorted(hits))
    wait = reading.last("wait")
    if wait is not None and wait.target:
        return wait.target
    return CODE_CHANNELS.get(fields.get("within", ""), "")


def _message(reading: _Reading, fields: dict[str, Any]) -> str:
    """« Ouvrez-le »: the message announced before."""
    last = reading.last("wait", "open_message")
    return last.target if last is not None and "|" not in last.target else ""


def _list(reading: _Reading, fields: dict[str, Any]) -> str:
    """The list opened before (this sentence or an earlier one)."""
    last = reading.last("open_list")
    return last.target if last is not None else ""


RESOLVERS: dict[str, Callable[[_Reading, dict[str, Any]], str]] = {
    "@purpose": _purpose,
    "@code": _code,
    "@code_channel": _code_channel,
    "@message": _message,
    "@list": _list,
}
STATEMENT_RESOLVERS = ("@nearest_click", "@next_click")  # resolved once every gesture is known


def _end(item: Gesture | Statement) -> int:
    return item.start + len(item.text)


def _nearest_click(statement: Statement, here: list[Gesture]) -> str:
    best: tuple[int, int, str] | None = None
    for gesture in here:
        if gesture.action not in CLICKS:
            continue
        if _end(gesture) <= statement.start:
            key = (statement.start - _end(gesture), 0)
        elif gesture.start >= _end(statement):
            key = (gesture.start - _end(statement), 1)
        else:
            key = (0, 0)
        if best is None or key < best[:2]:
            best = (*key, gesture.target)
    return best[2] if best else ""


def _next_click(statement: Statement, every: list[Gesture]) -> str:
    return next((g.target for g in every if g.action in CLICKS and g.start > statement.start), "")


# =========================================================================== reading


def _yields(fragment: str) -> bool:
    """Whether some rule understands anything of this fragment (used to cut a sentence without punctuation)."""
    return any(compiled.regex.search(fragment) for compiled in _COMPILED)


def _sentences(text: str) -> list[tuple[int, int]]:
    """Sentences: cut after . ! ? and before a word opening a clause ("… portable Reprenez …") when what
    comes before it says something."""
    spans: list[tuple[int, int]] = []
    start = 0
    pieces = []
    for match in SENTENCE_BREAK_RE.finditer(text):
        pieces.append((start, match.start()))
        start = match.end()
    pieces.append((start, len(text)))
    for a, b in pieces:
        if not text[a:b].strip():
            continue
        begin = a
        quotes = [m.span() for m in QUOTE_RE.finditer(text, a, b)]
        for opener in OPENER_RE.finditer(text, a, b):
            cut = opener.start()
            left = text[begin:cut]
            if cut <= begin or not left.strip() or OPENER_NOT_AFTER_RE.search(left):
                continue
            if any(qa < cut < qb for qa, qb in quotes):
                continue  # « Ajouter un numéro »: a label, not a clause
            if _yields(left.strip()):
                spans.append((begin, begin + len(left.rstrip())))
                begin = cut
        spans.append((begin, b))
    return [(a, b) for a, b in spans if text[a:b].strip()]


def _overlaps(start: int, end: int, taken: list[tuple[int, int]]) -> bool:
    return any(start < b and end > a for a, b in taken)


def _read_sentence(reading: _Reading) -> tuple[list[Gesture], list[Statement], list[str], list[str]]:
    a, _ = reading.spans[reading.index]
    sentence = reading.sentence
    quotes = [m.span() for m in QUOTE_RE.finditer(sentence)]
    candidates = []
    for order, compiled in enumerate(_COMPILED):
        for match in compiled.regex.finditer(sentence):
            if match.end() == match.start() or any(qa < match.start() < qb for qa, qb in quotes):
                continue
            candidates.append((match.start(), -match.end(), order, match))
    candidates.sort(key=lambda c: c[:3])
    reading.here = []
    statements: list[Statement] = []
    notes: list[str] = []
    rules: list[str] = []
    taken: list[tuple[int, int]] = []
    taken_kinds: dict[str, list[tuple[int, int]]] = {}
    silenced = False
    for start, negative_end, order, match in candidates:
        end = -negative_end
        compiled = _COMPILED[order]
        rule = compiled.rule
        if not rule.gives:
            if rule.name not in rules:
                rules.append(rule.name)
                if rule.note and rule.note not in notes:
                    notes.append(rule.note)
                silenced = silenced or rule.silences
            continue
        kinds = [item.kind for item in rule.gives if isinstance(item, S)]
        if compiled.gives_gestures:
            if _overlaps(start, end, taken) or MOOD_BEFORE_RE.search(sentence[:start]):
                continue
        elif any(_overlaps(start, end, taken_kinds.get(kind, [])) for kind in kinds):
            continue
        if rule.when and not CONDITIONS[rule.when](reading):
            continue
        written = match.group(0).strip()
        offset = a + start + (len(match.group(0)) - len(match.group(0).lstrip()))
        for item in rule.gives:
            if isinstance(item, G):
                values = {name: _template(getattr(item, name), match, compiled.vocabularies)
                          for name in ("target", "role", "within", "count", "alternatives")}
                for name in ("within", "role", "count", "alternatives", "target"):
                    spec = values[name]
                    if isinstance(spec, str) and spec.startswith("@"):
                        values[name] = RESOLVERS[spec](reading, values)
                gesture = Gesture(
                    item.action, values["target"] or "", values["role"] or "", values["within"] or "",
                    values["count"] or 1, tuple(values["alternatives"] or ()), text=written, start=offset,
                )
                reading.here.append(gesture)
                reading.done.append(gesture)
            else:
                value = _template(item.value, match, compiled.vocabularies)
                subject = _template(item.subject, match, compiled.vocabularies)
                statements.append(Statement(item.kind, value, subject or "", text=written, start=offset))
        if compiled.gives_gestures:
            taken.append((start, end))
        for kind in kinds:
            taken_kinds.setdefault(kind, []).append((start, end))
        rules.append(rule.name)
    here = reading.here
    if silenced:
        for gesture in here:
            reading.done.remove(gesture)
        here, statements = [], []
    return here, statements, notes, rules


def read_text(text: str) -> list[Sentence]:
    """One instruction's normalised text (or a stage context): its sentences in order, with their gestures and
    statements."""
    reading = _Reading(text, _sentences(text))
    read: list[tuple[list[Gesture], list[Statement], list[str], list[str]]] = []
    for index in range(len(reading.spans)):
        reading.index = index
        read.append(_read_sentence(reading))
    sentences = []
    for (a, b), (here, statements, notes, rules) in zip(reading.spans, read, strict=True):
        resolved = []
        for statement in statements:
            if statement.subject == "@nearest_click":
                statement = replace(statement, subject=_nearest_click(statement, here))
            elif statement.subject == "@next_click":
                statement = replace(statement, subject=_next_click(statement, reading.done))
            resolved.append(statement)
        reason = "; ".join(notes)
        if not here and not resolved and not reason:
            reason = NOTHING_UNDERSTOOD
        sentences.append(Sentence(text[a:b], a, b, tuple(here), tuple(resolved), reason, tuple(rules)))
    return sentences


def gestures(text: str) -> list[Gesture]:
    """All the gestures of the text, in order."""
    return [gesture for sentence in read_text(text) for gesture in sentence.gestures]


# =========================================================================== the screens' words


def field_kind(label: str) -> str | None:
    """The kind of a screen's field from its label (French or English): a kind of ``FIELDS``, ``"email_confirm"``,
    ``"first_name"``, ``"last_name"``, ``"captcha"``, ``"challenge"``, ``"final_code"``, ``"language"``; None when
    the label says nothing known."""
    for pattern, kind in SCREEN_FIELDS.items():
        if re.search(pattern, label, re.IGNORECASE):
            return kind
    return None


def icon_matches(target: str, name: str) -> bool:
    """Whether a control without text named ``name`` on a screen (its accessible name, e.g. "Paramètres") is the
    icon the guide calls ``target`` ("roue dentée")."""
    kind = _lookup("ICON", target)
    if kind is None:
        return False
    return bool(re.search(ICON_NAMES[kind], name, re.IGNORECASE))


def is_logout(name: str) -> bool:
    """Whether a control's name says it logs out ("Déconnexion", "Logout", "Se déconnecter")."""
    return bool(LOGOUT_RE.search(name))


# What a statement of possibility is about -> words every name of the control that makes it possible has.
POSSIBLE_CONTROLS: dict[str, tuple[str, ...]] = {"add_phone": ("ajouter", "numéro")}
# Frequent words of each language, to tell which one an e-mail speaks.
LANGUAGE_WORDS: dict[str, frozenset[str]] = {
    "fr": frozenset("le la les de des du un une votre vous pour est et ce cette avec sur dans été".split()),
    "en": frozenset("the of to your you for is and this with on in has been have a an".split()),
}


def language_of(text: str) -> str:
    """"fr" or "en": the language whose frequent words the text has most of."""
    words = re.findall(r"[^\W\d_]+", text.casefold())
    scores = {language: sum(word in common for word in words) for language, common in LANGUAGE_WORDS.items()}
    return max(scores, key=scores.get)
