"""Every word the mock screens, e-mails and SMS show, in French and English, in one place.

The French wording follows the guide wherever the guide quotes a label (``guides/``); the English wording
follows what is publicly known of EU Login (``docs/real-sites.md``). Texts the public sources do not give
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
    # --- sign-in for a service (/cas/login?service=…): method list, mobile number, sign-in challenge
    "method_password": {"fr": "Mot de passe", "en": "Password"},
    "method_app_pin": {"fr": "Application mobile EU Login : code PIN", "en": "EU Login Mobile App PIN code"},
    "method_app_qr": {"fr": "Application mobile EU Login : code QR", "en": "EU Login Mobile App QR code"},
    "method_security_key": {"fr": "Clé de sécurité ou plateforme de confiance",
                            "en": "Security Key or Trusted Platform"},
    "method_sms": {"fr": "Téléphone portable + SMS", "en": "Mobile Phone + SMS"},  # the guide's wording
    # The 2026 list's other methods (mock_sites.profiles): French plausible, English as the help pages name them
    "method_on_mobile": {"fr": "Authentification sur mobile", "en": "On Mobile Authentication"},  # plausible
    "method_eid": {"fr": "Identité électronique (eID)", "en": "Electronic identity (eID)"},  # plausible
    "unavailable_title": {"fr": "Méthode non disponible dans cette répétition",
                          "en": "Method not available in this rehearsal"},
    "unavailable": {"fr": "La méthode « {method} » n’est pas disponible dans cette répétition. Revenez en arrière "
                          "et choisissez une autre méthode d’authentification.",
                    "en": "The \"{method}\" method is not available in this rehearsal. Go back and choose another "
                          "authentication method."},
    # Security keys and passkeys (mock_sites.eulogin.keys): wording plausible
    "key_failed": {"fr": "La vérification de votre clé de sécurité a échoué. Veuillez réessayer.",
                   "en": "Your security key could not be verified. Please try again."},
    "key_cancelled": {"fr": "L’opération avec votre clé de sécurité a été annulée ou n’a pas abouti à temps.",
                      "en": "The security key operation was cancelled or timed out."},
    "key_expired": {"fr": "Le délai pour utiliser votre clé de sécurité est dépassé. Veuillez recommencer.",
                    "en": "The time to use your security key has run out. Please start again."},
    "key_replayed": {"fr": "Cette demande a déjà été utilisée. Veuillez recommencer.",
                     "en": "This request has already been used. Please start again."},
    "key_unknown": {"fr": "Cette clé de sécurité n’est pas enregistrée pour votre compte.",
                    "en": "This security key is not registered to your account."},
    "key_none": {"fr": "Aucune clé de sécurité n’est enregistrée pour votre compte.",
                 "en": "No security key is registered to your account."},
    "key_already_registered": {"fr": "Cette clé de sécurité est déjà enregistrée.",
                               "en": "This security key is already registered."},
    # The 2026 screens of security keys (My Account, sign-in with a key): wording plausible
    "manage_keys": {"fr": "Gérer mes clés de sécurité et plateformes de confiance",
                    "en": "Manage my Security Keys and Trusted Platforms"},  # plausible
    "keys_title": {"fr": "Mes clés de sécurité et plateformes de confiance",
                   "en": "My Security Keys and Trusted Platforms"},  # plausible
    "keys_none": {"fr": "Aucune clé de sécurité ni plateforme de confiance n’est enregistrée.",
                  "en": "No security key or trusted platform is registered."},  # plausible
    "key_added_on": {"fr": "ajoutée le {date}", "en": "added on {date}"},  # plausible
    "add_key_link": {"fr": "Ajouter une clé de sécurité", "en": "Add a security key"},  # plausible
    "key_name": {"fr": "Nom de la clé", "en": "Key name"},  # plausible
    "key_name_help": {"fr": "Un nom pour la reconnaître, par exemple « Clé USB bleue ».",
                      "en": "A name to recognise it by, for example \"Blue USB key\"."},  # plausible
    "key_register": {"fr": "Enregistrer ma clé de sécurité", "en": "Register my security key"},  # plausible
    "key_added": {"fr": "La clé de sécurité « {name} » a bien été ajoutée.",
                  "en": "The security key \"{name}\" has been added."},  # plausible
    "key_sign_in_title": {"fr": "Utilisez votre clé de sécurité", "en": "Use your security key"},  # plausible
    "key_sign_in_intro": {"fr": "Branchez votre clé de sécurité ou utilisez la plateforme de confiance de cet "
                                "appareil, puis cliquez sur le bouton.",
                          "en": "Plug in your security key or use this device's trusted platform, then click "
                                "the button."},  # plausible
    "key_use": {"fr": "Utiliser ma clé de sécurité", "en": "Use my security key"},  # plausible
    "keys_need_secure_context": {  # plausible: a rehearsal served on a network address over plain HTTP
        "fr": "Les clés de sécurité ne sont pas disponibles à cette adresse : le navigateur ne les permet que sur "
              "une connexion sécurisée (https) ou sur http://localhost. Choisissez une autre méthode.",
        "en": "Security keys are not available at this address: browsers allow them only over a secure "
              "connection (https) or on http://localhost. Choose another method."},
    "key_needs_javascript": {"fr": "Cette page a besoin de JavaScript pour parler à votre clé de sécurité.",
                             "en": "This page needs JavaScript to talk to your security key."},  # plausible
    # The EU Login Mobile App on the 2026 screens (mock_sites.eulogin.mobile): English as the help pages name the
    # fields ("Manage my mobile devices", "Your device name", "Your 4 digit PIN code", …); French plausible
    "manage_devices": {"fr": "Gérer mes appareils mobiles", "en": "Manage my mobile devices"},
    "devices_title": {"fr": "Mes appareils mobiles", "en": "My mobile devices"},  # plausible
    "devices_none": {"fr": "Aucun appareil mobile n’est enregistré.",
                     "en": "No mobile device is registered."},  # plausible
    "add_device_link": {"fr": "Ajouter un appareil mobile", "en": "Add a mobile device"},
    "device_name": {"fr": "Nom de votre appareil", "en": "Your device name"},
    "device_pin": {"fr": "Votre code PIN à 4 chiffres", "en": "Your 4 digit PIN code"},
    "device_pin_confirm": {"fr": "Confirmez votre code PIN", "en": "Confirm your PIN code"},
    "device_submit": {"fr": "Envoyer", "en": "Submit"},  # plausible
    "device_scan_title": {"fr": "Scannez le code QR avec l’application EU Login",
                          "en": "Scan the QR code with the EU Login app"},  # plausible
    "device_scan_intro": {"fr": "Dans l’application EU Login de votre téléphone, appuyez sur « Initialiser », "
                                "scannez ce code QR, puis saisissez votre code PIN sur votre téléphone.",
                          "en": "In the EU Login app on your phone, tap \"Initialise\", scan this QR code, then "
                                "enter your PIN code on your phone."},  # plausible
    "device_qr": {"fr": "Code QR d’initialisation de l’application", "en": "App initialisation QR code"},  # plausible
    "device_added": {"fr": "Votre appareil mobile « {name} » a bien été ajouté.",
                     "en": "Your mobile device \"{name}\" has been added."},  # plausible
    # The fake phone's "EU Login" app (mock_sites.devices): the app's own words, plausible in French
    "app_name": {"fr": "EU Login", "en": "EU Login"},
    "app_initialise": {"fr": "Initialiser", "en": "Initialise"},
    "app_scan": {"fr": "Scanner le code QR", "en": "Scan the QR code"},  # plausible
    "app_picture": {"fr": "Photo du code QR", "en": "Picture of the QR code"},  # plausible: the camera's picture
    "app_pin": {"fr": "Code PIN", "en": "PIN code"},  # plausible
    "app_confirm": {"fr": "Confirmer", "en": "Confirm"},  # plausible
    "app_refuse": {"fr": "Refuser", "en": "Deny"},  # plausible
    "app_request": {"fr": "Demande de connexion à {service}", "en": "Sign-in request for {service}"},  # plausible
    "app_otp": {"fr": "Votre code à usage unique", "en": "Your one-time password"},  # plausible
    # The computer's screens of a sign-in with the app (2026): plausible
    "app_wait_title": {"fr": "Confirmez la connexion sur votre téléphone",
                       "en": "Confirm the sign-in on your phone"},
    "app_wait_intro": {"fr": "Une notification a été envoyée à votre appareil « {name} ». Ouvrez l’application "
                             "EU Login et saisissez votre code PIN.",
                       "en": "A notification has been sent to your device \"{name}\". Open the EU Login app and "
                             "enter your PIN code."},
    "app_qr_title": {"fr": "Scannez ce code QR avec l’application EU Login",
                     "en": "Scan this QR code with the EU Login app"},
    "app_qr_image": {"fr": "Code QR de connexion", "en": "Sign-in QR code"},
    "app_qr_code": {"fr": "Code à usage unique", "en": "One-time password"},
    # The app's screens and errors beyond the committed ones (mock_sites.eulogin.mobile): all plausible
    "device_added_on": {"fr": "ajouté le {date}", "en": "added on {date}"},  # plausible
    "device_err_name_required": {"fr": "Donnez un nom à votre appareil.",
                                 "en": "Give your device a name."},  # plausible
    "device_err_name_too_long": {"fr": "Le nom de l’appareil ne peut pas dépasser {max} caractères.",
                                 "en": "The device name cannot be longer than {max} characters."},  # plausible
    "device_err_name_used": {"fr": "Vous avez déjà un appareil mobile portant ce nom.",
                             "en": "You already have a mobile device with this name."},  # plausible
    "device_err_pin_format": {"fr": "Le code PIN doit compter exactement {length} chiffres.",
                              "en": "The PIN code must have exactly {length} digits."},  # plausible
    "device_err_pin_mismatch": {"fr": "Les codes PIN ne correspondent pas.",
                                "en": "The PIN codes do not match."},  # plausible
    "device_scan_check": {"fr": "J’ai scanné le code : continuer", "en": "I have scanned the code: continue"},
    "device_scan_waiting": {"fr": "En attente de votre téléphone…", "en": "Waiting for your phone…"},  # plausible
    "device_qr_expired": {"fr": "Le code QR a expiré avant d’être scanné. Ajoutez l’appareil de nouveau.",
                          "en": "The QR code expired before it was scanned. Add the device again."},  # plausible
    "app_none": {"fr": "Aucun appareil mobile n’est enregistré pour votre compte. Ajoutez-en un dans « Mon compte », "
                       "« Gérer mes appareils mobiles ».",
                 "en": "No mobile device is registered for your account. Add one in \"My Account\", \"Manage my "
                       "mobile devices\"."},  # plausible
    "app_wait_check": {"fr": "J’ai confirmé sur mon téléphone", "en": "I have confirmed on my phone"},  # plausible
    "app_refused": {"fr": "La connexion a été refusée sur votre téléphone.",
                    "en": "The sign-in was denied on your phone."},  # plausible
    "app_expired": {"fr": "Le délai pour confirmer sur votre téléphone est dépassé.",
                    "en": "The time to confirm on your phone has run out."},  # plausible
    "app_pending": {"fr": "Vous n’avez pas encore confirmé la connexion sur votre téléphone.",
                    "en": "You have not confirmed the sign-in on your phone yet."},  # plausible
    "app_start_again": {"fr": "Recommencer la connexion", "en": "Start the sign-in again"},  # plausible
    "app_qr_intro": {"fr": "Dans l’application EU Login, appuyez sur « Scanner le code QR », saisissez votre code "
                           "PIN, puis tapez ici le code à usage unique qu’elle affiche.",
                     "en": "In the EU Login app, tap \"Scan the QR code\", enter your PIN code, then type here the "
                           "one-time password it shows."},  # plausible
    "app_err_otp_wrong": {"fr": "Le code à usage unique est incorrect.",
                          "en": "The one-time password is incorrect."},  # plausible
    "app_err_otp_format": {"fr": "Le code à usage unique compte {length} chiffres.",
                           "en": "The one-time password has {length} digits."},  # plausible
    "app_qr_expired": {"fr": "Le code QR a expiré. Scannez le nouveau code QR ci-dessous.",
                       "en": "The QR code has expired. Scan the new QR code below."},  # plausible
    # the fake phone's app: its states and errors (plausible)
    "app_not_initialised": {"fr": "L’application n’est pas encore initialisée.",
                            "en": "The app is not initialised yet."},  # plausible
    "app_init_pin": {"fr": "Saisissez le code PIN choisi sur l’ordinateur pour l’appareil « {name} ».",
                     "en": "Enter the PIN code chosen on the computer for the device \"{name}\"."},  # plausible
    "app_sign_in_pin": {"fr": "Saisissez votre code PIN pour vous connecter.",
                        "en": "Enter your PIN code to sign in."},  # plausible
    "app_ready": {"fr": "L’application est prête : l’appareil « {name} » est enregistré.",
                  "en": "The app is ready: the device \"{name}\" is registered."},  # plausible
    "app_devices": {"fr": "Appareils enregistrés sur ce téléphone", "en": "Devices registered on this phone"},
    "app_requests_none": {"fr": "Aucune demande de connexion en attente.",
                          "en": "No sign-in request waiting."},  # plausible
    "app_approved": {"fr": "Connexion confirmée. Revenez sur votre ordinateur.",
                     "en": "Sign-in confirmed. Go back to your computer."},  # plausible
    "app_denied": {"fr": "Connexion refusée.", "en": "Sign-in denied."},  # plausible
    "app_err_not_picture": {"fr": "Ce fichier n’est pas une photo. Prenez une photo du code QR.",
                            "en": "This file is not a picture. Take a picture of the QR code."},  # plausible
    "app_err_no_qr": {"fr": "Aucun code QR n’a pu être lu sur la photo. Cadrez tout le code QR, sans rien devant.",
                      "en": "No QR code could be read in the picture. Frame the whole QR code, with nothing in "
                            "front of it."},  # plausible
    "app_err_not_eulogin": {"fr": "Ce code QR ne vient pas d’EU Login.",
                            "en": "This QR code does not come from EU Login."},  # plausible
    "app_err_qr_expired": {"fr": "Ce code QR a expiré. Demandez-en un nouveau sur votre ordinateur.",
                           "en": "This QR code has expired. Ask for a new one on your computer."},  # plausible
    "app_err_qr_used": {"fr": "Ce code QR a déjà été utilisé.", "en": "This QR code has already been used."},
    "app_err_unknown_device": {"fr": "Ce téléphone n’est pas enregistré pour ce compte EU Login. Ajoutez-le d’abord "
                                     "dans « Gérer mes appareils mobiles ».",
                               "en": "This phone is not registered for this EU Login account. Add it first in "
                                     "\"Manage my mobile devices\"."},  # plausible
    "app_err_pin_wrong": {"fr": "Code PIN incorrect. Essais restants : {left}.",
                          "en": "Wrong PIN code. Tries left: {left}."},  # plausible
    "app_err_pin_locked": {"fr": "Trop de codes PIN incorrects. Réessayez dans {minutes} minutes.",
                           "en": "Too many wrong PIN codes. Try again in {minutes} minutes."},  # plausible
    "app_err_request_expired": {"fr": "Cette demande de connexion a expiré.",
                                "en": "This sign-in request has expired."},  # plausible
    "app_err_request_gone": {"fr": "Cette demande de connexion n’est plus en attente.",
                             "en": "This sign-in request is no longer waiting."},  # plausible
    "mail_device_subject": {"fr": "EU Login : appareil mobile ajouté", "en": "EU Login: mobile device added"},
    "mail_device_body": {"fr": "L’appareil mobile « {name} » a été ajouté à votre compte EU Login le {date}. Si ce "
                               "n’est pas vous, contactez le support d’EU Login.",
                         "en": "The mobile device \"{name}\" was added to your EU Login account on {date}. If this "
                               "was not you, contact the EU Login support."},  # plausible
    "err_method_stronger_required": {  # plausible: RCAM asks for the app or a security key since July 2025
        "fr": "Ce service exige une méthode plus sûre que le mot de passe seul : l’application mobile EU Login "
              "ou une clé de sécurité. Choisissez-la dans la liste « Méthode d’authentification ».",
        "en": "This service requires a stronger method than a password alone: the EU Login Mobile App or a "
              "security key. Choose it in the \"Authentication method\" list."},
    "mobile_phone": {"fr": "Téléphone portable", "en": "Mobile phone"},
    "sign_in_challenge_title": {"fr": "Saisissez le code challenge", "en": "Enter the challenge code"},  # plausible
    "sign_in_challenge_intro": {"fr": "Un SMS contenant un code challenge de neuf caractères séparés par des "
                                      "tirets a été envoyé au {phone}.",
                                "en": "A text message with a sign in challenge code made of nine characters "
                                      "separated with hyphens has been sent to {phone}."},
    "service_refused_title": {"fr": "Service inconnu", "en": "Unknown service"},  # plausible
    "service_refused": {"fr": "Le service demandé n’est pas autorisé à utiliser EU Login : aucune connexion "
                              "ne lui sera transmise.",
                        "en": "The requested service is not authorised to use EU Login: no sign-in will be "
                              "passed on to it."},
    "err_method_sms_required": {"fr": "Ce service exige la méthode « Téléphone portable + SMS ». Choisissez-la "
                                      "dans la liste « Méthode d’authentification ».",
                                "en": "This service requires the \"Mobile Phone + SMS\" method. Choose it in the "
                                      "\"Authentication method\" list."},
    "err_method_not_offered": {"fr": "Cette répétition ne propose que « Mot de passe » et « Téléphone portable + "
                                     "SMS » (le guide utilise « Téléphone portable + SMS »).",
                               "en": "This rehearsal offers only \"Password\" and \"Mobile Phone + SMS\" (the "
                                     "guide uses \"Mobile Phone + SMS\")."},
    "err_phone_unregistered": {"fr": "Ce numéro n’est pas enregistré sur votre compte EU Login. Indiquez un "
                                     "numéro ajouté dans « Gérer mes numéros de téléphone portable ».",
                               "en": "This number is not registered on your EU Login account. Give a number "
                                     "added in \"Manage my mobile phone numbers\"."},
    # --- RCAM / JSIS Online (wording not public: plausible, except where the guide quotes it)
    "rcam_site_name": {"fr": "RCAM en ligne", "en": "JSIS Online"},
    "rcam_tagline": {"fr": "Régime commun d’assurance maladie des institutions européennes",
                     "en": "Joint Sickness Insurance Scheme of the European institutions"},
    "rcam_welcome_title": {"fr": "Bienvenue sur JSIS Online", "en": "Welcome to JSIS Online"},
    "rcam_welcome_intro": {"fr": "RCAM en ligne (JSIS Online) vous permet de consulter vos remboursements, "
                                 "d’introduire vos demandes et de suivre vos autorisations préalables, où que "
                                 "vous soyez.",
                           "en": "JSIS Online lets you consult your reimbursements, submit your claims and "
                                 "follow your prior authorisations, wherever you are."},
    "rcam_routes_intro": {"fr": "Deux accès sont possibles : par le réseau interne des institutions, ou par "
                                "internet avec EU Login.",
                          "en": "There are two ways in: through the institutions' internal network, or "
                                "through the internet with EU Login."},
    "rcam_internal_title": {"fr": "Accès par le réseau interne des institutions",
                            "en": "Access through the institutions' internal network"},
    "rcam_internal_text": {"fr": "Si vous travaillez sur un ordinateur des institutions, connecté à leur "
                                 "réseau interne, vous êtes reconnu automatiquement : aucun code n’est "
                                 "nécessaire.",
                           "en": "If you work on a computer of the institutions, connected to their internal "
                                 "network, you are recognised automatically: no code is needed."},
    "rcam_internal_who": {"fr": "Cet accès est réservé au personnel en activité, depuis son lieu de travail.",
                          "en": "This access is for staff in service, from their workplace."},
    "rcam_internal_link": {"fr": "Accès réseau interne", "en": "Internal network access"},
    "rcam_internal_only": {"fr": "Cet accès ne fonctionne que depuis un ordinateur connecté au réseau interne "
                                 "des institutions. Depuis chez vous, utilisez l’accès par internet.",
                           "en": "This access works only from a computer connected to the institutions' "
                                 "internal network. From home, use the access through the internet."},
    "rcam_back_home": {"fr": "Retour à l’accueil", "en": "Back to the home page"},
    "rcam_internet_title": {"fr": "Accès par internet", "en": "Access through the internet"},
    "rcam_internet_text": {"fr": "Pour vous connecter par internet, il vous faut : votre adresse électronique "
                                 "et votre mot de passe EU Login, un numéro de téléphone portable enregistré "
                                 "dans EU Login et le code que vous recevrez par SMS.",
                           "en": "To sign in through the internet you need: your EU Login e-mail address and "
                                 "password, a mobile phone number registered in EU Login and the code you "
                                 "will receive by text message."},
    "rcam_internet_first": {"fr": "Lors de votre premier accès, le numéro de pension et la date de naissance "
                                  "vous seront demandés.",
                            "en": "On your first access you will be asked for your pension number and date "
                                  "of birth."},
    "rcam_connect": {"fr": "Connecter", "en": "Connect"},  # the guide: « Connecter » in the grey rectangle
    "rcam_help_title": {"fr": "Besoin d’aide ?", "en": "Need help?"},
    "rcam_help_text": {"fr": "Le bureau liquidateur de votre lieu de résidence répond à vos questions sur "
                             "les remboursements ; le service d’assistance d’EU Login, à celles sur votre "
                             "compte.",
                       "en": "The settlement office of your place of residence answers questions about "
                             "reimbursements; the EU Login helpdesk, questions about your account."},
    "rcam_login_failed_title": {"fr": "La connexion a échoué", "en": "Sign-in failed"},
    "rcam_login_failed": {"fr": "EU Login n’a pas confirmé votre identité. Recommencez.",
                          "en": "EU Login did not confirm your identity. Please start again."},
    "rcam_strength_required": {"fr": "RCAM en ligne exige une connexion avec « Téléphone portable + SMS ».",
                               "en": "JSIS Online requires signing in with \"Mobile Phone + SMS\"."},
    "rcam_try_again": {"fr": "Recommencer", "en": "Start again"},
    "rcam_first_access_title": {"fr": "Premier accès", "en": "First access"},
    "rcam_first_access_intro": {"fr": "Pour être reconnu par le PMO, indiquez votre numéro de pension (deux fois) "
                                      "et votre date de naissance.",
                                "en": "To be recognised by the PMO, give your pension number (twice) and your "
                                      "date of birth."},
    "rcam_pension_number": {"fr": "Numéro de pension", "en": "Pension number"},
    "rcam_pension_number_help": {"fr": "En haut à gauche de votre bulletin de pension, dans un cadre gris.",
                                 "en": "At the top left of your pension slip, in a grey box."},
    "rcam_pension_number_confirm": {"fr": "Confirmez le numéro de pension", "en": "Confirm the pension number"},
    "rcam_birth_date": {"fr": "Date de naissance", "en": "Date of birth"},
    "rcam_birth_date_help": {"fr": "Sous la forme jj/mm/aaaa, par exemple 24/01/1952.",
                             "en": "As dd/mm/yyyy, for example 24/01/1952."},
    "err_pension_format": {"fr": "Le numéro de pension compte {digits} chiffres.",
                           "en": "The pension number has {digits} digits."},
    "err_pension_mismatch": {"fr": "Les numéros de pension ne correspondent pas.",
                             "en": "The pension numbers do not match."},
    "err_pension_unknown": {"fr": "Ce numéro de pension est inconnu du PMO. Vérifiez-le sur votre bulletin de "
                                  "pension.",
                            "en": "The PMO does not know this pension number. Check it on your pension slip."},
    "err_birth_format": {"fr": "Indiquez une date valide sous la forme jj/mm/aaaa.",
                         "en": "Give a valid date as dd/mm/yyyy."},
    "err_birth_future": {"fr": "La date de naissance ne peut pas être dans le futur.",
                         "en": "The date of birth cannot be in the future."},
    "err_birth_mismatch": {"fr": "La date de naissance ne correspond pas à ce numéro de pension.",
                           "en": "The date of birth does not match this pension number."},
    "err_last_name_mismatch": {"fr": "Le nom ne correspond pas à ce numéro de pension.",
                               "en": "The last name does not match this pension number."},
    "err_first_name_mismatch": {"fr": "Le prénom ne correspond pas à ce numéro de pension.",
                                "en": "The first name does not match this pension number."},
    "err_first_access_done": {"fr": "Votre demande d’accès a déjà été enregistrée. Dès réception du code final, "
                                    "connectez-vous à nouveau pour l’introduire.",
                              "en": "Your access request has already been registered. When you receive the final "
                                    "code, sign in again to enter it."},
    "rcam_registered_title": {"fr": "Votre demande d’accès a été enregistrée",
                              "en": "Your access request has been registered"},
    # the real screen says "by post"; the guide corrects it (e-mail or SMS now): keep the real wording
    "rcam_registered": {"fr": "Votre code final (« token ») vous sera envoyé par courrier postal à votre "
                              "domicile. Dès réception, connectez-vous à nouveau pour l’introduire.",
                        "en": "Your final code (token) will be sent to you by post to your home address. "
                              "When you receive it, sign in again to enter it."},
    # the part of rcam_registered the guide corrects (« et non plus par courrier postal à votre domicile »)
    "rcam_registered_by_post": {"fr": "par courrier postal à votre domicile", "en": "by post to your home address"},
    "rcam_final_code_title": {"fr": "Introduisez le code final", "en": "Enter the final code"},
    "rcam_final_code_intro": {"fr": "Introduisez le code final (« token ») de {groups} x {size} caractères que "
                                    "vous avez reçu, puis validez-le.",
                              "en": "Enter the final code (token) of {groups} x {size} characters you have "
                                    "received, then validate it."},
    "rcam_final_code": {"fr": "Code final", "en": "Final code"},
    "rcam_final_code_part": {"fr": "Code final, partie {n} sur {total}", "en": "Final code, part {n} of {total}"},
    "rcam_validate": {"fr": "Valider", "en": "Validate"},  # plausible
    "err_final_code_wrong": {"fr": "Le code final est incorrect.", "en": "The final code is incorrect."},
    "err_final_code_length": {"fr": "Le code final compte {length} caractères.",
                              "en": "The final code has {length} characters."},
    "err_final_code_expired": {"fr": "Ce code final a expiré. Contactez le PMO pour en recevoir un nouveau.",
                               "en": "This final code has expired. Contact the PMO to receive a new one."},
    "err_final_code_used": {"fr": "Ce code final a déjà été utilisé.", "en": "This final code has already been used."},
    "rcam_activated_title": {"fr": "Code final accepté", "en": "Final code accepted"},
    "rcam_activated": {"fr": "Déconnectez-vous complètement maintenant. Vous aurez bientôt accès aux "
                             "applications lors d’une prochaine connexion via EU Login.",
                       "en": "Log out completely now. You will soon have access to the applications the "
                             "next time you sign in through EU Login."},
    "rcam_log_out_now": {"fr": "Déconnectez-vous complètement maintenant", "en": "Log out completely now"},  # its start
    "rcam_online_title": {"fr": "RCAM en ligne", "en": "JSIS Online"},
    "rcam_online_welcome": {"fr": "Bonjour {name}, vous êtes connecté à RCAM en ligne.",
                            "en": "Hello {name}, you are signed in to JSIS Online."},
    "rcam_online_menu": {"fr": "Vos services", "en": "Your services"},
    "rcam_online_claims": {"fr": "Mes demandes de remboursement", "en": "My reimbursement claims"},
    "rcam_online_authorisations": {"fr": "Mes autorisations préalables", "en": "My prior authorisations"},
    "rcam_online_documents": {"fr": "Mes documents", "en": "My documents"},
    # --- the final code, as the PMO sends it
    "mail_from_pmo": {"fr": "PMO – Régime commun d’assurance maladie", "en": "PMO – Joint Sickness Insurance Scheme"},
    "mail_final_code_subject": {"fr": "RCAM en ligne : votre code final", "en": "JSIS Online: your final code"},
    "mail_final_code_body": {"fr": "Votre code final (« token ») pour RCAM en ligne est : {code}",
                             "en": "Your final code (token) for JSIS Online is: {code}"},
    "mail_final_code_howto": {"fr": "Connectez-vous à RCAM en ligne par EU Login avec « Téléphone portable + "
                                    "SMS » et introduisez-le. Il est valable {days} jours.",
                              "en": "Sign in to JSIS Online through EU Login with \"Mobile Phone + SMS\" and "
                                    "enter it. It is valid for {days} days."},
    "mail_pmo_signature": {"fr": "Office de gestion et de liquidation des droits individuels (PMO)",
                           "en": "Office for the Administration and Payment of Individual Entitlements (PMO)"},
    "sms_final_code": {"fr": "RCAM : votre code final est {code} (valable {days} jours)",
                       "en": "JSIS: your final code is {code} (valid for {days} days)"},
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
    "err_email_slash": {"fr": "L’adresse électronique ne peut pas contenir de barre oblique « / ».",
                        "en": "The e-mail address cannot contain a slash (\"/\")."},  # plausible
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
    "err_password_locked": {"fr": "Trop de mots de passe erronés : la connexion à ce compte est bloquée. "
                                  "Réessayez dans {minutes} minutes.",
                            "en": "Too many wrong passwords: signing in to this account is blocked. "
                                  "Try again in {minutes} minutes."},  # plausible
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
    "err_unknown_host": {"fr": "Hôte inconnu : ce serveur ne répond pas à ce nom. Ouvrez l’adresse qu’il a "
                               "affichée au démarrage.",
                         "en": "Unknown host: this server does not answer to this name. Open the address it "
                               "showed when it started."},
    # --- a form the site could not read (its body), shown on the site's own page
    "body_refused_title": {"fr": "Formulaire non lu", "en": "Form not read"},  # plausible
    "err_body_malformed": {"fr": "Le formulaire est arrivé mal formé et n’a pas pu être lu. Rechargez la page et "
                                 "recommencez.",
                           "en": "The form arrived malformed and could not be read. Reload the page and try "
                                 "again."},
    "err_body_encoding": {"fr": "Le formulaire contient des caractères qui ne sont pas codés en UTF-8 et n’a pas "
                                "pu être lu. Rechargez la page et saisissez à nouveau vos informations.",
                          "en": "The form contains characters that are not encoded in UTF-8 and could not be "
                                "read. Reload the page and enter your details again."},
    "err_body_too_large": {"fr": "Le formulaire envoyé est trop volumineux ({kilobytes} Ko au plus) et n’a pas "
                                 "été lu. Rechargez la page et saisissez des valeurs plus courtes.",
                           "en": "The form sent is too large ({kilobytes} KB at most) and was not read. Reload "
                                 "the page and enter shorter values."},
    "err_too_long": {"fr": "Ce que vous avez saisi est trop long ({length} caractères) pour être repris ici. "
                           "Saisissez une valeur plus courte.",
                     "en": "What you typed is too long ({length} characters) to be shown again here. Enter a "
                           "shorter value."},
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
    # --- rehearse serve for a room of people: the start page (French first, English under it) and the facilitator's
    "room_banner": {"fr": "Répétition du guide EU Login / RCAM : rien n’est envoyé au vrai EU Login",
                    "en": "Rehearsing the EU Login / RCAM guide: nothing reaches the real EU Login"},
    "room_start_title": {"fr": "Commencer une répétition", "en": "Start a rehearsal"},
    "room_start_intro": {"fr": "Chaque personne reçoit sa propre identité de répétition, avec sa boîte aux lettres et "
                               "son téléphone. Rien n’est envoyé au vrai EU Login.",
                         "en": "Each person gets their own rehearsal identity, with its own mailbox and phone. "
                               "Nothing reaches the real EU Login."},
    "room_start_button": {"fr": "Recevoir mon identité", "en": "Get my identity"},
    "room_full": {"fr": "La salle est complète : demandez à l’animateur.",
                  "en": "The room is full: ask the facilitator."},
    "room_your_identity": {"fr": "Votre identité de répétition", "en": "Your rehearsal identity"},
    "room_identity_note": {"fr": "Tapez ces valeurs là où le guide les demande.",
                           "en": "Type these where the guide asks for them."},
    "room_mobile": {"fr": "Téléphone portable", "en": "Mobile phone"},
    "room_second_mobile": {"fr": "Second téléphone portable", "en": "Second mobile phone"},
    "room_pension_number": {"fr": "Numéro de pension", "en": "Pension number"},
    "room_birth_date": {"fr": "Date de naissance", "en": "Birth date"},
    "room_password": {"fr": "Mot de passe (l’exemple du guide)", "en": "Password (the guide’s example)"},
    "room_open_mailbox": {"fr": "Ma boîte aux lettres", "en": "My mailbox"},
    "room_open_phone": {"fr": "Mon téléphone", "en": "My phone"},
    "room_open_second_phone": {"fr": "Mon second téléphone", "en": "My second phone"},
    "room_open_app": {"fr": "L’application EU Login de mon téléphone", "en": "The EU Login app on my phone"},
    "room_where": {"fr": "Là où le guide écrit {guide_url}, ouvrez {url}",
                   "en": "Where the guide says {guide_url}, open {url}"},
    "room_stage3_title": {"fr": "Avant la 3ème étape", "en": "Before stage 3"},
    "room_stage3_note": {"fr": "Si vous faites la 3ème étape juste après la 2ème, dans le même navigateur, EU Login se "
                               "souvient encore de vous : il ne demande ni le mot de passe ni le code SMS, et les "
                               "instructions 3.2 et 3.3 sont sautées. Pour les répéter, fermez votre navigateur ou "
                               "appuyez sur « J’ai fermé mon navigateur ».",
                         "en": "If you do stage 3 straight after stage 2 in the same browser, EU Login still "
                               "remembers you: it asks for neither the password nor an SMS code, and instructions "
                               "3.2 and 3.3 are skipped. To rehearse them, close your browser or press "
                               "\"I closed my browser\"."},
    "room_closed_browser": {"fr": "J’ai fermé mon navigateur", "en": "I closed my browser"},
    "room_closed_done": {"fr": "C’est fait : EU Login vous demandera de nouveau votre mot de passe et un code SMS.",
                         "en": "Done: EU Login will ask for your password and an SMS code again."},
    "room_facilitator_title": {"fr": "Suivi de la salle", "en": "The room at a glance"},
    "room_clock": {"fr": "Heure de la salle : {now}", "en": "Room time: {now}"},
    "room_clock_offset": {"fr": "avancée de {offset}", "en": "moved forward by {offset}"},
    "room_clock_forward": {"fr": "Avancer l’horloge de la salle", "en": "Move the room’s clock forward"},
    "room_clock_15m": {"fr": "+15 minutes", "en": "+15 minutes"},
    "room_clock_1h": {"fr": "+1 heure", "en": "+1 hour"},
    "room_clock_1d": {"fr": "+1 jour", "en": "+1 day"},
    "room_clock_2d": {"fr": "+2 jours", "en": "+2 days"},
    "room_person": {"fr": "Personne", "en": "Person"},
    "room_last_done": {"fr": "Dernière instruction faite", "en": "Last instruction done"},
    "room_stuck": {"fr": "Bloqué ?", "en": "Stuck?"},
    "room_last_page": {"fr": "Dernière page", "en": "Last page"},
    "room_nobody": {"fr": "Personne n’a encore commencé.", "en": "Nobody has started yet."},
    "room_not_started": {"fr": "pas encore commencé", "en": "not started yet"},
    "room_refresh": {"fr": "La page se met à jour toute seule toutes les {seconds} secondes.",
                     "en": "The page updates itself every {seconds} seconds."},
    "room_other_accounts": {"fr": "Comptes créés à une adresse qu’aucune personne n’a reçue (faute de frappe ?)",
                            "en": "Accounts created at an address nobody was given (a typo?)"},
    # what the world records, by kind (mock_sites.room.progress: the one table from these to the guide's instructions)
    "room_done_account_created": {"fr": "compte créé", "en": "account created"},
    "room_done_password_set": {"fr": "mot de passe choisi", "en": "password set"},
    "room_done_phone_added": {"fr": "téléphone ajouté", "en": "phone added"},
    "room_done_device_added": {"fr": "application EU Login ajoutée", "en": "EU Login app added"},
    "room_done_second_phone_added": {"fr": "second téléphone ajouté", "en": "second phone added"},
    "room_done_rcam_signed_in": {"fr": "connecté à RCAM", "en": "signed in to RCAM"},
    "room_done_first_access": {"fr": "premier accès fait", "en": "first access made"},
    "room_done_final_code_used": {"fr": "code final introduit", "en": "final code entered"},
    "room_stuck_locked": {"fr": "bloqué jusqu’à {until} ({what})", "en": "locked until {until} ({what})"},
    "room_what_register_phone": {"fr": "code d’ajout du téléphone", "en": "code to add the phone"},
    "room_what_sign_in": {"fr": "code de connexion", "en": "sign-in code"},
    "room_what_password": {"fr": "mot de passe", "en": "password"},
    "room_what_app_pin": {"fr": "code PIN de l’application", "en": "app PIN code"},
    "room_stuck_wrong_codes": {"fr": "codes erronés ({what}) : {count}", "en": "wrong codes ({what}): {count}"},
    "room_stuck_error_page": {"fr": "écran d’erreur {status} sur {path}", "en": "error screen {status} on {path}"},
    "room_stuck_no_final_code": {"fr": "le code final ne viendra pas : numéro de pension déjà lié à un autre compte",
                                 "en": "the final code will not come: the pension number is linked to another "
                                       "account"},
    "room_stuck_link_expired": {"fr": "le lien du courriel a expiré", "en": "the e-mail’s link has expired"},
}

LANGUAGE_NAMES = {"fr": "Français", "en": "English"}


# Where a screen profile (mock_sites.profiles) words a text differently, the same key's text on those screens: the
# 2026 screens no longer speak of « Téléphone portable + SMS » (plausible: RCAM's current wording is not public).
VARIANTS: dict[str, dict[str, dict[str, str]]] = {
    "2026": {
        "rcam_internet_text": {
            "fr": "Pour vous connecter par internet, il vous faut : votre adresse électronique et votre mot de passe "
                  "EU Login, et l’application mobile EU Login sur votre smartphone (ou une clé de sécurité).",
            "en": "To sign in through the internet you need: your EU Login e-mail address and password, and the "
                  "EU Login Mobile App on your smartphone (or a security key)."},
        "rcam_strength_required": {
            "fr": "RCAM en ligne exige une connexion avec l’application mobile EU Login ou une clé de sécurité.",
            "en": "JSIS Online requires signing in with the EU Login Mobile App or a security key."},
        "mail_final_code_howto": {
            "fr": "Connectez-vous à RCAM en ligne par EU Login avec l’application mobile EU Login et "
                  "introduisez-le. Il est valable {days} jours.",
            "en": "Sign in to JSIS Online through EU Login with the EU Login Mobile App and enter it. It is valid "
                  "for {days} days."},
    },
}


def text(key: str, lang: str, screens: str | None = None, **fields: object) -> str:
    """The text ``key`` in ``lang`` on the ``screens`` profile (its variant, if it has one), with its
    ``{placeholders}`` filled."""
    try:
        entry = VARIANTS.get(screens or "", {}).get(key) or TEXTS[key]
    except KeyError:
        raise KeyError(f"no label {key!r} in mock_sites/labels.py") from None
    value = entry.get(lang) or entry[DEFAULT_LANGUAGE]
    return value.format(**fields) if fields else value


def fr(key: str, screens: str | None = None, **fields: object) -> str:
    """French text: what the guide quotes and what the harness's French browser sees (on ``screens``)."""
    return text(key, "fr", screens, **fields)
