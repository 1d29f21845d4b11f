# language: fr
@etape-2 @screens-2026
Fonctionnalité: 2ème étape (guide 2026) — se faire reconnaître par le PMO pour RCAM avec l'application mobile EU Login
  Juste après la 1ère étape, le pensionné se connecte à RCAM par EU Login avec « Application mobile EU Login :
  code PIN » : il confirme sur son smartphone avec son code PIN et son PC continue tout seul. Il donne son numéro
  de pension (deux fois) et sa date de naissance, puis attend le code final, qui arrive par courriel
  (instructions 18 à 26 du guide 2026).

  @2026-2.18
  Scénario: 2026 2.18 — RCAM, descendre + « Connecter » dans le rectangle gris mène à EU Login
    Étant donné un pensionné qui a terminé la 1ère étape avec l'application EU Login
    Quand il lance https://webgate.ec.europa.eu/RCAM/
    Alors « Connecter » n'apparaît qu'en descendant, dans le rectangle gris
    Quand il descend et clique sur « Connecter » dans le rectangle gris de l'écran
    Alors l'écran d'identification d'EU Login s'affiche

  @2026-2.19
  Scénario: 2026 2.19 — l'adresse électronique + « Suivant » mène au mot de passe et à la méthode d'authentification
    Étant donné un pensionné qui a terminé la 1ère étape avec l'application EU Login
    Et il est sur l'écran d'identification d'EU Login ouvert par RCAM
    Quand il indique son adresse électronique dans le cadre
    Et il clique sur « Suivant »
    Alors l'écran du mot de passe s'affiche avec la liste « Méthode d’authentification »

  @2026-2.20 @2026-2.21
  Scénario: 2026 2.20 et 2.21 — le mot de passe, « Application mobile EU Login : code PIN » + « Connexion » : le PC attend le smartphone
    Étant donné un pensionné qui a terminé la 1ère étape avec l'application EU Login
    Et il est sur l'écran du mot de passe d'EU Login ouvert par RCAM
    Quand il indique son mot de passe
    Et il clique sur la flèche à droite de « Méthode d’authentification » et choisit « Application mobile EU Login : code PIN »
    Et il clique sur « Connexion »
    Alors son PC attend la confirmation sur son smartphone

  @2026-2.22
  Scénario: 2026 2.22 — la notification ouvre l'application, qui affiche la demande de connexion
    Étant donné un pensionné qui a terminé la 1ère étape avec l'application EU Login
    Et son PC attend la confirmation de la connexion à RCAM sur son smartphone
    Quand il appuie sur la notification de l'application EU Login
    Alors l'application affiche la demande de connexion à RCAM, avec « Code PIN » et « Confirmer »
    Et son PC attend la confirmation sur son smartphone

  @2026-2.23
  Scénario: 2026 2.23 — le code PIN + « Confirmer » sur le smartphone : le PC continue tout seul jusqu'au premier accès
    Étant donné un pensionné qui a terminé la 1ère étape avec l'application EU Login
    Et son PC attend la confirmation de la connexion à RCAM sur son smartphone
    Quand il ouvre l'application EU Login sur son smartphone
    Et il introduit son code PIN dans « Code PIN » et appuie sur « Confirmer »
    Alors son PC continue tout seul jusqu'à l'écran « Premier accès »
    Et la barre d'adresse affiche https://webgate.ec.europa.eu/RCAM/

  @2026-2.24
  Scénario: 2026 2.24 — numéro de pension (2 fois !), date de naissance + « Suivant », nom et prénom déjà remplis
    Étant donné un pensionné qui a terminé la 1ère étape avec l'application EU Login
    Et il est connecté à RCAM par l'application EU Login
    Alors son nom de famille et son prénom figurent déjà dans les bonnes cases
    Quand il indique son numéro de pension (2 fois !) et sa date de naissance
    Et il clique sur « Suivant »
    Alors l'écran « Votre demande d’accès a été enregistrée » s'affiche

  @2026-2.25
  Scénario: 2026 2.25 — l'écran annonce un courrier postal, mais le code final arrive par courriel
    Étant donné un pensionné qui a terminé la 1ère étape avec l'application EU Login
    Et il est connecté à RCAM par l'application EU Login
    Quand il indique son numéro de pension (2 fois !) et sa date de naissance
    Et il clique sur « Suivant »
    Alors l'écran annonce que le code final viendra par courrier postal à son domicile
    Et aucun code final n'est encore arrivé
    Quand 3 jours passent
    Alors le code final de 4 x 3 caractères arrive par courriel

  @2026-2.26
  Scénario: 2026 2.26 — « Déconnexion » après la demande d'accès
    Étant donné un pensionné qui a terminé la 1ère étape avec l'application EU Login
    Et il est connecté à RCAM par l'application EU Login
    Quand il indique son numéro de pension (2 fois !) et sa date de naissance
    Et il clique sur « Suivant »
    Et il clique sur « Déconnexion »
    Alors il est déconnecté de RCAM et d'EU Login

  @compte-existant @2026-2.24 @2026-2.25
  Scénario: 2026 compte existant — le numéro de pension déjà lié à un autre compte EU Login : le code final n'arrive jamais
    Étant donné un pensionné dont le numéro de pension est déjà lié à un autre compte EU Login
    Et il est connecté à RCAM
    Quand il indique son numéro de pension (2 fois !) et sa date de naissance
    Et il clique sur « Suivant »
    Alors l'écran annonce que le code final viendra par courrier postal à son domicile
    Quand 30 jours passent
    Alors aucun code final n'arrive, ni par courriel ni par SMS
