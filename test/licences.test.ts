import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { acceptable, installedDependencies, LICENCES_FILE, licencesDocument } from '../deploy/licences.ts';

const dependency = (licence: string, name = 'pacchetto') => ({
  name,
  version: '1.0.0',
  licence,
  repository: null,
});

describe('the licences of the runtime dependencies', () => {
  it('accepts permissive licences and expressions with a permissive choice, refuses copyleft-only ones', () => {
    expect(acceptable(dependency('MIT'))).toBe(true);
    expect(acceptable(dependency('(MIT OR GPL-3.0-or-later)'))).toBe(true);
    expect(acceptable(dependency('(MIT AND Zlib)'))).toBe(true);
    expect(acceptable(dependency('(MIT AND GPL-2.0-only)'))).toBe(false);
    expect(acceptable(dependency('GPL-3.0-only'))).toBe(false);
    expect(acceptable(dependency('AGPL-3.0-or-later'))).toBe(false);
    expect(acceptable(dependency('UNKNOWN'))).toBe(false);
  });

  it('accepts a package without a stated licence only where it was read by hand', () => {
    expect(acceptable({ ...dependency('no licence stated', 'buffers'), version: '0.1.1' })).toBe(true);
    expect(acceptable({ ...dependency('no licence stated', 'buffers'), version: '0.1.2' })).toBe(false);
  });

  it('lists in docs/licences.md exactly what is installed, every licence acceptable', async () => {
    const installed = await installedDependencies();
    expect(installed.length).toBeGreaterThan(100);
    expect(installed.filter((d) => !acceptable(d))).toEqual([]);
    expect(readFileSync(LICENCES_FILE, 'utf8')).toBe(licencesDocument(installed));
  });
});
