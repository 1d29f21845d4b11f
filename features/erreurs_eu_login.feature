# language: fr
@erreurs
Fonctionnalité: Erreurs sur EU Login — chaque saisie erronée reçoit un message clair, et rien n'est perdu
  Le pensionné se trompe : EU Login le lui dit à l'écran, en français, à côté du champ concerné, garde ce
  qu'il a tapé (sauf les mots de passe) et ne crée, n'envoie ni ne change rien.
  Entre accolades dans une saisie : {utilisateur} est la partie de son adresse électronique avant « @ »,
  {portable} son numéro de téléphone portable.

  @1.2
  Plan du scénario: 1.2 — « Créer un compte » refuse <cas>, garde la saisie et ne crée rien
    Étant donné un pensionné qui n'a pas encore de compte EU Login
    Quand il ouvre l'écran « Créer un compte » et le remplit avec son adresse électronique
    Et il saisit « <valeur> » dans le champ « <champ> »
    Et il clique sur « Créer un compte »
    Alors le message « <message> » s'affiche à côté du champ « <champ> »
    Et les valeurs saisies sont conservées
    Et le monde est inchangé

    Exemples:
      | cas                                | champ                            | valeur                   | message                                                                 |
      | un prénom vide                     | Prénom                           |                          | Ce champ est obligatoire.                                               |
      | un nom vide                        | Nom                              |                          | Ce champ est obligatoire.                                               |
      | un prénom avec un chiffre          | Prénom                           | Jean2                    | Ce champ ne peut pas être vide et ne peut contenir que des lettres.     |
      | un nom écrit en HTML               | Nom                              | <b>Dupont</b>            | Ce champ ne peut pas être vide et ne peut contenir que des lettres.     |
      | une confirmation d'adresse différente | Confirmez l’adresse électronique | marie.dupont@example.org | Les adresses électroniques ne correspondent pas.                     |
      | un code de sécurité erroné         | Saisissez le code                | 00000                    | Le code saisi est incorrect. Recopiez le nouveau code.                  |

  @1.2
  Plan du scénario: 1.2 — « Créer un compte » refuse <cas>
    Étant donné un pensionné qui n'a pas encore de compte EU Login
    Et une autre personne a déjà un compte EU Login à l'adresse « marie.dupont@example.org »
    Quand il ouvre l'écran « Créer un compte » et le remplit avec son adresse électronique
    Et il saisit « <adresse> » comme adresse électronique et comme confirmation
    Et il clique sur « Créer un compte »
    Alors le message « <message> » s'affiche à côté du champ « Adresse électronique »
    Et les valeurs saisies sont conservées
    Et le monde est inchangé

    Exemples:
      | cas                                   | adresse                  | message                                                                                                                         |
      | une adresse vide                      |                          | Ce champ est obligatoire.                                                                                                       |
      | une adresse sans domaine              | jean.dupont@             | L’adresse électronique n’est pas valide.                                                                                        |
      | une adresse avec une espace           | jean dupont@example.org  | L’adresse électronique n’est pas valide.                                                                                        |
      | l'adresse d'une institution           | jean.dupont@ec.europa.eu | Vous ne pouvez pas créer de compte avec une adresse électronique appartenant à une institution.                                 |
      | l'adresse d'une autre personne        | marie.dupont@example.org | Un compte EU Login existe déjà pour cette adresse électronique. Si vous avez oublié votre mot de passe, utilisez « Mot de passe perdu ? ». |

  @1.2
  Scénario: 1.2 — sans cocher la déclaration de confidentialité, aucun compte n'est créé
    Étant donné un pensionné qui n'a pas encore de compte EU Login
    Quand il ouvre l'écran « Créer un compte » et le remplit avec son adresse électronique
    Et il décoche la déclaration de confidentialité
    Et il clique sur « Créer un compte »
    Alors le message « Vous devez accepter la déclaration de confidentialité. » s'affiche à côté du champ « En cochant cette case, vous reconnaissez avoir lu et compris la déclaration de confidentialité »
    Et les valeurs saisies sont conservées
    Et le monde est inchangé

  @1.2
  Plan du scénario: 1.2 — un nom <sorte> est accepté et s'affiche tel quel
    Étant donné un pensionné qui n'a pas encore de compte EU Login
    Quand il ouvre l'écran « Créer un compte » et le remplit avec son adresse électronique
    Et il saisit « <prénom> » dans le champ « Prénom »
    Et il saisit « <nom> » dans le champ « Nom »
    Et il clique sur « Créer un compte »
    Alors un compte est créé à son adresse au nom de « <prénom> <nom> »
    Quand il lance https://webgate.ec.europa.eu/cas
    Et il indique son adresse électronique dans le cadre
    Et il clique sur « Suivant »
    Alors l'écran « Bienvenue <prénom> <nom> » s'affiche

    Exemples:
      | sorte                               | prénom        | nom                    |
      | avec accents et traits d'union      | Marie-Thérèse | Van den Bossche-Ørsted |
      | avec une apostrophe                 | Renée         | D'Hondt                |
      | en lettres grecques                 | Σοφία         | Παπαδοπούλου           |
      | en lettres cyrilliques              | Светлана      | Иванова                |

  @1.3
  Plan du scénario: 1.3 — le mot de passe <cas> est refusé, les champs du mot de passe vidés
    Étant donné un pensionné qui a ouvert le lien du courriel pour choisir son mot de passe
    Quand il choisit le mot de passe « <mot de passe> » qu'il confirme par « <confirmation> »
    Et il clique sur « Soumettre » dans la zone bleue
    Alors le message « <message> » s'affiche à côté du champ « <champ> »
    Et les valeurs saisies sont conservées, mot de passe à part
    Et le monde est inchangé

    Exemples:
      | cas                                  | mot de passe        | confirmation        | champ                             | message                                                                   |
      | trop court                           | 23-11Ukra           | 23-11Ukra           | Nouveau mot de passe              | Le mot de passe doit contenir au moins 10 caractères.                     |
      | assez long mais de deux groupes      | ukraine2311         | ukraine2311         | Nouveau mot de passe              | Le mot de passe doit contenir des caractères d’au moins 3 des 4 groupes. |
      | contenant son nom d'utilisateur      | Zz9-{utilisateur}   | Zz9-{utilisateur}   | Nouveau mot de passe              | Le mot de passe ne peut pas contenir votre nom d’utilisateur.             |
      | confirmé autrement                   | 23-11Ukraine        | 23-11ukraine        | Confirmez le nouveau mot de passe | Les mots de passe ne correspondent pas.                                   |

  @1.3
  Scénario: 1.3 — le lien du courriel a expiré après 90 minutes
    Étant donné un pensionné qui a ouvert le lien du courriel pour choisir son mot de passe
    Quand 90 minutes passent
    Et il choisit le mot de passe « 23-11Ukraine » qu'il confirme par « 23-11Ukraine »
    Et il clique sur « Soumettre » dans la zone bleue
    Alors seul le message « Ce lien a expiré. Demandez un nouveau lien avec « Mot de passe perdu ? ». » s'affiche
    Et il voit « Mot de passe perdu ? »
    Et le monde est inchangé

  @1.3
  Scénario: 1.3 — le lien du courriel ne sert qu'une fois
    Étant donné un pensionné qui a déjà choisi son mot de passe avec le lien du courriel
    Quand il ouvre à nouveau le lien du courriel
    Alors seul le message « Ce lien a déjà été utilisé. Connectez-vous avec votre mot de passe. » s'affiche
    Et le monde est inchangé

  @1.8
  Plan du scénario: 1.8 — un numéro <forme> est refusé à côté du champ, tel qu'il a été tapé
    Étant donné un pensionné connecté à EU Login
    Et il est sur l'écran « Ajouter un numéro de téléphone portable »
    Quand il saisit « <numéro> » dans le champ « Numéro de téléphone portable »
    Et il clique sur « Ajouter »
    Alors le message « <message> » s'affiche à côté du champ « Numéro de téléphone portable »
    Et les valeurs saisies sont conservées
    Et le monde est inchangé

    Exemples:
      | forme                 | numéro            | message                                                                                                                                           |
      | avec des espaces      | +32 470 12 34 56  | Le numéro doit commencer par « + » suivi de l’indicatif du pays et ne contenir que des chiffres : pas de parenthèses, points, tirets ni espaces. |
      | avec une barre oblique | +32/470123456    | Le numéro doit commencer par « + » suivi de l’indicatif du pays et ne contenir que des chiffres : pas de parenthèses, points, tirets ni espaces. |
      | avec des lettres      | +32abc123456      | Le numéro doit commencer par « + » suivi de l’indicatif du pays et ne contenir que des chiffres : pas de parenthèses, points, tirets ni espaces. |
      | trop court            | +3247012          | Le numéro doit compter de 8 à 15 chiffres après le « + ».                                                                                         |
      | trop long             | +3247012345678901 | Le numéro doit compter de 8 à 15 chiffres après le « + ».                                                                                         |
      | vide                  |                   | Ce champ est obligatoire.                                                                                                                         |

  @1.8 @1.11
  Scénario: 1.8 — un numéro déjà enregistré sur son compte est refusé
    Étant donné un pensionné connecté à EU Login qui a enregistré son numéro de téléphone portable
    Et il est sur l'écran « Ajouter un numéro de téléphone portable »
    Quand il ajoute son numéro de téléphone portable en commençant par le code pays
    Et il clique sur « Ajouter »
    Alors le message « Ce numéro est déjà enregistré sur votre compte. » s'affiche à côté du champ « Numéro de téléphone portable »
    Et les valeurs saisies sont conservées
    Et le monde est inchangé

  @1.9
  Scénario: 1.9 — un code challenge erroné est refusé, et seul l'essai est compté
    Étant donné un pensionné connecté à EU Login à qui un SMS de challenge vient d'être envoyé
    Quand il saisit un code challenge erroné
    Et il clique sur « Finaliser »
    Alors le message « Le code challenge est incorrect. » s'affiche à côté du champ « Code challenge reçu par SMS »
    Et aucun numéro n'a été ajouté à son compte
    Et le monde est inchangé, hormis la tentative erronée comptée

  @1.9
  Plan du scénario: 1.9 — un code challenge de <longueur> caractères est refusé sans compter d'essai
    Étant donné un pensionné connecté à EU Login à qui un SMS de challenge vient d'être envoyé
    Quand il saisit « <code> » dans les cases du code challenge
    Et il clique sur « Finaliser »
    Alors le message « Le code challenge compte 8 caractères. » s'affiche à côté du champ « Code challenge reçu par SMS »
    Et le monde est inchangé

    Exemples:
      | longueur | code     |
      | 3        | ABC      |
      | 7        | ABCD-EFG |
      | 0        |          |

  @1.9
  Scénario: 1.9 — l'ancien code est refusé quand un nouveau a été demandé
    Étant donné un pensionné connecté à EU Login à qui un SMS de challenge vient d'être envoyé
    Quand il lit le code de 2 x 4 caractères dans le SMS reçu
    Et il redemande un code pour le même numéro
    Et il reprend ce code en minuscules sur l'écran suivant
    Et il clique sur « Finaliser »
    Alors le message « Le code challenge est incorrect. » s'affiche à côté du champ « Code challenge reçu par SMS »
    Et aucun numéro n'a été ajouté à son compte

  @1.9
  Scénario: 1.9 — un code challenge expiré est refusé et un nouveau code est envoyé
    Étant donné un pensionné connecté à EU Login à qui un SMS de challenge vient d'être envoyé
    Quand il lit le code de 2 x 4 caractères dans le SMS reçu
    Et 10 minutes passent
    Et il reprend ce code en minuscules sur l'écran suivant
    Et il clique sur « Finaliser »
    Alors le message « Le code challenge a expiré. Un nouveau code vous a été envoyé. » s'affiche à côté du champ « Code challenge reçu par SMS »
    Et un nouveau code lui a été envoyé par SMS
    Et aucun numéro n'a été ajouté à son compte
    Et le monde est inchangé, hormis le nouveau code envoyé par SMS

  @1.9 @1.10
  Scénario: 1.9 — trois codes erronés bloquent l'ajout pendant 15 minutes, puis le numéro s'ajoute
    Étant donné un pensionné connecté à EU Login à qui un SMS de challenge vient d'être envoyé
    Quand il saisit un code challenge erroné
    Et il clique sur « Finaliser »
    Et il saisit un code challenge erroné
    Et il clique sur « Finaliser »
    Et il saisit un code challenge erroné
    Et il clique sur « Finaliser »
    Alors le message « Trop de tentatives erronées. Réessayez dans 15 minutes. » s'affiche à côté du champ « Code challenge reçu par SMS »
    Et aucun numéro n'a été ajouté à son compte
    Quand 5 minutes passent
    Et il redemande un code pour le même numéro
    Alors le message « Trop de tentatives erronées. Réessayez dans 10 minutes. » s'affiche à côté du champ « Numéro de téléphone portable »
    Et le monde est inchangé, hormis le verrou
    Quand 10 minutes passent
    Et il redemande un code pour le même numéro
    Et il lit le code de 2 x 4 caractères dans le SMS reçu
    Et il reprend ce code en majuscules sur l'écran suivant
    Et il clique sur « Finaliser »
    Alors une confirmation s'affiche à l'écran

  @2.14
  Scénario: 2.14 — EU Login refuse un service inconnu sans y renvoyer le navigateur
    Étant donné un pensionné qui a terminé la 1ère étape
    Quand il lance https://webgate.ec.europa.eu/cas/login?service=https://evil.example/RCAM/
    Alors seul le message « Le service demandé n’est pas autorisé à utiliser EU Login : aucune connexion ne lui sera transmise. » s'affiche
    Et la barre d'adresse affiche https://webgate.ec.europa.eu/cas/login?service=
    Et le monde est inchangé

  @2.15
  Plan du scénario: 2.15 — la connexion par SMS refuse <cas>, garde la saisie et n'envoie rien
    Étant donné un pensionné qui a terminé la 1ère étape
    Et il est sur l'écran du mot de passe d'EU Login ouvert par RCAM
    Quand il saisit « <mot de passe> » dans le champ « Mot de passe »
    Et il clique sur la flèche à droite de « Méthode d’authentification » et choisit « Téléphone portable + SMS »
    Et il saisit « <numéro> » dans le champ « Téléphone portable »
    Et il clique sur « Connexion »
    Alors le message « <message> » s'affiche à côté du champ « <champ> »
    Et les valeurs saisies sont conservées, mot de passe à part
    Et le monde est inchangé

    Exemples:
      | cas                                     | mot de passe | numéro           | champ              | message                                                                                                                               |
      | un numéro qui n'est pas sur son compte  | 23-11Ukraine | +32400000001     | Téléphone portable | Ce numéro n’est pas enregistré sur votre compte EU Login. Indiquez un numéro ajouté dans « Gérer mes numéros de téléphone portable ». |
      | un numéro avec des espaces              | 23-11Ukraine | +32 470 12 34 56 | Téléphone portable | Le numéro doit commencer par « + » suivi de l’indicatif du pays et ne contenir que des chiffres : pas de parenthèses, points, tirets ni espaces. |
      | un numéro sans code pays                | 23-11Ukraine | 0470123456       | Téléphone portable | Indiquez l’indicatif du pays : le numéro doit commencer par « + ».                                                                    |
      | un numéro trop court                    | 23-11Ukraine | +3247            | Téléphone portable | Le numéro doit compter de 8 à 15 chiffres après le « + ».                                                                             |

  @2.15
  Scénario: 2.15 — la connexion par SMS refuse un mot de passe erroné, le compte, garde la saisie et n'envoie rien
    Étant donné un pensionné qui a terminé la 1ère étape
    Et il est sur l'écran du mot de passe d'EU Login ouvert par RCAM
    Quand il saisit « 23-11ukraine » dans le champ « Mot de passe »
    Et il clique sur la flèche à droite de « Méthode d’authentification » et choisit « Téléphone portable + SMS »
    Et il saisit « {portable} » dans le champ « Téléphone portable »
    Et il clique sur « Connexion »
    Alors le message « Le mot de passe est incorrect. » s'affiche à côté du champ « Mot de passe »
    Et les valeurs saisies sont conservées, mot de passe à part
    Et le monde est inchangé, hormis la tentative erronée comptée

  @2.15
  Scénario: 2.15 — « Mot de passe » seul ne suffit pas pour RCAM, qui exige « Téléphone portable + SMS »
    Étant donné un pensionné qui a terminé la 1ère étape
    Et il est sur l'écran du mot de passe d'EU Login ouvert par RCAM
    Quand il indique son mot de passe
    Et il clique sur la flèche à droite de « Méthode d’authentification » et choisit « Mot de passe »
    Et il clique sur « Connexion »
    Alors le message « Ce service exige la méthode « Téléphone portable + SMS ». Choisissez-la dans la liste « Méthode d’authentification ». » s'affiche à côté du champ « Méthode d’authentification »
    Et les valeurs saisies sont conservées, mot de passe à part
    Et le monde est inchangé

  @2.16
  Scénario: 2.16 — un code challenge de connexion erroné est refusé
    Étant donné un pensionné qui a terminé la 1ère étape
    Et EU Login vient de lui envoyer par SMS un code challenge pour RCAM
    Quand il saisit un code challenge erroné
    Et il clique sur « Connexion »
    Alors le message « Le code challenge est incorrect. » s'affiche à côté du champ « Code challenge reçu par SMS »
    Et aucune session EU Login n'est ouverte
    Et le monde est inchangé, hormis la tentative erronée comptée

  @2.16
  Plan du scénario: 2.16 — un code challenge de connexion de <longueur> caractères est refusé
    Étant donné un pensionné qui a terminé la 1ère étape
    Et EU Login vient de lui envoyer par SMS un code challenge pour RCAM
    Quand il saisit « <code> » dans les cases du code challenge
    Et il clique sur « Connexion »
    Alors le message « Le code challenge compte 9 caractères. » s'affiche à côté du champ « Code challenge reçu par SMS »
    Et le monde est inchangé

    Exemples:
      | longueur | code    |
      | 1        | A       |
      | 6        | ABC-DEF |

  @2.16
  Scénario: 2.16 — un code challenge de connexion expiré est refusé et un nouveau code est envoyé
    Étant donné un pensionné qui a terminé la 1ère étape
    Et EU Login vient de lui envoyer par SMS un code challenge pour RCAM
    Quand il lit le code de 3 x 3 caractères dans le SMS reçu
    Et 10 minutes passent
    Et il reprend le code en minuscules dans les espaces indiqués
    Et il clique sur « Connexion »
    Alors le message « Le code challenge a expiré. Un nouveau code vous a été envoyé. » s'affiche à côté du champ « Code challenge reçu par SMS »
    Et un nouveau code lui a été envoyé par SMS
    Et aucune session EU Login n'est ouverte
    Et le monde est inchangé, hormis le nouveau code envoyé par SMS

  @2.16
  Scénario: 2.16 — trois codes de connexion erronés bloquent la connexion pendant 15 minutes
    Étant donné un pensionné qui a terminé la 1ère étape
    Et EU Login vient de lui envoyer par SMS un code challenge pour RCAM
    Quand il saisit un code challenge erroné
    Et il clique sur « Connexion »
    Et il saisit un code challenge erroné
    Et il clique sur « Connexion »
    Et il saisit un code challenge erroné
    Et il clique sur « Connexion »
    Alors le message « Trop de tentatives erronées. Réessayez dans 15 minutes. » s'affiche à côté du champ « Code challenge reçu par SMS »
    Et aucune session EU Login n'est ouverte
