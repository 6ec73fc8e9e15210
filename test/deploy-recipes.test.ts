/**
 * The production recipes, checked without building anything: no container builder can fetch a base image
 * here, so the Containerfile is read for what would break its build or run it as root; the systemd unit goes
 * through `systemd-analyze verify`; `publiccode.yml` is checked against the standard's required fields.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const ROOT = path.resolve(import.meta.dirname, '..');
const read = (file: string) => readFile(path.join(ROOT, file), 'utf8');
const run = promisify(execFile);

/** The instructions of a Containerfile, continuation lines joined and comments left out. */
function instructions(text: string): { op: string; args: string }[] {
  return text
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'))
    .map((line) => {
      const [op = '', ...rest] = line.split(/\s+/);
      return { op: op.toUpperCase(), args: rest.join(' ') };
    });
}

describe('the container recipe', async () => {
  const steps = instructions(await read('deploy/Containerfile'));
  const ignored = (await read('.containerignore'))
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
  const packageJson = JSON.parse(await read('package.json')) as {
    dependencies: Record<string, string>;
  };

  it('copies from the build context only files that exist and that .containerignore lets through', () => {
    const sources = steps
      .filter((step) => step.op === 'COPY' && !step.args.startsWith('--from'))
      .flatMap((step) => step.args.split(/\s+/).slice(0, -1));
    expect(sources.length).toBeGreaterThan(0);
    for (const source of sources) {
      expect(existsSync(path.join(ROOT, source)), source).toBe(true);
      expect(ignored, source).not.toContain(source);
    }
  });

  it('runs the same Node as the project, as an unprivileged user, with a health check', () => {
    const bases = steps.filter((step) => step.op === 'FROM').map((step) => step.args);
    const nodeMajor = packageJson.dependencies.node?.replace(/^\^/, '').split('.')[0];
    for (const base of bases) expect(base).toMatch(new RegExp(`/node:${nodeMajor}-`));
    const users = steps.filter((step) => step.op === 'USER').map((step) => step.args);
    expect(users.at(-1)).toBe('node');
    expect(steps.some((step) => step.op === 'HEALTHCHECK' && step.args.includes('/healthz'))).toBe(true);
  });

  it('starts what `npm start` starts, with tsx among the runtime dependencies', async () => {
    const command = steps.filter((step) => step.op === 'CMD').at(-1)?.args;
    expect(command).toBe('["node", "--import", "tsx", "src/main.ts"]');
    expect(JSON.parse(await read('package.json')).scripts.start).toBe('tsx src/main.ts');
    expect(packageJson.dependencies.tsx).toBeDefined();
  });
});

describe('the systemd unit', () => {
  const analyze = ['/usr/bin/systemd-analyze', '/bin/systemd-analyze'].find((file) => existsSync(file));

  it.skipIf(!analyze)('passes systemd-analyze verify without a warning', async () => {
    const unit = await read('deploy/lovit.service');
    const execStart = unit.match(/^ExecStart=(\S+) (.*)$/m);
    expect(execStart?.[1]).toBe('/opt/lovit/node_modules/.bin/node');
    expect(existsSync(path.join(ROOT, 'src/main.ts'))).toBe(true);
    expect(unit).toMatch(/^User=lovit$/m);
    // The unit names the installed Node; here it is checked with the one running this test.
    const folder = await mkdtemp(path.join(tmpdir(), 'lovit-unit-'));
    try {
      const file = path.join(folder, 'lovit.service');
      await writeFile(file, unit.replace(execStart?.[1] as string, process.execPath));
      const { stderr } = await run(analyze as string, ['verify', file]);
      expect(stderr).toBe('');
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  });
});

describe('publiccode.yml', async () => {
  const entry = parse(await read('publiccode.yml')) as Record<string, unknown> & {
    description: Record<string, { shortDescription: string; longDescription: string; features: string[] }>;
    legal: { license: string };
    maintenance: { type: string; contacts?: { name: string }[] };
    localisation: { localisationReady: boolean; availableLanguages: string[] };
    dependsOn: { open: { name: string }[] };
  };

  it('has the fields the standard requires, with allowed values', async () => {
    for (const key of [
      'publiccodeYmlVersion',
      'name',
      'url',
      'platforms',
      'categories',
      'developmentStatus',
      'softwareType',
      'description',
      'legal',
      'maintenance',
      'localisation',
    ])
      expect(entry, key).toHaveProperty(key);
    expect(entry.publiccodeYmlVersion).toBe('0.4');
    expect(['concept', 'development', 'beta', 'stable', 'obsolete']).toContain(entry.developmentStatus);
    expect(entry.softwareType).toBe('standalone/web');
    expect(entry.url).toMatch(/^https:\/\//);
    expect(entry.legal.license).toBe(JSON.parse(await read('package.json')).license);
    expect(entry.softwareVersion).toBe(JSON.parse(await read('package.json')).version);
    expect(String(entry.releaseDate)).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(['internal', 'contract', 'community', 'none']).toContain(entry.maintenance.type);
    expect(entry.maintenance.contacts?.length).toBeGreaterThan(0);
  });

  it('describes LOVIT in Italian and English within the lengths the catalogue takes', () => {
    expect(Object.keys(entry.description).sort()).toEqual(['en', 'it']);
    for (const text of Object.values(entry.description)) {
      expect(text.shortDescription.length).toBeLessThanOrEqual(150);
      expect(text.longDescription.length).toBeGreaterThanOrEqual(150);
      expect(text.longDescription.length).toBeLessThanOrEqual(10_000);
      expect(text.features.length).toBeGreaterThan(0);
    }
  });

  it('lists the languages LOVIT speaks and depends on PostgreSQL', async () => {
    const locales = await readdir(path.join(ROOT, 'src/modules/portal/locales'));
    const languages = locales.map((file) => file.replace(/\.json$/, ''));
    expect(entry.localisation.localisationReady).toBe(true);
    expect([...entry.localisation.availableLanguages].sort()).toEqual(languages.sort());
    expect(entry.dependsOn.open.map((dependency) => dependency.name)).toContain('PostgreSQL');
  });
});
