"""Every word the mock screens, e-mails and SMS show, in French and English, in one place.

The French wording follows the guide wherever the guide quotes a label (``guides/``); the English wording
follows what is publicly known of EU Login (``../shared/FACTS.md``). Texts the public sources do not give
are marked "plausible" so that they are easy to correct here, and only here.

Templates call ``t("key")``; page objects and steps call ``fr("key")``; messages with fields use
``str.format`` placeholders.
"""

from __future__ import annotations

LANGUAGES = ("fr", "en")
DEFAULT_LANGUAGE = "en"

TEXTS: dict[str, dict[str, str]] = {
    # --- chrome shared by every EU Login screen
    "site_name": {"fr": "EU Login", "en": "EU Login"},
    "site_tagline": {"fr": "Un accès pour tous les services de la Commission",
                     "en": "One account, many EU services"},  # plausible
    "language_switch": {"fr": "Langue", "en": "Language"},
    "gear_menu": {"fr": "Paramètres", "en": "Settings"},  # the guide's « roue dentée »: no visible text
    "my_account": {"fr": "Mon compte", "en": "My Account"},
    "logout": {"fr": "Déconnexion", "en": "Logout"},
    "signed_in_as": {"fr": "Connecté en tant que {name}", "en": "Signed in as {name}"},
    # --- identification (whoami)
    "whoami_title": {"fr": "Connectez-vous pour continuer", "en": "Sign in to continue"},
    "whoami_email": {"fr": "Indiquez votre adresse électronique ou votre identifiant unique",
                     "en": "Enter your e-mail address or unique identifier"},
    "next": {"fr": "Suivant", "en": "Next"},
    "create_account_link": {"fr": "Créer un compte", "en": "Create an account"},
    "different_email": {"fr": "Se connecter avec une autre adresse électronique ?",
                        "en": "Sign in with a different e-mail address?"},
    "login_success": {"fr": "Connexion réussie", "en": "Successful login"},
    "logged_out": {"fr": "Vous vous êtes déconnecté d’EU Login.", "en": "You have logged out of EU Login."},
    # --- password sign-in (an existing account)
    "password_title": {"fr": "Bienvenue {name}", "en": "Welcome {name}"},
    "password": {"fr": "Mot de passe", "en": "Password"},
    "lost_password": {"fr": "Mot de passe perdu ?", "en": "Lost your password?"},
    "auth_method": {"fr": "Méthode d’authentification", "en": "Authentication method"},
    "sign_in": {"fr": "Connexion", "en": "Sign in"},
    # --- create an account
    "register_title": {"fr": "Créer un compte", "en": "Create an account"},
    "register_intro": {"fr": "Tous les champs sont obligatoires.", "en": "All fields are mandatory."},
    "first_name": {"fr": "Prénom", "en": "First name"},
    "first_name_help": {"fr": "Ne peut pas être vide et peut contenir des lettres de n’importe quel alphabet",
                        "en": "Cannot be empty and can contain letters of any alphabet"},
    "last_name": {"fr": "Nom", "en": "Last name"},
    "email": {"fr": "Adresse électronique", "en": "E-mail"},
    "email_confirm": {"fr": "Confirmez l’adresse électronique", "en": "Confirm e-mail"},
    "email_language": {"fr": "Langue des courriels", "en": "E-mail language"},
    "captcha": {"fr": "Saisissez le code", "en": "Enter the code"},
    "captcha_image": {"fr": "Code de sécurité à recopier", "en": "Security code to copy"},
    "captcha_refresh": {"fr": "Générer un autre code", "en": "Generate another code"},
    "privacy": {"fr": "En cochant cette case, vous reconnaissez avoir lu et compris la déclaration "
                      "de confidentialité",
                "en": "By checking this box, you acknowledge that you have read and understood "
                      "the privacy statement"},
    "create_account": {"fr": "Créer un compte", "en": "Create an account"},
    "register_done_title": {"fr": "Merci de votre inscription", "en": "Thank you for registering"},
    "register_done": {"fr": "Vous allez recevoir à l’adresse {email} un courriel qui vous permettra de "
                            "terminer votre inscription.",
                      "en": "You will receive an e-mail at {email} allowing you to complete the "
                            "registration process."},
    # --- the registration e-mail
    "mail_from": {"fr": "Service d’authentification de la Commission européenne",
                  "en": "European Commission Authentication Service"},
    "mail_register_subject": {"fr": "Votre compte EU Login a été créé",
                              "en": "Your EU Login account has been created"},
    "mail_register_greeting": {"fr": "Madame, Monsieur {first} {last},", "en": "Dear {first} {last},"},
    "mail_register_before": {"fr": "Vous avez été enregistré dans EU Login. Votre adresse électronique "
                                   "est {email}. Pour créer votre mot de passe, suivez",
                             "en": "You have been registered in EU Login. Your e-mail address is {email}. "
                                   "To create your password, follow"},
    "mail_register_link": {"fr": "ce lien", "en": "this link"},
    "mail_register_after": {"fr": "Vous disposez de {minutes} minutes pour le faire.",
                            "en": "You have a maximum of {minutes} minutes to do so."},
    "mail_signature": {"fr": "Service d’authentification de la Commission européenne",
                       "en": "European Commission Authentication Service"},
    # --- set the password
    "new_password_title": {"fr": "Nouveau mot de passe", "en": "New password"},
    "new_password_intro": {"fr": "Choisissez le mot de passe de {email}.",
                           "en": "Choose the password for {email}."},
    "new_password": {"fr": "Nouveau mot de passe", "en": "New password"},
    "confirm_password": {"fr": "Confirmez le nouveau mot de passe", "en": "Confirm new password"},
    "submit": {"fr": "Soumettre", "en": "Submit"},
    "policy_title": {"fr": "Règles du mot de passe", "en": "Password rules"},
    "policy_length": {"fr": "Au moins {min_length} caractères.", "en": "At least {min_length} characters."},
    "policy_groups": {"fr": "Des caractères d’au moins {min_groups} des {group_count} groupes suivants :",
                      "en": "Characters from at least {min_groups} of the following {group_count} groups:"},
    "group_upper": {"fr": "Majuscules : A à Z", "en": "Upper case: A to Z"},
    "group_lower": {"fr": "Minuscules : a à z", "en": "Lower case: a to z"},
    "group_digit": {"fr": "Chiffres : 0 à 9", "en": "Digits: 0 to 9"},
    "group_special": {"fr": "Caractères spéciaux : {specials} (espace compris)",
                      "en": "Special characters: {specials} (space included)"},
    "policy_username": {"fr": "Il ne peut pas contenir votre nom d’utilisateur ({user}).",
                        "en": "It may not contain your user name ({user})."},
    "password_changed_title": {"fr": "Mot de passe modifié", "en": "Password changed"},
    "password_changed": {"fr": "Votre mot de passe a été modifié.", "en": "Your password has been changed."},
    "continue": {"fr": "Continuer", "en": "Continue"},
    # --- my account and mobile phones
    "my_account_title": {"fr": "Mon compte", "en": "My Account"},
    "manage_phones": {"fr": "Gérer mes numéros de téléphone portable",
                      "en": "Manage my mobile phone numbers"},
    "phones_title": {"fr": "Mes numéros de téléphone portable", "en": "My mobile phone numbers"},
    "phones_none": {"fr": "Aucun numéro de téléphone portable n’est enregistré.",
                    "en": "No mobile phone number is registered."},
    "add_phone_link": {"fr": "Ajouter un numéro de téléphone portable", "en": "Add a mobile phone number"},
    "phone_number": {"fr": "Numéro de téléphone portable", "en": "Mobile phone number"},
    "phone_help": {"fr": "Commencez par « + » et l’indicatif du pays (par exemple +32). N’incluez pas "
                         "de points, de parenthèses, de tirets ni d’espaces.",
                   "en": "Start with \"+\" and the country code (for example +32). Do not include dots, "
                         "parenthesis, hyphens or spaces."},
    "add": {"fr": "Ajouter", "en": "Add"},
    "challenge_title": {"fr": "Vérifiez votre numéro de téléphone portable",
                        "en": "Verify your mobile phone number"},
    "challenge_intro": {"fr": "Un SMS contenant un code a été envoyé au {phone}.",
                        "en": "A text message with a code has been sent to {phone}."},
    "challenge_code": {"fr": "Code challenge reçu par SMS", "en": "Text message challenge code"},
    "challenge_part": {"fr": "Code challenge, partie {n} sur {total}", "en": "Challenge code, part {n} of {total}"},
    "finalise": {"fr": "Finaliser", "en": "Finalise"},
    "phone_added": {"fr": "Le numéro de téléphone portable {phone} a bien été ajouté.",
                    "en": "The mobile phone number {phone} has been added."},
    "back_to_phones": {"fr": "Retour à mes numéros", "en": "Back to my numbers"},
    "sms_challenge": {"fr": "EU Login : votre code challenge est {code}",
                      "en": "EU Login: your challenge code is {code}"},
    "mail_phone_subject": {"fr": "Un numéro de téléphone portable a été ajouté à votre compte EU Login",
                           "en": "A mobile phone number has been added to your EU Login account"},
    "mail_phone_body": {"fr": "Le numéro {phone} a été ajouté à votre compte EU Login. Si vous n’êtes pas "
                              "à l’origine de cet ajout, contactez le service d’assistance.",
                        "en": "The number {phone} has been added to your EU Login account. If you did not "
                              "add it, please contact the helpdesk."},
    # --- errors (shown next to the field, in the screen's language)
    "err_required": {"fr": "Ce champ est obligatoire.", "en": "This field is required."},
    "err_email_format": {"fr": "L’adresse électronique n’est pas valide.",
                         "en": "The e-mail address is not valid."},
    "err_email_mismatch": {"fr": "Les adresses électroniques ne correspondent pas.",
                           "en": "The e-mail addresses do not match."},
    "err_email_exists": {"fr": "Un compte EU Login existe déjà pour cette adresse électronique. "
                               "Si vous avez oublié votre mot de passe, utilisez « Mot de passe perdu ? ».",
                         "en": "An EU Login account already exists for this e-mail address. If you forgot "
                               "your password, use \"Lost your password?\"."},
    "err_email_institution": {"fr": "Vous ne pouvez pas créer de compte avec une adresse électronique "
                                    "appartenant à une institution.",
                              "en": "You cannot create an account with an e-mail that belongs to "
                                    "an institution."},
    "err_name": {"fr": "Ce champ ne peut pas être vide et ne peut contenir que des lettres.",
                 "en": "This field cannot be empty and can only contain letters."},
    "err_captcha": {"fr": "Le code saisi est incorrect. Recopiez le nouveau code.",
                    "en": "The code is incorrect. Copy the new code."},
    "err_privacy": {"fr": "Vous devez accepter la déclaration de confidentialité.",
                    "en": "You must accept the privacy statement."},
    "err_language": {"fr": "Choisissez une langue de la liste.", "en": "Choose a language from the list."},
    "err_password_short": {"fr": "Le mot de passe doit contenir au moins {min_length} caractères.",
                           "en": "The password must contain at least {min_length} characters."},
    "err_password_groups": {"fr": "Le mot de passe doit contenir des caractères d’au moins {min_groups} des "
                                  "{group_count} groupes.",
                            "en": "The password must contain characters from at least {min_groups} of the "
                                  "{group_count} groups."},
    "err_password_username": {"fr": "Le mot de passe ne peut pas contenir votre nom d’utilisateur.",
                              "en": "The password may not contain your user name."},
    "err_password_mismatch": {"fr": "Les mots de passe ne correspondent pas.",
                              "en": "The passwords do not match."},
    "err_password_wrong": {"fr": "Le mot de passe est incorrect.", "en": "The password is incorrect."},
    "err_link_expired": {"fr": "Ce lien a expiré. Demandez un nouveau lien avec « Mot de passe perdu ? ».",
                         "en": "This link has expired. Ask for a new one with \"Lost your password?\"."},
    "err_link_used": {"fr": "Ce lien a déjà été utilisé. Connectez-vous avec votre mot de passe.",
                      "en": "This link has already been used. Sign in with your password."},
    "err_phone_format": {"fr": "Le numéro doit commencer par « + » suivi de l’indicatif du pays et ne "
                               "contenir que des chiffres : pas de parenthèses, points, tirets ni espaces.",
                         "en": "The number must start with \"+\" and the country code and contain only "
                               "digits: no parenthesis, dots, hyphens or spaces."},
    "err_phone_country": {"fr": "Indiquez l’indicatif du pays : le numéro doit commencer par « + ».",
                          "en": "Give the country code: the number must start with \"+\"."},
    "err_phone_length": {"fr": "Le numéro doit compter de {min_digits} à {max_digits} chiffres après le « + ».",
                         "en": "The number must have {min_digits} to {max_digits} digits after the \"+\"."},
    "err_phone_exists": {"fr": "Ce numéro est déjà enregistré sur votre compte.",
                         "en": "This number is already registered on your account."},
    "err_challenge_wrong": {"fr": "Le code challenge est incorrect.", "en": "The challenge code is incorrect."},
    "err_challenge_length": {"fr": "Le code challenge compte {length} caractères.",
                             "en": "The challenge code has {length} characters."},
    "err_challenge_expired": {"fr": "Le code challenge a expiré. Un nouveau code vous a été envoyé.",
                              "en": "The challenge code has expired. A new code has been sent to you."},
    "err_challenge_locked": {"fr": "Trop de tentatives erronées. Réessayez dans {minutes} minutes.",
                             "en": "Too many wrong attempts. Try again in {minutes} minutes."},
    "err_session": {"fr": "Votre session a expiré. Recommencez.", "en": "Your session has expired. Start again."},
    "err_csrf": {"fr": "Le formulaire a expiré. Rechargez la page et recommencez.",
                 "en": "The form has expired. Reload the page and try again."},
    "err_unknown_host": {"fr": "Hôte inconnu.", "en": "Unknown host."},
    "password_reset_title": {"fr": "Mot de passe perdu ?", "en": "Lost your password?"},
    "password_reset_intro": {"fr": "Indiquez votre adresse électronique : un lien pour choisir un nouveau "
                                   "mot de passe vous sera envoyé.",
                             "en": "Enter your e-mail address: a link to choose a new password will be "
                                   "sent to you."},
    # --- the fake devices
    "mailbox_title": {"fr": "Boîte aux lettres de {address}", "en": "Mailbox of {address}"},
    "mailbox_empty": {"fr": "Aucun courriel.", "en": "No e-mail."},
    "phone_title": {"fr": "Téléphone {number}", "en": "Phone {number}"},
    "phone_empty": {"fr": "Aucun SMS.", "en": "No text message."},
}

LANGUAGE_NAMES = {"fr": "Français", "en": "English"}


def text(key: str, lang: str, **fields: object) -> str:
    """The text ``key`` in ``lang``, with its ``{placeholders}`` filled."""
    try:
        entry = TEXTS[key]
    except KeyError:
        raise KeyError(f"no label {key!r} in mock_sites/labels.py") from None
    value = entry.get(lang) or entry[DEFAULT_LANGUAGE]
    return value.format(**fields) if fields else value


def fr(key: str, **fields: object) -> str:
    """French text: what the guide quotes and what the harness's French browser sees."""
    return text(key, "fr", **fields)
