import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as tar from 'tar';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, loadDemoData } from '../src/cli/demo.ts';
import { loadDemoCases } from '../src/cli/demo-cases.ts';
import { loadDemoCouncil } from '../src/cli/demo-council.ts';
import { type Backend, openEmbeddedDatabase, openServerDatabase } from '../src/kernel/db.ts';
import { migrateToLatest } from '../src/kernel/migrate.ts';
import { fileStoreOf } from '../src/kernel/uploads.ts';
import { hashFile } from '../src/modules/ops/archive.ts';
import { MANIFEST_NAME, type Manifest } from '../src/modules/ops/rules.ts';
import { restoreBackup, verifyBackup, writeBackup } from '../src/modules/ops/service.ts';
import { countRows } from '../src/modules/ops/store.ts';
import { startTestApp, stopTestApp, type TestApp } from './support/app.ts';
import { BACKENDS, createServerDatabase, openTestDatabase, type TestDatabase } from './support/database.ts';
import { makePdf, PNG } from './support/documents.ts';
import { signIn } from './support/identity.ts';

/** Unpacks an archive, lets `change` alter it, and packs it again as a well-formed gzip tar. */
async function repack(archive: string, target: string, change: (dir: string) => Promise<void>) {
  const dir = await mkdtemp(path.join(tmpdir(), 'lovit-repack-'));
  await tar.x({ file: archive, cwd: dir });
  await change(dir);
  const manifest = JSON.parse(await readFile(path.join(dir, MANIFEST_NAME), 'utf8')) as Manifest;
  await tar.c({ gzip: true, file: target, cwd: dir }, [MANIFEST_NAME, ...Object.keys(manifest.members)]);
  await rm(dir, { recursive: true, force: true });
}

describe.each(BACKENDS)('backup and restore on %s', (backend: Backend) => {
  let database: TestDatabase;
  let t: TestApp;
  let folder: string;
  let archive: string;
  let manifest: Manifest;
  const stored: string[] = [];

  beforeAll(async () => {
    folder = await mkdtemp(path.join(tmpdir(), 'lovit-backup-'));
    database = await openTestDatabase(backend);
    t = await startTestApp(database, { config: { DATA_DIR: path.join(folder, 'data') } });
    const platform = t.platform;
    await loadDemoData(platform);
    await loadDemoCases(platform);
    await loadDemoCouncil(platform);
    const files = fileStoreOf(platform.config);
    for (const [content, name] of [
      [await makePdf('Passaporto'), 'passaporto.pdf'],
      [PNG, 'foto.png'],
    ] as const)
      stored.push((await files.put(content, name)).sha256);
    const written = await writeBackup(
      database,
      { ...platform.config, backupDir: path.join(folder, 'backups') },
      t.clock.now(),
    );
    archive = written.archive;
    manifest = written.manifest;
  });

  afterAll(async () => {
    await stopTestApp(t);
    await database.dispose();
    await rm(folder, { recursive: true, force: true });
  });

  it('writes one archive named by the time of the offices, whose manifest counts every table and file', async () => {
    expect(path.basename(archive)).toBe('lovit-backup-2026-03-02T0900.tar.gz');
    expect(manifest.backend).toBe(backend);
    expect(manifest.tables).toEqual(await countRows(database.db));
    expect(manifest.tables.case_file).toBeGreaterThan(0);
    expect(manifest.tables.app_user).toBeGreaterThan(0);
    expect(manifest.tables.council_meeting).toBeGreaterThan(0);
    expect(manifest.tables.audit_entry).toBeGreaterThan(0);
    for (const sha256 of stored)
      expect(manifest.members[`files/${sha256.slice(0, 2)}/${sha256}`]?.sha256).toBe(sha256);
    const verified = await verifyBackup(archive, database.url);
    expect(verified).toMatchObject({ isIntact: true, problems: [] });
  });

  it('restores into a fresh place where the app starts with every record and file', async () => {
    const dataDir = path.join(folder, 'restored');
    const server = backend === 'postgres' ? await createServerDatabase() : undefined;
    try {
      const line = await restoreBackup(archive, { dataDir, databaseUrl: server?.url });
      expect(line).toMatch(/^Ripristinato/);
      const handle = server
        ? await openServerDatabase(server.url, { max: 2 })
        : await openEmbeddedDatabase(path.join(dataDir, 'pglite'));
      const restored = { ...handle, dispose: () => handle.close() };
      expect(await migrateToLatest(handle.db)).toEqual([]);
      expect(await countRows(handle.db)).toEqual(manifest.tables);
      for (const sha256 of stored)
        expect((await hashFile(path.join(dataDir, 'files', sha256.slice(0, 2), sha256))).sha256).toBe(sha256);
      const app = await startTestApp(restored, { config: { DATA_DIR: dataDir } });
      try {
        expect((await app.app.inject({ method: 'GET', url: '/readyz' })).statusCode).toBe(200);
        const session = await signIn(app.app, 'responsabile.sui@lovit.example', DEMO_PASSWORD);
        const cases = await app.app.inject({ method: 'GET', url: '/api/cases', headers: session.headers });
        expect(cases.statusCode).toBe(200);
      } finally {
        await stopTestApp(app);
        await restored.dispose();
      }
      await expect(restoreBackup(archive, { dataDir, databaseUrl: server?.url })).rejects.toThrow(
        /is not empty: restore only into an empty/,
      );
    } finally {
      await server?.drop();
    }
  });

  // The checks come before the first write and are the same on both backends.
  it.runIf(backend === 'pglite')(
    'refuses a truncated, a tampered, a foreign and a newer archive, writing nothing',
    async () => {
      const bytes = await readFile(archive);
      const truncated = path.join(folder, 'truncated.tar.gz');
      await writeFile(truncated, bytes.subarray(0, Math.floor(bytes.length / 2)));
      const tampered = path.join(folder, 'tampered.tar.gz');
      await repack(archive, tampered, async (dir) => {
        const member = `files/${stored[0]?.slice(0, 2)}/${stored[0]}`;
        const content = await readFile(path.join(dir, member));
        content.writeUInt8(content.readUInt8(content.length - 2) ^ 0xff, content.length - 2);
        await writeFile(path.join(dir, member), content);
      });
      const newer = path.join(folder, 'newer.tar.gz');
      await repack(archive, newer, async (dir) => {
        const file = path.join(dir, MANIFEST_NAME);
        const text = JSON.parse(await readFile(file, 'utf8')) as Manifest;
        await writeFile(file, JSON.stringify({ ...text, migration: '29991231T0000-future' }));
      });
      const foreign = path.join(folder, 'foreign.tar.gz');
      await repack(archive, foreign, async (dir) => {
        await writeFile(path.join(dir, MANIFEST_NAME), JSON.stringify({ members: {} }));
      });
      const dataDir = path.join(folder, 'refused');
      const place = { dataDir, databaseUrl: undefined };
      await expect(restoreBackup(truncated, place)).rejects.toThrow(/is damaged or truncated/);
      await expect(restoreBackup(tampered, place)).rejects.toThrow(/does not match its checksum/);
      await expect(restoreBackup(newer, place)).rejects.toThrow(/comes from a newer LOVIT/);
      await expect(restoreBackup(foreign, place)).rejects.toThrow(/is not a LOVIT backup/);
      await expect(verifyBackup(tampered, database.url)).rejects.toThrow(/does not match its checksum/);
      await expect(stat(dataDir)).rejects.toThrow(/ENOENT/);
    },
  );
});
