# language: fr
@erreurs
Fonctionnalité: Erreurs sur RCAM — premier accès et code final : un message clair, et rien n'est perdu
  Le pensionné se trompe de numéro de pension, de date de naissance ou de code final : RCAM le lui dit à
  l'écran, en français, à côté du champ concerné, garde ce qu'il a tapé et n'enregistre ni n'envoie rien.

  @2.17
  Plan du scénario: 2.17 — le premier accès refuse <cas>, garde la saisie et n'enregistre rien
    Étant donné un pensionné qui a terminé la 1ère étape
    Et il est connecté à RCAM
    Quand il indique son numéro de pension (2 fois !) et sa date de naissance
    Et il saisit « <valeur> » dans le champ « <champ> »
    Et il clique sur « Suivant »
    Alors le message « <message> » s'affiche à côté du champ « <champ> »
    Et les valeurs saisies sont conservées
    Et le monde est inchangé

    Exemples:
      | cas                                  | champ                          | valeur     | message                                                        |
      | deux numéros de pension différents   | Confirmez le numéro de pension | 999999     | Les numéros de pension ne correspondent pas.                   |
      | un numéro de pension trop court      | Numéro de pension              | 12345      | Le numéro de pension compte 6 chiffres.                        |
      | un numéro de pension avec une lettre | Numéro de pension              | 12A456     | Le numéro de pension compte 6 chiffres.                        |
      | une date de naissance vide           | Date de naissance              |            | Ce champ est obligatoire.                                      |
      | une date de naissance impossible     | Date de naissance              | 31/02/1950 | Indiquez une date valide sous la forme jj/mm/aaaa.             |
      | une date de naissance mal écrite     | Date de naissance              | 1950       | Indiquez une date valide sous la forme jj/mm/aaaa.             |
      | une date de naissance dans le futur  | Date de naissance              | 01/01/2090 | La date de naissance ne peut pas être dans le futur.           |
      | une autre date de naissance          | Date de naissance              | 01/01/1900 | La date de naissance ne correspond pas à ce numéro de pension. |
      | un autre nom                         | Nom                            | Autrenom   | Le nom ne correspond pas à ce numéro de pension.               |

  @2.17
  Scénario: 2.17 — un numéro de pension inconnu du PMO est refusé
    Étant donné un pensionné qui a terminé la 1ère étape
    Et il est connecté à RCAM
    Quand il indique son numéro de pension (2 fois !) et sa date de naissance
    Et il saisit « 000001 » dans le champ « Numéro de pension »
    Et il saisit « 000001 » dans le champ « Confirmez le numéro de pension »
    Et il clique sur « Suivant »
    Alors le message « Ce numéro de pension est inconnu du PMO. Vérifiez-le sur votre bulletin de pension. » s'affiche à côté du champ « Numéro de pension »
    Et les valeurs saisies sont conservées
    Et le monde est inchangé

  @2.17
  Scénario: 2.17 — une demande d'accès déjà enregistrée (dans un autre onglet) ne l'est pas une seconde fois
    Étant donné un pensionné qui a terminé la 1ère étape
    Et il est connecté à RCAM
    Et il a déjà fait sa demande d'accès dans un autre onglet
    Quand il indique son numéro de pension (2 fois !) et sa date de naissance
    Et il clique sur « Suivant »
    Alors seul le message « Votre demande d’accès a déjà été enregistrée. Dès réception du code final, connectez-vous à nouveau pour l’introduire. » s'affiche
    Et les valeurs saisies sont conservées
    Et le monde est inchangé

  @3.4
  Scénario: 3.4 — un code final erroné est refusé
    Étant donné un pensionné qui a reçu son code final
    Et il est connecté à RCAM
    Quand il introduit un code final erroné
    Et il clique sur « Valider »
    Alors le message « Le code final est incorrect. » s'affiche à côté du champ « Code final »
    Et son accès à RCAM n'est pas activé
    Et le monde est inchangé

  @3.4
  Plan du scénario: 3.4 — un code final de <longueur> caractères est refusé
    Étant donné un pensionné qui a reçu son code final
    Et il est connecté à RCAM
    Quand il introduit « <code> » comme code final
    Et il clique sur « Valider »
    Alors le message « Le code final compte 12 caractères. » s'affiche à côté du champ « Code final »
    Et le monde est inchangé

    Exemples:
      | longueur | code        |
      | 3        | ABC         |
      | 9        | ABC-DEF-GHJ |
      | 0        |             |

  @3.4
  Scénario: 3.4 — un code final expiré est refusé
    Étant donné un pensionné qui a reçu son code final
    Et il est connecté à RCAM
    Quand 30 jours passent
    Et il lit son code final dans le courriel reçu
    Et il introduit le code final en minuscules et le valide
    Alors le message « Ce code final a expiré. Contactez le PMO pour en recevoir un nouveau. » s'affiche à côté du champ « Code final »
    Et son accès à RCAM n'est pas activé
    Et le monde est inchangé

  @3.4
  Scénario: 3.4 — un code final déjà utilisé (dans un autre onglet) est refusé
    Étant donné un pensionné qui a reçu son code final
    Et il est connecté à RCAM
    Et son code final a déjà été utilisé dans un autre onglet
    Quand il lit son code final dans le courriel reçu
    Et il introduit le code final en minuscules et le valide
    Alors le message « Ce code final a déjà été utilisé. » s'affiche à côté du champ « Code final »
    Et le monde est inchangé
