import { importMessagesDe, importMessagesEn, importMessagesFr } from './console-import-messages.js';
import { personMessagesDe, personMessagesEn, personMessagesFr } from './console-person-messages.js';

/**
 * Every text of the console, in the three languages it speaks. English is the reference: the other two are typed by
 * its keys, so a text added in English without a translation does not compile (and a spec checks none is empty).
 * `{name}` marks a value filled in at rendering.
 */
const coreEn = {
  'app.title': 'National node console',
  'app.skip': 'Skip to the content',
  'app.language': 'Language',
  'app.signedInAs': 'Signed in as {subject} ({roles}), {country}',
  'app.signOut': 'Sign out',
  'app.node': 'Node {nodeId}, reporting for {country}',
  'signIn.title': 'Sign in',
  'signIn.intro': 'The console is opened with a sign-in link: a short-lived code that works once.',
  'signIn.development':
    'On a development machine, `npm start` prints one link per node and role. A new one: the node’s address followed by `/console/sign-in?code=` and a token of `npm run token -- --role RAPPORTEUR --country XX --ttl 15m`.',
  'signIn.expired': 'Your session has ended (signed out, or idle for too long). Open a new sign-in link.',
  'signIn.signedOut': 'You are signed out.',
  'signIn.provider': 'Sign in with your organisation’s account',
  'signIn.providerHint': 'You sign in at your organisation’s identity provider, which sends you back here.',
  'error.SIGN_IN_REFUSED': 'The sign-in did not complete ({reason}). Start it again from the sign-in page.',
  'error.title': 'Something needs your attention',
  'error.back': 'Back to the console',
  'error.SIGN_IN_CODE_INVALID': 'This sign-in link is not valid here: {reason}',
  'error.SIGN_IN_CODE_USED': 'This sign-in link has been used already. Each link works once: open a new one.',
  'error.SIGN_IN_CODE_TOO_LONG_LIVED': 'This link carries a long-lived token. Sign-in links must expire within an hour.',
  'error.NOT_A_CONSOLE_ROLE': 'Your roles include neither rapporteur nor steward, the roles this console serves.',
  'error.COUNTRY_OUT_OF_SCOPE': 'Your account does not act for {country}, the country of this node.',
  'error.FORM_EXPIRED': 'This form is out of date (it was sent already, or the page is old). Nothing was done twice.',
  'error.CROSS_SITE': 'The request did not come from a page of this console and was refused.',
  'error.UNAUTHENTICATED': 'Sign-in required.',
  'error.FORBIDDEN': 'Your roles do not allow this.',
  'error.NOT_FOUND': 'There is no such page.',
  'error.PERIOD_NOT_STARTED': 'The quarter has not begun yet.',
  'error.PERIOD_TOO_EARLY': 'The quarter is before the first period this node reports.',
  'error.ZERO_NOT_CONFIRMED':
    'This node has never had a registration in the quarter. Check the quarter; if the country truly had none, tick the confirmation to publish a true zero.',
  'error.NOT_A_ZERO': 'The quarter has registrations: it cannot be confirmed as a true zero.',
  'error.INVALID_PERIOD': 'That is not a quarter (write it like 2026-Q1).',
  'error.RATE_LIMITED': 'Too many requests: wait a moment and try again.',
  'error.UNEXPECTED': 'The node could not do this. The problem is in its log, under the request id {requestId}.',
  'home.title': 'Quarterly returns',
  'home.intro': 'Choose a quarter to see its figures as the hub would publish them, then sign and submit it.',
  'home.quarter': 'Quarter',
  'home.lastRevision': 'Last submitted revision',
  'home.delivery': 'Delivery',
  'home.notSubmitted': 'not submitted',
  'home.open': 'Open {period}',
  'return.title': 'Return for {period}',
  'return.summary': '{records} registrations go to the hub; withheld: {noConsent} without consent, {invalid} not passing the standard.',
  'return.nextRevision': 'Submitting now signs revision {revision}.',
  'return.threshold':
    'Figures as the hub protects them with the threshold rule (k = {threshold}): a count below k is confidential (c). The hub perturbs published values with a key only it holds, so exact published values cannot be shown here.',
  'return.datasets': 'Figures by dataset',
  'return.cells': '{cells} cells',
  'return.coordinates': 'Cell',
  'return.count': 'Your count',
  'return.published': 'Published',
  'return.flags': 'Flags',
  'return.legend': 'Flags',
  'return.flag.c': 'confidential (below the threshold, or suppressed to protect another cell)',
  'return.flag.u': 'low reliability (a published value below k)',
  'return.belowThreshold': 'below the threshold',
  'return.changes': 'Changes since revision {revision}',
  'return.noChanges': 'No figure differs from revision {revision}.',
  'return.firstSubmission': 'Nothing has been submitted for this quarter yet.',
  'return.before': 'Before',
  'return.after': 'Now',
  'return.dataset': 'Dataset',
  'return.moreChanges': '{count} more changes are not listed.',
  'return.submit': 'Sign and submit revision {revision}',
  'return.confirmZero': 'The country had no registration in {period}: publish a true zero.',
  'return.submitted': 'Revision {revision} is signed and queued for the hub.',
  'return.deliveryTitle': 'Delivery to the hub',
  'return.revision': 'Revision',
  'return.generatedAt': 'Signed at',
  'return.state': 'State',
  'return.attempts': 'Attempts',
  'return.nextAttempt': 'Next attempt',
  'return.lastError': 'Last error',
  'return.hubAnswer': 'Hub answer',
  'return.live': 'This table follows delivery by itself.',
  'state.PENDING': 'queued',
  'state.SENDING': 'sending',
  'state.DELIVERED': 'delivered (receipt not verified)',
  'state.RECEIPTED': 'receipted by the hub',
  'state.REJECTED': 'refused by the hub',
  'state.RETRYING': 'retrying',
  'chart.title': 'Registered victims by sex, {period}',
  'chart.none': 'No figure to draw.',
  'home.consentTitle': 'Consent',
  'home.consentIntro': 'Revoke a person’s consent and follow the hub’s signed receipt.',
  'home.consentLink': 'Consent revocations',
  'consent.title': 'Consent revocations',
  'consent.findTitle': 'Revoke consent',
  'consent.findIntro': 'Find the person by the case reference your office gave them. Nothing is done until you confirm.',
  'consent.reference': 'Case reference',
  'consent.find': 'Find the person',
  'consent.notFound': 'No person has the case reference {reference}.',
  'consent.alreadyRevoked': 'This person’s consent was revoked already, on {date}.',
  'consent.confirmTitle': 'Revoke the consent of case {reference}?',
  'consent.person': 'The person with case reference {reference}: {registrations} registrations, international consent given on {given}.',
  'consent.willHappen': 'What will happen, for good:',
  'consent.erase':
    'The hub erases every record of this person at once; the node sends a signed notice and keeps trying until the hub’s signed receipt comes back.',
  'consent.exclude': 'The person is left out of each period’s figures from that period’s next revision on.',
  'consent.destroy': 'The person’s identity key is destroyed here: their identity cannot be read again, by anyone.',
  'consent.confirm': 'Revoke consent for good',
  'consent.cancel': 'Cancel',
  'consent.revoked': 'Consent revoked. The notice is on its way to the hub.',
  'consent.revokedAt': 'Revoked at',
  'consent.pseudonym': 'Pseudonym (as the hub knows it)',
  'consent.erased': 'Records erased at the hub',
  'consent.receipt': 'Hub receipt',
  'consent.promise': 'What the hub promises',
  'consent.none': 'No consent has been revoked at this node.',
  'revocation.QUEUED': 'queued',
  'revocation.DELIVERED': 'delivered (receipt not verified: no hub key configured)',
  'revocation.RECEIPTED': 'receipt verified with the hub’s key',
  'revocation.REJECTED': 'refused by the hub',
  'error.ALREADY_REVOKED': 'This person’s consent was revoked already (perhaps by a colleague a moment ago). Nothing was done twice.',
  'error.NOT_ALLOWED': 'Your roles do not allow this.',
} as const;

