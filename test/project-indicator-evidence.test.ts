import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectModule } from '../src/modules/project/index.ts';
import { NO_EVIDENCE } from '../src/modules/project/indicators/rules.ts';
import { startTestApp, stopTestApp, type TestApp } from './support/app.ts';
import { BACKENDS, openTestDatabase, type TestDatabase } from './support/database.ts';
import { type FilePart, makePdf, makeZip, multipartBody, PNG } from './support/documents.ts';
import type { Session } from './support/identity.ts';
import { projectOrganisations, signInPeople } from './support/project.ts';

type Person = 'pm' | 'auditor' | 'supervisor' | 'communications';

// the test clock reads 2 March 2026
const PROJECT = {
  code: 'PROG-3858',
  acronym: 'LO.V.I.T.',
  title: 'Lodi verso l’integrazione territoriale',
  programme: 'FAMI_2014_2020',
  objective: 'OS2 – ON 2.3 Capacity building',
  cup: 'F79I22002140006',
  startsOn: '2025-10-01',
  endsOn: '2027-06-30',
};
const INDICATOR = {
  code: 'O1.3',
  name: 'Analisi dei bisogni e delle risorse consegnata',
  kind: 'OUTPUT',
  unit: 'analisi',
  baseline: 0,
  target: 1,
  workPackageId: null,
  source: 'MANUAL',
};

type FileView = { id: string; fileName: string; mediaType: string };
type ValueView = { id: string; value: number; note: string | null; files: FileView[]; frozen: boolean };
type Page = { indicators: { id: string; code: string; values: ValueView[] }[] };
type Snapshot = { id: string; values: { code: string; value: number | null; evidence: ValueView | null }[] };

