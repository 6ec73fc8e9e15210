import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, loadDemoData } from '../src/cli/demo.ts';
import { loadDemoCases } from '../src/cli/demo-cases.ts';
import { loadDemoCouncil } from '../src/cli/demo-council.ts';
import { loadDemoEventFollowUp } from '../src/cli/demo-event-follow-up.ts';
import { loadDemoEvents } from '../src/cli/demo-events.ts';
import { loadDemoNews } from '../src/cli/demo-news.ts';
import { loadDemoProject } from '../src/cli/demo-project.ts';
import { loadDemoProjectIndicators } from '../src/cli/demo-project-indicators.ts';
import { loadDemoTraining } from '../src/cli/demo-training.ts';
import { loadDemoTrainingFeedback } from '../src/cli/demo-training-feedback.ts';
import { loadDemoTrainingRecord } from '../src/cli/demo-training-record.ts';
import { loadDemoUpdates } from '../src/cli/demo-updates.ts';
import { memberCaller } from '../src/cli/sui-caller.ts';
import type { Caller } from '../src/kernel/auth.ts';
import { indicatorSources } from '../src/kernel/indicators.ts';
import { recordCoverage } from '../src/modules/outreach/press/service.ts';
import { startTestApp, stopTestApp, type TestApp } from './support/app.ts';
import { BACKENDS, openTestDatabase, type TestDatabase } from './support/database.ts';
import { type Session, signIn } from './support/identity.ts';

type Person = 'pm' | 'supervisor' | 'auditor' | 'sui' | 'questura' | 'trainee';

const EMAILS: Record<Person, string> = {
  pm: 'project.manager@lovit.example',
  supervisor: 'supervisore@lovit.example',
  auditor: 'revisore@lovit.example',
  sui: 'responsabile.sui@lovit.example',
  questura: 'funzionario.questura@lovit.example',
  trainee: 'corsista@lovit.example',
};

// the test clock reads 2 March 2026; the demo's records lie around it
const SO_FAR = { from: '2024-12-01', to: '2026-03-02' };
const LONG_AGO = { from: '2001-01-01', to: '2001-12-31' };

const fieldsOf = (body: { errors?: { path: string }[] }) => (body.errors ?? []).map((e) => e.path);

type Page = {
  project: { id: string; startsOn: string };
  workPackages: { id: string; code: string }[];
  indicators: {
    id: string;
    code: string;
    source: string;
    version: number;
    target: number;
    current: { value: number | null };
  }[];
  snapshots: { id: string; label: string; values: { code: string; value: number | null }[] }[];
  can: { manage: boolean };
};

