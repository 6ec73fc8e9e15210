import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, stopTestApp, type TestApp } from './support/app.ts';
import { BACKENDS, openTestDatabase, type TestDatabase } from './support/database.ts';
import { makeOrganisation, makeUser, type Session, signIn } from './support/identity.ts';

const LODI = '098031';
const CODOGNO = '098019';

const SERVICE = {
  name: 'Sportello casa',
  description: 'Orientamento alla ricerca di un alloggio e all’idoneità alloggiativa.',
  municipalityIstatCode: CODOGNO,
  themes: ['HOUSING'],
  targetGroups: ['Famiglie in ricongiungimento'],
  languages: ['ar', 'en'],
  hours: 'Martedì 9–12',
};

const QUESTIONS = [
  {
    kind: 'CHOICE',
    key: 'has_desk',
    label: 'Avete uno sportello per stranieri?',
    required: true,
    options: ['Sì', 'No'],
  },
  {
    kind: 'TEXT',
    key: 'desk_hours',
    label: 'Con quali orari?',
    required: true,
    showIf: { key: 'has_desk', anyOf: ['Sì'] },
  },
  {
    kind: 'MULTI_CHOICE',
    key: 'languages',
    label: 'Lingue disponibili',
    required: false,
    options: ['Arabo', 'Inglese', 'Francese'],
  },
  { kind: 'SCALE', key: 'housing_need', label: 'Bisogno abitativo', required: true, theme: 'HOUSING' },
  { kind: 'NUMBER', key: 'evictions', label: 'Sfratti nell’anno', required: false, min: 0 },
];

