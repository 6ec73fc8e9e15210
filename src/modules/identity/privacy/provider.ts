/**
 * What the identity module keeps about people, for the privacy module: the accounts of the staff of the
 * network's organisations and the traces of their sign-in, how long each is kept, and a person's account for
 * an access request.
 */
import type { Db } from '../../../kernel/db.ts';
import { ROLES, type Role } from '../../../kernel/permissions.ts';
import type { DataSubject, PersonalDataProvider, SubjectRecord } from '../../../kernel/personal-data.ts';
import { accountsFound } from './service.ts';
import * as store from './store.ts';

const dayFormat = new Intl.DateTimeFormat('it-IT', {
  timeZone: 'Europe/Rome',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
});

const SIGN_IN_BASIS =
  'Art. 32 GDPR (sicurezza del trattamento) e art. 6, par. 1, lett. e) GDPR: tracce di accesso conservate per accertare usi impropri degli account';

async function findSubject(db: Db, subject: DataSubject) {
  const accounts = await store.accountsOf(db, await accountsFound(db, subject));
  return accounts.map(
    (account): SubjectRecord => ({
      section: 'Account utente',
      title: `Account di ${account.givenName} ${account.familyName} (${account.isActive ? 'attivo' : 'disattivato'}), creato il ${dayFormat.format(account.createdAt)}`,
      data: {
        ...account,
        memberships: account.memberships.map((membership) => ({
          organisation: membership.organisation,
          role: ROLES[membership.role as Role] ?? membership.role,
          since: membership.createdAt,
        })),
      },
      entity: { type: 'identity.user', id: account.id },
    }),
  );
}

export const identityPersonalData: PersonalDataProvider = {
  module: 'identity',
  categories: [
    {
      key: 'identity.accounts-deactivated',
      label: 'Account utente disattivati',
      runsFrom: 'dall’ultimo uso dell’account (ultimo accesso, cambio di password o disattivazione)',
      legalBasis:
        'Art. 6, par. 1, lett. e) GDPR e art. 5, par. 1, lett. e) GDPR: l’account serve finché la persona opera nella rete; restano le attività svolte, senza nome',
      defaultMonths: 24,
      action: 'anonymise',
      countDue: store.countDormantAccounts,
      dispose: store.anonymiseDormantAccounts,
    },
    {
      key: 'identity.sessions',
      label: 'Sessioni di accesso concluse',
      runsFrom: 'dalla scadenza o dalla chiusura della sessione',
      legalBasis: SIGN_IN_BASIS,
      defaultMonths: 6,
      action: 'delete',
      countDue: store.countEndedSessions,
      dispose: store.deleteEndedSessions,
    },
    {
      key: 'identity.tokens',
      label: 'Collegamenti di invito e di recupero della password',
      runsFrom: 'dall’uso o dalla scadenza del collegamento',
      legalBasis: SIGN_IN_BASIS,
      defaultMonths: 1,
      action: 'delete',
      countDue: store.countEndedTokens,
      dispose: store.deleteEndedTokens,
    },
    {
      key: 'identity.failed-attempts',
      label: 'Tentativi di accesso non riusciti',
      runsFrom: 'dall’ultimo tentativo non riuscito',
      legalBasis: SIGN_IN_BASIS,
      defaultMonths: 1,
      action: 'delete',
      countDue: store.countOldFailures,
      dispose: store.deleteOldFailures,
    },
  ],
  activities: [
    {
      name: 'Gestione degli account e degli accessi',
      purpose:
        'Consentire al personale degli enti della rete di accedere a LOVIT con il ruolo assegnato e proteggere gli accessi',
      legalBasis: 'Art. 6, par. 1, lett. e) GDPR (compito di interesse pubblico) e art. 32 GDPR (sicurezza)',
      dataSubjects: ['personale degli enti della rete', 'formatori e partecipanti alla formazione'],
      dataCategories: [
        'dati anagrafici (nome, cognome, codice fiscale)',
        'indirizzo e-mail',
        'ente e ruolo',
        'dati di accesso (indirizzo IP, programma usato, orari)',
      ],
      recipients: ['amministratori di LOVIT della Prefettura'],
      retention: [
        'identity.accounts-deactivated',
        'identity.sessions',
        'identity.tokens',
        'identity.failed-attempts',
      ],
    },
  ],
  findSubject,
};
