# language: fr
@journey-2026 @screens-2026
Fonctionnalité: Répétition générale du guide 2026 — le guide joué de bout en bout sur les écrans d'aujourd'hui
  Chaque instruction du guide 2026 est suivie telle qu'elle est écrite, sur les écrans d'EU Login depuis le
  1er juillet 2025 ; après chacune, l'écran atteint (sur le PC ou sur le smartphone) est vérifié et photographié
  pour le rapport. Le smartphone est le faux téléphone et son application EU Login, qui lit le code QR sur une
  photo de l'écran du PC ; le code final est lu dans la fausse boîte aux lettres.
  Les étapes que le guide laisse implicites sont marquées « implicitement ».

  @etape-1 @etape-2 @etape-3
  Scénario: le guide 2026 entier, 1ère, 2ème et 3ème étape, dans l'ordre
    Étant donné un pensionné qui n'a pas encore de compte EU Login
    Quand il lance https://webgate.ec.europa.eu/cas
    Et il indique son adresse électronique dans le cadre
    Et il clique sur « Suivant »
    Alors l'instruction 1.1 du guide 2026 est faite
    Quand il remplit les différents champs
    Et il clique sur « Créer un compte »
    Alors l'instruction 1.2 du guide 2026 est faite
    Quand il ouvre le courriel reçu dans sa boîte aux lettres
    Et il clique sur « this link »
    Alors l'instruction 1.3 du guide 2026 est faite
    Quand il introduit le mot de passe « 23-11Ukraine »
    Et il clique sur « Soumettre » dans la zone bleue
    Alors l'instruction 1.4 du guide 2026 est faite
    Quand il clique sur « Continuer »
    Alors il est connecté à EU Login
    Et l'instruction 1.5 du guide 2026 est faite
    Quand il installe l'application EU Login sur son smartphone et l'ouvre
    Alors l'application n'est pas encore initialisée et propose « Initialiser »
    Et l'instruction 1.6 du guide 2026 est faite
    Et l'instruction 1.7 du guide 2026 est faite
    Quand il appuie sur « Initialiser » dans l'application
    Alors l'application attend la photo du code QR, avec « Scanner le code QR »
    Et l'instruction 1.8 du guide 2026 est faite
    Quand il clique sur la roue dentée en haut à droite
    Et il clique sur « Mon compte »
    Alors l'instruction 1.9 du guide 2026 est faite
    Quand il clique sur « Gérer mes appareils mobiles »
    Alors l'instruction 1.10 du guide 2026 est faite
    Quand il clique sur « Ajouter un appareil mobile »
    Alors l'instruction 1.11 du guide 2026 est faite
    Quand il saisit « Mon smartphone » dans le champ « Nom de votre appareil »
    Alors l'instruction 1.12 du guide 2026 est faite
    Quand il choisit un code PIN de 4 chiffres et l'indique dans « Votre code PIN à 4 chiffres » et une seconde fois dans « Confirmez votre code PIN »
    Et il clique sur « Envoyer »
    Alors un code QR s'affiche sur l'écran de son PC
    Et l'instruction 1.13 du guide 2026 est faite
    Quand dans l'application, il appuie sur « Scanner le code QR » et tient le smartphone devant l'écran du PC
    Alors l'application lui demande son code PIN pour son smartphone
    Et l'instruction 1.14 du guide 2026 est faite
    Quand il introduit son code PIN dans « Code PIN » et appuie sur « Confirmer »
    Alors l'application indique que son smartphone est enregistré
    Et l'instruction 1.15 du guide 2026 est faite
    Et une confirmation s'affiche sur l'écran de son PC : l'appareil mobile a bien été ajouté
    Et un courriel confirme que l'appareil mobile a bien été ajouté
    Et l'instruction 1.16 du guide 2026 est faite
    Quand il clique sur la roue dentée
    Et il clique sur « Déconnexion »
    Alors il n'est plus connecté à EU Login
    Et l'instruction 1.17 du guide 2026 est faite
    # 2ème étape, à faire immédiatement après la 1ère
    Étant donné le PMO connaît son numéro de pension et lui envoie le code final par courriel
    Quand il lance https://webgate.ec.europa.eu/RCAM/
    Et il descend et clique sur « Connecter » dans le rectangle gris de l'écran
    Alors l'instruction 2.18 du guide 2026 est faite
    Quand il indique son adresse électronique dans le cadre
    Et il clique sur « Suivant »
    Alors l'instruction 2.19 du guide 2026 est faite
    Quand il indique son mot de passe
    Alors l'instruction 2.20 du guide 2026 est faite
    Quand il clique sur la flèche à droite de « Méthode d’authentification » et choisit « Application mobile EU Login : code PIN »
    Et il clique sur « Connexion »
    Alors son PC attend la confirmation sur son smartphone
    Et l'instruction 2.21 du guide 2026 est faite
    Quand il appuie sur la notification de l'application EU Login
    Alors l'application affiche la demande de connexion à RCAM, avec « Code PIN » et « Confirmer »
    Et l'instruction 2.22 du guide 2026 est faite
    Quand il introduit son code PIN dans « Code PIN » et appuie sur « Confirmer »
    Alors son PC continue tout seul jusqu'à l'écran « Premier accès »
    Et l'instruction 2.23 du guide 2026 est faite
    Et son nom de famille et son prénom figurent déjà dans les bonnes cases
    Quand il indique son numéro de pension (2 fois !) et sa date de naissance
    Et il clique sur « Suivant »
    Alors l'instruction 2.24 du guide 2026 est faite
    Et l'écran annonce que le code final viendra par courrier postal à son domicile
    Et aucun code final n'est encore arrivé
    Et l'instruction 2.25 du guide 2026 est faite
    Quand il clique sur « Déconnexion »
    Alors il est déconnecté de RCAM et d'EU Login
    Et l'instruction 2.26 du guide 2026 est faite
    # 3ème étape, quand le code final est arrivé par courriel
    Quand des jours passent : il ferme son navigateur, et le code final arrive entre-temps
    Et il lance https://webgate.ec.europa.eu/RCAM/
    Et il descend et clique sur « Connecter » dans le rectangle gris de l'écran
    Alors l'instruction 3.1 du guide 2026 est faite
    Quand il indique son adresse électronique dans le cadre
    Et il clique sur « Suivant »
    Alors l'instruction 3.2 du guide 2026 est faite
    Quand il indique son mot de passe
    Alors l'instruction 3.3 du guide 2026 est faite
    Quand il clique sur la flèche à droite de « Méthode d’authentification » et choisit « Application mobile EU Login : code PIN »
    Et il clique sur « Connexion »
    Alors son PC attend la confirmation sur son smartphone
    Et l'instruction 3.4 du guide 2026 est faite
    Quand il appuie sur la notification de l'application EU Login
    Alors l'application affiche la demande de connexion à RCAM, avec « Code PIN » et « Confirmer »
    Et l'instruction 3.5 du guide 2026 est faite
    Quand il introduit son code PIN dans « Code PIN » et appuie sur « Confirmer »
    Alors son PC continue tout seul jusqu'à l'écran « Introduisez le code final »
    Et l'instruction 3.6 du guide 2026 est faite
    Quand il lit son code final dans le courriel reçu
    Et il introduit le code final en minuscules et le valide
    Alors on lui demande de se déconnecter complètement maintenant
    Et l'instruction 3.7 du guide 2026 est faite
    Quand il clique sur « Déconnexion »
    Alors il est déconnecté de RCAM et d'EU Login
    Et l'instruction 3.8 du guide 2026 est faite
    Quand implicitement, il se reconnecte à RCAM avec l'application EU Login
    Alors « RCAM en ligne » s'ouvre à son nom
