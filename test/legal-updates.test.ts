import { DOMParser } from '@xmldom/xmldom';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { updatesIndicators } from '../src/modules/updates/service.ts';
import { startTestApp, stopTestApp, type TestApp } from './support/app.ts';
import { workPermitApplication } from './support/cases.ts';
import { BACKENDS, openTestDatabase, type TestDatabase } from './support/database.ts';
import { makePdf, multipartBody, PNG } from './support/documents.ts';
import { makeOrganisation, makeUser, type Session, signIn } from './support/identity.ts';
import { setQuota } from './support/intake.ts';

type Person =
  | 'expert'
  | 'manager'
  | 'operator'
  | 'colleague'
  | 'mediator'
  | 'trainer'
  | 'otherTrainer'
  | 'pm';

/** DL 146/2025 on art. 22 TUI, as the legal expert writes it up (sui-procedures.md §2). */
const UPDATE = {
  kind: 'LEGISLATION',
  authority: 'Governo',
  number: '146/2025',
  issuedOn: '2025-10-03',
  title: 'Nulla osta al lavoro: i 60 giorni decorrono dall’imputazione alla quota',
  summary: 'Dal 4 ottobre 2025 il termine di 60 giorni decorre dall’imputazione della domanda alla quota.',
  fullText: null,
  articles: [
    { act: 'D.Lgs. 286/1998', article: '22', paragraph: '5' },
    { act: 'DL 146/2025', article: '1', paragraph: null },
  ],
  caseTypes: ['WORK_CLEARANCE'],
  validFrom: '2025-10-04',
};