const en = { ...coreEn, ...personMessagesEn, ...importMessagesEn };
/** Keys two parts define (one would hide the other): none, as the spec checks. */
const MESSAGE_PARTS: ReadonlyArray<Readonly<Record<string, string>>> = [coreEn, personMessagesEn, importMessagesEn];
export const OVERLAPPING_MESSAGE_KEYS = MESSAGE_PARTS.flatMap((part, index) =>
  Object.keys(part).filter((key) => MESSAGE_PARTS.some((other, otherIndex) => otherIndex !== index && key in other)),
);

export type MessageKey = keyof typeof en;
export type Messages = Readonly<Record<MessageKey, string>>;
type CoreMessages = Readonly<Record<keyof typeof coreEn, string>>;

const coreFr: CoreMessages = {
  'app.title': 'Console du nœud national',
  'app.skip': 'Aller au contenu',
  'app.language': 'Langue',
  'app.signedInAs': 'Connecté en tant que {subject} ({roles}), {country}',
  'app.signOut': 'Se déconnecter',
  'app.node': 'Nœud {nodeId}, déclarant pour {country}',
  'signIn.title': 'Connexion',
  'signIn.intro': "La console s'ouvre avec un lien de connexion : un code de courte durée, valable une seule fois.",
  'signIn.development':
    'Sur une machine de développement, `npm start` affiche un lien par nœud et par rôle. Pour un nouveau lien : l’adresse du nœud suivie de `/console/sign-in?code=` et d’un jeton de `npm run token -- --role RAPPORTEUR --country XX --ttl 15m`.',
  'signIn.expired': 'Votre session a pris fin (déconnexion, ou inactivité prolongée). Ouvrez un nouveau lien de connexion.',
  'signIn.signedOut': 'Vous êtes déconnecté.',
  'signIn.provider': 'Se connecter avec le compte de votre organisation',
  'signIn.providerHint': 'Vous vous connectez auprès du fournisseur d’identité de votre organisation, qui vous renvoie ici.',
  'error.SIGN_IN_REFUSED': 'La connexion n’a pas abouti ({reason}). Recommencez depuis la page de connexion.',
  'error.title': 'Un point demande votre attention',
  'error.back': 'Retour à la console',
  'error.SIGN_IN_CODE_INVALID': "Ce lien de connexion n'est pas valable ici : {reason}",
  'error.SIGN_IN_CODE_USED': 'Ce lien de connexion a déjà servi. Chaque lien ne vaut qu’une fois : ouvrez-en un nouveau.',
  'error.SIGN_IN_CODE_TOO_LONG_LIVED': 'Ce lien porte un jeton de longue durée. Un lien de connexion doit expirer en moins d’une heure.',
  'error.NOT_A_CONSOLE_ROLE': 'Vos rôles ne comprennent ni rapporteur ni gestionnaire des données, les rôles que sert cette console.',
  'error.COUNTRY_OUT_OF_SCOPE': "Votre compte n'agit pas pour {country}, le pays de ce nœud.",
  'error.FORM_EXPIRED': "Ce formulaire n'est plus à jour (déjà envoyé, ou page ancienne). Rien n'a été fait deux fois.",
  'error.CROSS_SITE': "La demande ne venait pas d'une page de cette console ; elle a été refusée.",
  'error.UNAUTHENTICATED': 'Connexion requise.',
  'error.FORBIDDEN': 'Vos rôles ne le permettent pas.',
  'error.NOT_FOUND': "Cette page n'existe pas.",
  'error.PERIOD_NOT_STARTED': "Le trimestre n'a pas encore commencé.",
  'error.PERIOD_TOO_EARLY': 'Le trimestre précède la première période que déclare ce nœud.',
  'error.ZERO_NOT_CONFIRMED':
    "Ce nœud n'a jamais eu d'enregistrement pour ce trimestre. Vérifiez le trimestre ; si le pays n'en a vraiment eu aucun, cochez la confirmation pour publier un vrai zéro.",
  'error.NOT_A_ZERO': 'Le trimestre compte des enregistrements : il ne peut pas être confirmé comme un vrai zéro.',
  'error.INVALID_PERIOD': "Ce n'est pas un trimestre (écrivez-le comme 2026-Q1).",
  'error.RATE_LIMITED': 'Trop de demandes : attendez un instant et réessayez.',
  'error.UNEXPECTED': "Le nœud n'a pas pu le faire. Le problème figure dans son journal, sous l'identifiant de requête {requestId}.",
  'home.title': 'Déclarations trimestrielles',
  'home.intro': 'Choisissez un trimestre pour voir ses chiffres tels que le hub les publierait, puis signez-le et envoyez-le.',
  'home.quarter': 'Trimestre',
  'home.lastRevision': 'Dernière révision envoyée',
  'home.delivery': 'Transmission',
  'home.notSubmitted': 'non envoyé',
  'home.open': 'Ouvrir {period}',
  'return.title': 'Déclaration pour {period}',
  'return.summary':
    '{records} enregistrements partent vers le hub ; retenus : {noConsent} sans consentement, {invalid} non conformes à la norme.',
  'return.nextRevision': 'Envoyer maintenant signe la révision {revision}.',
  'return.threshold':
    'Chiffres tels que le hub les protège par la règle du seuil (k = {threshold}) : un effectif inférieur à k est confidentiel (c). Le hub perturbe les valeurs publiées avec une clé que lui seul détient ; les valeurs publiées exactes ne peuvent donc pas être montrées ici.',
  'return.datasets': 'Chiffres par jeu de données',
  'return.cells': '{cells} cellules',
  'return.coordinates': 'Cellule',
  'return.count': 'Votre effectif',
  'return.published': 'Publié',
  'return.flags': 'Signes',
  'return.legend': 'Signes',
  'return.flag.c': 'confidentiel (sous le seuil, ou supprimé pour protéger une autre cellule)',
  'return.flag.u': 'fiabilité faible (valeur publiée inférieure à k)',
  'return.belowThreshold': 'sous le seuil',
  'return.changes': 'Changements depuis la révision {revision}',
  'return.noChanges': 'Aucun chiffre ne diffère de la révision {revision}.',
  'return.firstSubmission': "Rien n'a encore été envoyé pour ce trimestre.",
  'return.before': 'Avant',
  'return.after': 'Maintenant',
  'return.dataset': 'Jeu de données',
  'return.moreChanges': '{count} autres changements ne sont pas listés.',
  'return.submit': 'Signer et envoyer la révision {revision}',
  'return.confirmZero': "Le pays n'a eu aucun enregistrement en {period} : publier un vrai zéro.",
  'return.submitted': 'La révision {revision} est signée et en attente d’envoi au hub.',
  'return.deliveryTitle': 'Transmission au hub',
  'return.revision': 'Révision',
  'return.generatedAt': 'Signée le',
  'return.state': 'État',
  'return.attempts': 'Tentatives',
  'return.nextAttempt': 'Prochaine tentative',
  'return.lastError': 'Dernière erreur',
  'return.hubAnswer': 'Réponse du hub',
  'return.live': 'Ce tableau suit la transmission de lui-même.',
  'state.PENDING': 'en attente',
  'state.SENDING': 'en cours d’envoi',
  'state.DELIVERED': 'transmise (accusé non vérifié)',
  'state.RECEIPTED': 'accusé de réception du hub',
  'state.REJECTED': 'refusée par le hub',
  'state.RETRYING': 'nouvelle tentative',
  'chart.title': 'Victimes enregistrées par sexe, {period}',
  'chart.none': 'Aucun chiffre à tracer.',
  'home.consentTitle': 'Consentement',
  'home.consentIntro': 'Révoquer le consentement d’une personne et suivre l’accusé signé du hub.',
  'home.consentLink': 'Révocations de consentement',
  'consent.title': 'Révocations de consentement',
  'consent.findTitle': 'Révoquer un consentement',
  'consent.findIntro':
    'Trouvez la personne par la référence de dossier que votre service lui a donnée. Rien n’est fait avant votre confirmation.',
  'consent.reference': 'Référence du dossier',
  'consent.find': 'Trouver la personne',
  'consent.notFound': 'Aucune personne n’a la référence de dossier {reference}.',
  'consent.alreadyRevoked': 'Le consentement de cette personne a déjà été révoqué, le {date}.',
  'consent.confirmTitle': 'Révoquer le consentement du dossier {reference} ?',
  'consent.person': 'La personne de référence {reference} : {registrations} enregistrements, consentement international donné le {given}.',
  'consent.willHappen': 'Ce qui va se passer, définitivement :',
  'consent.erase':
    'Le hub efface aussitôt tout enregistrement de cette personne ; le nœud envoie un avis signé et réessaie jusqu’au retour de l’accusé signé du hub.',
  'consent.exclude': 'La personne est retirée des chiffres de chaque période à partir de la prochaine révision de cette période.',
  'consent.destroy': 'La clé d’identité de la personne est détruite ici : son identité ne pourra plus être lue par personne.',
  'consent.confirm': 'Révoquer définitivement le consentement',
  'consent.cancel': 'Annuler',
  'consent.revoked': 'Consentement révoqué. L’avis est en route vers le hub.',
  'consent.revokedAt': 'Révoqué le',
  'consent.pseudonym': 'Pseudonyme (connu du hub)',
  'consent.erased': 'Enregistrements effacés au hub',
  'consent.receipt': 'Accusé du hub',
  'consent.promise': 'Ce que promet le hub',
  'consent.none': 'Aucun consentement n’a été révoqué sur ce nœud.',
  'revocation.QUEUED': 'en attente',
  'revocation.DELIVERED': 'transmis (accusé non vérifié : clé du hub non configurée)',
  'revocation.RECEIPTED': 'accusé vérifié avec la clé du hub',
  'revocation.REJECTED': 'refusé par le hub',
  'error.ALREADY_REVOKED':
    'Le consentement de cette personne a déjà été révoqué (peut-être par un collègue à l’instant). Rien n’a été fait deux fois.',
  'error.NOT_ALLOWED': 'Vos rôles ne le permettent pas.',
};

