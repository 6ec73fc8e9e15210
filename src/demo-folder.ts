/**
 * The demo data of a fresh start, prepared ahead: the embedded database's folder as the demo loaders leave it,
 * kept in `.cache/` and copied into a new data folder instead of loading the demo data again. The loaders date
 * everything from the day they run (appointments tomorrow, deadlines, events ahead): a prepared folder serves
 * only the day it was made for, in Europe/Rome. Its name carries that day and a hash of the template, of LOVIT's
 * source and of the settings the demo data depend on; a start that finds none for today loads the demo data and
 * keeps its own folder, before anything else writes to it, for the next fresh start of the day.
 *
 * What must differ between installations and between data folders is never kept: the link-signing key and the
 * exchange keys are removed before the folder is kept, and every copy gets its own check-in secrets.
 */
import { spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { type Dirent, existsSync } from 'node:fs';
import { copyFile, mkdir, readdir, readFile, rename, rm, stat, truncate, writeFile } from 'node:fs/promises';
import { constants, setPriority } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Config } from './config.ts';
import type { Db } from './kernel/db.ts';
import { TEMPLATE_CACHE, templateKey } from './kernel/db-template.ts';

const SOURCE = fileURLToPath(new URL('.', import.meta.url));
const PREFIX = 'prepared-demo-';
const COPIES_AT_ONCE = 16;
/** How long the process making a spare copy waits before it starts. */
const SPARE_AFTER_MS = 2000;

/** Every file of LOVIT's source but its tests, sorted: the code the demo data come from. */
async function sourceFiles(): Promise<string[]> {
  const entries = await readdir(SOURCE, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile() && !/\.test\.tsx?$/.test(entry.name))
    .map((entry) => path.join(entry.parentPath, entry.name))
    .sort();
}

/**
 * What names the demo folders of this code and these settings: a hash of the template and of LOVIT's source,
 * then a hash of the settings the demo data depend on (their mails carry the public address).
 */
export async function demoFolderKey(config: Config): Promise<string> {
  const code = createHash('sha256');
  code.update(`${await templateKey()}\n`);
  const files = await sourceFiles();
  const texts = await Promise.all(files.map((file) => readFile(file)));
  files.forEach((file, index) => {
    code.update(`${path.relative(SOURCE, file)}\n`);
    code.update(texts[index] as Buffer);
  });
  const settings = createHash('sha256').update(
    JSON.stringify({
      office: config.office,
      publicUrl: config.publicUrl,
      exchange: config.exchange.node,
      dataProtectionOfficer: config.dataProtectionOfficer,
    }),
  );
  return `${code.digest('hex').slice(0, 16)}-${settings.digest('hex').slice(0, 8)}`;
}

/** Where the demo folder of `day` (`YYYY-MM-DD`) for `key` is kept. */
export function demoFolder(day: string, key: string, cacheDir: string = TEMPLATE_CACHE): string {
  return path.join(cacheDir, `${PREFIX}${day}-${key}`);
}

/** A write-ahead log segment: timeline, then the segment's number in two halves. */
const WAL_SEGMENT = /^[0-9A-F]{24}$/;

/**
 * Copies a log segment without the zeros after its last record, as a file of the same length: a segment is
 * sixteen megabytes, most of them zeros, and writing them takes a fresh start longer than anything it copies.
 */
async function copySparse(from: string, to: string): Promise<void> {
  const bytes = await readFile(from);
  let end = bytes.length;
  while (end > 0 && bytes[end - 1] === 0) end--;
  await writeFile(to, bytes.subarray(0, end), { mode: 0o600 });
  await truncate(to, bytes.length);
}

/**
 * Deletes the log segments a cleanly shut down database folder does not need: those before its last checkpoint
 * and those made ahead for later writes. Only a folder whose control file says it was shut down is touched.
 */
async function trimLog(databaseDir: string): Promise<void> {
  const control = await readFile(path.join(databaseDir, 'global', 'pg_control'));
  // pg_control: the state at byte 16 (1: shut down), the last checkpoint's position at 32, its redo at 40.
  if (control.readInt32LE(16) !== 1) return;
  const checkpoint = control.readBigUInt64LE(32);
  const redo = control.readBigUInt64LE(40);
  const wal = path.join(databaseDir, 'pg_wal');
  for (const name of await readdir(wal)) {
    if (!WAL_SEGMENT.test(name)) continue;
    const size = BigInt((await stat(path.join(wal, name))).size);
    const segment =
      BigInt(`0x${name.slice(8, 16)}`) * (0x1_0000_0000n / size) + BigInt(`0x${name.slice(16)}`);
    if (segment < redo / size || segment > checkpoint / size) await rm(path.join(wal, name));
  }
}

/**
 * Copies a folder, many files at a time: a database folder holds some two thousand files, which `cp` copies one
 * after the other.
 */
