import { readFile } from 'node:fs/promises';
import type { Actor } from '../kernel/auth.ts';
import { AppError } from '../kernel/errors.ts';
import type { Platform } from '../kernel/platform.ts';
import { type ImportReport, importClickDayExport } from '../modules/cases/import.ts';

/** `lovit cases:import`: the import runs as a named SUI user, so that the trail says who loaded the file. */
export async function importCommand(
  platform: Pick<Platform, 'database' | 'clock' | 'config'>,
  options: { file: string; as: string },
): Promise<ImportReport> {
  const member = await platform.database.db
    .selectFrom('appUser as u')
    .innerJoin('membership as m', 'm.userId', 'u.id')
    .innerJoin('organisation as o', 'o.id', 'm.organisationId')
    .select([
      'u.id',
      'u.email',
      'u.givenName',
      'u.familyName',
      'o.id as organisationId',
      'o.name',
      'o.type',
      'm.role',
    ])
    .where((eb) => eb(eb.fn('lower', ['u.email']), '=', options.as.toLowerCase()))
    .where('m.role', 'in', ['sui_operator', 'sui_manager'])
    .where('u.isActive', '=', true)
    .executeTakeFirst();
  if (!member)
    throw new AppError(
      400,
      'import-user',
      'Utente non valido',
      `${options.as} non è un operatore SUI attivo.`,
    );
  const actor: Actor = {
    userId: member.id,
    email: member.email,
    givenName: member.givenName,
    familyName: member.familyName,
    organisationId: member.organisationId,
    organisationName: member.name,
    organisationType: member.type,
    roles: [member.role as Actor['roles'][number]],
    sessionId: 'cli',
    csrfToken: '',
    sessionExpiresAt: new Date(platform.clock.now().getTime() + 3_600_000),
  };
  const mailer = { send: async () => undefined, close: () => undefined };
  return importClickDayExport(
    { ...platform, mailer },
    { actor, requestId: null, clientAddress: null },
    await readFile(options.file, 'utf8'),
  );
}