for (const backend of BACKENDS) {
  describe(`legal updates on ${backend}`, () => {
    let database: TestDatabase;
    let t: TestApp;
    const sessions = {} as Record<Person, Session>;
    const ids = {} as Record<Person, string>;
    const kases = {} as Record<'open' | 'closed' | 'family', string>;
    let updateId: string;

    const call = (who: Person, method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: object) =>
      t.app.inject({ method, url, headers: sessions[who].headers, ...(payload ? { payload } : {}) });
    const attach = async (id: string, content: Buffer, name: string, type: string) => {
      const body = await multipartBody({}, { content, name, type });
      return t.app.inject({
        method: 'POST',
        url: `/api/legal-updates/${id}/act`,
        headers: { ...sessions.expert.headers, ...body.headers },
        payload: body.payload,
      });
    };
    const listIds = async (who: Person, query = '') =>
      ((await call(who, 'GET', `/api/legal-updates${query}`)).json().items as { id: string }[]).map(
        (item) => item.id,
      );
    const actions = async () =>
      (await database.db.selectFrom('auditEntry').select(['action', 'entityId']).execute()).filter(
        (entry) => entry.action.startsWith('updates.') || entry.action.startsWith('legal_update'),
      );

    beforeAll(async () => {
      database = await openTestDatabase(backend);
      t = await startTestApp(database);
      const prefecture = await makeOrganisation(t.platform, {
        type: 'PREFECTURE',
        name: 'Prefettura di Lodi',
      });
      const coop = await makeOrganisation(t.platform, { type: 'COOPERATIVE', name: 'Cooperativa LULE' });
      const people: [
        Person,
        string,
        'legal_expert' | 'sui_manager' | 'sui_operator' | 'mediator' | 'trainer' | 'project_manager',
      ][] = [
        ['expert', prefecture.id, 'legal_expert'],
        ['manager', prefecture.id, 'sui_manager'],
        ['operator', prefecture.id, 'sui_operator'],
        ['colleague', prefecture.id, 'sui_operator'],
        ['mediator', prefecture.id, 'mediator'],
        ['trainer', coop.id, 'trainer'],
        ['otherTrainer', coop.id, 'trainer'],
        ['pm', coop.id, 'project_manager'],
      ];
      for (const [who, organisationId, role] of people) {
        const user = await makeUser(t.platform, [{ organisationId, role }]);
        ids[who] = user.id;
        sessions[who] = await signIn(t.app, user.email);
      }
      await setQuota(t.app, sessions.manager, 100);
      const submit = async (payload: object) => {
        const created = await call('manager', 'POST', '/api/cases', payload);
        expect(created.statusCode).toBe(201);
        return created.json() as { id: string };
      };
      kases.open = (await submit(workPermitApplication(9100))).id;
      const closed = await submit(workPermitApplication(9101));
      kases.closed = closed.id;
      const { version } = (await call('manager', 'GET', `/api/cases/${closed.id}`)).json();
      const withdrawn = await call('manager', 'POST', `/api/cases/${closed.id}/actions`, {
        action: 'WITHDRAW',
        reason: 'Rinuncia del datore di lavoro',
        version,
      });
      expect(withdrawn.statusCode, withdrawn.body).toBe(200);
      const work = workPermitApplication(9102);
      const worker = work.parties.flatMap((party) => ('person' in party ? [party.person] : []))[0];
      kases.family = (
        await submit({
          type: 'FAMILY_REUNIFICATION_CLEARANCE',
          parties: [
            { role: 'APPLICANT', person: { ...worker, email: 'richiedente@lovit.example' } },
            { role: 'FAMILY_MEMBER', person: { ...worker, givenName: 'Iryna', email: null } },
          ],
          details: { formCode: 'SM' },
        })
      ).id;
    }, 120_000);

    afterAll(async () => {
      await stopTestApp(t);
      await database.dispose();
    });

    it('refuses an incomplete update field by field, in Italian, and stores nothing', async () => {
      const refused = await call('expert', 'POST', '/api/legal-updates', {
        ...UPDATE,
        kind: 'DECREE',
        title: '  ',
        issuedOn: '3 ottobre 2025',
        articles: [{ act: 'D.Lgs. 286/1998', article: '' }],
      });
      expect(refused.statusCode).toBe(400);
      expect(refused.headers['content-type']).toContain('application/problem+json');
      expect(refused.json().errors).toEqual(
        expect.arrayContaining([
          { path: 'body.kind', message: 'Scegliere il tipo dall’elenco' },
          { path: 'body.title', message: 'Campo obbligatorio' },
          { path: 'body.issuedOn', message: 'indicare una data valida' },
          { path: 'body.articles.0.article', message: 'Campo obbligatorio' },
        ]),
      );
      const noArticles = await call('expert', 'POST', '/api/legal-updates', { ...UPDATE, articles: [] });
      expect(noArticles.json().errors).toEqual([
        { path: 'body.articles', message: 'indicare almeno un articolo' },
      ]);
      const unknownType = await call('expert', 'POST', '/api/legal-updates', {
        ...UPDATE,
        caseTypes: ['WORK_CLEARANCE', 'VISTO_TURISTICO'],
        caseTypeChange: { caseType: 'VISTO_TURISTICO', note: 'termine' },
      });
      expect(unknownType.statusCode).toBe(422);
      expect(unknownType.json().errors).toEqual([
        { path: 'body.caseTypes.1', message: 'Scegliere un tipo di pratica dall’elenco' },
        { path: 'body.caseTypeChange.caseType', message: 'Scegliere un tipo di pratica dall’elenco' },
      ]);
      const future = await call('expert', 'POST', '/api/legal-updates', {
        ...UPDATE,
        issuedOn: '2026-03-03',
        validFrom: '2026-03-04',
      });
      expect(future.statusCode).toBe(422);
      expect(future.json().errors).toEqual([
        { path: 'body.issuedOn', message: 'La data dell’atto non può essere futura' },
      ]);
      const before = await call('expert', 'POST', '/api/legal-updates', {
        ...UPDATE,
        validFrom: '2025-10-02',
      });
      expect(before.json().errors).toEqual([
        { path: 'body.validFrom', message: 'La data di efficacia non può precedere la data dell’atto' },
      ]);
      expect(await database.db.selectFrom('legalUpdate').selectAll().execute()).toEqual([]);
    });

    it('keeps a draft to its writers, and publishes it only with the act, typed or in PDF', async () => {
      const created = await call('expert', 'POST', '/api/legal-updates', {
        ...UPDATE,
        caseTypeChange: {
          caseType: 'WORK_CLEARANCE',
          note: 'modifica richiesta: termine dall’imputazione alla quota',
        },
      });
      expect(created.statusCode).toBe(201);
      updateId = created.json().id;
      expect(created.json()).toMatchObject({
        status: 'DRAFT',
        articles: [
          { act: 'D.Lgs. 286/1998', article: '22', paragraph: '5', label: 'D.Lgs. 286/1998 art. 22 c.5' },
          { act: 'DL 146/2025', article: '1', paragraph: null, label: 'DL 146/2025 art. 1' },
        ],
        caseTypes: [{ code: 'WORK_CLEARANCE', name: 'Nulla osta al lavoro subordinato' }],
        hasPendingChange: false,
      });

      expect(await listIds('expert')).toEqual([updateId]);
      expect(await listIds('operator')).toEqual([]);
      expect((await call('operator', 'GET', `/api/legal-updates/${updateId}`)).statusCode).toBe(404);
      expect((await call('manager', 'POST', `/api/legal-updates/${updateId}/read`)).statusCode).toBe(404);
      expect(
        await call('operator', 'GET', `/api/legal-updates/for-case/${kases.open}`).then((r) => r.json()),
      ).toEqual([]);

      const early = await call('expert', 'POST', `/api/legal-updates/${updateId}/publish`);
      expect(early.statusCode).toBe(422);
      expect(early.json().errors).toEqual([
        { path: 'fullText', message: 'indicare il testo integrale o allegare il PDF dell’atto' },
      ]);
      const image = await attach(updateId, PNG, 'decreto.png', 'image/png');
      expect(image.statusCode).toBe(422);
      expect(image.json().errors).toEqual([{ path: 'file', message: 'È accettato solo un file PDF' }]);
      const note = await attach(updateId, Buffer.from('Decreto-legge 146/2025'), 'decreto.txt', 'text/plain');
      expect(note.statusCode).toBe(415);
      expect(note.json().errors).toEqual([{ path: 'file', message: 'È accettato solo un file PDF' }]);
      const pdf = await attach(
        updateId,
        await makePdf('Decreto-legge 3 ottobre 2025, n. 146'),
        'DL 146-2025.pdf',
        'application/pdf',
      );
      expect(pdf.statusCode).toBe(201);
      expect(pdf.json().fileName).toBe('DL 146-2025.pdf');

      const published = await call('expert', 'POST', `/api/legal-updates/${updateId}/publish`);
      expect(published.statusCode).toBe(200);
      expect(published.json()).toMatchObject({ status: 'PUBLISHED', hasPendingChange: true });
      const edited = await call('expert', 'PUT', `/api/legal-updates/${updateId}`, {
        ...UPDATE,
        title: 'Altro',
      });
      expect(edited.statusCode).toBe(409);
      expect(await listIds('operator')).toEqual([updateId]);
      const act = await call('operator', 'GET', `/api/legal-updates/${updateId}/act`);
      expect(act.statusCode).toBe(200);
      expect(act.headers['content-type']).toBe('application/pdf');
      expect(await actions()).toEqual(
        expect.arrayContaining([
          { action: 'updates.update.create', entityId: updateId },
          { action: 'updates.update.attach', entityId: updateId },
          { action: 'updates.update.publish', entityId: updateId },
          { action: 'legal_update_act.read', entityId: updateId },
        ]),
      );
    });

    it('shows the notice on open cases of an affected type only', async () => {
      const notices = await call('operator', 'GET', `/api/legal-updates/for-case/${kases.open}`);
      expect(notices.statusCode).toBe(200);
      expect(notices.json()).toEqual([
        { id: updateId, title: UPDATE.title, issuedOn: '2025-10-03', readAt: null },
      ]);
      expect((await call('operator', 'GET', `/api/legal-updates/for-case/${kases.closed}`)).json()).toEqual(
        [],
      );
      expect((await call('operator', 'GET', `/api/legal-updates/for-case/${kases.family}`)).json()).toEqual(
        [],
      );
      // decision 049: the legal expert reaches only the cases of the questions put to them
      expect((await call('expert', 'GET', `/api/legal-updates/for-case/${kases.open}`)).statusCode).toBe(404);
    });

    it('lists what each SUI user has still to read, until they mark it read', async () => {
      expect(await listIds('operator', '?unread=true')).toEqual([updateId]);
      expect((await call('operator', 'GET', '/api/legal-updates/unread-case-types')).json()).toEqual([
        'WORK_CLEARANCE',
      ]);
      // the legal expert who published it has read it
      expect(await listIds('expert', '?unread=true')).toEqual([]);

      const read = await call('operator', 'POST', `/api/legal-updates/${updateId}/read`);
      expect(read.statusCode).toBe(200);
      const again = await call('operator', 'POST', `/api/legal-updates/${updateId}/read`);
      expect(again.json().readAt).toBe(read.json().readAt);
      expect(await listIds('operator', '?unread=true')).toEqual([]);
      expect((await call('operator', 'GET', '/api/legal-updates/unread-case-types')).json()).toEqual([]);
      expect(
        (await call('operator', 'GET', `/api/legal-updates/for-case/${kases.open}`)).json()[0].readAt,
      ).toBe(read.json().readAt);
      expect(await listIds('colleague', '?unread=true')).toEqual([updateId]);
      const readings = (await actions()).filter((entry) => entry.action === 'updates.update.read');
      expect(readings).toEqual([{ action: 'updates.update.read', entityId: updateId }]);
    });

    it('shows the SUI manager who of the office has read each update', async () => {
      const readers = await call('manager', 'GET', `/api/legal-updates/${updateId}/readers`);
      expect(readers.statusCode).toBe(200);
      expect(readers.json().read.map((person: { id: string }) => person.id)).toEqual([ids.operator]);
      expect(
        readers
          .json()
          .notRead.map((person: { id: string }) => person.id)
          .sort(),
      ).toEqual([ids.manager, ids.colleague].sort());
      expect((await call('operator', 'GET', `/api/legal-updates/${updateId}/readers`)).statusCode).toBe(403);
      expect(await actions()).toEqual(
        expect.arrayContaining([{ action: 'legal_update_readers.read', entityId: updateId }]),
      );
    });

    it('lets the SUI manager mark the required case-type change as applied, with an existing version', async () => {
      expect(await listIds('manager', '?pendingChange=true')).toEqual([updateId]);
      const url = `/api/legal-updates/${updateId}/change-applied`;
      expect((await call('operator', 'POST', url, { validFrom: '2025-10-04' })).statusCode).toBe(403);
      const noVersion = await call('manager', 'POST', url, { validFrom: '2026-01-01' });
      expect(noVersion.statusCode).toBe(422);
      expect(noVersion.json().errors[0].path).toBe('body.validFrom');
      expect((await call('manager', 'POST', url, { validFrom: '2025-10-04' })).statusCode).toBe(204);
      expect((await call('manager', 'POST', url, { validFrom: '2025-10-04' })).statusCode).toBe(409);
      expect(await listIds('manager', '?pendingChange=true')).toEqual([]);
      const view = (await call('operator', 'GET', `/api/legal-updates/${updateId}`)).json();
      expect(view.caseTypeChange).toMatchObject({ appliedFrom: '2025-10-04', appliedBy: 'Mario Rossi' });
      expect(view.hasPendingChange).toBe(false);
    });

    it('refuses the mediator and the trainer, who need no legal updates, and lets the project manager read', async () => {
      for (const who of ['mediator', 'trainer'] as const) {
        expect((await call(who, 'GET', '/api/legal-updates')).statusCode).toBe(403);
        expect((await call(who, 'GET', `/api/legal-updates/for-case/${kases.open}`)).statusCode).toBe(403);
        expect((await call(who, 'POST', `/api/legal-updates/${updateId}/read`)).statusCode).toBe(403);
      }
      expect((await call('operator', 'POST', '/api/legal-updates', UPDATE)).statusCode).toBe(403);
      expect(await listIds('pm')).toEqual([updateId]);
    });

    it('counts among the indicators the updates published and how much of them the SUI staff have read', async () => {
      // one update published; the SUI staff are the manager, the operator and the colleague, and only the
      // operator read it (the legal expert's own reading is not the SUI's)
      expect(await updatesIndicators(t.platform)).toEqual({
        updatesPublished: 1,
        expectedReaders: 3,
        readings: 1,
        readRate: 1 / 3,
      });
      expect((await call('colleague', 'POST', `/api/legal-updates/${updateId}/read`)).statusCode).toBe(200);
      expect((await updatesIndicators(t.platform)).readRate).toBe(2 / 3);
    });

    it('finds updates by article, case type and words, newest first, and gives them to feed readers', async () => {
      const created = await call('expert', 'POST', '/api/legal-updates', {
        ...UPDATE,
        kind: 'JUDGMENT',
        authority: 'Corte di cassazione',
        number: '1234/2026',
        issuedOn: '2026-01-15',
        validFrom: '2026-01-15',
        title: 'Ricongiungimento familiare: reddito <minimo> & alloggio',
        summary: 'Il reddito dei familiari conviventi concorre al requisito.',
        fullText: 'La Corte ha deciso sui ricongiungimenti dei figli maggiorenni.',
        articles: [{ act: 'D.Lgs. 286/1998', article: '29', paragraph: '3' }],
        caseTypes: ['FAMILY_REUNIFICATION_CLEARANCE'],
      });
      expect(created.statusCode).toBe(201);
      const judgmentId = created.json().id as string;
      expect((await call('expert', 'POST', `/api/legal-updates/${judgmentId}/publish`)).statusCode).toBe(200);

      const search = (query: Record<string, string>) => listIds('operator', `?${new URLSearchParams(query)}`);
      expect(await search({ article: 'art. 22 c.5' })).toEqual([updateId]);
      expect(await search({ article: '286/1998 art. 29' })).toEqual([judgmentId]);
      expect(await search({ article: 'D.Lgs. 286/1998' })).toEqual([judgmentId, updateId]);
      expect(await search({ article: 'art. 31' })).toEqual([]);
      expect(await search({ caseType: 'WORK_CLEARANCE' })).toEqual([updateId]);
      expect(await search({ caseType: 'FAMILY_REUNIFICATION_CLEARANCE' })).toEqual([judgmentId]);
      expect(await search({ q: 'ricongiungimento' })).toEqual([judgmentId]);
      expect(await search({ q: 'quota imputazione' })).toEqual([updateId]);
      expect(await search({ q: 'cittadinanza' })).toEqual([]);
      expect(await search({ q: 'reddito', caseType: 'WORK_CLEARANCE' })).toEqual([]);

      const feed = await call('operator', 'GET', '/api/legal-updates/feed.atom');
      expect(feed.statusCode).toBe(200);
      expect(feed.headers['content-type']).toContain('application/atom+xml');
      const errors: string[] = [];
      const record = (message: string) => {
        errors.push(message);
      };
      const document = new DOMParser({
        errorHandler: { warning: record, error: record, fatalError: record },
      }).parseFromString(feed.body, 'application/xml');
      expect(errors).toEqual([]);
      expect(document.documentElement?.namespaceURI).toBe('http://www.w3.org/2005/Atom');
      const entries = Array.from(document.getElementsByTagName('entry'));
      expect(entries.map((entry) => entry.getElementsByTagName('id')[0]?.textContent)).toEqual([
        `urn:uuid:${judgmentId}`,
        `urn:uuid:${updateId}`,
      ]);
      expect(entries[0]?.getElementsByTagName('title')[0]?.textContent).toBe(
        'Ricongiungimento familiare: reddito <minimo> & alloggio',
      );
      expect((await call('mediator', 'GET', '/api/legal-updates/feed.atom')).statusCode).toBe(403);
    });

    it('turns a published update into a training topic with one click, which a trainer puts in their course', async () => {
      const draft = await call('expert', 'POST', '/api/legal-updates', {
        ...UPDATE,
        title: 'Ancora in bozza',
      });
      const early = await call('expert', 'POST', `/api/legal-updates/${draft.json().id}/training-topic`);
      expect(early.statusCode).toBe(409);
      expect(early.json().detail).toBe(
        'Solo una novità pubblicata può diventare un argomento di formazione.',
      );
      expect(
        (await call('operator', 'POST', `/api/legal-updates/${updateId}/training-topic`)).statusCode,
      ).toBe(403);

      const proposed = await call('expert', 'POST', `/api/legal-updates/${updateId}/training-topic`);
      expect(proposed.statusCode, proposed.body).toBe(201);
      expect(proposed.json().trainingTopic).toMatchObject({ course: null });
      const again = await call('expert', 'POST', `/api/legal-updates/${updateId}/training-topic`);
      expect(again.statusCode).toBe(200);
      expect(again.json().trainingTopic.proposedAt).toBe(proposed.json().trainingTopic.proposedAt);
      // a proposal made by mistake is withdrawn while no course has it, and may be made again
      const withdraw = (who: Person) => call(who, 'DELETE', `/api/legal-updates/${updateId}/training-topic`);
      expect((await withdraw('operator')).statusCode).toBe(403);
      const withdrawn = await withdraw('expert');
      expect(withdrawn.statusCode, withdrawn.body).toBe(200);
      expect(withdrawn.json().trainingTopic).toBeNull();
      expect((await withdraw('expert')).statusCode).toBe(404);
      expect((await call('expert', 'POST', `/api/legal-updates/${updateId}/training-topic`)).statusCode).toBe(
        201,
      );

      const list = await call('trainer', 'GET', '/api/training/topic-proposals');
      expect(list.statusCode).toBe(200);
      expect(list.json()).toMatchObject({ total: 1 });
      const [topic] = list.json().items;
      expect(topic).toMatchObject({ title: UPDATE.title, summary: UPDATE.summary, legalUpdateId: updateId });
      const template = await call('trainer', 'GET', '/api/training/needs-surveys/template');
      expect(template.json().topics.split('\n').at(-1)).toBe(UPDATE.title);
      expect((await call('operator', 'GET', '/api/training/topic-proposals')).statusCode).toBe(403);

      const course = await call('trainer', 'POST', '/api/training/courses', {
        title: 'Il lavoro dei cittadini stranieri',
        track: 'PUBLIC',
        objectives: 'Conoscere le procedure del nulla osta al lavoro.',
        topics: 'Flussi d’ingresso\nQuote',
        hours: 8,
        trainerIds: [ids.trainer],
        targetRoles: 'Operatori dello Sportello Unico',
        completionPercent: 75,
      });
      expect(course.statusCode, course.body).toBe(201);
      const courseId = course.json().id as string;
      const plan = (who: Person, payload: object) =>
        call(who, 'PUT', `/api/training/topic-proposals/${topic.id}/plan`, payload);
      expect((await plan('otherTrainer', { courseId })).statusCode).toBe(403);
      const unknown = await plan('trainer', { courseId: updateId });
      expect(unknown.statusCode).toBe(422);
      expect(unknown.json().errors).toEqual([
        { path: 'body.courseId', message: 'Scegliere un corso dall’elenco' },
      ]);
      const planned = await plan('trainer', { courseId });
      expect(planned.statusCode, planned.body).toBe(200);
      expect(planned.json().course).toEqual({ id: courseId, title: 'Il lavoro dei cittadini stranieri' });
      // the same course again changes nothing, and only for those who run it
      expect((await plan('trainer', { courseId })).statusCode).toBe(200);
      expect((await plan('otherTrainer', { courseId })).statusCode).toBe(403);
      expect((await withdraw('expert')).statusCode).toBe(409);
      const topics = async () =>
        (await call('trainer', 'GET', `/api/training/courses/${courseId}`)).json().topics;
      expect(await topics()).toEqual(['Flussi d’ingresso', 'Quote', UPDATE.title]);
      expect(
        (await call('expert', 'GET', `/api/legal-updates/${updateId}`)).json().trainingTopic,
      ).toMatchObject({
        course: { title: 'Il lavoro dei cittadini stranieri' },
      });
      const template2 = await call('trainer', 'GET', '/api/training/needs-surveys/template');
      expect(template2.json().topics.split('\n')).not.toContain(UPDATE.title);

      expect(
        (await call('otherTrainer', 'DELETE', `/api/training/topic-proposals/${topic.id}/plan`)).statusCode,
      ).toBe(403);
      const unplanned = await call('pm', 'DELETE', `/api/training/topic-proposals/${topic.id}/plan`);
      expect(unplanned.statusCode, unplanned.body).toBe(200);
      expect(unplanned.json().course).toBeNull();
      expect(await topics()).toEqual(['Flussi d’ingresso', 'Quote']);
      expect((await call('pm', 'DELETE', `/api/training/topic-proposals/${topic.id}/plan`)).statusCode).toBe(
        409,
      );

      // a topic the course already had stays in it when the proposal leaves
      const other = await call('trainer', 'POST', '/api/training/courses', {
        title: 'Aggiornamento normativo',
        track: 'BOTH',
        objectives: 'Le novità dell’anno.',
        topics: UPDATE.title.toLocaleUpperCase('it'),
        hours: 4,
        trainerIds: [ids.trainer],
        targetRoles: 'Operatori',
        completionPercent: 75,
      });
      const otherId = other.json().id as string;
      expect((await plan('trainer', { courseId: otherId })).statusCode).toBe(200);
      const otherTopics = async () =>
        (await call('trainer', 'GET', `/api/training/courses/${otherId}`)).json().topics;
      expect(await otherTopics()).toEqual([UPDATE.title.toLocaleUpperCase('it')]);
      expect(
        (await call('trainer', 'DELETE', `/api/training/topic-proposals/${topic.id}/plan`)).statusCode,
      ).toBe(200);
      expect(await otherTopics()).toEqual([UPDATE.title.toLocaleUpperCase('it')]);
      const trail = await database.db
        .selectFrom('auditEntry')
        .select('action')
        .where('entityId', '=', topic.id)
        .orderBy('seq')
        .execute();
      expect(trail.map((entry) => entry.action)).toEqual([
        'training.topic.propose',
        'training.topic.proposal.plan',
        'training.topic.proposal.unplan',
        'training.topic.proposal.plan',
        'training.topic.proposal.unplan',
      ]);
      const withdrawals = await database.db
        .selectFrom('auditEntry')
        .select('action')
        .where('action', '=', 'training.topic.withdraw')
        .execute();
      expect(withdrawals).toHaveLength(1);
    });
  });
}
