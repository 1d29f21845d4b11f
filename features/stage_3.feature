# language: fr
@etape-3
Fonctionnalité: 3ème étape — introduire le code final (« token ») reçu par courriel ou SMS
  Quand le code final est arrivé, le pensionné se reconnecte à RCAM par SMS, introduit le code final de
  4 x 3 caractères et se déconnecte complètement ; l'accès suit à la connexion suivante
  (instructions 1 à 4 de la 3ème étape).

  @3.1
  Scénario: 3.1 — RCAM, descendre + « Connecter » dans le rectangle gris
    Étant donné un pensionné qui a reçu son code final
    Quand il lance https://webgate.ec.europa.eu/RCAM/
    Et il descend et clique sur « Connecter » dans le rectangle gris de l'écran
    Alors l'écran d'identification d'EU Login s'affiche

  @3.2 @3.3
  Scénario: 3.2 et 3.3 — « méthode d’Authentification », « Téléphone portable + SMS », puis le code de 3 x 3 caractères
    Étant donné un pensionné qui a reçu son code final
    Et il est sur l'écran d'identification d'EU Login ouvert par RCAM
    Quand implicitement, il indique son adresse électronique et clique sur « Suivant »
    Et implicitement, il indique son mot de passe
    Et il clique sur la flèche à droite de « méthode d’Authentification » et choisit « Téléphone portable + SMS »
    Et il ajoute son numéro de téléphone portable précédé du code pays
    Et il clique sur « Connexion »
    Et il lit le code de 3 x 3 caractères dans le SMS reçu
    Et il reprend le code en majuscules dans les espaces indiqués
    Et il clique sur « Connexion »
    Alors l'écran « Introduisez le code final » s'affiche

  @3.4
  Plan du scénario: 3.4 — le code final de 4 x 3 caractères reçu par <canal>, validé, puis se déconnecter complètement
    Étant donné un pensionné qui a terminé la 1ère étape et à qui le PMO envoie le code final par <canal>
    Et il a fait sa demande d'accès et reçu son code final
    Et il est connecté à RCAM
    Quand il lit son code final dans le <message> reçu
    Et il introduit le code final en minuscules et le valide
    Alors on lui demande de se déconnecter complètement maintenant
    Quand il clique sur « Déconnexion »
    Alors il est déconnecté de RCAM et d'EU Login

    Exemples:
      | canal    | message  |
      | courriel | courriel |
      | SMS      | SMS      |

  @3.4
  Scénario: 3.4 — à la connexion suivante, « RCAM en ligne » s'ouvre
    Étant donné un pensionné qui a terminé la 1ère étape
    Et son accès à RCAM est activé et il est encore connecté à EU Login par SMS
    Quand il lance https://webgate.ec.europa.eu/RCAM/
    Et il descend et clique sur « Connecter » dans le rectangle gris de l'écran
    Alors « RCAM en ligne » s'ouvre à son nom