const coreDe: CoreMessages = {
  'app.title': 'Konsole des nationalen Knotens',
  'app.skip': 'Zum Inhalt springen',
  'app.language': 'Sprache',
  'app.signedInAs': 'Angemeldet als {subject} ({roles}), {country}',
  'app.signOut': 'Abmelden',
  'app.node': 'Knoten {nodeId}, meldet für {country}',
  'signIn.title': 'Anmelden',
  'signIn.intro': 'Die Konsole wird mit einem Anmeldelink geöffnet: einem kurzlebigen Code, der einmal gilt.',
  'signIn.development':
    'Auf einem Entwicklungsrechner gibt `npm start` einen Link je Knoten und Rolle aus. Ein neuer Link: die Adresse des Knotens, dann `/console/sign-in?code=` und ein Token von `npm run token -- --role RAPPORTEUR --country XX --ttl 15m`.',
  'signIn.expired': 'Ihre Sitzung ist beendet (abgemeldet oder zu lange inaktiv). Öffnen Sie einen neuen Anmeldelink.',
  'signIn.signedOut': 'Sie sind abgemeldet.',
  'signIn.provider': 'Mit dem Konto Ihrer Organisation anmelden',
  'signIn.providerHint': 'Sie melden sich beim Identitätsanbieter Ihrer Organisation an, der Sie hierher zurückschickt.',
  'error.SIGN_IN_REFUSED': 'Die Anmeldung wurde nicht abgeschlossen ({reason}). Beginnen Sie erneut auf der Anmeldeseite.',
  'error.title': 'Etwas braucht Ihre Aufmerksamkeit',
  'error.back': 'Zurück zur Konsole',
  'error.SIGN_IN_CODE_INVALID': 'Dieser Anmeldelink gilt hier nicht: {reason}',
  'error.SIGN_IN_CODE_USED': 'Dieser Anmeldelink wurde bereits benutzt. Jeder Link gilt einmal: Öffnen Sie einen neuen.',
  'error.SIGN_IN_CODE_TOO_LONG_LIVED': 'Dieser Link trägt ein langlebiges Token. Anmeldelinks müssen binnen einer Stunde ablaufen.',
  'error.NOT_A_CONSOLE_ROLE': 'Ihre Rollen umfassen weder Berichterstattung noch Datenverwaltung, für die diese Konsole da ist.',
  'error.COUNTRY_OUT_OF_SCOPE': 'Ihr Konto handelt nicht für {country}, das Land dieses Knotens.',
  'error.FORM_EXPIRED': 'Dieses Formular ist nicht mehr aktuell (schon gesendet oder eine alte Seite). Nichts wurde doppelt ausgeführt.',
  'error.CROSS_SITE': 'Die Anfrage kam nicht von einer Seite dieser Konsole und wurde abgelehnt.',
  'error.UNAUTHENTICATED': 'Anmeldung erforderlich.',
  'error.FORBIDDEN': 'Ihre Rollen erlauben das nicht.',
  'error.NOT_FOUND': 'Diese Seite gibt es nicht.',
  'error.PERIOD_NOT_STARTED': 'Das Quartal hat noch nicht begonnen.',
  'error.PERIOD_TOO_EARLY': 'Das Quartal liegt vor dem ersten Zeitraum, den dieser Knoten meldet.',
  'error.ZERO_NOT_CONFIRMED':
    'Dieser Knoten hatte in dem Quartal nie eine Registrierung. Prüfen Sie das Quartal; hatte das Land wirklich keine, bestätigen Sie, um eine echte Null zu veröffentlichen.',
  'error.NOT_A_ZERO': 'Das Quartal hat Registrierungen: Es kann nicht als echte Null bestätigt werden.',
  'error.INVALID_PERIOD': 'Das ist kein Quartal (schreiben Sie es wie 2026-Q1).',
  'error.RATE_LIMITED': 'Zu viele Anfragen: Warten Sie einen Moment und versuchen Sie es erneut.',
  'error.UNEXPECTED': 'Der Knoten konnte das nicht ausführen. Das Problem steht in seinem Protokoll unter der Anfrage-ID {requestId}.',
  'home.title': 'Quartalsmeldungen',
  'home.intro':
    'Wählen Sie ein Quartal, um seine Zahlen so zu sehen, wie der Hub sie veröffentlichen würde, und signieren und senden Sie es.',
  'home.quarter': 'Quartal',
  'home.lastRevision': 'Zuletzt gesendete Revision',
  'home.delivery': 'Zustellung',
  'home.notSubmitted': 'nicht gesendet',
  'home.open': '{period} öffnen',
  'return.title': 'Meldung für {period}',
  'return.summary':
    '{records} Registrierungen gehen an den Hub; zurückgehalten: {noConsent} ohne Einwilligung, {invalid} entsprechen nicht dem Standard.',
  'return.nextRevision': 'Jetzt senden signiert Revision {revision}.',
  'return.threshold':
    'Zahlen, wie der Hub sie mit der Schwellenregel schützt (k = {threshold}): Eine Zahl unter k ist vertraulich (c). Der Hub verrauscht veröffentlichte Werte mit einem Schlüssel, den nur er hat; die genauen veröffentlichten Werte lassen sich hier daher nicht zeigen.',
  'return.datasets': 'Zahlen nach Datensatz',
  'return.cells': '{cells} Zellen',
  'return.coordinates': 'Zelle',
  'return.count': 'Ihre Zahl',
  'return.published': 'Veröffentlicht',
  'return.flags': 'Kennzeichen',
  'return.legend': 'Kennzeichen',
  'return.flag.c': 'vertraulich (unter der Schwelle oder zum Schutz einer anderen Zelle unterdrückt)',
  'return.flag.u': 'geringe Zuverlässigkeit (veröffentlichter Wert unter k)',
  'return.belowThreshold': 'unter der Schwelle',
  'return.changes': 'Änderungen seit Revision {revision}',
  'return.noChanges': 'Keine Zahl weicht von Revision {revision} ab.',
  'return.firstSubmission': 'Für dieses Quartal wurde noch nichts gesendet.',
  'return.before': 'Vorher',
  'return.after': 'Jetzt',
  'return.dataset': 'Datensatz',
  'return.moreChanges': '{count} weitere Änderungen sind nicht aufgeführt.',
  'return.submit': 'Revision {revision} signieren und senden',
  'return.confirmZero': 'Das Land hatte in {period} keine Registrierung: eine echte Null veröffentlichen.',
  'return.submitted': 'Revision {revision} ist signiert und wartet auf die Zustellung an den Hub.',
  'return.deliveryTitle': 'Zustellung an den Hub',
  'return.revision': 'Revision',
  'return.generatedAt': 'Signiert am',
  'return.state': 'Status',
  'return.attempts': 'Versuche',
  'return.nextAttempt': 'Nächster Versuch',
  'return.lastError': 'Letzter Fehler',
  'return.hubAnswer': 'Antwort des Hubs',
  'return.live': 'Diese Tabelle verfolgt die Zustellung von selbst.',
  'state.PENDING': 'in der Warteschlange',
  'state.SENDING': 'wird gesendet',
  'state.DELIVERED': 'zugestellt (Quittung nicht geprüft)',
  'state.RECEIPTED': 'vom Hub quittiert',
  'state.REJECTED': 'vom Hub abgelehnt',
  'state.RETRYING': 'neuer Versuch',
  'chart.title': 'Registrierte Opfer nach Geschlecht, {period}',
  'chart.none': 'Keine Zahl zu zeichnen.',
  'home.consentTitle': 'Einwilligung',
  'home.consentIntro': 'Die Einwilligung einer Person widerrufen und die signierte Quittung des Hubs verfolgen.',
  'home.consentLink': 'Widerrufe von Einwilligungen',
  'consent.title': 'Widerrufe von Einwilligungen',
  'consent.findTitle': 'Einwilligung widerrufen',
  'consent.findIntro': 'Finden Sie die Person über das Aktenzeichen, das Ihre Stelle vergeben hat. Nichts geschieht, bevor Sie bestätigen.',
  'consent.reference': 'Aktenzeichen',
  'consent.find': 'Person finden',
  'consent.notFound': 'Keine Person hat das Aktenzeichen {reference}.',
  'consent.alreadyRevoked': 'Die Einwilligung dieser Person wurde bereits am {date} widerrufen.',
  'consent.confirmTitle': 'Einwilligung zu Akte {reference} widerrufen?',
  'consent.person':
    'Die Person mit dem Aktenzeichen {reference}: {registrations} Registrierungen, internationale Einwilligung erteilt am {given}.',
  'consent.willHappen': 'Was geschehen wird, endgültig:',
  'consent.erase':
    'Der Hub löscht sofort jeden Datensatz dieser Person; der Knoten sendet eine signierte Mitteilung und versucht es, bis die signierte Quittung des Hubs zurückkommt.',
  'consent.exclude': 'Die Person fehlt in den Zahlen jedes Zeitraums ab dessen nächster Revision.',
  'consent.destroy': 'Der Identitätsschlüssel der Person wird hier vernichtet: Ihre Identität kann von niemandem mehr gelesen werden.',
  'consent.confirm': 'Einwilligung endgültig widerrufen',
  'consent.cancel': 'Abbrechen',
  'consent.revoked': 'Einwilligung widerrufen. Die Mitteilung ist auf dem Weg zum Hub.',
  'consent.revokedAt': 'Widerrufen am',
  'consent.pseudonym': 'Pseudonym (wie der Hub es kennt)',
  'consent.erased': 'Beim Hub gelöschte Datensätze',
  'consent.receipt': 'Quittung des Hubs',
  'consent.promise': 'Was der Hub zusagt',
  'consent.none': 'An diesem Knoten wurde noch keine Einwilligung widerrufen.',
  'revocation.QUEUED': 'in der Warteschlange',
  'revocation.DELIVERED': 'zugestellt (Quittung nicht geprüft: kein Hub-Schlüssel eingerichtet)',
  'revocation.RECEIPTED': 'Quittung mit dem Schlüssel des Hubs geprüft',
  'revocation.REJECTED': 'vom Hub abgelehnt',
  'error.ALREADY_REVOKED':
    'Die Einwilligung dieser Person wurde bereits widerrufen (vielleicht eben von einer Kollegin). Nichts wurde doppelt ausgeführt.',
  'error.NOT_ALLOWED': 'Ihre Rollen erlauben das nicht.',
};