for (const backend of BACKENDS) {
  describe(`needs and resources of the territory on ${backend}`, () => {
    let database: TestDatabase;
    let t: TestApp;
    let secretariat: Session;
    let lodi: Session;
    let caritas: Session;
    let questionnaireId: string;

    const send = (session: Session, method: 'POST' | 'PUT', url: string, payload: object = {}) =>
      t.app.inject({ method, url, headers: session.headers, payload });
    const get = (session: Session, url: string) => t.app.inject({ url, headers: session.headers });

    beforeAll(async () => {
      database = await openTestDatabase(backend);
      t = await startTestApp(database);
      const user = async (organisationId: string, role: 'council_secretariat' | 'council_member') =>
        signIn(t.app, (await makeUser(t.platform, [{ organisationId, role }])).email);
      const prefecture = await makeOrganisation(t.platform, {
        type: 'PREFECTURE',
        name: 'Prefettura di Lodi',
      });
      const comune = await makeOrganisation(t.platform, {
        type: 'MUNICIPALITY',
        name: 'Comune di Lodi',
        municipalityIstatCode: LODI,
      });
      const third = await makeOrganisation(t.platform, { type: 'THIRD_SECTOR', name: 'Caritas Lodigiana' });
      secretariat = await user(prefecture.id, 'council_secretariat');
      lodi = await user(comune.id, 'council_member');
      caritas = await user(third.id, 'council_member');
    });

    afterAll(async () => {
      await stopTestApp(t);
      await database.dispose();
    });

    it('lets each organisation list and edit only its own services', async () => {
      const invalid = await send(caritas, 'POST', '/api/council/services', {
        ...SERVICE,
        municipalityIstatCode: '015146',
      });
      expect(invalid.statusCode).toBe(422);
      expect(invalid.json().errors).toEqual([
        { path: 'body.municipalityIstatCode', message: 'scegliere un comune della provincia di Lodi' },
      ]);
      const created = await send(caritas, 'POST', '/api/council/services', SERVICE);
      expect(created.statusCode).toBe(201);
      expect(created.json()).toMatchObject({
        organisationName: 'Caritas Lodigiana',
        municipalityName: 'Codogno',
        canEdit: true,
      });
      const id = created.json().id;
      expect((await send(lodi, 'PUT', `/api/council/services/${id}`, SERVICE)).statusCode).toBe(404);
      const seen = (await get(lodi, '/api/council/services?theme=HOUSING')).json().items;
      expect(seen.map((s: { name: string; canEdit: boolean }) => [s.name, s.canEdit])).toEqual([
        ['Sportello casa', false],
      ]);
      const renamed = await send(caritas, 'PUT', `/api/council/services/${id}`, {
        ...SERVICE,
        hours: 'Martedì e giovedì 9–12',
      });
      expect(renamed.json().hours).toBe('Martedì e giovedì 9–12');
      expect((await send(secretariat, 'PUT', `/api/council/services/${id}`, SERVICE)).statusCode).toBe(200);
      expect((await get(lodi, '/api/council/services?theme=WORK')).json()).toEqual({
        items: [],
        total: 0,
        page: 1,
        pageSize: 25,
      });
      const first = (await get(lodi, '/api/council/services?theme=HOUSING&pageSize=1')).json();
      expect(first).toMatchObject({ total: 1, page: 1, pageSize: 1 });
      expect(first.items).toHaveLength(1);
      const beyond = (await get(lodi, '/api/council/services?theme=HOUSING&page=2&pageSize=1')).json();
      expect(beyond).toEqual({ items: [], total: 1, page: 2, pageSize: 1 });
      const tooLarge = await get(lodi, '/api/council/services?pageSize=500');
      expect(tooLarge.statusCode).toBe(400);
      expect(tooLarge.json().errors).toEqual([expect.objectContaining({ path: 'querystring.pageSize' })]);
    });

    it('builds a questionnaire with conditional questions and opens it to the members', async () => {
      expect((await send(lodi, 'POST', '/api/council/questionnaires', {})).statusCode).toBe(403);
      const badCondition = await send(secretariat, 'POST', '/api/council/questionnaires', {
        title: 'Rilevazione 2026',
        intro: 'Bisogni e risorse del territorio.',
        questions: [QUESTIONS[1], QUESTIONS[0]],
      });
      expect(badCondition.statusCode).toBe(422);
      expect(badCondition.json().errors).toEqual([
        expect.objectContaining({ path: 'body.questions.0.showIf.key' }),
      ]);
      const created = await send(secretariat, 'POST', '/api/council/questionnaires', {
        title: 'Rilevazione 2026',
        intro: 'Bisogni e risorse del territorio.',
        questions: QUESTIONS,
      });
      expect(created.statusCode).toBe(201);
      questionnaireId = created.json().id;
      expect(created.json().status).toBe('DRAFT');
      expect((await get(lodi, `/api/council/questionnaires/${questionnaireId}`)).statusCode).toBe(404);
      expect(
        (await send(secretariat, 'POST', `/api/council/questionnaires/${questionnaireId}/open`)).json()
          .status,
      ).toBe('OPEN');
      expect(
        (await send(secretariat, 'POST', `/api/council/questionnaires/${questionnaireId}/open`)).statusCode,
      ).toBe(409);
      expect(
        (await get(lodi, '/api/council/questionnaires')).json().map((q: { id: string }) => q.id),
      ).toEqual([questionnaireId]);
    });

    it('checks the answers, drops those to hidden questions, and keeps one answer per organisation and municipality', async () => {
      const url = `/api/council/questionnaires/${questionnaireId}/responses`;
      const missing = await send(lodi, 'POST', url, {
        municipalityIstatCode: LODI,
        answers: { has_desk: 'Sì' },
      });
      expect(missing.statusCode).toBe(422);
      expect(missing.json().errors.map((e: { path: string }) => e.path)).toEqual([
        'body.answers.desk_hours',
        'body.answers.housing_need',
      ]);
      const wrong = await send(lodi, 'POST', url, {
        municipalityIstatCode: LODI,
        answers: { has_desk: 'Forse', housing_need: 7, evictions: -1, languages: ['Arabo', 'Cinese'] },
      });
      expect(wrong.json().errors.map((e: { path: string }) => e.path)).toEqual([
        'body.answers.has_desk',
        'body.answers.languages',
        'body.answers.housing_need',
        'body.answers.evictions',
      ]);
      const elsewhere = await send(lodi, 'POST', url, {
        municipalityIstatCode: CODOGNO,
        answers: { has_desk: 'No', housing_need: 2 },
      });
      expect(elsewhere.statusCode).toBe(422);
      expect(elsewhere.json().errors[0].path).toBe('body.municipalityIstatCode');

      const first = await send(lodi, 'POST', url, {
        municipalityIstatCode: LODI,
        answers: { has_desk: 'No', desk_hours: 'non mostrata', housing_need: 3 },
      });
      expect(first.statusCode).toBe(200);
      expect(first.json()[0].answers).toEqual({ has_desk: 'No', housing_need: 3 });
      const again = await send(lodi, 'POST', url, {
        municipalityIstatCode: LODI,
        answers: {
          has_desk: 'Sì',
          desk_hours: 'Lunedì 9–12',
          housing_need: 4,
          evictions: 12,
          languages: ['Arabo'],
        },
      });
      expect(again.json()).toHaveLength(1);
      expect(again.json()[0].answers.housing_need).toBe(4);
      expect(
        (
          await send(caritas, 'POST', url, {
            municipalityIstatCode: CODOGNO,
            answers: { has_desk: 'No', housing_need: 5 },
          })
        ).statusCode,
      ).toBe(200);
      expect(
        (await get(caritas, url)).json().map((r: { municipalityName: string }) => r.municipalityName),
      ).toEqual(['Codogno']);
      expect((await get(secretariat, url)).json()).toHaveLength(2);
    });

    it('exports the answers as CSV for the secretariat only', async () => {
      const url = `/api/council/questionnaires/${questionnaireId}/responses.csv`;
      expect((await get(lodi, url)).statusCode).toBe(403);
      const csv = await get(secretariat, url);
      expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
      const lines = csv.body
        .replace(/^\uFEFF/, '')
        .trim()
        .split('\r\n');
      expect(lines[0]).toBe(
        'Ente;Comune;Codice ISTAT;Inviato il;Avete uno sportello per stranieri?;Con quali orari?;Lingue disponibili;Bisogno abitativo;Sfratti nell’anno',
      );
      expect(lines).toHaveLength(3);
      expect(lines.find((line) => line.startsWith('Comune di Lodi'))).toMatch(/;Sì;Lunedì 9–12;Arabo;4;12$/);
    });

    it('exports the answers as XLSX, numbers as numbers', async () => {
      const xlsx = await get(secretariat, `/api/council/questionnaires/${questionnaireId}/responses.xlsx`);
      expect(xlsx.statusCode).toBe(200);
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
      const sheet = workbook.getWorksheet('Risposte');
      expect(sheet?.rowCount).toBe(3);
      expect(sheet?.getRow(1).getCell(8).value).toBe('Bisogno abitativo');
      const lodiRow = [2, 3]
        .map((n) => sheet?.getRow(n))
        .find((row) => row?.getCell(1).value === 'Comune di Lodi');
      expect(lodiRow?.getCell(8).value).toBe(4);
      expect(lodiRow?.getCell(7).value).toBe('Arabo');
    });

    it('maps the needs reported against the services available, and shows the gaps', async () => {
      const map = (await get(lodi, '/api/council/map?theme=HOUSING')).json();
      expect(map.municipalities).toHaveLength(60);
      expect(map.municipalities.every((m: { path: string }) => /^M[\d.,LMZ-]+Z$/.test(m.path))).toBe(true);
      expect(map.outline).toMatch(/^M[\d.,LMZ-]+$/);
      expect(map.attribution).toBe('Confini amministrativi: ISTAT, elaborazione Openpolis (CC BY 4.0)');
      const at = (code: string) => map.municipalities.find((m: { code: string }) => m.code === code);
      expect(at(LODI)).toMatchObject({ name: 'Lodi', need: 4, reports: 1, services: 0, isGap: true });
      expect(at(CODOGNO)).toMatchObject({ need: 5, services: 1, isGap: false });
      expect(at('098033')).toMatchObject({ need: null, services: 0, isGap: false });
      expect((await get(lodi, '/api/council/map?theme=SPORT')).statusCode).toBe(400);
    });
  });
}
