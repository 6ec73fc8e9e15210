import type { Readable } from 'node:stream';
import { SYSTEM_CALLER } from '../kernel/auth.ts';
import { systemClock } from '../kernel/clock.ts';
import type { DatabaseHandle } from '../kernel/db.ts';
import { Invalid } from '../kernel/errors.ts';
import { type NewOrganisation, newPassword, role as roleSchema } from '../modules/identity/contract.ts';
import { createOrganisation, createUser, findOrganisationByCode } from '../modules/identity/directory.ts';

export type CreateUserOptions = {
  email: string;
  givenName: string;
  familyName: string;
  organisation: string;
  role: string;
  fiscalCode?: string;
};

async function readAll(input: Readable): Promise<string> {
  let text = '';
  for await (const chunk of input) text += chunk;
  return text.replace(/\r?\n$/, '');
}

/** `lovit user:create`: the first administrator of a new installation, or an account made by script. */
export async function createUserCommand(
  database: DatabaseHandle,
  options: CreateUserOptions,
  stdin: Readable,
): Promise<string> {
  const role = roleSchema.safeParse(options.role);
  if (!role.success) throw new Invalid([{ path: 'role', message: `ruolo sconosciuto: ${options.role}` }]);
  const organisation = await findOrganisationByCode({ database }, options.organisation);
  if (!organisation)
    throw new Invalid([{ path: 'organisation', message: `nessun ente con codice ${options.organisation}` }]);
  const password = newPassword.safeParse(await readAll(stdin));
  if (!password.success)
    throw new Invalid([{ path: 'password', message: password.error.issues[0]?.message ?? 'non valida' }]);
  const user = await createUser(
    { database, clock: systemClock },
    SYSTEM_CALLER,
    {
      email: options.email,
      givenName: options.givenName,
      familyName: options.familyName,
      ...(options.fiscalCode ? { fiscalCode: options.fiscalCode } : {}),
      password: password.data,
    },
    [{ organisationId: organisation.id, role: role.data }],
  );
  return `Created ${user.email} (${role.data} at ${organisation.name}).`;
}

/** `lovit organisation:create`: the office of a new installation, before its first administrator. */
export async function createOrganisationCommand(
  database: DatabaseHandle,
  options: { code: string; name: string; type: string },
): Promise<string> {
  const organisation = await createOrganisation({ database, clock: systemClock }, SYSTEM_CALLER, {
    code: options.code,
    name: options.name,
    type: options.type as NewOrganisation['type'],
  });
  return `Created ${organisation.name} (${organisation.code}).`;
}
