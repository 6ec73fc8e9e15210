/**
 * The multidisciplinary team of the demo at work from the first start: every seconded mediator with their
 * languages and hours, questions waiting for the legal expert, the SUI's desk with an appointment of the Arabic
 * mediator (the case she sees), and a translation waiting for its mediator.
 */
import type { Platform } from '../kernel/platform.ts';
import { createDesk, deskFreeSlots } from '../modules/cases/appointments/desks.ts';
import { bookAppointment } from '../modules/cases/appointments/service.ts';
import type { LanguageLevel } from '../modules/cases/team/contract.ts';
import { updateMediatorProfile } from '../modules/cases/team/mediators.ts';
import { askLegalQuestion, listMediators } from '../modules/cases/team/service.ts';
import { listSheetTexts, saveSheetDraft } from '../modules/portal/sheets/service.ts';
import { memberCaller, suiCaller, withoutMail } from './sui-caller.ts';

type DemoPlatform = Pick<Platform, 'database' | 'clock' | 'config'>;

const WEEKDAYS_MORNING = [1, 2, 3, 4, 5].map((weekday) => ({ weekday, from: '08:30', to: '13:00' }));
const WEEKDAYS_AFTERNOON = [1, 2, 3, 4, 5].map((weekday) => ({ weekday, from: '13:00', to: '18:00' }));

/** Each mediator's languages with their level, and their hours (none: whenever the desk is open). */
const PROFILES: Record<string, { languages: [string, LanguageLevel][]; hours: typeof WEEKDAYS_MORNING }> = {
  'mediatrice@lovit.example': {
    languages: [
      ['ar', 'NATIVE'],
      ['fr', 'C1'],
    ],
    hours: [],
  },
  'oksana.kovalenko@lovit.example': {
    languages: [
      ['uk', 'NATIVE'],
      ['ru', 'C2'],
    ],
    hours: WEEKDAYS_MORNING,
  },
  'imran.qureshi@lovit.example': {
    languages: [
      ['ur', 'NATIVE'],
      ['pa', 'C1'],
      ['hi', 'B2'],
    ],
    hours: WEEKDAYS_AFTERNOON,
  },
  'li.wei@lovit.example': {
    languages: [
      ['zh', 'NATIVE'],
      ['en', 'B2'],
    ],
    hours: WEEKDAYS_MORNING,
  },
  'blerina.dervishi@lovit.example': {
    languages: [
      ['sq', 'NATIVE'],
      ['en', 'C1'],
      ['fr', 'B2'],
    ],
    hours: [],
  },
};

const QUESTIONS = [
  'Il datore di lavoro ha cambiato sede legale dopo la domanda: la competenza resta a questo Sportello?',
  'Il passaporto scade tra quattro mesi: si può rilasciare il nulla osta o va chiesto prima il rinnovo?',
  'Il lavoratore ha un precedente decreto di espulsione revocato: incide sul parere della Questura?',
];

/** The desk of the demo, open on weekday mornings in half hours. */
const DESK = {
  name: 'Sportello 1',
  place: 'Prefettura di Lodi, Corso Umberto I 40, 26900 Lodi – piano terra',
  openings: [1, 2, 3, 4, 5].map((weekday) => ({ weekday, opens: '09:00', closes: '12:30', slotMinutes: 30 })),
};
/** The demo case of the Arabic-speaking worker, convoked with the Arabic mediator. */
const MEDIATED = { caseIndex: 2, language: 'ar', mediator: 'mediatrice@lovit.example' };

/** The sheet whose Arabic translation waits for the mediator's review. */
const TRANSLATION = { code: 'ricongiungimento-familiare', language: 'ar' };

export async function loadDemoTeam(platform: DemoPlatform, caseIds: readonly string[]): Promise<void> {
  const manager = await suiCaller(platform, 'responsabile.sui@lovit.example');
  const operator = await suiCaller(platform, 'operatore.sui@lovit.example');
  const editor = await memberCaller(platform, 'comunicazione@lovit.example', ['communications']);
  if (!manager || !operator || !editor) return;
  const full = withoutMail(platform);
  const mediators = await listMediators(full, manager);
  for (const mediator of mediators) {
    const profile = PROFILES[mediator.email];
    if (!profile) continue;
    await updateMediatorProfile(full, manager, mediator.id, {
      languages: profile.languages.map(([language, level]) => ({ language, level })),
      availability: profile.hours,
    });
  }
  for (const [index, question] of QUESTIONS.entries()) {
    const caseId = caseIds[index + 1];
    if (caseId) await askLegalQuestion(full, operator, caseId, { question });
  }
  const mediatorId = mediators.find((mediator) => mediator.email === MEDIATED.mediator)?.id;
  const mediatedCase = caseIds[MEDIATED.caseIndex];
  const desk = await createDesk(full, manager, DESK);
  const today = platform.clock.today();
  const [slot] = await deskFreeSlots(
    full,
    full.database.db,
    desk,
    { from: today, to: today.add({ days: 14 }) },
    1,
  );
  if (mediatorId && mediatedCase && slot)
    await bookAppointment(full, manager, mediatedCase, {
      deskId: desk.id,
      startsAt: new Date(slot.startsAt.epochMilliseconds).toISOString(),
      purpose: 'CONTRACT_SIGNATURE',
      documentsToBring: ['Passaporto'],
      language: MEDIATED.language,
      mediatorId,
    });
  const [translation] = (await listSheetTexts(full, TRANSLATION.code)).filter(
    (text) => text.language === TRANSLATION.language,
  );
  if (translation) await saveSheetDraft(full, editor, TRANSLATION, translation.content);
}
