# language: fr
@erreurs @screens-2026
Fonctionnalité: Erreurs avec l'application mobile EU Login (guide 2026) — un message clair, et rien n'est perdu
  Le pensionné se trompe de code PIN, ou quelque chose cache le code QR devant son smartphone : l'écran du PC ou
  l'application le lui dit, en français, et rien n'est ajouté ni ouvert ; il peut recommencer.

  @2026-1.12 @2026-1.13
  Plan du scénario: 2026 1.13 — « Ajouter un appareil mobile » refuse <cas>, garde le nom et n'ajoute rien
    Étant donné un pensionné connecté à EU Login
    Et il est sur l'écran « Ajouter un appareil mobile »
    Quand il saisit « <nom> » dans le champ « Nom de votre appareil »
    Et il saisit « <pin> » dans le champ « Votre code PIN à 4 chiffres »
    Et il saisit « <confirmation> » dans le champ « Confirmez votre code PIN »
    Et il clique sur « Envoyer »
    Alors le message « <message> » s'affiche à côté du champ « <champ> »
    Et les valeurs saisies sont conservées, mot de passe à part
    Et le monde est inchangé

    Exemples:
      | cas                              | nom            | pin  | confirmation | champ                        | message                                         |
      | deux codes PIN différents        | Mon smartphone | 4826 | 4862         | Confirmez votre code PIN     | Les codes PIN ne correspondent pas.             |
      | un code PIN de 3 chiffres        | Mon smartphone | 482  | 482          | Votre code PIN à 4 chiffres  | Le code PIN doit compter exactement 4 chiffres. |
      | un nom d'appareil vide           |                | 4826 | 4826         | Nom de votre appareil        | Donnez un nom à votre appareil.                 |

  @2026-1.14
  Scénario: 2026 1.14 — un code QR à moitié caché n'est pas lu ; découvert, il l'est
    Étant donné un pensionné connecté à EU Login
    Et il a ouvert l'application EU Login sur son smartphone et appuyé sur « Initialiser »
    Et le code QR d'ajout de son smartphone s'affiche sur son PC
    Quand quelque chose cache la moitié du code QR sur l'écran de son PC
    Et dans l'application, il appuie sur « Scanner le code QR » et tient le smartphone devant l'écran du PC
    Alors l'application affiche le message « Aucun code QR n’a pu être lu sur la photo. Cadrez tout le code QR, sans rien devant. »
    Et aucun appareil mobile n'a été ajouté à son compte
    Et le monde est inchangé
    Quand le code QR n'est plus caché
    Et dans l'application, il appuie sur « Scanner le code QR » et tient le smartphone devant l'écran du PC
    Alors l'application lui demande son code PIN pour son smartphone

  @2026-2.23
  Scénario: 2026 2.23 — un code PIN erroné sur le smartphone est refusé, le PC attend toujours ; le bon code PIN passe
    Étant donné un pensionné qui a terminé la 1ère étape avec l'application EU Login
    Et son PC attend la confirmation de la connexion à RCAM sur son smartphone
    Quand il ouvre l'application EU Login sur son smartphone
    Et il introduit un code PIN erroné dans « Code PIN » et appuie sur « Confirmer »
    Alors l'application affiche le message « Code PIN incorrect. Essais restants : 4. »
    Et son PC attend la confirmation sur son smartphone
    Et aucune session EU Login n'est ouverte par l'application
    Et le monde est inchangé, hormis la tentative erronée comptée
    Quand il introduit son code PIN dans « Code PIN » et appuie sur « Confirmer »
    Alors son PC continue tout seul jusqu'à l'écran « Premier accès »