for (const backend of BACKENDS) {
  describe(`the evidence of the indicators' manual values on ${backend}`, () => {
    let database: TestDatabase;
    let t: TestApp;
    const sessions = {} as Record<Person, Session>;
    let projectId: string;
    let indicatorId: string;
    let computedId: string;
    let pdf: Buffer;

    const call = (who: Person, method: 'GET' | 'POST' | 'DELETE', url: string, payload?: object) =>
      t.app.inject({ method, url, headers: sessions[who].headers, ...(payload ? { payload } : {}) });
    const send = async (who: Person, url: string, file: FilePart) => {
      const body = await multipartBody({}, file);
      return t.app.inject({
        method: 'POST',
        url,
        headers: { ...sessions[who].headers, ...body.headers },
        payload: body.payload,
      });
    };
    const upload = (who: Person, file: FilePart) =>
      send(who, `/api/project/indicators/${indicatorId}/evidence-uploads`, file);
    const tokenOf = async (file: FilePart) => {
      const uploaded = await upload('pm', file);
      expect(uploaded.statusCode, uploaded.body).toBe(201);
      return (uploaded.json() as { token: string }).token;
    };
    const values = async () => {
      const page = (
        await call('auditor', 'GET', `/api/project/projects/${projectId}/indicators`)
      ).json() as Page;
      return page.indicators.find((i) => i.id === indicatorId)?.values ?? [];
    };
    const fileUrl = (valueId: string, fileId: string) =>
      `/api/project/indicator-values/${valueId}/files/${fileId}`;
    const actions = async (like: string) =>
      (
        await database.db
          .selectFrom('auditEntry')
          .select('action')
          .where('action', 'like', like)
          .orderBy('seq')
          .execute()
      ).map((row) => row.action);
    const stored = async () =>
      Promise.all(
        (['projectIndicatorValue', 'projectIndicatorEvidence'] as const).map(
          async (table) =>
            (
              await database.db
                .selectFrom(table)
                .select(({ fn }) => fn.countAll<number>().as('n'))
                .executeTakeFirstOrThrow()
            ).n,
        ),
      );

    beforeAll(async () => {
      database = await openTestDatabase(backend);
      t = await startTestApp(database);
      const { prefectureId } = await projectOrganisations(t);
      await signInPeople(
        t,
        [
          ['pm', prefectureId, 'project_manager'],
          ['auditor', prefectureId, 'auditor'],
          ['supervisor', prefectureId, 'project_supervisor'],
          ['communications', prefectureId, 'communications'],
        ],
        sessions,
      );
      const project = await call('pm', 'POST', '/api/project/projects', PROJECT);
      expect(project.statusCode, project.body).toBe(201);
      projectId = project.json().id;
      const defined = await call('pm', 'POST', `/api/project/projects/${projectId}/indicators`, INDICATOR);
      expect(defined.statusCode, defined.body).toBe(201);
      const computed = await call('pm', 'POST', `/api/project/projects/${projectId}/indicators`, {
        ...INDICATOR,
        code: 'O2.1',
        name: 'Pratiche ricevute',
        unit: 'pratiche',
        source: 'cases.handled',
      });
      const page = computed.json() as Page;
      indicatorId = page.indicators.find((i) => i.code === 'O1.3')?.id ?? '';
      computedId = page.indicators.find((i) => i.code === 'O2.1')?.id ?? '';
      pdf = await makePdf('Mappa dei bisogni e delle risorse');
    }, 120_000);

    afterAll(async () => {
      await stopTestApp(t);
      await database.dispose();
    });

    it('refuses a manual value with neither a note nor a file, on the note, and writes nothing', async () => {
      const before = await stored();
      for (const evidence of [{}, { note: null }, { note: null, files: [] }]) {
        const refused = await call('pm', 'POST', `/api/project/indicators/${indicatorId}/values`, {
          value: 1,
          measuredOn: '2026-02-10',
          ...evidence,
        });
        expect(refused.statusCode).toBe(422);
        expect(refused.headers['content-type']).toContain('application/problem+json');
        expect(refused.json().errors).toEqual([{ path: 'note', message: NO_EVIDENCE }]);
      }
      expect(await stored()).toEqual(before);
    });

    it('takes evidence files as the project’s other attachments: checked by content, only for a manual indicator, only from the manager', async () => {
      const fake = await upload('pm', { content: makeZip('a.txt', Buffer.from('x')), name: 'verbale.pdf' });
      expect(fake.statusCode).toBe(415);
      expect(fake.json().errors.map((e: { path: string }) => e.path)).toEqual(['file']);
      expect((await upload('auditor', { content: pdf, name: 'verbale.pdf' })).statusCode).toBe(403);
      const computed = await send('pm', `/api/project/indicators/${computedId}/evidence-uploads`, {
        content: pdf,
        name: 'verbale.pdf',
      });
      expect(computed.statusCode).toBe(422);
      expect(computed.json().errors[0].path).toBe('file');
      const uploaded = await upload('pm', { content: pdf, name: 'mappa.pdf' });
      expect(uploaded.statusCode).toBe(201);
      expect(uploaded.json()).toMatchObject({ fileName: 'mappa.pdf', mediaType: 'application/pdf' });
    });

    it('records a value whose evidence is files alone, each download audited', async () => {
      const token = await tokenOf({ content: pdf, name: 'mappa dei bisogni.pdf' });
      const photo = await tokenOf({ content: PNG, name: 'seduta.png' });
      const recorded = await call('pm', 'POST', `/api/project/indicators/${indicatorId}/values`, {
        value: 1,
        measuredOn: '2026-02-10',
        files: [token, photo],
      });
      expect(recorded.statusCode, recorded.body).toBe(201);
      const [value] = await values();
      expect(value).toMatchObject({ value: 1, note: null, frozen: false });
      expect(value?.files.map((f) => [f.fileName, f.mediaType])).toEqual([
        ['mappa dei bisogni.pdf', 'application/pdf'],
        ['seduta.png', 'image/png'],
      ]);
      const again = await call('pm', 'POST', `/api/project/indicators/${indicatorId}/values`, {
        value: 2,
        measuredOn: '2026-02-11',
        files: [token],
      });
      expect(again.statusCode).toBe(422);
      expect(again.json().errors.map((e: { path: string }) => e.path)).toEqual(['files.0']);
      expect(await values()).toHaveLength(1);

      const url = fileUrl(value?.id ?? '', value?.files[0]?.id ?? '');
      const download = await call('auditor', 'GET', url);
      expect(download.statusCode).toBe(200);
      expect(download.headers['content-type']).toBe('application/pdf');
      expect(download.rawPayload.equals(pdf)).toBe(true);
      expect((await call('auditor', 'GET', fileUrl(value?.id ?? '', value?.id ?? ''))).statusCode).toBe(404);
      // a register may name people: whoever only follows the project reads the figure and the file's name, not the file
      const followed = await call('communications', 'GET', `/api/project/projects/${projectId}/indicators`);
      expect(followed.statusCode).toBe(200);
      expect(followed.json().can).toEqual({ manage: false, evidence: false });
      expect((await call('communications', 'GET', url)).statusCode).toBe(403);
      const [read] = await database.db
        .selectFrom('auditEntry')
        .select(['entityType', 'entityId'])
        .where('action', '=', 'project_indicator_evidence.read')
        .execute();
      expect(read).toEqual({ entityType: 'project_indicator_evidence', entityId: value?.files[0]?.id });
      const { sha256 } = await database.db
        .selectFrom('projectIndicatorEvidence')
        .select('sha256')
        .where('id', '=', value?.files[0]?.id ?? '')
        .executeTakeFirstOrThrow();
      const nobody = 'f'.repeat(64);
      expect(await projectModule.storedFiles?.(database.db, [sha256, nobody])).toEqual([sha256]);
    });

    it('adds and removes files until the value is frozen, never leaving it without evidence', async () => {
      const [value] = await values();
      if (!value) throw new Error('value missing');
      const added = await send('pm', `/api/project/indicator-values/${value.id}/files`, {
        content: PNG,
        name: 'registro.png',
      });
      expect(added.statusCode, added.body).toBe(201);
      expect((await call('supervisor', 'DELETE', fileUrl(value.id, added.json().id))).statusCode).toBe(403);
      for (const file of value.files)
        expect((await call('pm', 'DELETE', fileUrl(value.id, file.id))).statusCode).toBe(204);
      const last = await call('pm', 'DELETE', fileUrl(value.id, added.json().id));
      expect(last.statusCode).toBe(409);
      expect(last.json().detail).toContain('unica evidenza');
      expect((await values())[0]?.files.map((f) => f.fileName)).toEqual(['registro.png']);
    });

    it('keeps the files of a value frozen in a snapshot and shows them in the snapshot’s drill-down', async () => {
      const note = 'Approvata dal Consiglio territoriale nella seduta plenaria del 20 febbraio';
      const recorded = await call('pm', 'POST', `/api/project/indicators/${indicatorId}/values`, {
        value: 1,
        measuredOn: '2026-02-20',
        note,
        files: [await tokenOf({ content: pdf, name: 'verbale plenaria.pdf' })],
      });
      expect(recorded.statusCode, recorded.body).toBe(201);
      const standing = (await values()).find((v) => v.note === note);
      if (!standing) throw new Error('value missing');
      const taken = await call('pm', 'POST', `/api/project/projects/${projectId}/indicator-snapshots`, {
        label: 'Primo periodo',
        from: '2025-10-01',
        to: '2026-02-28',
      });
      expect(taken.statusCode, taken.body).toBe(201);
      const snapshot = taken.json() as Snapshot;
      const frozen = snapshot.values.find((v) => v.code === 'O1.3');
      expect(frozen?.value).toBe(1);
      expect(frozen?.evidence).toMatchObject({ id: standing.id, note, frozen: true });
      expect(frozen?.evidence?.files.map((f) => f.fileName)).toEqual(['verbale plenaria.pdf']);
      expect(snapshot.values.find((v) => v.code === 'O2.1')?.evidence).toBeNull();

      const file = standing.files[0];
      if (!file) throw new Error('file missing');
      const remove = await call('pm', 'DELETE', fileUrl(standing.id, file.id));
      expect(remove.statusCode).toBe(409);
      expect(remove.json().detail).toContain('rilevazione congelata');
      const add = await send('pm', `/api/project/indicator-values/${standing.id}/files`, {
        content: PNG,
        name: 'altro.png',
      });
      expect(add.statusCode).toBe(409);
      await expect(
        database.db.deleteFrom('projectIndicatorEvidence').where('id', '=', file.id).execute(),
      ).rejects.toThrow();

      const after = await values();
      expect(after.find((v) => v.id === standing.id)).toMatchObject({ frozen: true, files: [file] });
      expect(after.filter((v) => v.id !== standing.id).every((v) => !v.frozen)).toBe(true);
      const reopened = await call('auditor', 'GET', `/api/project/indicator-snapshots/${snapshot.id}`);
      expect(reopened.json()).toEqual(snapshot);
      const download = await call('auditor', 'GET', fileUrl(standing.id, file.id));
      expect(download.rawPayload.equals(pdf)).toBe(true);
    });

    it('audits every change of the evidence', async () => {
      expect(await actions('project.indicator.%')).toEqual([
        'project.indicator.create',
        'project.indicator.create',
        'project.indicator.evidence.upload',
        'project.indicator.evidence.upload',
        'project.indicator.evidence.upload',
        'project.indicator.value',
        'project.indicator.evidence.attach',
        'project.indicator.evidence.detach',
        'project.indicator.evidence.detach',
        'project.indicator.evidence.upload',
        'project.indicator.value',
        'project.indicator.snapshot',
      ]);
    });
  });
}
