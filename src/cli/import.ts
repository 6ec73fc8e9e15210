import { readFile } from 'node:fs/promises';
import { AppError } from '../kernel/errors.ts';
import type { Platform } from '../kernel/platform.ts';
import { type ImportReport, importClickDayExport } from '../modules/cases/intake/import.ts';
import { suiCaller, withoutMail } from './sui-caller.ts';

/** `lovit cases:import`: the import runs as a named SUI user, so that the trail says who loaded the file. */
export async function importCommand(
  platform: Pick<Platform, 'database' | 'clock' | 'config'>,
  options: { file: string; as: string },
): Promise<ImportReport> {
  const caller = await suiCaller(platform, options.as);
  if (!caller)
    throw new AppError(
      400,
      'import-user',
      'Utente non valido',
      `${options.as} non è un operatore SUI attivo.`,
    );
  return importClickDayExport(withoutMail(platform), caller, await readFile(options.file, 'utf8'));
}
