import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Caller } from '../src/kernel/auth.ts';
import { IMPORT_COLUMNS, importClickDayExport, parseCsv } from '../src/modules/cases/intake/import.ts';
import { startTestApp, stopTestApp, type TestApp } from './support/app.ts';
import { companyFiscalCode } from './support/cases.ts';
import { BACKENDS, openTestDatabase, type TestDatabase } from './support/database.ts';
import { makeOrganisation, makeUser, type Session, signIn } from './support/identity.ts';
import { setQuota } from './support/intake.ts';

function exportRow(n: number, overrides: Partial<Record<(typeof IMPORT_COLUMNS)[number], string>> = {}) {
  const values: Record<string, string> = {
    riferimento: `ALI-${n}`,
    tipo: 'WORK_CLEARANCE',
    settore: 'NON_SEASONAL',
    datore_tipo: 'COMPANY',
    datore_denominazione: `Impresa "Lodigiana", n. ${n}`,
    datore_codice_fiscale: companyFiscalCode(500 + n),
    datore_partita_iva: '',
    datore_indirizzo: 'Via Roma 1, Lodi',
    datore_pec: `impresa${n}@pec.lovit.example`,
    lavoratore_cognome: 'Rahman',
    lavoratore_nome: 'Abdul',
    lavoratore_sesso: 'M',
    lavoratore_data_nascita: '1991-04-12',
    lavoratore_luogo_nascita: 'Sylhet',
    lavoratore_cittadinanza: 'BD',
    lavoratore_passaporto: `BD${String(n).padStart(7, '0')}`,
    lavoratore_scadenza_passaporto: '2030-01-31',
    lavoratore_email: '',
    lavoratore_lingua: 'bn',
    data_presentazione: '16/02/2026',
    data_imputazione: '2026-02-20',
    ...overrides,
  };
  return IMPORT_COLUMNS.map((column) => `"${(values[column] ?? '').replace(/"/g, '""')}"`).join(';');
}

describe('CSV of a click-day export', () => {
  it('reads quoted fields, doubled quotes, separators inside quotes and CRLF', () => {
    expect(parseCsv('a;b;c\r\n"x;1";"say ""hi""";\r\n\r\n')).toEqual([
      ['a', 'b', 'c'],
      ['x;1', 'say "hi"', ''],
    ]);
    expect(parseCsv('a,b\n1,"2\n3"')).toEqual([
      ['a', 'b'],
      ['1', '2\n3'],
    ]);
  });
});

