import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LODI, serveProvince } from '../src/kernel/territory/province.ts';
import { startTestApp, stopTestApp, type TestApp } from './support/app.ts';
import { BACKENDS, openTestDatabase, type TestDatabase } from './support/database.ts';
import { makeOrganisation, makeUser, type Session, signIn } from './support/identity.ts';

const MILANO = {
  PROVINCE_ISTAT: '015',
  PATRON_DAY: '12-07 Sant’Ambrogio, patrono di Milano',
  OFFICES: JSON.stringify([
    {
      key: 'prefettura',
      name: 'Prefettura – Ufficio Territoriale del Governo di Milano',
      address: 'Corso Monforte 31, Milano',
      municipality: '015146',
    },
    {
      key: 'questura',
      name: 'Questura di Milano – Ufficio Immigrazione',
      municipality: '015146',
      phone: '02 62261',
      callFirst: true,
    },
  ]),
};

describe('LOVIT started for another province', () => {
  let dataDir: string;
  let child: ChildProcess;
  let url: string;
  let stderr = '';
  let stdout = '';

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'lovit-province-'));
    child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? '/tmp',
        LOG_LEVEL: 'warn',
        PORT: '0',
        HOST: '127.0.0.1',
        DATA_DIR: dataDir,
        ...MILANO,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stderr?.on('data', (chunk) => {
      stderr += chunk;
    });
    url = await new Promise<string>((resolve, reject) => {
      child.stdout?.on('data', (chunk) => {
        stdout += chunk;
        const address = /LOVIT is ready at (\S+) /.exec(stdout)?.[1];
        if (address) resolve(address);
      });
      child.once('exit', (code) => reject(new Error(`LOVIT exited with ${code}: ${stderr}`)));
    });
  }, 180_000);

  afterAll(async () => {
    if (child.exitCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
    await rm(dataDir, { recursive: true, force: true });
  });

  it('lists the province’s municipalities through the API', async () => {
    const response = await fetch(`${url}/api/territory`);
    expect(response.status).toBe(200);
    const territory = (await response.json()) as {
      code: string;
      name: string;
      chiefTown: string;
      municipalities: { code: string; name: string; cadastralCode: string }[];
    };
    expect(territory).toMatchObject({ code: '015', name: 'Milano', abbreviation: 'MI', chiefTown: '015146' });
    expect(territory.municipalities).toHaveLength(133);
    expect(territory.municipalities).toContainEqual({
      code: '015146',
      name: 'Milano',
      cadastralCode: 'F205',
    });
    expect(territory.municipalities.every((m) => m.code.startsWith('015'))).toBe(true);
  });

  it('draws the province on the public offices page, with the offices of the settings and the attribution', async () => {
    const response = await fetch(`${url}/portale/it/uffici`);
    expect(response.status).toBe(200);
    const page = await response.text();
    expect(page).toContain('<title lang="it">Abbiategrasso</title>');
    expect(page).toContain(
      '<title lang="it">Milano – Prefettura – Ufficio Territoriale del Governo di Milano – Questura di Milano – Ufficio Immigrazione</title>',
    );
    expect(page).toContain('Corso Monforte 31, Milano');
    expect(page).toContain('Confini amministrativi: ISTAT, elaborazione Openpolis (CC BY 4.0)');
    expect(page).not.toContain('Codogno');
    expect(page).not.toContain('Questura di Lodi');
    for (const lang of ['it', 'en', 'zh']) {
      const offices = await (await fetch(`${url}/portale/${lang}/uffici`)).text();
      const questura = /aria-labelledby="questura"[\s\S]*?<\/section>/.exec(offices)?.[0] ?? '';
      expect(questura, lang).toContain('02 62261');
      expect(questura, lang).toMatch(/<p>[^<]*Questura[^<]*<\/p>/);
      expect(offices, lang).not.toMatch(/Lodi|洛迪/);
    }
  });

  it('names the province’s prefecture in the back-office’s header and footer, through the territory', async () => {
    const territory = (await (await fetch(`${url}/api/territory`)).json()) as {
      institution: { name: string; shortName: string };
    };
    expect(territory.institution).toEqual({
      name: 'Prefettura – Ufficio Territoriale del Governo di Milano',
      shortName: 'Prefettura di Milano',
    });
  });

  it('names the province’s prefecture on the public pages, in the header, the footer and the texts', async () => {
    const response = await fetch(`${url}/portale/it`);
    expect(response.status).toBe(200);
    const page = await response.text();
    const slim = /<div class="slim">[\s\S]*?<\/div><\/div>/.exec(page)?.[0] ?? '';
    const footer = /<footer class="foot">[\s\S]*<\/footer>/.exec(page)?.[0] ?? '';
    const prefecture = 'Prefettura – Ufficio Territoriale del Governo di Milano';
    expect(slim).toContain(`<a href="/portale/it/uffici" lang="it" dir="ltr">${prefecture}</a>`);
    expect(footer).toContain(`<p class="foot-text" lang="it" dir="ltr">${prefecture}</p>`);
    expect(footer).not.toContain('mailto:');
    for (const part of [slim, footer]) expect(part).not.toContain('Lodi');
    expect(page).toContain('Prefettura di Milano');
    const arabic = await (await fetch(`${url}/portale/ar/accessibilita`)).text();
    expect(arabic).toContain('محافظة <bdi dir="ltr" lang="it">Milano');
    expect(arabic).not.toMatch(/Lodi|لودي/);
  });

  it('starts without Lodi’s demo data, and says so', async () => {
    expect(stdout).toContain('The demo data describe the province of Lodi: not loaded for Milano');
    const login = await fetch(`${url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'admin@lovit.example', password: 'lovit-demo-2026' }),
    });
    expect(login.status).toBe(401);
  });
});

for (const backend of BACKENDS) {
  describe(`desks of another province on ${backend}`, () => {
    let database: TestDatabase;
    let t: TestApp;
    let manager: Session;
    const createDesk = (body: object) =>
      t.app.inject({ method: 'POST', url: '/api/desks', headers: manager.headers, payload: body });
    const desk = {
      name: 'Sportello di Rho',
      place: 'Via Meda 20',
      openings: [{ weekday: 2, opens: '09:00', closes: '12:00', slotMinutes: 30 }],
    };

    beforeAll(async () => {
      serveProvince('015');
      database = await openTestDatabase(backend);
      t = await startTestApp(database, { config: MILANO });
      const prefecture = await makeOrganisation(t.platform, { type: 'PREFECTURE' });
      const user = await makeUser(t.platform, [{ organisationId: prefecture.id, role: 'sui_manager' }]);
      manager = await signIn(t.app, user.email);
    });

    afterAll(async () => {
      serveProvince(LODI);
      await stopTestApp(t);
      await database.dispose();
    });

    it('places a desk in a municipality of the province, the chief town unless said otherwise', async () => {
      const inRho = await createDesk({ ...desk, municipalityCode: '015182' });
      expect(inRho.statusCode, inRho.body).toBe(201);
      expect(inRho.json().municipalityCode).toBe('015182');
      const inMilano = await createDesk({ ...desk, name: 'Sportello centrale' });
      expect(inMilano.statusCode, inMilano.body).toBe(201);
      expect(inMilano.json().municipalityCode).toBe('015146');
    });

    it('refuses a municipality of another province, naming the province served', async () => {
      const inLodi = await createDesk({ ...desk, municipalityCode: '098031' });
      expect(inLodi.statusCode).toBe(422);
      expect(inLodi.json().errors).toEqual([
        { path: 'body.municipalityCode', message: 'scegliere un comune della provincia di Milano' },
      ]);
    });
  });
}
