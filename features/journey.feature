# language: fr
@journey
Fonctionnalité: Répétition générale — le guide joué de bout en bout, comme un nouveau venu le suit
  Chaque instruction est suivie telle qu'elle est écrite ; après chacune, l'écran atteint est vérifié et
  photographié pour le rapport. Les codes sont lus sur le faux téléphone et dans la fausse boîte aux lettres.
  Les étapes que le guide laisse implicites sont marquées « implicitement ».

  @etape-1 @etape-2 @etape-3
  Scénario: le guide entier, 1ère, 2ème et 3ème étape, dans l'ordre
    Étant donné un pensionné qui n'a pas encore de compte EU Login
    Quand il lance https://webgate.ec.europa.eu/cas
    Et il indique son adresse électronique dans le cadre
    Et il clique sur « Suivant »
    Alors l'instruction 1.1 est faite
    Quand il remplit les différents champs
    Et il clique sur « Créer un compte »
    Alors l'instruction 1.2 est faite
    Quand il ouvre le courriel reçu dans sa boîte aux lettres
    Et il clique sur « this link »
    Et il introduit le mot de passe « 23-11Ukraine »
    Et il clique sur « Soumettre » dans la zone bleue
    Alors l'instruction 1.3 est faite
    Quand il clique sur « Continuer »
    Alors l'instruction 1.4 est faite
    Quand il clique sur la roue dentée en haut à droite
    Et il clique sur « Mon compte »
    Alors l'instruction 1.5 est faite
    Quand il clique sur « Gérer mes numéros de téléphone portable »
    Alors l'instruction 1.6 est faite
    Quand il clique sur « Ajouter un numéro de téléphone portable »
    Alors l'instruction 1.7 est faite
    Quand il ajoute son numéro de téléphone portable en commençant par le code pays
    Et il clique sur « Ajouter »
    Alors l'instruction 1.8 est faite
    Quand il lit le code de 2 x 4 caractères dans le SMS reçu
    Et il reprend ce code en minuscules sur l'écran suivant
    Et il clique sur « Finaliser »
    Alors l'instruction 1.9 est faite
    Et une confirmation s'affiche à l'écran
    Et un courriel confirme que le numéro a bien été ajouté
    Et l'instruction 1.10 est faite
    Quand implicitement, il clique sur « Retour à mes numéros »
    Et il clique sur « Ajouter un numéro de téléphone portable »
    Et il ajoute un numéro supplémentaire en commençant par le code pays
    Et il clique sur « Ajouter »
    Et il lit le code de 2 x 4 caractères dans le SMS reçu
    Et il reprend ce code en majuscules sur l'écran suivant
    Et il clique sur « Finaliser »
    Alors ses deux numéros sont enregistrés sur son compte
    Et l'instruction 1.11 est faite
    Quand il clique sur la roue dentée
    Et il clique sur « Déconnexion »
    Alors il n'est plus connecté à EU Login
    Et l'instruction 1.12 est faite
    # 2ème étape, à faire immédiatement après la 1ère
    Étant donné le PMO connaît son numéro de pension et lui envoie le code final par courriel
    Quand il lance https://webgate.ec.europa.eu/RCAM/
    Et il descend et clique sur « Connecter » dans le rectangle gris de l'écran
    Alors l'instruction 2.13 est faite
    Quand il indique son adresse électronique dans le cadre
    Et il clique sur « Suivant »
    Alors l'instruction 2.14 est faite
    Quand il indique son mot de passe
    Et il clique sur la flèche à droite de « Méthode d’authentification » et choisit « Téléphone portable + SMS »
    Et il ajoute son numéro de téléphone portable précédé du code pays
    Et il clique sur « Connexion »
    Alors l'instruction 2.15 est faite
    Quand il lit le code de 3 x 3 caractères dans le SMS reçu
    Et il reprend le code en minuscules dans les espaces indiqués
    Et il clique sur « Connexion »
    Alors l'instruction 2.16 est faite
    Et son nom de famille et son prénom figurent déjà dans les bonnes cases
    Quand il indique son numéro de pension (2 fois !) et sa date de naissance
    Et il clique sur « Suivant »
    Alors l'instruction 2.17 est faite
    Et l'écran annonce que le code final viendra par courrier postal à son domicile
    Et aucun code final n'est encore arrivé
    Et l'instruction 2.18 est faite
    # 3ème étape, quand le code final est arrivé
    Quand des jours passent : il ferme son navigateur, et le code final arrive entre-temps
    Et il lance https://webgate.ec.europa.eu/RCAM/
    Et il descend et clique sur « Connecter » dans le rectangle gris de l'écran
    Alors l'instruction 3.1 est faite
    Quand implicitement, il indique son adresse électronique et clique sur « Suivant »
    Et implicitement, il indique son mot de passe
    Et il clique sur la flèche à droite de « méthode d’Authentification » et choisit « Téléphone portable + SMS »
    Et il ajoute son numéro de téléphone portable précédé du code pays
    Et il clique sur « Connexion »
    Alors l'instruction 3.2 est faite
    Quand il lit le code de 3 x 3 caractères dans le SMS reçu
    Et il reprend le code en majuscules dans les espaces indiqués
    Et il clique sur « Connexion »
    Alors l'instruction 3.3 est faite
    Quand il lit son code final dans le courriel reçu
    Et il introduit le code final en minuscules et le valide
    Alors on lui demande de se déconnecter complètement maintenant
    Et l'instruction 3.4 est faite
    Quand il clique sur « Déconnexion »
    Alors il est déconnecté de RCAM et d'EU Login
    Quand implicitement, il se reconnecte à RCAM par SMS
    Alors « RCAM en ligne » s'ouvre à son nom
