/**
 * The register of processing activities (GDPR art. 30.1), put together when asked from the activities every
 * module declares and the retention schedule as the administrator left it: never a document kept by hand that
 * drifts from what LOVIT does.
 */
import type { DocumentSection } from '../../../kernel/pdf.ts';
import { renderOfficialDocument } from '../../../kernel/pdf.ts';
import { personalDataProviders } from '../../../kernel/personal-data.ts';
import type { Platform } from '../../../kernel/platform.ts';
import type { ProcessingRegister } from './contract.ts';
import { type Controller, controllerOf, dayInWords, registerActivities, retentionInWords } from './rules.ts';
import { retentionSchedule } from './store.ts';

/** The controller named in the register and in access summaries: the Prefettura of the configuration. */
export function controllerOfPlatform(platform: Platform): Controller {
  const { office, dataProtectionOfficer } = platform.config;
  return controllerOf(office.offices, office.province.name, dataProtectionOfficer.email);
}

export async function processingRegister(platform: Platform): Promise<ProcessingRegister> {
  const schedule = await retentionSchedule(platform.database.db);
  const activities = registerActivities(personalDataProviders(), schedule);
  return {
    controller: controllerOfPlatform(platform),
    generatedAt: platform.clock.now().toISOString(),
    generatedOn: dayInWords(platform.clock.today()),
    activities: activities.map((activity) => ({
      ...activity,
      dataSubjects: [...activity.dataSubjects],
      dataCategories: [...activity.dataCategories],
      recipients: [...activity.recipients],
      retention: activity.retention.map((retention) => ({
        ...retention,
        description: retentionInWords(retention),
      })),
    })),
  };
}

const listed = (items: readonly string[]) => (items.length ? items.join('; ') : 'nessuno');

// Art. 30.1.g: a general description of the security measures, as LOVIT itself provides them.
const SECURITY_MEASURES = [
  'Accesso ai dati riservato agli utenti autenticati, secondo il ruolo assegnato nel proprio ente; ogni ente vede solo le proprie pratiche.',
  'Registro delle attività a catena di hash, non modificabile: ogni modifica e ogni consultazione di dati personali è registrata con autore, data e ora.',
  'Scambio di pareri con gli altri enti tramite messaggi firmati digitalmente; documenti conservati con impronta SHA-256.',
  'Backup giornalieri verificati; eliminazione o anonimizzazione automatica dei dati alla scadenza dei tempi di conservazione.',
];

function activitySection(activity: ProcessingRegister['activities'][number]): DocumentSection {
  return {
    heading: activity.name,
    rows: [
      ['Finalità', activity.purpose],
      ['Base giuridica', activity.legalBasis],
      ['Interessati', listed(activity.dataSubjects)],
      ['Categorie di dati', listed(activity.dataCategories)],
      ['Destinatari', listed(activity.recipients)],
      ['Trasferimenti extra UE', 'nessuno'],
      ...activity.retention.map((retention, index): [string, string] => [
        index === 0 ? 'Conservazione' : '',
        retention.description,
      ]),
    ],
  };
}

/** The register as an A4 PDF, dated the day it is generated. */
export async function processingRegisterPdf(platform: Platform): Promise<Uint8Array> {
  const register = await processingRegister(platform);
  const { controller } = register;
  return renderOfficialDocument({
    issuer: [controller.name, ...(controller.address ? [controller.address] : [])],
    title: 'Registro delle attività di trattamento',
    subtitle: `Art. 30 del Regolamento (UE) 2016/679 – generato il ${register.generatedOn}`,
    sections: [
      {
        heading: 'Titolare del trattamento',
        rows: [
          ['Titolare', controller.name],
          ...(controller.address ? [['Indirizzo', controller.address] as [string, string]] : []),
          ...(controller.email ? [['Posta elettronica', controller.email] as [string, string]] : []),
          ['Responsabile della protezione dei dati', controller.dataProtectionOfficer],
        ],
      },
      ...(register.activities.length
        ? register.activities.map(activitySection)
        : [{ paragraphs: ['Nessuna attività di trattamento è dichiarata dai moduli in uso.'] }]),
      { heading: 'Misure di sicurezza tecniche e organizzative', paragraphs: SECURITY_MEASURES },
    ],
    footer: `Registro delle attività di trattamento – ${register.generatedOn}`,
    metadata: {
      title: 'Registro delle attività di trattamento',
      subject: 'Art. 30 del Regolamento (UE) 2016/679',
      author: controller.name,
      createdAt: platform.clock.now(),
    },
  });
}