async function copyFolder(from: string, to: string): Promise<void> {
  const entries = await readdir(from, { recursive: true, withFileTypes: true });
  const relative = (entry: Dirent) => path.relative(from, path.join(entry.parentPath, entry.name));
  await mkdir(to, { recursive: true });
  for (const entry of entries)
    if (entry.isDirectory()) await mkdir(path.join(to, relative(entry)), { recursive: true });
  const files = entries.filter((entry) => entry.isFile()).map(relative);
  let next = 0;
  const copyNext = async (): Promise<void> => {
    for (let file = files[next++]; file !== undefined; file = files[next++]) {
      if (WAL_SEGMENT.test(path.basename(file))) await copySparse(path.join(from, file), path.join(to, file));
      else await copyFile(path.join(from, file), path.join(to, file));
    }
  };
  await Promise.all(Array.from({ length: COPIES_AT_ONCE }, copyNext));
}

/**
 * Copies the demo folder into the new data folder's database; false when there is none for that day, or when
 * the copy failed (nothing of it is left then).
 */
async function copyDemoFolder(folder: string, databaseDir: string): Promise<boolean> {
  if (!existsSync(path.join(folder, 'PG_VERSION'))) return false;
  try {
    await copyFolder(folder, databaseDir);
    return true;
  } catch {
    await rm(databaseDir, { recursive: true, force: true });
    return false;
  }
}

const spareOf = (folder: string) => `${folder}.spare`;

/**
 * Moves the spare copy of the demo folder into the new data folder's database, or copies the demo folder when
 * there is no spare (or it is on another file system); false when there is no demo folder for that day.
 */
export async function takeDemoFolder(folder: string, databaseDir: string): Promise<boolean> {
  if (!existsSync(path.join(folder, 'PG_VERSION'))) return false;
  await mkdir(path.dirname(databaseDir), { recursive: true });
  const moved = await rename(spareOf(folder), databaseDir).then(
    () => true,
    () => false,
  );
  return moved || copyDemoFolder(folder, databaseDir);
}

/**
 * Makes the next spare copy of the demo folder, in a process of its own at the lowest priority that waits a
 * little first: the start that asks for it comes first, and the copy outlives it if it stops at once.
 */
export function spareDemoFolder(folder: string): void {
  const copy = `const [from, to] = process.argv.slice(1);
    const { cpSync, renameSync, rmSync } = await import('node:fs');
    await new Promise((resolve) => setTimeout(resolve, ${SPARE_AFTER_MS}));
    const partial = to + '.' + process.pid + '.partial';
    try { cpSync(from, partial, { recursive: true }); renameSync(partial, to); }
    catch { rmSync(partial, { recursive: true, force: true }); }`;
  const child = spawn(process.execPath, ['--input-type=module', '-e', copy, folder, spareOf(folder)], {
    detached: true,
    stdio: 'ignore',
  });
  child.on('error', () => undefined);
  child.unref();
  try {
    if (child.pid) setPriority(child.pid, constants.priority.PRIORITY_LOW);
  } catch {
    // A system that does not let it lower the priority copies at the usual one.
  }
}

/** Removes what must never leave a data folder: keys made once per installation. */
export async function forgetInstallationKeys(db: Db): Promise<void> {
  await db.deleteFrom('linkSigningKey').execute();
  await db.deleteFrom('exchangeKey').execute();
}

/** Gives every training session of a copied folder a check-in secret of its own. */
export async function renewCheckInSecrets(db: Db): Promise<void> {
  const sessions = await db.selectFrom('trainingSession').select('id').execute();
  for (const { id } of sessions)
    await db
      .updateTable('trainingSession')
      .set({ checkInSecret: randomBytes(32).toString('base64url') })
      .where('id', '=', id)
      .execute();
}

/**
 * Keeps a copy of a closed database folder as the demo folder (written aside and renamed: a start that copies it
 * meanwhile never sees half of it) and deletes the demo folders of other days, code or settings: one folder and
 * its spare copy at most, some hundred megabytes. A cache that cannot be written only costs the next fresh start
 * the loaders' time.
 */
export async function keepDemoFolder(databaseDir: string, folder: string): Promise<void> {
  const cacheDir = path.dirname(folder);
  const kept = new Set([path.basename(folder), path.basename(spareOf(folder))]);
  const partial = `${folder}.${process.pid}.partial`;
  try {
    await rm(partial, { recursive: true, force: true });
    await copyFolder(databaseDir, partial);
    await trimLog(partial);
    await rm(folder, { recursive: true, force: true });
    await rm(spareOf(folder), { recursive: true, force: true });
    await rename(partial, folder);
    for (const name of await readdir(cacheDir)) {
      if (name.startsWith(PREFIX) && !kept.has(name))
        await rm(path.join(cacheDir, name), { recursive: true, force: true });
    }
  } catch {
    await rm(partial, { recursive: true, force: true }).catch(() => undefined);
  }
}