for (const backend of BACKENDS) {
  describe(`importing a click-day export on ${backend}`, () => {
    let database: TestDatabase;
    let t: TestApp;
    let manager: Session;
    let caller: Caller;

    beforeAll(async () => {
      database = await openTestDatabase(backend);
      t = await startTestApp(database);
      const prefecture = await makeOrganisation(t.platform, { type: 'PREFECTURE' });
      const user = await makeUser(t.platform, [{ organisationId: prefecture.id, role: 'sui_manager' }]);
      manager = await signIn(t.app, user.email);
      await setQuota(t.app, manager, 3);
      const session = await t.platform.database.db
        .selectFrom('session')
        .select('id')
        .executeTakeFirstOrThrow();
      caller = {
        actor: {
          userId: user.id,
          email: user.email,
          givenName: 'Mario',
          familyName: 'Rossi',
          organisationId: prefecture.id,
          organisationName: prefecture.name,
          organisationType: 'PREFECTURE',
          roles: ['sui_manager'],
          sessionId: session.id,
          csrfToken: '',
          sessionExpiresAt: new Date('2030-01-01'),
        },
        requestId: null,
        clientAddress: null,
      };
    });

    afterAll(async () => {
      await stopTestApp(t);
      await database.dispose();
    });

    it('ranks the rows in file order, refuses bad rows by row and field, and registers nothing twice', async () => {
      const rows = [
        exportRow(1),
        exportRow(2, { datore_codice_fiscale: '12345678901' }),
        exportRow(3),
        exportRow(4, { lavoratore_scadenza_passaporto: '2025-12-31' }),
        exportRow(5),
        exportRow(6),
        exportRow(7),
      ];
      const csv = `\uFEFF${IMPORT_COLUMNS.join(';')}\r\n${rows.join('\r\n')}\r\n`;
      const report = await importClickDayExport(t.platform, caller, csv);
      expect(report).toMatchObject({
        rows: 7,
        registered: 5,
        alreadyRegistered: 0,
        admitted: 3,
        quotaExhausted: 2,
      });
      expect(report.refused.map((r) => [r.row, r.reference])).toEqual([
        [3, 'ALI-2'],
        [5, 'ALI-4'],
      ]);
      expect(report.refused[0]?.errors[0]).toContain('body.parties.0.employer.fiscalCode');
      expect(report.refused[1]?.errors[0]).toContain('body.parties.1.person.passport.expiry');
      const cases = await t.platform.database.db
        .selectFrom('caseFile')
        .select(['externalReference', 'quotaRank', 'state', 'channel'])
        .orderBy('sequence')
        .execute();
      expect(cases.map((c) => [c.externalReference, c.quotaRank, c.state, c.channel])).toEqual([
        ['ALI-1', 1, 'QUOTA_ASSIGNED', 'IMPORT'],
        ['ALI-3', 2, 'QUOTA_ASSIGNED', 'IMPORT'],
        ['ALI-5', 3, 'QUOTA_ASSIGNED', 'IMPORT'],
        ['ALI-6', null, 'QUOTA_EXHAUSTED', 'IMPORT'],
        ['ALI-7', null, 'QUOTA_EXHAUSTED', 'IMPORT'],
      ]);
      const again = await importClickDayExport(t.platform, caller, csv);
      expect(again).toMatchObject({ registered: 0, alreadyRegistered: 5 });
    });

    it('keeps the real submission and imputation days of each row, never the import day', async () => {
      const rows = [
        exportRow(21, { data_presentazione: '09/02/2026', data_imputazione: '20/02/2026' }),
        exportRow(22, { data_presentazione: '09/02/2026', data_imputazione: '' }),
        exportRow(23, { data_presentazione: '' }),
        exportRow(24, { data_presentazione: '31/02/2026' }),
        exportRow(25, { data_presentazione: '20/02/2026', data_imputazione: '19/02/2026' }),
      ];
      await setQuota(t.app, manager, 10);
      const csv = `${IMPORT_COLUMNS.join(';')}\n${rows.join('\n')}\n`;
      const report = await importClickDayExport(t.platform, caller, csv);
      expect(report.refused.map((r) => [r.reference, r.errors])).toEqual([
        ['ALI-23', ['data_presentazione: Campo obbligatorio']],
        ['ALI-24', ['data_presentazione: Indicare una data valida, per esempio 16/02/2026']],
        ['ALI-25', ['data_imputazione: L’imputazione non può precedere la presentazione']],
      ]);
      const cases = await t.platform.database.db
        .selectFrom('caseFile')
        .select(['externalReference', 'submittedOn', 'quotaImputedOn', 'dueOn'])
        .where('externalReference', 'in', ['ALI-21', 'ALI-22'])
        .orderBy('externalReference')
        .execute();
      expect(cases).toEqual([
        // DL 146/2025: 60 days from the imputation of 20 February → Tuesday 21 April 2026
        {
          externalReference: 'ALI-21',
          submittedOn: '2026-02-09',
          quotaImputedOn: '2026-02-20',
          dueOn: '2026-04-21',
        },
        // not imputed yet: provisional due date from the submission of 9 February → Friday 10 April 2026
        { externalReference: 'ALI-22', submittedOn: '2026-02-09', quotaImputedOn: null, dueOn: '2026-04-10' },
      ]);
    });

    it('records the imputation of an imported application from the case page, and corrects it with a reason', async () => {
      await setQuota(t.app, manager, 20);
      const csv = `${IMPORT_COLUMNS.join(';')}\n${exportRow(31, { data_presentazione: '09/02/2026', data_imputazione: '' })}\n`;
      expect(await importClickDayExport(t.platform, caller, csv)).toMatchObject({ registered: 1 });
      const { id } = await database.db
        .selectFrom('caseFile')
        .select('id')
        .where('externalReference', '=', 'ALI-31')
        .executeTakeFirstOrThrow();
      const open = async () =>
        (await t.app.inject({ url: `/api/cases/${id}`, headers: manager.headers })).json();
      const put = async (body: Record<string, unknown>, session: Session = manager) => {
        const { version } = await open();
        return t.app.inject({
          method: 'PUT',
          url: `/api/cases/${id}/quota-imputation`,
          headers: session.headers,
          payload: { version, ...body },
        });
      };
      const provisional = await open();
      expect(provisional.deadline).toMatchObject({ legalDueDate: '2026-04-10', canIssueBySilence: false });
      expect(provisional.deadline.explanation.start).toEqual({
        event: 'QUOTA_IMPUTATION',
        on: '2026-02-09',
        recorded: false,
      });

      const refusals = await Promise.all([
        put({ imputedOn: '' }),
        put({ imputedOn: '2026-03-03' }),
        put({ imputedOn: '2026-02-06' }),
      ]);
      expect(refusals.map((res) => [res.statusCode, res.json().errors])).toEqual([
        [400, [{ path: 'body.imputedOn', message: 'Campo obbligatorio' }]],
        [422, [{ path: 'body.imputedOn', message: 'La data di imputazione non può essere nel futuro' }]],
        [
          422,
          [
            {
              path: 'body.imputedOn',
              message: 'La domanda è stata presentata il 9 febbraio 2026: non può essere imputata prima',
            },
          ],
        ],
      ]);
      const milan = await makeOrganisation(t.platform, { type: 'PREFECTURE', code: 'PREF-MI-IMP' });
      const stranger = await makeUser(t.platform, [{ organisationId: milan.id, role: 'sui_manager' }]);
      const outsider = await put({ imputedOn: '2026-02-20' }, await signIn(t.app, stranger.email));
      expect(outsider.statusCode).toBe(404);

      // DL 146/2025: 60 days from the imputation of Friday 20 February → Tuesday 21 April 2026
      const recorded = await put({ imputedOn: '2026-02-20' });
      expect(recorded.statusCode, recorded.body).toBe(200);
      expect(recorded.json().deadline.legalDueDate).toBe('2026-04-21');
      expect(recorded.json().deadline.explanation.lines[0].text).toContain(
        'dall’imputazione della domanda alla quota, il 20 febbraio 2026',
      );
      const unexplained = await put({ imputedOn: '2026-02-27' });
      expect(unexplained.statusCode).toBe(422);
      expect(unexplained.json().errors).toEqual([
        { path: 'body.reason', message: 'Indicare il motivo della correzione' },
      ]);
      const reason = 'La data di imputazione del portale ALI era quella del 27 febbraio, non del 20.';
      const corrected = await put({ imputedOn: '2026-02-27', reason });
      expect(corrected.statusCode, corrected.body).toBe(200);
      const page = corrected.json();
      expect(page.deadline.legalDueDate).toBe('2026-04-28');
      expect(page.timeline.slice(-2)).toMatchObject([
        { label: 'Imputazione alla quota registrata', onDay: '2026-02-20', reason: null },
        { label: 'Imputazione alla quota corretta', onDay: '2026-02-27', reason },
      ]);
      const stored = await database.db
        .selectFrom('caseFile')
        .select(['quotaImputedOn', 'dueOn'])
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
      expect(stored).toEqual({ quotaImputedOn: '2026-02-27', dueOn: '2026-04-28' });
      const audited = await database.db
        .selectFrom('auditEntry')
        .select(['action', 'data'])
        .where('entityId', '=', id)
        .where('action', 'like', 'cases.quota_imputation.%')
        .orderBy('seq')
        .execute();
      expect(audited).toEqual([
        {
          action: 'cases.quota_imputation.record',
          data: expect.objectContaining({
            before: { quotaImputedOn: null, dueOn: '2026-04-10' },
            after: { quotaImputedOn: '2026-02-20', dueOn: '2026-04-21', patronDayInTerms: false },
          }),
        },
        {
          action: 'cases.quota_imputation.correct',
          data: expect.objectContaining({
            before: { quotaImputedOn: '2026-02-20', dueOn: '2026-04-21' },
            after: { quotaImputedOn: '2026-02-27', dueOn: '2026-04-28', patronDayInTerms: false, reason },
          }),
        },
      ]);
    });

    it('refuses a file without the expected columns', async () => {
      await expect(importClickDayExport(t.platform, caller, 'nome;cognome\nMario;Rossi\n')).rejects.toThrow(
        /Colonne mancanti: riferimento/,
      );
    });
  });
}
