# language: fr
@etape-1 @screens-2026
Fonctionnalité: 1ère étape (guide 2026) — créer un accès EU Login externe avec l'application mobile EU Login
  Le pensionné crée son compte EU Login et choisit son mot de passe, installe l'application EU Login sur son
  smartphone, l'ajoute comme appareil mobile avec un code PIN de 4 chiffres en scannant le code QR de son PC,
  puis se déconnecte (instructions 1 à 17 du guide 2026, sur les écrans d'EU Login depuis le 1er juillet 2025).

  @2026-1.1
  Scénario: 2026 1.1 — l'adresse d'un nouveau venu + « Suivant » mène à « Créer un compte », adresse déjà ajoutée
    Étant donné un pensionné qui n'a pas encore de compte EU Login
    Quand il lance https://webgate.ec.europa.eu/cas
    Et il indique son adresse électronique dans le cadre
    Et il clique sur « Suivant »
    Alors l'écran « Créer un compte » s'affiche avec son adresse électronique déjà ajoutée

  @2026-1.2
  Scénario: 2026 1.2 — remplir les différents champs, cocher la déclaration + « Créer un compte » envoie un courriel
    Étant donné un pensionné qui n'a pas encore de compte EU Login
    Quand il ouvre l'écran « Créer un compte » et le remplit avec son adresse électronique
    Et il clique sur « Créer un compte »
    Alors il reçoit un courriel en anglais contenant « this link » au milieu du message

  @2026-1.3 @2026-1.4 @2026-1.5
  Plan du scénario: 2026 1.3 à 1.5 — « <lien> » dans le courriel en <langue>, le mot de passe + « Soumettre », « Continuer »
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

  @2026-1.4
  Scénario: 2026 1.4 — l'écran du mot de passe décrit ses règles en bas de l'écran
    Étant donné un pensionné dont le compte vient d'être créé avec des courriels en français
    Quand il ouvre le courriel reçu dans sa boîte aux lettres
    Et il clique sur « ce lien »
    Alors les règles du mot de passe sont décrites en bas de l'écran

  @2026-1.6 @2026-1.7
  Scénario: 2026 1.6 et 1.7 — l'application EU Login installée et ouverte sur le smartphone propose « Initialiser »
    Étant donné un pensionné connecté à EU Login
    Quand il installe l'application EU Login sur son smartphone et l'ouvre
    Alors l'application n'est pas encore initialisée et propose « Initialiser »

  @2026-1.8
  Scénario: 2026 1.8 — dans l'application, « Initialiser » prépare la lecture du code QR
    Étant donné un pensionné connecté à EU Login
    Quand il ouvre l'application EU Login sur son smartphone
    Et il appuie sur « Initialiser » dans l'application
    Alors l'application attend la photo du code QR, avec « Scanner le code QR »

  @2026-1.9
  Scénario: 2026 1.9 — sur le PC, la roue dentée en haut à droite puis « Mon compte »
    Étant donné un pensionné connecté à EU Login
    Quand il clique sur la roue dentée en haut à droite
    Et il clique sur « Mon compte »
    Alors l'écran « Mon compte » s'affiche
    Et il voit « Gérer mes appareils mobiles »

  @2026-1.10
  Scénario: 2026 1.10 — « Gérer mes appareils mobiles »
    Étant donné un pensionné connecté à EU Login
    Et il est sur l'écran « Mon compte »
    Quand il clique sur « Gérer mes appareils mobiles »
    Alors il voit « Ajouter un appareil mobile »

  @2026-1.11
  Scénario: 2026 1.11 — « Ajouter un appareil mobile » ouvre le formulaire de l'appareil
    Étant donné un pensionné connecté à EU Login
    Et il est sur l'écran « Gérer mes appareils mobiles »
    Quand il clique sur « Ajouter un appareil mobile »
    Alors il voit le champ « Nom de votre appareil »
    Et il voit le champ « Votre code PIN à 4 chiffres »
    Et il voit le champ « Confirmez votre code PIN »
    Et il voit « Envoyer »

  @2026-1.12 @2026-1.13
  Scénario: 2026 1.12 et 1.13 — le nom de l'appareil, le code PIN de 4 chiffres deux fois + « Envoyer » affichent un code QR
    Étant donné un pensionné connecté à EU Login
    Et il est sur l'écran « Ajouter un appareil mobile »
    Quand il saisit « Mon smartphone » dans le champ « Nom de votre appareil »
    Et il choisit un code PIN de 4 chiffres et l'indique dans « Votre code PIN à 4 chiffres » et une seconde fois dans « Confirmez votre code PIN »
    Et il clique sur « Envoyer »
    Alors un code QR s'affiche sur l'écran de son PC

  @2026-1.14
  Scénario: 2026 1.14 — « Scanner le code QR », le smartphone devant l'écran du PC : l'application lit le code QR
    Étant donné un pensionné connecté à EU Login
    Et il a ouvert l'application EU Login sur son smartphone et appuyé sur « Initialiser »
    Et le code QR d'ajout de son smartphone s'affiche sur son PC
    Quand dans l'application, il appuie sur « Scanner le code QR » et tient le smartphone devant l'écran du PC
    Alors l'application lui demande son code PIN pour son smartphone

  @2026-1.15 @2026-1.16
  Scénario: 2026 1.15 et 1.16 — le code PIN dans « Code PIN » + « Confirmer » : confirmation à l'écran et par courriel
    Étant donné un pensionné connecté à EU Login
    Et il a ouvert l'application EU Login sur son smartphone et appuyé sur « Initialiser »
    Et le code QR d'ajout de son smartphone s'affiche sur son PC
    Quand dans l'application, il appuie sur « Scanner le code QR » et tient le smartphone devant l'écran du PC
    Et il introduit son code PIN dans « Code PIN » et appuie sur « Confirmer »
    Alors l'application indique que son smartphone est enregistré
    Et une confirmation s'affiche sur l'écran de son PC : l'appareil mobile a bien été ajouté
    Et un courriel confirme que l'appareil mobile a bien été ajouté

  @2026-1.17
  Scénario: 2026 1.17 — la roue dentée + « Déconnexion »
    Étant donné un pensionné connecté à EU Login qui a ajouté son smartphone
    Quand il clique sur la roue dentée
    Et il clique sur « Déconnexion »
    Alors il n'est plus connecté à EU Login

  @compte-existant @2026-1.1
  Scénario: 2026 compte existant — après « Suivant », l'écran du mot de passe et non « Créer un compte »
    Étant donné un pensionné qui a déjà un compte EU Login
    Quand il lance https://webgate.ec.europa.eu/cas
    Et il indique son adresse électronique dans le cadre
    Et il clique sur « Suivant »
    Alors l'écran du mot de passe s'affiche et non celui de « Créer un compte »

  @compte-existant @2026-1.2
  Scénario: 2026 compte existant — « Créer un compte » avec une adresse qui a déjà un compte est refusé
    Étant donné un pensionné qui a déjà un compte EU Login
    Quand il ouvre l'écran « Créer un compte » et le remplit avec son adresse électronique
    Et il clique sur « Créer un compte »
    Alors le message « Un compte EU Login existe déjà pour cette adresse électronique. Si vous avez oublié votre mot de passe, utilisez « Mot de passe perdu ? ». » s'affiche
    Et il voit « Mot de passe perdu ? »
    Et aucun compte n'a été créé en double et aucun courriel n'a été envoyé