const fr: Messages = { ...coreFr, ...personMessagesFr, ...importMessagesFr };
const de: Messages = { ...coreDe, ...personMessagesDe, ...importMessagesDe };

export const CONSOLE_LANGUAGES = ['en', 'fr', 'de'] as const;
export type ConsoleLanguage = (typeof CONSOLE_LANGUAGES)[number];

export const CONSOLE_MESSAGES: Readonly<Record<ConsoleLanguage, Messages>> = { en, fr, de };

/** Names of the languages in themselves, for the switcher. */
export const LANGUAGE_NAMES: Readonly<Record<ConsoleLanguage, string>> = { en: 'English', fr: 'Français', de: 'Deutsch' };

/** A translator for one language: the text of `key` with its `{name}` placeholders filled in. */
export type Translate = (key: MessageKey, values?: Readonly<Record<string, string | number>>) => string;

export function translator(language: ConsoleLanguage): Translate {
  const messages = CONSOLE_MESSAGES[language];
  return (key, values = {}) => messages[key].replace(/\{(\w+)\}/g, (placeholder, name: string) => String(values[name] ?? placeholder));
}

export function isMessageKey(key: string): key is MessageKey {
  return key in en;
}

/** Whether the console has a message beside a form field for a validation code. */
export function isFieldMessageKey(key: string): key is MessageKey {
  return key.startsWith('field.') && key in en;
}

