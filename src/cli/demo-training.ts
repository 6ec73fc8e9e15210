/**
 * Demo data of training: a course for each track with an edition, given by the demo trainer. The public bodies'
 * course has a session today, so that the trainer can show the check-in code, and the demo trainee (of the
 * Comune di Codogno) holds a place in it. Loaded through the real use cases, on a clock set a week back.
 */
import { SettableClock } from '../kernel/clock.ts';
import type { Platform } from '../kernel/platform.ts';
import type { CourseInput, EditionInput, SessionInput } from '../modules/training/contract.ts';
import { enrolSelf } from '../modules/training/enrolments.ts';
import { createCourse, createEdition } from '../modules/training/service.ts';
import { memberCaller, withoutMail } from './sui-caller.ts';

type DemoPlatform = Pick<Platform, 'database' | 'clock' | 'config'>;

const DAY = 86_400_000;

const COURSES: (Omit<CourseInput, 'trainerIds'> & {
  edition: (day: (offset: number) => string) => EditionInput;
})[] = [
  {
    title: 'Lo Sportello Unico per l’immigrazione per gli operatori dei Comuni',
    track: 'PUBLIC',
    objectives:
      'Conoscere le procedure dello Sportello Unico (nulla osta al lavoro, ricongiungimento familiare, conversioni) ' +
      'per orientare correttamente le persone che si rivolgono agli uffici comunali.',
    topics:
      'Il nulla osta al lavoro e il decreto flussi\nIl ricongiungimento familiare\nLa conversione dei permessi di soggiorno',
    hours: 12,
    targetRoles: 'Operatori degli uffici anagrafe e dei servizi sociali dei Comuni',
    prerequisites: null,
    completionPercent: 75,
    edition: (day) => ({
      name: 'Edizione di dicembre',
      capacity: 25,
      cancelUntil: day(-1),
      sessions: [
        session(day(0), '09:00', '17:00', 'Prefettura di Lodi, sala riunioni, Corso Umberto I 40, Lodi'),
        session(day(7), '09:00', '13:00', 'Prefettura di Lodi, sala riunioni, Corso Umberto I 40, Lodi'),
      ],
    }),
  },
  {
    title: 'Accoglienza e orientamento ai servizi per il privato sociale',
    track: 'PRIVATE',
    objectives:
      'Accompagnare le persone straniere nell’accesso ai servizi del territorio e ai procedimenti amministrativi.',
    topics:
      'I servizi del territorio lodigiano\nI titoli di soggiorno e i diritti collegati\nLa presa in carico condivisa',
    hours: 8,
    targetRoles: 'Operatori di cooperative e associazioni del Terzo Settore',
    prerequisites: null,
    completionPercent: 75,
    edition: (day) => ({
      name: 'Prima edizione',
      capacity: 20,
      cancelUntil: day(12),
      sessions: [
        session(day(14), '14:00', '18:00', 'Casa del Volontariato, Lodi'),
        session(day(21), '14:00', '18:00', null),
      ],
    }),
  },
  {
    title: 'Comunicare con le persone straniere: mediazione e competenze interculturali',
    track: 'BOTH',
    objectives: 'Lavorare con i mediatori linguistico-culturali e prevenire i malintesi allo sportello.',
    topics: 'Il ruolo del mediatore\nComunicazione interculturale allo sportello',
    hours: 4,
    targetRoles: 'Operatori pubblici e del privato sociale a contatto con il pubblico',
    prerequisites: null,
    completionPercent: 100,
    edition: (day) => ({
      name: 'Edizione online',
      capacity: 40,
      cancelUntil: day(27),
      sessions: [session(day(28), '10:00', '12:00', null), session(day(35), '10:00', '12:00', null)],
    }),
  },
];

function session(day: string, startTime: string, endTime: string, place: string | null): SessionInput {
  return place
    ? { day, startTime, endTime, place }
    : { day, startTime, endTime, onlineUrl: 'https://meet.lovit.example/formazione' };
}

export async function loadDemoTraining(platform: DemoPlatform): Promise<void> {
  const trainer = await memberCaller(platform, 'formatore@lovit.example', ['trainer']);
  const trainee = await memberCaller(platform, 'corsista@lovit.example', ['trainee']);
  if (!trainer?.actor || !trainee) return;
  const today = platform.clock.today();
  const day = (offset: number) => today.add({ days: offset }).toString();
  const past = {
    ...withoutMail(platform),
    clock: new SettableClock(new Date(platform.clock.now().getTime() - 7 * DAY)),
  };
  for (const { edition, ...course } of COURSES) {
    const created = await createCourse(past, trainer, { ...course, trainerIds: [trainer.actor.userId] });
    const planned = await createEdition(past, trainer, created.id, edition(day));
    if (course.track === 'PUBLIC') await enrolSelf(past, trainee, planned.id);
  }
}
