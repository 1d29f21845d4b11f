# language: fr
@etape-2
Fonctionnalité: 2ème étape — se faire reconnaître par le PMO pour RCAM
  Juste après la 1ère étape, le pensionné se connecte à RCAM par EU Login avec « Téléphone portable + SMS »,
  donne son numéro de pension (deux fois) et sa date de naissance, puis attend le code final
  (instructions 13 à 18 du guide).

  @2.13
  Scénario: 2.13 — RCAM, descendre + « Connecter » dans le rectangle gris mène à EU Login
    Étant donné un pensionné qui a terminé la 1ère étape
    Quand il lance https://webgate.ec.europa.eu/RCAM/
    Alors « Connecter » n'apparaît qu'en descendant, dans le rectangle gris
    Quand il descend et clique sur « Connecter » dans le rectangle gris de l'écran
    Alors l'écran d'identification d'EU Login s'affiche

  @2.14
  Scénario: 2.14 — l'adresse électronique + « Suivant » mène au mot de passe et à la méthode d'authentification
    Étant donné un pensionné qui a terminé la 1ère étape
    Et il est sur l'écran d'identification d'EU Login ouvert par RCAM
    Quand il indique son adresse électronique dans le cadre
    Et il clique sur « Suivant »
    Alors l'écran du mot de passe s'affiche avec la liste « Méthode d’authentification »

  @2.15
  Scénario: 2.15 — mot de passe, « Téléphone portable + SMS », numéro + « Connexion » envoie un code par SMS
    Étant donné un pensionné qui a terminé la 1ère étape
    Et il est sur l'écran du mot de passe d'EU Login ouvert par RCAM
    Quand il indique son mot de passe
    Et il clique sur la flèche à droite de « Méthode d’authentification » et choisit « Téléphone portable + SMS »
    Et il ajoute son numéro de téléphone portable précédé du code pays
    Et il clique sur « Connexion »
    Alors l'écran du code challenge de connexion s'affiche avec trois espaces

  @2.16
  Scénario: 2.16 — les 3 x 3 caractères du SMS, en minuscules, + « Connexion » ouvrent RCAM
    Étant donné un pensionné qui a terminé la 1ère étape
    Et EU Login vient de lui envoyer par SMS un code challenge pour RCAM
    Quand il lit le code de 3 x 3 caractères dans le SMS reçu
    Et il reprend le code en minuscules dans les espaces indiqués
    Et il clique sur « Connexion »
    Alors l'écran « Premier accès » s'affiche
    Et la barre d'adresse affiche https://webgate.ec.europa.eu/RCAM/

  @2.17
  Scénario: 2.17 — numéro de pension (2 fois !), date de naissance + « Suivant », nom et prénom déjà remplis
    Étant donné un pensionné qui a terminé la 1ère étape
    Et il est connecté à RCAM
    Alors son nom de famille et son prénom figurent déjà dans les bonnes cases
    Quand il indique son numéro de pension (2 fois !) et sa date de naissance
    Et il clique sur « Suivant »
    Alors l'écran « Votre demande d’accès a été enregistrée » s'affiche

  @2.18
  Plan du scénario: 2.18 — l'écran annonce un courrier postal, mais le code final arrive par <canal>
    Étant donné un pensionné qui a terminé la 1ère étape et à qui le PMO envoie le code final par <canal>
    Et il est connecté à RCAM
    Quand il indique son numéro de pension (2 fois !) et sa date de naissance
    Et il clique sur « Suivant »
    Alors l'écran annonce que le code final viendra par courrier postal à son domicile
    Et aucun code final n'est encore arrivé
    Quand 3 jours passent
    Alors le code final de 4 x 3 caractères arrive par <canal>

    Exemples:
      | canal    |
      | courriel |
      | SMS      |

  @compte-existant @2.18
  Scénario: compte existant — le numéro de pension déjà lié à un autre compte EU Login : le code final n'arrive jamais
    Étant donné un pensionné dont le numéro de pension est déjà lié à un autre compte EU Login
    Et il est connecté à RCAM
    Quand il indique son numéro de pension (2 fois !) et sa date de naissance
    Et il clique sur « Suivant »
    Alors l'écran annonce que le code final viendra par courrier postal à son domicile
    Quand 30 jours passent
    Alors aucun code final n'arrive, ni par courriel ni par SMS
