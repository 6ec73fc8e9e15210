/**
 * The backup archive on disk: a gzip-compressed tar whose first member is the manifest, written under a
 * temporary name and renamed when complete; read back into a scratch folder and checked member by member.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, open, readdir, readFile, rename, rm, symlink, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import * as tar from 'tar';
import { FILES_PREFIX, MANIFEST_NAME, type Manifest, manifestSchema } from './rules.ts';

/** A backup that cannot be read or restored: the message is the one line the command prints. */
export class BackupRefused extends Error {
  override name = 'BackupRefused';
}

export async function hashFile(path: string): Promise<{ sha256: string; size: number }> {
  const hash = createHash('sha256');
  let size = 0;
  for await (const chunk of createReadStream(path) as AsyncIterable<Buffer>) {
    hash.update(chunk);
    size += chunk.byteLength;
  }
  return { sha256: hash.digest('hex'), size };
}

const SHA256 = /^[0-9a-f]{64}$/;

/** The stored files, as archive members (`files/ab/ab…`); uploads still being written are left out. */
export async function listStoredFiles(filesDir: string): Promise<string[]> {
  const names = await readdir(filesDir, { recursive: true }).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return [];
    throw error;
  });
  return names
    .filter((name) => {
      const [prefix, sha256, ...rest] = name.split('/');
      return (
        rest.length === 0 && sha256 !== undefined && SHA256.test(sha256) && sha256.startsWith(prefix ?? '-')
      );
    })
    .sort()
    .map((name) => `${FILES_PREFIX}${name}`);
}

/**
 * Writes the archive: `staging` holds the manifest and the database member, `filesDir` the stored files. The
 * archive appears under `target` only once complete and synced.
 */
export async function writeArchive(
  target: string,
  staging: string,
  filesDir: string,
  manifest: Manifest,
): Promise<number> {
  await writeFile(join(staging, MANIFEST_NAME), `${JSON.stringify(manifest, null, 2)}\n`);
  await symlink(filesDir, join(staging, 'files')).catch((error: NodeJS.ErrnoException) => {
    if (error.code !== 'EEXIST') throw error;
  });
  await mkdir(dirname(target), { recursive: true });
  const partial = `${target}.partial`;
  try {
    await tar.c(
      { gzip: true, file: partial, cwd: staging, follow: true, portable: true, noDirRecurse: true },
      [MANIFEST_NAME, ...Object.keys(manifest.members)],
    );
    const handle = await open(partial, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(partial, target);
    return (await hashFile(target)).size;
  } catch (error) {
    await rm(partial, { force: true });
    throw error;
  }
}

/** Unpacks the archive into `into` and checks it whole: LOVIT's, complete, every member as its checksum says. */
export async function unpackArchive(archive: string, into: string): Promise<Manifest> {
  try {
    await tar.x({ file: archive, cwd: into, strict: true, preservePaths: false });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' && (error as NodeJS.ErrnoException).path === archive)
      throw new BackupRefused(`${archive}: no such file`);
    throw new BackupRefused(`${archive} is damaged or truncated (${(error as Error).message})`);
  }
  let manifest: Manifest;
  try {
    manifest = manifestSchema.parse(JSON.parse(await readFile(join(into, MANIFEST_NAME), 'utf8')));
  } catch {
    throw new BackupRefused(`${archive} is not a LOVIT backup (no valid ${MANIFEST_NAME})`);
  }
  for (const [member, expected] of Object.entries(manifest.members)) {
    const found = await hashFile(join(into, member)).catch(() => null);
    if (!found) throw new BackupRefused(`${archive} is incomplete: ${member} is missing`);
    if (found.sha256 !== expected.sha256 || found.size !== expected.size)
      throw new BackupRefused(`${archive} is damaged: ${member} does not match its checksum`);
    if (member.startsWith(FILES_PREFIX) && !member.endsWith(found.sha256))
      throw new BackupRefused(`${archive} is damaged: ${member} is not the file its name says`);
  }
  return manifest;
}
