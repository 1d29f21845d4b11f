# language: fr
@etape-3 @screens-2026
Fonctionnalité: 3ème étape (guide 2026) — introduire le code final (« token ») reçu par courriel
  Quand le code final est arrivé par courriel, le pensionné se reconnecte à RCAM avec l'application mobile
  EU Login et son code PIN, introduit le code final de 4 x 3 caractères et se déconnecte complètement ;
  l'accès suit à la connexion suivante (instructions 1 à 8 de la 3ème étape du guide 2026).

  @2026-3.1
  Scénario: 2026 3.1 — RCAM, descendre + « Connecter » dans le rectangle gris
    Étant donné un pensionné qui a reçu son code final, avec l'application EU Login
    Quand il lance https://webgate.ec.europa.eu/RCAM/
    Et il descend et clique sur « Connecter » dans le rectangle gris de l'écran
    Alors l'écran d'identification d'EU Login s'affiche

  @2026-3.2 @2026-3.3 @2026-3.4
  Scénario: 2026 3.2 à 3.4 — adresse + « Suivant », « Mot de passe », « Application mobile EU Login : code PIN » + « Connexion »
    Étant donné un pensionné qui a reçu son code final, avec l'application EU Login
    Et il est sur l'écran d'identification d'EU Login ouvert par RCAM
    Quand il indique son adresse électronique dans le cadre
    Et il clique sur « Suivant »
    Alors l'écran du mot de passe s'affiche avec la liste « Méthode d’authentification »
    Quand il indique son mot de passe
    Et il clique sur la flèche à droite de « Méthode d’authentification » et choisit « Application mobile EU Login : code PIN »
    Et il clique sur « Connexion »
    Alors son PC attend la confirmation sur son smartphone

  @2026-3.5 @2026-3.6
  Scénario: 2026 3.5 et 3.6 — la notification, le code PIN + « Confirmer » : le PC continue tout seul jusqu'au code final
    Étant donné un pensionné qui a reçu son code final, avec l'application EU Login
    Et son PC attend la confirmation de la connexion à RCAM sur son smartphone
    Quand il appuie sur la notification de l'application EU Login
    Alors l'application affiche la demande de connexion à RCAM, avec « Code PIN » et « Confirmer »
    Quand il introduit son code PIN dans « Code PIN » et appuie sur « Confirmer »
    Alors son PC continue tout seul jusqu'à l'écran « Introduisez le code final »

  @2026-3.7
  Scénario: 2026 3.7 — le code final de 4 x 3 caractères reçu par courriel + « Valider »
    Étant donné un pensionné qui a reçu son code final, avec l'application EU Login
    Et il est connecté à RCAM par l'application EU Login
    Quand il lit son code final dans le courriel reçu
    Et il introduit le code final en minuscules et le valide
    Alors on lui demande de se déconnecter complètement maintenant

  @2026-3.8
  Scénario: 2026 3.8 — « Déconnexion » : déconnecté complètement de RCAM et d'EU Login
    Étant donné un pensionné qui a reçu son code final, avec l'application EU Login
    Et il est connecté à RCAM par l'application EU Login
    Quand il lit son code final dans le courriel reçu
    Et il introduit le code final en minuscules et le valide
    Et il clique sur « Déconnexion »
    Alors il est déconnecté de RCAM et d'EU Login

  @2026-3.8
  Scénario: 2026 3.8 — à la connexion suivante via EU Login, « RCAM en ligne » s'ouvre
    Étant donné un pensionné qui a terminé la 1ère étape avec l'application EU Login
    Et son accès à RCAM est activé et il est encore connecté à EU Login par l'application
    Quand il lance https://webgate.ec.europa.eu/RCAM/
    Et il descend et clique sur « Connecter » dans le rectangle gris de l'écran
    Alors « RCAM en ligne » s'ouvre à son nom
