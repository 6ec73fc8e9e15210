/**
 * The permission matrix: which roles may do what. One table, read by the route guard, by the web client
 * (to draw menus) and by the admin page that shows it. A module adds its permissions here.
 */

/** The roles a user may hold in an organisation, with their Italian names. */
export const ROLES = {
  admin: 'Amministratore',
  sui_operator: 'Operatore SUI',
  sui_manager: 'Responsabile SUI',
  questura_officer: 'Funzionario della Questura',
  inspectorate_officer: 'Funzionario dell’Ispettorato del Lavoro',
  legal_expert: 'Esperto legale',
  mediator: 'Mediatore linguistico-culturale',
  council_secretariat: 'Segreteria del Consiglio territoriale',
  council_member: 'Componente del Consiglio territoriale',
  trainer: 'Formatore',
  trainee: 'Partecipante alla formazione',
  communications: 'Comunicazione',
  project_manager: 'Responsabile di progetto',
  project_supervisor: 'Supervisore di progetto',
  auditor: 'Revisore',
  project_partner: 'Referente di progetto di un partner',
  council_consultant: 'Consulente per la concertazione territoriale e il Consiglio',
  intake_system: 'Sistema esterno di invio domande',
} as const;
export type Role = keyof typeof ROLES;
export const ROLE_NAMES = Object.keys(ROLES) as [Role, ...Role[]];

type PermissionDefinition = { label: string; module: string; roles: readonly Role[] };

