/**
 * The public part of the council, for the portal: the tables with their member organisations (no people),
 * the approved minutes with the names of the people and e-mail addresses left out, and the initiatives.
 */
import type { Db } from '../../kernel/db.ts';
import type { Platform } from '../../kernel/platform.ts';
import * as actionsStore from './actions/store.ts';
import { THEMES, type Theme } from './contract.ts';
import { initiativeView } from './initiatives/service.ts';
import * as minutesStore from './minutes/store.ts';
import { withoutPersonalData } from './rules.ts';
import * as store from './store.ts';

/** Every name of a person the council's records hold for a table and a meeting: what the public must not read. */
async function peopleOf(db: Db, tableId: string, meetingId: string): Promise<string[]> {
  const members = await store.members(db, tableId);
  const attendance = await store.attendance(db, meetingId);
  const actions = await actionsStore.actions(db, { all: true }, { meetingId });
  const agenda = await store.agenda(db, meetingId);
  return [
    ...members.flatMap((m) => [m.representativeName, m.deputyName ?? '']),
    ...attendance.flatMap((a) => [a.delegateName ?? '', a.attendeeName ?? '']),
    ...actions.map((a) => a.ownerName),
    ...agenda.map((item) => item.presenter ?? ''),
  ];
}

export async function publicCouncil(platform: Platform) {
  const { db } = platform.database;
  const all = { all: true } as const;
  const tables = await store.tables(db, all);
  const meetings = (await store.meetings(db, all)).filter((m) => m.minutesStatus === 'APPROVED');
  return {
    tables: await Promise.all(
      tables.map(async (table) => ({
        id: table.id,
        name: table.name,
        theme: THEMES[table.theme as Theme],
        mandate: table.mandate,
        coordinator: table.coordinatorName,
        members: (await store.members(db, table.id))
          .filter((m) => m.toOn === null)
          .map((m) => m.organisationName),
      })),
    ),
    minutes: await Promise.all(
      meetings.map(async (meeting) => {
        const people = await peopleOf(db, meeting.tableId, meeting.id);
        const latest = (await minutesStore.versions(db, meeting.id)).at(-1);
        return {
          id: meeting.id,
          tableName: meeting.tableName,
          title: withoutPersonalData(meeting.title, people),
          startsAt: meeting.startsAt.toISOString(),
          text: withoutPersonalData(latest?.text ?? '', people),
          decisions: (await minutesStore.decisions(db, meeting.id)).map((d) =>
            withoutPersonalData(d.text, people),
          ),
        };
      }),
    ),
    initiatives: (await actionsStore.initiatives(db, 'public')).map((row) => {
      const { id, title, tableName, objective, status, progress, startsOn, endsOn, partners } =
        initiativeView(row);
      return { id, title, tableName, objective, status, progress, startsOn, endsOn, partners };
    }),
  };
}
export type PublicCouncil = Awaited<ReturnType<typeof publicCouncil>>;
