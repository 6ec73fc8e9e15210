import { describe, expect, it } from 'vitest';
import {
  archiveName,
  archivesBeyond,
  dailyCron,
  differences,
  type Manifest,
  migrationRefusal,
} from './rules.ts';

const manifest: Manifest = {
  format: 'lovit-backup',
  formatVersion: 1,
  lovitVersion: '0.1.0',
  createdAt: '2026-12-06T08:30:00.000Z',
  backend: 'pglite',
  migration: '20261207T0600-portal-search',
  tables: { case_file: 12, app_user: 3 },
  members: { 'database/pglite.tar': { size: 10, sha256: 'a'.repeat(64) } },
};

describe('backup rules', () => {
  it('names an archive by the time in Rome, in winter and in summer', () => {
    expect(archiveName(new Date('2026-12-06T08:30:00Z'))).toBe('lovit-backup-2026-12-06T0930.tar.gz');
    expect(archiveName(new Date('2026-07-01T00:30:00Z'))).toBe('lovit-backup-2026-07-01T0230.tar.gz');
  });

  it('keeps the newest archives and never touches other files', () => {
    const names = [
      'lovit-backup-2026-12-03T0230.tar.gz',
      'lovit-backup-2026-12-01T0230.tar.gz',
      'lovit-backup-2026-12-02T0230.tar.gz',
      'lovit-backup-2026-12-02T0230-2.tar.gz',
      'notes.txt',
      'lovit-backup-2026-12-04T0230.tar.gz.partial',
    ];
    expect(archivesBeyond(names, 2)).toEqual([
      'lovit-backup-2026-12-01T0230.tar.gz',
      'lovit-backup-2026-12-02T0230-2.tar.gz',
    ]);
    expect(archivesBeyond(names, 10)).toEqual([]);
  });

  it('runs daily at the configured time', () => {
    expect(dailyCron({ hour: 2, minute: 30 })).toBe('30 2 * * *');
  });

  it('refuses an archive whose schema level this code does not know', () => {
    const known = ['20261206T0100-a', '20261207T0600-portal-search'];
    expect(migrationRefusal(manifest, known)).toBeNull();
    expect(migrationRefusal({ ...manifest, migration: '20270101T0000-later' }, known)).toMatch(/newer LOVIT/);
    expect(migrationRefusal({ ...manifest, migration: '20200101T0000-gone' }, known)).toMatch(/unknown/);
  });

  it('names every table and member that differs from the manifest', () => {
    const members = { 'database/pglite.tar': 'a'.repeat(64) };
    expect(differences(manifest, { tables: { case_file: 12, app_user: 3 }, members })).toEqual([]);
    expect(
      differences(manifest, {
        tables: { case_file: 11, council_meeting: 1 },
        members: { 'database/pglite.tar': 'b'.repeat(64), 'files/ab/x': 'c' },
      }),
    ).toEqual([
      'table case_file: 12 rows expected, 11 found',
      'table app_user: 3 rows expected, no table found',
      'table council_meeting is not in the manifest',
      'database/pglite.tar does not match its checksum',
      'files/ab/x is not in the manifest',
    ]);
  });
});
