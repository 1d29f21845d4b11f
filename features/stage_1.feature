# language: fr
@etape-1
Fonctionnalité: 1ère étape — créer un accès EU Login externe
  Le pensionné crée son compte EU Login, choisit son mot de passe, enregistre un ou plusieurs
  numéros de téléphone portable et se déconnecte (instructions 1 à 12 du guide).

  @1.1
  Scénario: 1.1 — l'adresse d'un nouveau venu mène à « Créer un compte », adresse déjà ajoutée
    Étant donné un pensionné qui n'a pas encore de compte EU Login
    Quand il lance https://webgate.ec.europa.eu/cas
    Et il indique son adresse électronique dans le cadre
    Et il clique sur « Suivant »
    Alors l'écran « Créer un compte » s'affiche avec son adresse électronique déjà ajoutée
    Et la barre d'adresse affiche https://webgate.ec.europa.eu/cas

  @1.2
  Scénario: 1.2 — remplir les différents champs et « Créer un compte » envoie un courriel en anglais
    Étant donné un pensionné qui n'a pas encore de compte EU Login
    Quand il lance https://webgate.ec.europa.eu/cas
    Et il indique son adresse électronique dans le cadre
    Et il clique sur « Suivant »
    Et il remplit les différents champs
    Et il clique sur « Créer un compte »
    Alors il reçoit un courriel en anglais contenant « this link » au milieu du message

  @1.3 @1.4
  Plan du scénario: 1.3 et 1.4 — le lien du courriel en <langue> mène au mot de passe, puis « Continuer »
    Étant donné un pensionné dont le compte vient d'être créé avec des courriels en <langue>
    Quand il ouvre le courriel reçu dans sa boîte aux lettres
    Et il clique sur « <lien> »
    Et il introduit le mot de passe « 23-11Ukraine »
    Et il clique sur « Soumettre » dans la zone bleue
    Alors un message indique que son mot de passe a été modifié
    Quand il clique sur « Continuer »
    Alors il est connecté à EU Login

    Exemples:
      | langue   | lien      |
      | anglais  | this link |
      | français | ce lien   |

  @1.3
  Scénario: 1.3 — l'écran du mot de passe décrit ses règles en bas de l'écran
    Étant donné un pensionné dont le compte vient d'être créé avec des courriels en anglais
    Quand il ouvre le courriel reçu dans sa boîte aux lettres
    Et il clique sur « this link »
    Alors les règles du mot de passe sont décrites en bas de l'écran

  @1.5
  Scénario: 1.5 — la roue dentée en haut à droite puis « Mon compte »
    Étant donné un pensionné connecté à EU Login
    Quand il clique sur la roue dentée en haut à droite
    Et il clique sur « Mon compte »
    Alors l'écran « Mon compte » s'affiche

  @1.6
  Scénario: 1.6 — « Gérer mes numéros de téléphone portable »
    Étant donné un pensionné connecté à EU Login
    Et il est sur l'écran « Mon compte »
    Quand il clique sur « Gérer mes numéros de téléphone portable »
    Alors il voit « Ajouter un numéro de téléphone portable »

  @1.7
  Scénario: 1.7 — « Ajouter un numéro de téléphone portable » ouvre le formulaire du numéro
    Étant donné un pensionné connecté à EU Login
    Et il est sur l'écran « Gérer mes numéros de téléphone portable »
    Quand il clique sur « Ajouter un numéro de téléphone portable »
    Alors il voit le champ du numéro et « Ajouter »

  @1.8
  Scénario: 1.8 — le numéro commençant par le code pays + « Ajouter » envoie un SMS
    Étant donné un pensionné connecté à EU Login
    Et il est sur l'écran « Ajouter un numéro de téléphone portable »
    Quand il ajoute son numéro de téléphone portable en commençant par le code pays
    Et il clique sur « Ajouter »
    Alors l'écran du code challenge s'affiche

  @1.8
  Plan du scénario: 1.8 — un numéro <forme> est refusé avec un message clair
    Étant donné un pensionné connecté à EU Login
    Et il est sur l'écran « Ajouter un numéro de téléphone portable »
    Quand il ajoute le numéro « <numéro> »
    Et il clique sur « Ajouter »
    Alors le numéro est refusé avec le message « <message> »

    Exemples:
      | forme                   | numéro          | message                                                                                                                                  |
      | avec des parenthèses    | +32(0)470123456 | Le numéro doit commencer par « + » suivi de l’indicatif du pays et ne contenir que des chiffres : pas de parenthèses, points, tirets ni espaces. |
      | avec des points         | +32.470.12.34.56 | Le numéro doit commencer par « + » suivi de l’indicatif du pays et ne contenir que des chiffres : pas de parenthèses, points, tirets ni espaces. |
      | avec des tirets         | +32-470-123456  | Le numéro doit commencer par « + » suivi de l’indicatif du pays et ne contenir que des chiffres : pas de parenthèses, points, tirets ni espaces. |
      | sans code pays          | 0470123456      | Indiquez l’indicatif du pays : le numéro doit commencer par « + ».                                                                        |

  @1.9 @1.10
  Scénario: 1.9 et 1.10 — le code de 2 x 4 caractères repris en minuscules + « Finaliser »
    Étant donné un pensionné connecté à EU Login à qui un SMS de challenge vient d'être envoyé
    Quand il lit le code de 2 x 4 caractères dans le SMS reçu
    Et il reprend ce code en minuscules sur l'écran suivant
    Et il clique sur « Finaliser »
    Alors une confirmation s'affiche à l'écran
    Et un courriel confirme que le numéro a bien été ajouté

  @1.11
  Scénario: 1.11 — ajouter un numéro de téléphone supplémentaire
    Étant donné un pensionné connecté à EU Login qui a enregistré son numéro de téléphone portable
    Et il est sur l'écran « Gérer mes numéros de téléphone portable »
    Quand il clique sur « Ajouter un numéro de téléphone portable »
    Et il ajoute un numéro supplémentaire en commençant par le code pays
    Et il clique sur « Ajouter »
    Et il lit le code de 2 x 4 caractères dans le SMS reçu
    Et il reprend ce code en majuscules sur l'écran suivant
    Et il clique sur « Finaliser »
    Alors une confirmation s'affiche à l'écran
    Et ses deux numéros sont enregistrés sur son compte

  @1.12
  Scénario: 1.12 — la roue dentée + « Déconnexion »
    Étant donné un pensionné connecté à EU Login qui a enregistré son numéro de téléphone portable
    Quand il clique sur la roue dentée
    Et il clique sur « Déconnexion »
    Alors il n'est plus connecté à EU Login

  @compte-existant @1.1 @1.2
  Scénario: compte existant — après « Suivant », l'écran du mot de passe et non « Créer un compte »
    Étant donné un pensionné qui a déjà un compte EU Login
    Quand il lance https://webgate.ec.europa.eu/cas
    Et il indique son adresse électronique dans le cadre
    Et il clique sur « Suivant »
    Alors l'écran du mot de passe s'affiche et non celui de « Créer un compte »

  @compte-existant @1.2
  Scénario: compte existant — « Créer un compte » avec une adresse déjà enregistrée est refusé
    Étant donné un pensionné qui a déjà un compte EU Login
    Quand il ouvre l'écran « Créer un compte » et le remplit avec son adresse électronique
    Et il clique sur « Créer un compte »
    Alors le message « Un compte EU Login existe déjà pour cette adresse électronique. Si vous avez oublié votre mot de passe, utilisez « Mot de passe perdu ? ». » s'affiche
    Et il voit « Mot de passe perdu ? »
    Et aucun compte n'a été créé en double et aucun courriel n'a été envoyé
