/**
 * Demo data of the interpreters at the events: the Arabic mediator is assigned to the final conference, where
 * two people asked for Arabic, so that she finds the assignment among her own from the first start.
 */
import type { Platform } from '../kernel/platform.ts';
import { listMediators } from '../modules/cases/team/service.ts';
import { assignInterpreter } from '../modules/outreach/events/interpreters/service.ts';
import { getEvent, listEvents } from '../modules/outreach/events/service.ts';
import { memberCaller, withoutMail } from './sui-caller.ts';

type DemoPlatform = Pick<Platform, 'database' | 'clock' | 'config'>;

const ASSIGNMENT = {
  event: 'Convegno finale del progetto LO.V.I.T.',
  language: 'ar',
  mediator: 'mediatrice@lovit.example',
  note: 'Arrivare 30 minuti prima per la prova delle cuffie in sala.',
};

export async function loadDemoEventInterpreters(platform: DemoPlatform): Promise<void> {
  const officer = await memberCaller(platform, 'comunicazione@lovit.example', ['communications']);
  if (!officer) return;
  const demo = withoutMail(platform);
  const mediator = (await listMediators(demo, officer)).find((m) => m.email === ASSIGNMENT.mediator);
  const event = (await listEvents(demo)).find((e) => e.title === ASSIGNMENT.event);
  if (!mediator || !event) return;
  const [session] = (await getEvent(demo, officer, event.id)).sessions;
  if (!session) return;
  await assignInterpreter(demo, officer, session.id, {
    language: ASSIGNMENT.language,
    mediatorId: mediator.id,
    note: ASSIGNMENT.note,
  });
}
