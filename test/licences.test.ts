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
    expect(acceptable(dependency('GPL-3.0-only AND (MIT OR ISC)'))).toBe(false);
    expect(acceptable(dependency('AGPL-3.0-only AND (MIT OR Apache-2.0)'))).toBe(false);
    expect(acceptable(dependency('(GPL-3.0-only OR MIT) AND ISC'))).toBe(true);
  });

  it('lists in docs/licences.md exactly what is installed, every licence acceptable', async () => {
    const installed = await installedDependencies();
    expect(installed.length).toBeGreaterThan(100);
    expect(installed.filter((d) => !acceptable(d))).toEqual([]);
    expect(readFileSync(LICENCES_FILE, 'utf8')).toBe(licencesDocument(installed));
  });
});