export const PERMISSIONS = {
  'cases.access': {
    label: 'Accedere alle pratiche SUI',
    module: 'cases',
    roles: ['sui_operator', 'sui_manager', 'legal_expert', 'mediator'],
  },
  'cases.submit': {
    label: 'Registrare nuove pratiche (allo sportello o da un sistema esterno)',
    module: 'cases',
    roles: ['sui_operator', 'sui_manager', 'intake_system'],
  },
  'cases.act': {
    label: 'Istruire le pratiche: richieste, pareri, convocazioni, esiti',
    module: 'cases',
    roles: ['sui_operator', 'sui_manager'],
  },
  'cases.assign': {
    label: 'Assegnare le pratiche agli operatori',
    module: 'cases',
    roles: ['sui_manager'],
  },
  'cases.quota.manage': {
    label: 'Impostare le quote del decreto flussi della provincia',
    module: 'cases',
    roles: ['sui_manager'],
  },
  'cases.types.read': {
    label: 'Consultare le definizioni dei tipi di pratica',
    module: 'cases',
    roles: ['admin', 'sui_manager', 'sui_operator', 'legal_expert'],
  },
  'cases.desks.manage': {
    label: 'Gestire gli sportelli SUI: orari di apertura e durata degli appuntamenti',
    module: 'cases',
    roles: ['sui_manager'],
  },
  'cases.mediators.manage': {
    label: 'Aggiornare il profilo di ogni mediatore dell’ufficio: lingue, livelli, disponibilità',
    module: 'cases',
    roles: ['sui_manager'],
  },
  'cases.mediators.profile': {
    label: 'Aggiornare il proprio profilo di mediatore: lingue, livelli, disponibilità',
    module: 'cases',
    roles: ['mediator', 'sui_manager'],
  },
  'cases.legal.answer': {
    label: 'Rispondere ai quesiti giuridici posti sulle pratiche',
    module: 'cases',
    roles: ['legal_expert'],
  },
  'exchange.access': {
    label: 'Accedere ai pareri tra uffici',
    module: 'exchange',
    roles: ['sui_operator', 'sui_manager', 'questura_officer', 'inspectorate_officer'],
  },
  'exchange.answer': {
    label: 'Rendere i pareri della Questura e dell’Ispettorato del Lavoro, chiedere informazioni al SUI',
    module: 'exchange',
    roles: ['questura_officer', 'inspectorate_officer'],
  },
  'exchange.problems': {
    label: 'Segnalare e seguire i problemi nel registro condiviso tra gli uffici',
    module: 'exchange',
    roles: [
      'sui_operator',
      'sui_manager',
      'questura_officer',
      'inspectorate_officer',
      'legal_expert',
      'council_secretariat',
      'project_supervisor',
    ],
  },
  'exchange.dashboard': {
    label: 'Consultare i tempi dei pareri e delle pratiche (colli di bottiglia)',
    module: 'exchange',
    roles: [
      'sui_manager',
      'questura_officer',
      'inspectorate_officer',
      'council_secretariat',
      'project_supervisor',
    ],
  },
  'council.access': {
    label: 'Accedere ai lavori del Consiglio territoriale',
    module: 'council',
    roles: [
      'council_secretariat',
      'council_member',
      'sui_manager',
      'project_supervisor',
      'council_consultant',
    ],
  },
  'council.manage': {
    label: 'Gestire il Consiglio territoriale: tavoli, componenti, convocazioni, verbali, azioni, iniziative',
    module: 'council',
    roles: ['council_secretariat'],
  },
  'surveys.build': {
    label:
      'Preparare questionari, invitare chi risponde e leggerne i risultati (segreteria del Consiglio per i propri, formatori e progetto per la formazione, comunicazione per gli eventi)',
    module: 'surveys',
    roles: ['council_secretariat', 'trainer', 'project_manager', 'communications'],
  },
  'training.access': {
    label: 'Accedere alla formazione',
    module: 'training',
    roles: ['trainer', 'trainee', 'legal_expert', 'project_manager', 'sui_manager'],
  },
  'training.manage': {
    label: 'Creare i corsi e programmarne le edizioni e le sessioni',
    module: 'training',
    roles: ['trainer', 'project_manager'],
  },
  'training.oversee': {
    label: 'Seguire ogni corso: edizioni, registri delle presenze e iscritti di tutti i formatori',
    module: 'training',
    roles: ['project_manager'],
  },
  'training.enrol': {
    label: 'Iscriversi ai corsi e registrare la propria presenza',
    module: 'training',
    roles: ['trainee'],
  },
  'training.staff': {
    label: 'Iscrivere ai corsi le persone del proprio ente',
    module: 'training',
    roles: ['sui_manager'],
  },
  'training.attendance': {
    label: 'Tenere il registro delle presenze e mostrare il codice di presenza dei propri corsi',
    module: 'training',
    roles: ['trainer'],
  },
  'training.mentoring': {
    label:
      'Registrare la formazione sul lavoro del team SUI: le ore di affiancamento date (il responsabile SUI, quelle di tutto l’ufficio)',
    module: 'training',
    roles: ['sui_operator', 'sui_manager', 'legal_expert', 'mediator'],
  },
  'outreach.access': {
    label: 'Accedere alla comunicazione',
    module: 'outreach',
    roles: ['communications', 'legal_expert', 'mediator', 'project_manager'],
  },
  'outreach.events.manage': {
    label:
      'Preparare gli eventi (convegno finale, installazione teatrale, laboratori), pubblicarli e gestirne le iscrizioni',
    module: 'outreach',
    roles: ['communications', 'project_manager'],
  },
  'outreach.articles.manage': {
    label:
      'Scrivere le notizie e gli avvisi del portale, tradurli, programmarne la pubblicazione e archiviarli',
    module: 'outreach',
    roles: ['communications', 'project_manager'],
  },
  'outreach.articles.review': {
    label:
      'Revisionare le notizie prima della pubblicazione (testo italiano: staff della comunicazione; traduzioni: mediatore della lingua)',
    module: 'outreach',
    roles: ['communications', 'project_manager', 'mediator'],
  },
  'outreach.publications.manage': {
    label:
      'Curare le pubblicazioni (opuscoli, volantini, manifesti, rapporti): i PDF per lingua, la tiratura e la distribuzione',
    module: 'outreach',
    roles: ['communications', 'project_manager'],
  },
  'outreach.press.manage': {
    label: 'Tenere la rassegna stampa: articoli, servizi e trasmissioni sul progetto, con la loro diffusione',
    module: 'outreach',
    roles: ['communications', 'project_manager'],
  },
  'outreach.checkin': {
    label: 'Registrare gli ingressi agli eventi con il biglietto, alla porta',
    module: 'outreach',
    roles: ['communications', 'project_manager', 'mediator'],
  },
  'portal.sheets.edit': {
    label: 'Scrivere e tradurre le schede delle procedure e il glossario del portale pubblico',
    module: 'portal',
    roles: ['communications', 'legal_expert', 'mediator'],
  },
  'portal.sheets.review': {
    label:
      'Revisionare le schede del portale (testo italiano: esperto legale; traduzioni: mediatore della lingua)',
    module: 'portal',
    roles: ['legal_expert', 'mediator'],
  },
  'portal.sheets.publish': {
    label: 'Pubblicare sul portale le schede revisionate',
    module: 'portal',
    roles: ['communications', 'legal_expert'],
  },
  'project.access': {
    label:
      'Consultare i progetti FAMI: piano, cronoprogramma, note mensili e indicatori (chi vi lavora, chi li controlla)',
    module: 'project',
    roles: [
      'project_manager',
      'project_supervisor',
      'auditor',
      'project_partner',
      'legal_expert',
      'council_consultant',
      'sui_operator',
      'sui_manager',
      'mediator',
      'trainer',
      'communications',
    ],
  },
  'project.finance.read': {
    label:
      'Consultare budget, spese, personale e costi orari del progetto (il referente di un partner solo quelli del proprio ente)',
    module: 'project',
    roles: ['project_manager', 'project_supervisor', 'auditor', 'project_partner'],
  },
  'project.manage': {
    label: 'Creare e modificare i progetti finanziati e i loro partner',
    module: 'project',
    roles: ['project_manager'],
  },
  'project.plan.manage': {
    label: 'Pianificare e aggiornare work package, attività, prodotti e tappe',
    module: 'project',
    roles: ['project_manager', 'project_supervisor'],
  },
  'project.notes.write': {
    label: 'Scrivere la nota mensile di avanzamento di un work package',
    module: 'project',
    roles: ['project_supervisor'],
  },
  'project.budget.manage': {
    label: 'Impostare il budget del progetto per macro-voce e partner e registrarne le rimodulazioni',
    module: 'project',
    roles: ['project_manager'],
  },
  'project.expenses.write': {
    label:
      'Registrare le spese con giustificativi e pagamenti (il referente di un partner solo quelle del proprio ente)',
    module: 'project',
    roles: ['project_manager', 'project_partner'],
  },
  'project.staff.manage': {
    label: 'Registrare il personale e gli incarichi del progetto, con contratto e costo orario',
    module: 'project',
    roles: ['project_manager'],
  },
  'project.timesheets.own': {
    label: 'Compilare e inviare i propri fogli ore del progetto',
    module: 'project',
    roles: [
      'sui_operator',
      'sui_manager',
      'legal_expert',
      'mediator',
      'trainer',
      'communications',
      'project_manager',
      'project_supervisor',
      'project_partner',
      'council_consultant',
    ],
  },
  'project.timesheets.approve': {
    label: 'Approvare o respingere i fogli ore inviati',
    module: 'project',
    roles: ['project_supervisor'],
  },
  'project.indicators.manage': {
    label: 'Definire gli indicatori del progetto, inserirne i valori manuali e congelarli per periodo',
    module: 'project',
    roles: ['project_manager'],
  },
  'project.indicators.evidence': {
    label:
      'Scaricare i file di evidenza dei valori inseriti a mano (registri, questionari), che possono nominare persone',
    module: 'project',
    roles: ['project_manager', 'project_supervisor', 'auditor'],
  },
  'project.procurement.read': {
    label:
      'Consultare le procedure di acquisto e gli incarichi esterni del progetto, con le verifiche dell’esperto legale',
    module: 'project',
    roles: ['project_manager', 'project_supervisor', 'auditor', 'project_partner', 'legal_expert'],
  },
  'project.procurement.manage': {
    label:
      'Registrare procedure di acquisto e incarichi esterni con i loro documenti (il referente di un partner solo quelli del proprio ente)',
    module: 'project',
    roles: ['project_manager', 'project_partner'],
  },
  'project.procurement.check': {
    label: 'Verificare le procedure di acquisto e gli incarichi esterni con la lista di controllo',
    module: 'project',
    roles: ['legal_expert'],
  },
  'project.assignments.read': {
    label:
      'Consultare i contratti degli incarichi esterni del progetto (periodo, ore o prodotti, compenso) per verificarli; non i costi del personale dipendente',
    module: 'project',
    roles: ['legal_expert'],
  },
  'project.claims.read': {
    label: 'Consultare le domande di rimborso, le verifiche del revisore e i verbali',
    module: 'project',
    roles: ['project_manager', 'project_supervisor', 'auditor'],
  },
  'project.claims.manage': {
    label: 'Preparare e presentare le domande di rimborso',
    module: 'project',
    roles: ['project_manager'],
  },
  'project.claims.verify': {
    label: 'Verificare le spese di una domanda di rimborso e redigere il verbale di verifica',
    module: 'project',
    roles: ['auditor'],
  },
  'council.tables.facilitate': {
    label:
      'Facilitare i tavoli tematici assegnati: convocazioni, ordini del giorno, bozze di verbale e analisi dei bisogni, approvate dalla segreteria',
    module: 'council',
    roles: ['council_consultant'],
  },
  'council.concertation.write': {
    label: 'Registrare incontri e contatti della concertazione territoriale',
    module: 'council',
    roles: ['council_consultant', 'council_secretariat'],
  },
  'identity.organisations.read': {
    label: 'Consultare l’elenco degli enti',
    module: 'identity',
    roles: ROLE_NAMES,
  },
  'identity.organisations.manage': {
    label: 'Creare, modificare e disattivare enti',
    module: 'identity',
    roles: ['admin'],
  },
  'identity.users.read': {
    label: 'Consultare gli utenti (il responsabile SUI vede solo quelli del proprio ente)',
    module: 'identity',
    roles: ['admin', 'sui_manager'],
  },
  'identity.users.manage': {
    label: 'Invitare utenti, assegnare ruoli, disattivare utenti',
    module: 'identity',
    roles: ['admin'],
  },
  'identity.permissions.read': {
    label: 'Consultare la matrice dei permessi',
    module: 'identity',
    roles: ['admin', 'auditor', 'project_supervisor'],
  },
  'audit.read': {
    label: 'Consultare ed esportare il registro delle attività',
    module: 'audit',
    roles: ['admin', 'auditor'],
  },
  'ops.backup.manage': {
    label: 'Consultare lo stato dei backup ed eseguirne uno',
    module: 'ops',
    roles: ['admin'],
  },
  'privacy.retention.manage': {
    label: 'Consultare e modificare i tempi di conservazione, vedere le eliminazioni eseguite',
    module: 'privacy',
    roles: ['admin'],
  },
  'privacy.subjects.manage': {
    label: 'Cercare tutti i dati di una persona ed esportarli per una richiesta di accesso (art. 15 GDPR)',
    module: 'privacy',
    roles: ['sui_manager'],
  },
  'privacy.register.read': {
    label: 'Consultare il registro delle attività di trattamento (art. 30 GDPR)',
    module: 'privacy',
    roles: ['admin', 'sui_manager', 'auditor', 'project_supervisor'],
  },
  'cases.persons.rectify': {
    label: 'Rettificare i dati anagrafici di una persona, conservandone la storia',
    module: 'cases',
    roles: ['sui_manager'],
  },
  'cases.legal-hold': {
    label: 'Sospendere l’eliminazione di una pratica per un vincolo legale e revocare la sospensione',
    module: 'cases',
    roles: ['sui_manager'],
  },
  'updates.read': {
    label: 'Leggere le novità normative pubblicate dall’esperto legale e segnarle come lette',
    module: 'updates',
    roles: ['sui_operator', 'sui_manager', 'legal_expert', 'project_manager'],
  },
  'updates.write': {
    label: 'Scrivere e pubblicare le novità normative: norme, circolari e sentenze',
    module: 'updates',
    roles: ['legal_expert'],
  },
  'updates.oversee': {
    label:
      'Vedere chi del proprio ufficio ha letto le novità normative e segnare come applicate le modifiche ai tipi di pratica che richiedono',
    module: 'updates',
    roles: ['sui_manager'],
  },
} as const satisfies Record<string, PermissionDefinition>;

export type Permission = keyof typeof PERMISSIONS;
export const PERMISSION_NAMES = Object.keys(PERMISSIONS) as [Permission, ...Permission[]];

/** Who may call a route: anyone, any signed-in user, or the holders of a permission. */
export type RouteAccess = 'public' | 'authenticated' | Permission;

export function isGranted(roles: readonly Role[], permission: Permission): boolean {
  const allowed: readonly Role[] = PERMISSIONS[permission].roles;
  return roles.some((role) => allowed.includes(role));
}

export function permissionsOf(roles: readonly Role[]): Permission[] {
  return PERMISSION_NAMES.filter((permission) => isGranted(roles, permission));
}
