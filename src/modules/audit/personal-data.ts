/**
 * What the audit trail keeps about people, for the privacy module: who did what, when and from where, and
 * whose data they read. The entries are kept for ten years and then disposed of from the oldest end of the
 * hash chain, which goes on verifying from a checkpoint (decision 073); those about a record under legal hold,
 * as the modules name them, are kept until the hold is lifted (decision 087). The reads about a person are
 * found by the audit module's own search, not here.
 */
import { type AuditedRecord, countDisposableAuditEntries, disposeAuditEntries } from '../../kernel/audit.ts';
import type { Db } from '../../kernel/db.ts';
import { type PersonalDataProvider, personalDataProviders } from '../../kernel/personal-data.ts';

export const AUDIT_ENTRIES = 'audit.entries';

/** Every module's records under legal hold, read in the disposal's transaction. */
async function heldRecords(db: Db): Promise<AuditedRecord[]> {
  const held: AuditedRecord[] = [];
  for (const provider of personalDataProviders()) held.push(...((await provider.heldRecords?.(db)) ?? []));
  return held;
}

const AUDIT_BASIS =
  'Art. 5, par. 2 e art. 32 GDPR (responsabilizzazione e sicurezza del trattamento); il registro deve ' +
  'documentare chi ha trattato quali dati per tutto il tempo in cui un interessato o l’amministrazione può ' +
  'farne valere le conseguenze: prescrizione ordinaria di dieci anni (art. 2946 c.c.)';

export const auditPersonalData: PersonalDataProvider = {
  module: 'audit',
  categories: [
    {
      key: AUDIT_ENTRIES,
      label: 'Registro delle operazioni (chi ha fatto cosa e chi ha consultato quali dati)',
      runsFrom: 'dalla registrazione dell’operazione',
      legalBasis: AUDIT_BASIS,
      defaultMonths: 120,
      minMonths: 120,
      action: 'delete',
      countDue: async (db, cutoff) => countDisposableAuditEntries(db, cutoff, await heldRecords(db)),
      dispose: async (db, cutoff, limit) => disposeAuditEntries(db, cutoff, limit, await heldRecords(db)),
    },
  ],
  activities: [
    {
      name: 'Registro delle operazioni',
      purpose:
        'Documentare ogni modifica dei dati, ogni consultazione di dati personali e ogni evento di sicurezza, ' +
        'per rispondere a richieste degli interessati, verifiche e contestazioni',
      legalBasis: AUDIT_BASIS,
      dataSubjects: ['utenti di LOVIT', 'persone i cui dati sono stati consultati o modificati'],
      dataCategories: [
        'identità dell’utente e indirizzo di rete',
        'operazione svolta e dati modificati prima e dopo la modifica',
      ],
      recipients: ['responsabile della protezione dei dati', 'autorità di controllo, su richiesta'],
      retention: [AUDIT_ENTRIES],
    },
  ],
  findSubject: async () => [],
};