for (const backend of BACKENDS) {
  describe(`the project's indicators on ${backend}`, () => {
    let database: TestDatabase;
    let t: TestApp;
    const sessions = {} as Record<Person, Session>;
    const callers = {} as Record<'pm' | 'sui' | 'secretariat', Caller>;
    let projectId: string;

    const call = (who: Person | null, method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) =>
      t.app.inject({
        method,
        url,
        headers: who ? sessions[who].headers : {},
        ...(payload ? { payload } : {}),
      });
    const page = async (who: Person = 'pm') =>
      (await call(who, 'GET', `/api/project/projects/${projectId}/indicators`)).json() as Page;
    const auditActions = async () =>
      (await database.db.selectFrom('auditEntry').select('action').orderBy('seq').execute()).map(
        (row) => row.action,
      );

    beforeAll(async () => {
      database = await openTestDatabase(backend);
      t = await startTestApp(database);
      const platform = { database, clock: t.clock, config: t.platform.config };
      await loadDemoData(platform);
      await loadDemoCases(platform);
      await loadDemoCouncil(platform);
      await loadDemoTraining(platform);
      await loadDemoUpdates(platform);
      await loadDemoTrainingFeedback(platform);
      await loadDemoTrainingRecord(platform);
      await loadDemoEvents(platform);
      await loadDemoEventFollowUp(platform);
      await loadDemoNews(platform);
      await loadDemoProject(platform);
      await loadDemoProjectIndicators(platform);
      for (const [who, email] of Object.entries(EMAILS) as [Person, string][])
        sessions[who] = await signIn(t.app, email, DEMO_PASSWORD);
      const pm = await memberCaller(platform, EMAILS.pm, ['project_manager']);
      const sui = await memberCaller(platform, EMAILS.sui, ['sui_manager']);
      const secretariat = await memberCaller(platform, 'segreteria.cti@lovit.example', [
        'council_secretariat',
      ]);
      if (!pm || !sui || !secretariat) throw new Error('demo users missing');
      Object.assign(callers, { pm, sui, secretariat });
      const projects = (await call('pm', 'GET', '/api/project/projects')).json() as {
        id: string;
        code: string;
      }[];
      projectId = projects.find((p) => p.code === 'LOVIT-2')?.id ?? '';
    }, 240_000);

    afterAll(async () => {
      await stopTestApp(t);
      await database.dispose();
    });

    it('shows the demo indicators with values from cases, meetings, training and events', async () => {
      const view = await page();
      expect(view.can.manage).toBe(true);
      expect(view.indicators.map((i) => i.code)).toContain('O2.1');
      expect(view.snapshots.map((s) => s.label)).toEqual(['Secondo periodo', 'Primo periodo']);
      const current = (code: string) => view.indicators.find((i) => i.code === code)?.current.value ?? 0;
      for (const code of ['O1.1', 'O1.2', 'O2.1', 'O2.2', 'O3.1', 'O3.3', 'O4.2', 'O4.3'])
        expect(current(code)).toBeGreaterThan(0);
      expect(current('O1.3')).toBe(1);
      const latest = view.snapshots[0]?.values ?? [];
      expect(latest.find((v) => v.code === 'O2.1')?.value).toBe(current('O2.1'));
    });

    it('counts with each source what its records list, and nothing in a period without records', async () => {
      const platform = t.platform;
      const readerOf = (module: string) =>
        module === 'cases' || module === 'exchange'
          ? callers.sui
          : module === 'council'
            ? callers.secretariat
            : callers.pm;
      const figures: Record<string, number> = {};
      for (const source of indicatorSources()) {
        const value = await source.compute(platform, SO_FAR);
        figures[source.key] = value;
        expect(await source.compute(platform, LONG_AGO), source.key).toBe(0);
        const rows: Record<string, string | number | null>[] = [];
        for (let offset = 0; ; offset += 50) {
          const found = await source.records(platform, readerOf(source.module), SO_FAR, {
            offset,
            limit: 50,
          });
          expect(found.restricted, source.key).toBe(false);
          rows.push(...found.rows);
          if (found.rows.length < 50) {
            expect(rows.length, source.key).toBe(found.total);
            break;
          }
        }
        if (source.key === 'cases.people-assisted')
          expect(rows.reduce((sum, row) => sum + Number(row.people), 0)).toBeGreaterThanOrEqual(value);
        else if (source.key === 'exchange.opinion-answer-days') {
          const days = rows.map((row) => Number(row.days));
          const mean = days.length === 0 ? 0 : days.reduce((a, b) => a + b, 0) / days.length;
          expect(value, source.key).toBeCloseTo(mean, 1);
        } else expect(rows.length, source.key).toBe(value);
      }
      for (const key of ['cases.handled', 'cases.team-support', 'council.meetings-held', 'updates.published'])
        expect(figures[key], key).toBeGreaterThan(0);
    });

    it('freezes a snapshot: records added later do not change it, a new one of the same period is a new row', async () => {
      const period = { label: 'Verifica', from: '2026-02-01', to: '2026-03-02' };
      const first = await call(
        'pm',
        'POST',
        `/api/project/projects/${projectId}/indicator-snapshots`,
        period,
      );
      expect(first.statusCode).toBe(201);
      const frozen = first.json() as {
        id: string;
        values: { code: string; value: number | null; definitionVersion: number }[];
      };
      await recordCoverage(t.platform, callers.pm, {
        publishedOn: '2026-02-20',
        outlet: 'Il Cittadino di Lodi',
        title: 'Lo Sportello unico cambia passo',
        media: 'PRINT',
        url: null,
        reach: 12000,
        notes: null,
      });
      const pm = await page();
      const coverage = await call('pm', 'POST', `/api/project/projects/${projectId}/indicators`, {
        code: 'O4.9',
        name: 'Uscite sui media',
        kind: 'OUTPUT',
        unit: 'uscite',
        baseline: 0,
        target: 10,
        workPackageId: pm.workPackages.find((w) => w.code === 'WP4')?.id,
        source: 'outreach.coverage',
      });
      expect(coverage.statusCode).toBe(201);
      const reopened = (await call('auditor', 'GET', `/api/project/indicator-snapshots/${frozen.id}`)).json();
      expect(reopened).toEqual(frozen);
      expect(frozen.values.map((v) => v.code)).not.toContain('O4.9');
      const second = (
        await call('pm', 'POST', `/api/project/projects/${projectId}/indicator-snapshots`, period)
      ).json() as typeof frozen;
      expect(second.id).not.toBe(frozen.id);
      expect(second.values.find((v) => v.code === 'O4.9')?.value).toBeGreaterThanOrEqual(1);
      await expect(
        database.db
          .updateTable('projectIndicatorSnapshotValue')
          .set({ value: 99 })
          .where('snapshotId', '=', frozen.id)
          .execute(),
      ).rejects.toThrow();
      const chart = await call('auditor', 'GET', `/api/project/indicators/${pm.indicators[0]?.id}/chart.svg`);
      expect(chart.statusCode).toBe(200);
      expect(chart.headers['content-type']).toContain('image/svg+xml');
      expect(chart.body).toContain('obiettivo');
    });

    it('raises the version on every change of a definition and keeps the old one in the snapshots', async () => {
      const view = await page();
      const handled = view.indicators.find((i) => i.code === 'O2.1');
      if (!handled) throw new Error('O2.1 missing');
      const body = {
        code: 'O2.1',
        name: 'Pratiche SUI trattate',
        kind: 'OUTPUT',
        unit: 'pratiche',
        baseline: 0,
        target: 2000,
        workPackageId: view.workPackages.find((w) => w.code === 'WP2')?.id,
        source: 'cases.handled',
      };
      const changed = await call('pm', 'PUT', `/api/project/indicators/${handled.id}`, body);
      expect(changed.statusCode).toBe(200);
      const after = (changed.json() as Page).indicators.find((i) => i.id === handled.id);
      expect(after?.version).toBe(handled.version + 1);
      expect(after?.target).toBe(2000);
      const same = await call('pm', 'PUT', `/api/project/indicators/${handled.id}`, body);
      expect(same.statusCode).toBe(422);
      const versions = await database.db
        .selectFrom('projectIndicatorSnapshotValue')
        .select(['definitionVersion', 'definition'])
        .where('indicatorId', '=', handled.id)
        .execute();
      expect(versions.every((v) => v.definitionVersion === 1 && v.definition.target === 1500)).toBe(true);
      expect(await auditActions()).toContain('project.indicator.update');
    });

    it('lists the records behind a value to those who may see them, a page at a time, and audits the reading', async () => {
      const view = await page();
      const handled = view.indicators.find((i) => i.code === 'O2.1');
      const url = `/api/project/indicators/${handled?.id}/records?from=${SO_FAR.from}&to=${SO_FAR.to}`;
      const seen = (await call('sui', 'GET', url)).json();
      expect(seen.restricted).toBe(false);
      expect(seen.total).toBe(handled?.current.value);
      expect(seen.columns.map((c: { label: string }) => c.label)).toEqual([
        'Numero',
        'Pratica',
        'Ricevuta il',
        'Conclusa',
      ]);
      expect((await call('questura', 'GET', url)).statusCode).toBe(403);
      const pm = (await call('pm', 'GET', url)).json();
      expect(pm.restricted).toBe(true);
      expect(pm.rows).toEqual([]);
      const meetings = view.indicators.find((i) => i.code === 'O1.1');
      const council = (
        await call(
          'supervisor',
          'GET',
          `/api/project/indicators/${meetings?.id}/records?from=${SO_FAR.from}&to=${SO_FAR.to}`,
        )
      ).json();
      expect(council.restricted).toBe(false);
      expect(council.total).toBe(meetings?.current.value);
      expect(council.columns.map((c: { label: string }) => c.label)).toContain('Seduta');
      const updates = view.indicators.find((i) => i.code === 'O3.3');
      const second = (
        await call(
          'pm',
          'GET',
          `/api/project/indicators/${updates?.id}/records?from=${SO_FAR.from}&to=${SO_FAR.to}&page=2`,
        )
      ).json();
      expect(second.page).toBe(2);
      expect(second.rows).toEqual([]);
      expect(second.total).toBe(updates?.current.value);
      const first = (
        await call(
          'pm',
          'GET',
          `/api/project/indicators/${updates?.id}/records?from=${SO_FAR.from}&to=${SO_FAR.to}`,
        )
      ).json();
      expect(first.rows.length).toBe(updates?.current.value);
      expect(String(first.rows[0]?.publishedOn)).toMatch(/^\d{1,2} [a-z]+ \d{4}$/);
      expect(await auditActions()).toContain('project_indicator.read');
      const manual = view.indicators.find((i) => i.code === 'O1.3');
      const none = await call(
        'pm',
        'GET',
        `/api/project/indicators/${manual?.id}/records?from=${SO_FAR.from}&to=${SO_FAR.to}`,
      );
      expect(none.statusCode).toBe(422);
    });

    it('lets only the project manager define indicators and freeze periods; others read', async () => {
      expect((await call('trainee', 'GET', `/api/project/projects/${projectId}/indicators`)).statusCode).toBe(
        403,
      );
      expect((await page('auditor')).can.manage).toBe(false);
      const snapshot = { label: 'Non consentito', from: '2026-01-01', to: '2026-01-31' };
      for (const who of ['auditor', 'supervisor'] as const)
        expect(
          (await call(who, 'POST', `/api/project/projects/${projectId}/indicator-snapshots`, snapshot))
            .statusCode,
        ).toBe(403);
      expect((await call(null, 'GET', `/api/project/projects/${projectId}/indicators`)).statusCode).toBe(401);
      const missing = await call(
        'pm',
        'GET',
        '/api/project/projects/0190a0a0-0000-7000-8000-000000000000/indicators',
      );
      expect(missing.statusCode).toBe(404);
    });

    it('refuses bad input in Italian and writes nothing', async () => {
      const before = await auditActions();
      const counts = async () => [
        (
          await database.db
            .selectFrom('projectIndicator')
            .select(({ fn }) => fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
        (
          await database.db
            .selectFrom('projectIndicatorSnapshot')
            .select(({ fn }) => fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
        (
          await database.db
            .selectFrom('projectIndicatorValue')
            .select(({ fn }) => fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      ];
      const stored = await counts();
      const view = await page();
      const definition = {
        code: 'X1',
        name: 'Prova',
        kind: 'OUTPUT',
        unit: 'casi',
        baseline: 0,
        target: 5,
        workPackageId: null,
        source: 'cases.nothing',
      };
      const unknown = await call('pm', 'POST', `/api/project/projects/${projectId}/indicators`, definition);
      expect(unknown.statusCode).toBe(422);
      expect(unknown.json().errors).toEqual([{ path: 'source', message: 'Scegliere la fonte dall’elenco' }]);
      const negative = await call('pm', 'POST', `/api/project/projects/${projectId}/indicators`, {
        ...definition,
        source: 'MANUAL',
        target: -1,
        kind: 'OTHER',
      });
      expect(negative.statusCode).toBe(400);
      expect(fieldsOf(negative.json()).sort()).toEqual(['body.kind', 'body.target']);
      const duplicate = await call('pm', 'POST', `/api/project/projects/${projectId}/indicators`, {
        ...definition,
        code: 'O2.1',
        source: 'MANUAL',
      });
      expect(duplicate.statusCode).toBe(409);
      const reversed = await call('pm', 'POST', `/api/project/projects/${projectId}/indicator-snapshots`, {
        label: 'Rovesciato',
        from: '2026-02-10',
        to: '2026-02-01',
      });
      expect(reversed.json().errors).toEqual([
        { path: 'to', message: 'La fine del periodo deve seguire l’inizio' },
      ]);
      const future = await call('pm', 'POST', `/api/project/projects/${projectId}/indicator-snapshots`, {
        label: 'Futuro',
        from: '2026-03-01',
        to: '2026-04-30',
      });
      expect(future.json().errors).toEqual([
        { path: 'to', message: 'Il periodo non è ancora concluso: si congela solo un periodo passato' },
      ]);
      const early = await call('pm', 'POST', `/api/project/projects/${projectId}/indicator-snapshots`, {
        label: 'Troppo presto',
        from: '2020-01-01',
        to: '2026-01-31',
      });
      expect(early.json().errors[0].message).toMatch(
        /^Il periodo deve iniziare non prima dell’avvio del progetto, il \d{1,2} [a-z]+ \d{4}$/,
      );
      const computed = view.indicators.find((i) => i.code === 'O2.1');
      const byHand = await call('pm', 'POST', `/api/project/indicators/${computed?.id}/values`, {
        value: 3,
        measuredOn: '2026-02-01',
        note: 'Prova',
      });
      expect(byHand.json().errors).toEqual([
        {
          path: 'value',
          message: 'Il valore di questo indicatore è calcolato dai dati: non si inserisce a mano',
        },
      ]);
      const manual = view.indicators.find((i) => i.code === 'O1.3');
      const later = await call('pm', 'POST', `/api/project/indicators/${manual?.id}/values`, {
        value: 1,
        measuredOn: '2026-03-20',
        note: 'Prova',
      });
      expect(later.json().errors).toEqual([
        { path: 'measuredOn', message: 'La data della rilevazione è nel futuro' },
      ]);
      expect(await counts()).toEqual(stored);
      expect(await auditActions()).toEqual(before);
    });
  });
}