/** Whether a console message exists for an error code (domain and auth codes share one namespace on the page). */
export function isErrorMessageKey(key: string): key is MessageKey {
  return key.startsWith('error.') && key in en;
}

/**
 * The console's language: an explicit choice (the `lang` cookie the switcher sets) first, then the browser's
 * Accept-Language by quality, then English.
 */
export function negotiateLanguage(chosen: string | undefined, acceptLanguage: string | undefined): ConsoleLanguage {
  if (isConsoleLanguage(chosen)) return chosen;
  const ranked = (acceptLanguage ?? '')
    .split(',')
    .map((part, index) => {
      const [range = '', ...parameters] = part.trim().split(';');
      const quality = parameters.map((parameter) => /^\s*q=([0-9.]+)\s*$/.exec(parameter)?.[1]).find((value) => value !== undefined);
      return { language: range.trim().toLowerCase().split('-')[0] ?? '', quality: quality === undefined ? 1 : Number(quality), index };
    })
    .filter((entry) => entry.quality > 0)
    .sort((a, b) => b.quality - a.quality || a.index - b.index);
  return ranked.map((entry) => entry.language).find(isConsoleLanguage) ?? 'en';
}

export function isConsoleLanguage(value: string | undefined): value is ConsoleLanguage {
  return (CONSOLE_LANGUAGES as readonly string[]).includes(value ?? '');
}
