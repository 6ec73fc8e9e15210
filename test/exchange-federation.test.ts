import { createHash } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { exportJWK, generateKeyPair, importJWK, type JWK } from 'jose';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../src/kernel/ids.ts';
import {
  DIGEST_HEADER,
  digestOf,
  SIGNATURE_HEADER,
  type SigningKey,
  signDelivery,
} from '../src/modules/exchange/federation/signing.ts';
import { exchangeModule } from '../src/modules/exchange/index.ts';
import { startTestApp, stopTestApp, type TestApp } from './support/app.ts';
import { workPermitApplication } from './support/cases.ts';
import { BACKENDS, openTestDatabase, type TestDatabase } from './support/database.ts';
import { makePdf, multipartBody } from './support/documents.ts';
import { makeOrganisation, makeUser, type Session, signIn } from './support/identity.ts';
import { setQuota } from './support/intake.ts';
import { startPeerNodes } from './support/peers.ts';

const PREFECTURE = 'prefettura-lodi';
const QUESTURA = 'questura-lodi';
/** A third node the Questura's knows and trusts to sign, but which is no end of the opinions in these tests. */
const INSPECTORATE = 'ispettorato-lodi';

async function until<T>(
  what: string,
  probe: () => Promise<T | undefined | null | false>,
  timeoutMs = 15_000,
) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Two LOVIT nodes, each with its own database, exchanging signed messages over HTTP. */
for (const backend of BACKENDS) {
  describe(`opinions between two nodes (${backend})`, () => {
    type ServedNode = TestApp & { database: TestDatabase; base: string };
    const nodes = {} as Record<'sui' | 'questura', ServedNode>;
    let manager: Session;
    let officer: Session;
    let inspectorateKey: SigningKey;
    const folders: string[] = [];

    const node = async (id: string, configured: string): Promise<ServedNode> => {
      const inspectorate = {
        id: INSPECTORATE,
        url: 'http://ispettorato-lodi.invalid',
        jwk: inspectorateKey.publicJwk,
      };
      // the SUI's node may send the Questura's at most 1 MB at once
      const limited = (JSON.parse(configured) as object[]).map((peer) => ({ ...peer, maxBodyMb: 1 }));
      const peers = id === QUESTURA ? JSON.stringify([...limited, inspectorate]) : configured;
      const database = await openTestDatabase(backend);
      // each node keeps its files in its own folder: attachments must travel to reach the other
      const dataDir = await mkdtemp(path.join(tmpdir(), `lovit-${id}-`));
      folders.push(dataDir);
      const t = await startTestApp(database, {
        config: {
          DATA_DIR: dataDir,
          EXCHANGE_NODE: id,
          EXCHANGE_PEERS: peers,
          EXCHANGE_MAX_SKEW_SECONDS: '60',
          EXCHANGE_INBOX_RATE_PER_MINUTE: '100',
        },
      });
      const base = await t.app.listen({ port: 0, host: '127.0.0.1' });
      return { ...t, database, base };
    };
    /**
     * A delivery to the Questura's node, signed with `key` as `sender` (by default: as the SUI's node); with
     * `toSui`, the other way round.
     */
    const deliver = async (
      messages: object[],
      options: {
        key?: SigningKey;
        sender?: string;
        at?: Date;
        tamper?: boolean;
        jti?: string;
        toSui?: boolean;
      } = {},
    ) => {
      const [from, to] = options.toSui ? [nodes.questura, nodes.sui] : [nodes.sui, nodes.questura];
      const body = JSON.stringify({ messages });
      const digest = digestOf(body);
      const key = options.key ?? (await keyOf(from));
      const token = await signDelivery(
        key,
        {
          sender: options.sender ?? (options.toSui ? QUESTURA : PREFECTURE),
          receiver: options.toSui ? PREFECTURE : QUESTURA,
          jti: options.jti ?? newId(),
          digest,
        },
        options.at ?? to.clock.now(),
        60,
      );
      return fetch(`${to.base}/api/exchange/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', [DIGEST_HEADER]: digest, [SIGNATURE_HEADER]: token },
        body: options.tamper ? body.replace('Rahim', 'Rahym') : body,
      });
    };
    const keyOf = async (served: ServedNode): Promise<SigningKey> => {
      const row = await served.database.db.selectFrom('exchangeKey').selectAll().executeTakeFirstOrThrow();
      return {
        kid: row.kid,
        privateKey: (await importJWK(row.privateJwk as JWK, 'ES256')) as CryptoKey,
        publicJwk: row.publicJwk as JWK,
      };
    };
    const requestedMessage = (id: string) => ({
      id: newId(),
      kind: 'opinion.requested',
      payload: {
        id,
        requesterOrganisationId: null,
        requesterName: 'Prefettura di Lodi – SUI',
        body: 'POLICE_HQ',
        caseNumber: 'LO-2026-999999',
        caseTypeCode: 'WORK_CLEARANCE',
        caseTypeName: 'Nulla osta al lavoro subordinato',
        label: 'Parere della Questura sui motivi ostativi',
        subject: {
          persons: [{ role: 'WORKER', surname: 'HOSSAIN', givenName: 'Rahim', citizenship: 'BD' }],
          employers: [],
          quota: null,
          submittedOn: '2026-03-02',
          highRiskCountry: true,
        },
        requestedAt: '2026-03-02T08:00:00.000Z',
        requestedOn: '2026-03-02',
        responseDays: 20,
        dueOn: '2026-03-22',
        silenceRule: null,
      },
    });
    const housekeeping = () =>
      exchangeModule
        .jobs?.(nodes.questura.platform)
        .find((job) => job.queue === 'exchange.inbox-housekeeping')
        ?.handle({});
    const counts = async () => ({
      requests: Number(
        (
          await nodes.questura.database.db
            .selectFrom('opinionRequest')
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      ),
      inbox: Number(
        (
          await nodes.questura.database.db
            .selectFrom('exchangeInbox')
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      ),
    });

    beforeAll(async () => {
      const pair = await generateKeyPair('ES256', { extractable: true });
      inspectorateKey = {
        kid: 'ispettorato',
        privateKey: pair.privateKey,
        publicJwk: { ...(await exportJWK(pair.publicKey)), kid: 'ispettorato', alg: 'ES256' },
      };
      [nodes.questura, nodes.sui] = await startPeerNodes(
        node,
        { id: QUESTURA, bodies: ['POLICE_HQ', 'LABOUR_INSPECTORATE'] },
        { id: PREFECTURE, mayRequest: true },
      );
      const prefecture = await makeOrganisation(nodes.sui.platform, {
        type: 'PREFECTURE',
        code: 'PREF-LO',
      });
      const questura = await makeOrganisation(nodes.questura.platform, {
        type: 'POLICE_HQ',
        code: 'QUESTURA-LO',
      });
      await makeOrganisation(nodes.questura.platform, { type: 'LABOUR_INSPECTORATE', code: 'ITL-LO' });
      const sui = await makeUser(nodes.sui.platform, [
        { organisationId: prefecture.id, role: 'sui_manager' },
      ]);
      const police = await makeUser(nodes.questura.platform, [
        { organisationId: questura.id, role: 'questura_officer' },
      ]);
      manager = await signIn(nodes.sui.app, sui.email);
      officer = await signIn(nodes.questura.app, police.email);
      await setQuota(nodes.sui.app, manager, 10);
    });

    afterAll(async () => {
      for (const served of Object.values(nodes)) {
        await stopTestApp(served);
        await served.database.dispose();
      }
      for (const folder of folders) await rm(folder, { recursive: true, force: true });
    });

    it('carries the request, the question, the reply and the answer between the nodes, and both ends agree', async () => {
      const sui = nodes.sui.app;
      const questura = nodes.questura.app;
      const submitted = await sui.inject({
        method: 'POST',
        url: '/api/cases',
        headers: manager.headers,
        payload: workPermitApplication(1),
      });
      const caseId = submitted.json().id as string;
      for (const action of ['START_REVIEW', 'REQUEST_OPINIONS']) {
        const { version } = (
          await sui.inject({ url: `/api/cases/${caseId}`, headers: manager.headers })
        ).json();
        const res = await sui.inject({
          method: 'POST',
          url: `/api/cases/${caseId}/actions`,
          headers: manager.headers,
          payload: { action, version },
        });
        expect(res.statusCode).toBe(200);
      }
      const opinions = (await sui.inject({ url: `/api/cases/${caseId}`, headers: manager.headers })).json()
        .opinions;
      const police = opinions.find((o: { body: string }) => o.body === 'POLICE_HQ').id as string;

      const inbox = await until('the request at the Questura', async () => {
        const page = (await questura.inject({ url: '/api/opinions', headers: officer.headers })).json();
        return page.items.some((o: { id: string }) => o.id === police) && page;
      });
      expect(inbox.items.find((o: { id: string }) => o.id === police)).toMatchObject({
        remote: true,
        state: 'PENDING',
      });
      const asked = await questura.inject({
        method: 'POST',
        url: `/api/opinions/${police}/questions`,
        headers: officer.headers,
        payload: { question: 'Il datore di lavoro ha altre sedi operative?' },
      });
      expect(asked.statusCode).toBe(200);

      const question = await until('the question at the SUI', async () => {
        const detail = (await sui.inject({ url: `/api/cases/${caseId}`, headers: manager.headers })).json();
        return detail.opinions.find((o: { id: string }) => o.id === police).openQuestions[0];
      });
      const replied = await sui.inject({
        method: 'POST',
        url: `/api/opinions/${police}/questions/${question.id}/reply`,
        headers: manager.headers,
        payload: { reply: 'Una sola sede, a Lodi.' },
      });
      expect(replied.statusCode).toBe(200);
      await until('the reply at the Questura', async () => {
        const detail = (
          await questura.inject({ url: `/api/opinions/${police}`, headers: officer.headers })
        ).json();
        return detail.state === 'PENDING' && detail.questions[0].reply === 'Una sola sede, a Lodi.';
      });
      const pdf = await makePdf('Esito dei controlli SDI: nessun elemento ostativo');
      const form = await multipartBody(
        {},
        { content: pdf, name: 'esito controlli.pdf', type: 'application/pdf' },
      );
      const uploaded = await questura.inject({
        method: 'POST',
        url: `/api/opinions/${police}/attachments`,
        headers: { ...officer.headers, ...form.headers },
        payload: form.payload,
      });
      expect(uploaded.statusCode).toBe(201);
      const answered = await questura.inject({
        method: 'POST',
        url: `/api/opinions/${police}/answers`,
        headers: officer.headers,
        payload: {
          outcome: 'FAVOURABLE',
          attachments: [{ token: uploaded.json().token }],
        },
      });
      expect(answered.statusCode).toBe(200);
      const onCase = await until('the answer on the case', async () => {
        const detail = (await sui.inject({ url: `/api/cases/${caseId}`, headers: manager.headers })).json();
        const opinion = detail.opinions.find((o: { id: string }) => o.id === police);
        return opinion.outcome === 'FAVOURABLE' && detail;
      });
      // the file travelled with the answer: the SUI's node serves it from its own store
      const attached = await until('the attachment at the SUI', async () => {
        const detail = (
          await sui.inject({ url: `/api/opinions/${police}`, headers: manager.headers })
        ).json();
        return detail.answers[0]?.attachments[0];
      });
      expect(attached).toMatchObject({
        filename: 'esito controlli.pdf',
        mediaType: 'application/pdf',
        size: pdf.length,
      });
      const download = await sui.inject({
        url: `/api/opinions/${police}/attachments/${attached.sha256}`,
        headers: manager.headers,
      });
      expect(Buffer.compare(download.rawPayload, pdf)).toBe(0);
      expect(onCase.timeline.map((e: { kind: string }) => e.kind)).toEqual(
        expect.arrayContaining(['OPINION_QUESTION', 'OPINION_QUESTION_ANSWERED', 'OPINION_RECEIVED']),
      );

      const snapshot = async (database: TestDatabase) => ({
        request: await database.db
          .selectFrom('opinionRequest')
          .select(['state', 'outcome', 'dueOn', 'caseNumber', 'originNode', 'answererNode'])
          .where('id', '=', police)
          .executeTakeFirstOrThrow(),
        answers: await database.db
          .selectFrom('opinionAnswer')
          .select(['id', 'outcome'])
          .where('opinionId', '=', police)
          .execute(),
        questions: await database.db
          .selectFrom('opinionQuestion')
          .select(['id', 'reply'])
          .where('opinionId', '=', police)
          .execute(),
      });
      expect(await snapshot(nodes.questura.database)).toEqual(await snapshot(nodes.sui.database));
      // the SUI's node keeps its case; the Questura's node never had it
      const casesAtQuestura = await nodes.questura.database.db.selectFrom('caseFile').select('id').execute();
      expect(casesAtQuestura).toEqual([]);
    });

    it('publishes its public keys as JWKS', async () => {
      const res = await fetch(`${nodes.sui.base}/.well-known/jwks.json`);
      const jwks = await res.json();
      expect(jwks.keys[0]).toMatchObject({ kty: 'EC', crv: 'P-256', alg: 'ES256', use: 'sig' });
      expect(jwks.keys[0]).not.toHaveProperty('d');
    });

    it('refuses, logs and ignores deliveries with a bad signature, an unknown sender, a wrong digest or a stale time', async () => {
      const before = await counts();
      const stranger = await generateKeyPair('ES256', { extractable: true });
      const strangerKey: SigningKey = {
        kid: 'estraneo',
        privateKey: stranger.privateKey,
        publicJwk: await exportJWK(stranger.publicKey),
      };
      const cases = [
        { options: { key: strangerKey }, status: 401, reason: 'BAD_SIGNATURE' },
        { options: { key: strangerKey, sender: 'nodo-sconosciuto' }, status: 401, reason: 'UNKNOWN_SENDER' },
        { options: { tamper: true }, status: 400, reason: 'DIGEST_MISMATCH' },
        {
          options: { at: new Date(nodes.questura.clock.now().getTime() - 10 * 60_000) },
          status: 401,
          reason: 'CLOCK_SKEW',
        },
      ];
      for (const { options, status, reason } of cases) {
        const res = await deliver([requestedMessage(newId())], options);
        expect(res.status, reason).toBe(status);
        expect(res.headers.get('content-type')).toContain('application/problem+json');
        expect((await res.json()).type).toContain(reason.toLowerCase().replaceAll('_', '-'));
      }
      const unsigned = await fetch(`${nodes.questura.base}/api/exchange/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ messages: [requestedMessage(newId())] }),
      });
      expect(unsigned.status).toBe(401);
      expect(await counts()).toEqual(before);
      const logged = await nodes.questura.database.db
        .selectFrom('exchangeRefusal')
        .select('reason')
        .execute();
      expect(logged.map((r) => r.reason)).toEqual(
        expect.arrayContaining([
          'BAD_SIGNATURE',
          'UNKNOWN_SENDER',
          'DIGEST_MISMATCH',
          'CLOCK_SKEW',
          'MISSING_SIGNATURE',
        ]),
      );
    });

    it('applies a message once: a replayed delivery is refused, a message sent again is acknowledged as seen', async () => {
      const opinionId = newId();
      const message = requestedMessage(opinionId);
      const jti = newId();
      const first = await deliver([message], { jti });
      expect(first.status).toBe(200);
      expect((await first.json()).results).toEqual([{ id: message.id, status: 'APPLIED' }]);
      const before = await counts();

      const replayed = await deliver([message], { jti });
      expect(replayed.status).toBe(409);
      const again = await deliver([message]);
      expect((await again.json()).results).toEqual([{ id: message.id, status: 'DUPLICATE' }]);
      expect(await counts()).toEqual(before);

      const unknown = { id: newId(), kind: 'opinion.answered', payload: { ...message.payload } };
      const rejected = await deliver([unknown]);
      expect((await rejected.json()).results).toEqual([
        { id: unknown.id, status: 'REJECTED', detail: 'contenuto non valido per il tipo' },
      ]);
    });

    /** The answer of the first walk that carries a file, as the SUI's node holds it. */
    const heldAnswer = () =>
      nodes.sui.database.db
        .selectFrom('opinionAnswer')
        .select(['id', 'opinionId', 'attachments'])
        .where(sql<boolean>`jsonb_array_length(attachments) > 0`)
        .executeTakeFirstOrThrow();
    /** A correction of `held` from the Questura's node, carrying `attachments`. */
    const correctionOf = (
      held: { id: string; opinionId: string },
      reasons: string,
      attachments: unknown,
    ) => ({
      id: newId(),
      kind: 'opinion.answered',
      payload: {
        id: newId(),
        opinionId: held.opinionId,
        outcome: 'UNFAVOURABLE',
        reasons,
        answeredBy: 'questura',
        answeredAt: nodes.sui.clock.now().toISOString(),
        answeredOn: nodes.sui.clock.today().toString(),
        correctsId: held.id,
        attachments,
      },
    });

    it('refuses an answer naming a file without sending it, even one the receiving end holds', async () => {
      const held = await heldAnswer();
      const message = correctionOf(held, 'Rettifica con un file mai inviato.', held.attachments);
      const res = await deliver([message], { toSui: true });
      expect((await res.json()).results).toEqual([
        { id: message.id, status: 'REJECTED', detail: expect.stringContaining('manca') },
      ]);
      const answers = await nodes.sui.database.db
        .selectFrom('opinionAnswer')
        .select('id')
        .where('opinionId', '=', held.opinionId)
        .execute();
      expect(answers).toEqual([{ id: held.id }]);
    });

    it('keeps the size and type measured on a file a peer sends, not the ones it declares', async () => {
      const pdf = await makePdf('Rettifica con un allegato dichiarato male');
      const sha256 = createHash('sha256').update(pdf).digest('hex');
      const declared = { sha256, filename: 'rettifica.pdf', mediaType: 'text/html', size: 1 };
      const message = correctionOf(await heldAnswer(), 'Rettifica con un allegato.', [
        { ...declared, content: pdf.toString('base64') },
      ]);
      const res = await deliver([message], { toSui: true });
      expect((await res.json()).results).toEqual([{ id: message.id, status: 'APPLIED' }]);
      const kept = await nodes.sui.database.db
        .selectFrom('opinionAnswer')
        .select('attachments')
        .where('id', '=', message.payload.id)
        .executeTakeFirstOrThrow();
      expect(kept.attachments).toEqual([{ ...declared, mediaType: 'application/pdf', size: pdf.length }]);
    });

    it('applies a message only from the end of the opinion that may send it, and logs every other', async () => {
      const opinionId = newId();
      expect((await (await deliver([requestedMessage(opinionId)])).json()).results[0].status).toBe('APPLIED');
      const at = nodes.questura.clock.now().toISOString();
      const day = at.slice(0, 10);
      const message = (kind: string, payload: object) => ({ id: newId(), kind, payload });
      const question = () =>
        message('opinion.question', {
          id: newId(),
          opinionId,
          question: 'Il datore ha altre sedi?',
          askedBy: 'Agente',
          askedAt: at,
          askedOn: day,
        });
      const answer = (correctsId: string | null) =>
        message('opinion.answered', {
          id: newId(),
          opinionId,
          outcome: 'UNFAVOURABLE',
          reasons: 'Motivi ostativi',
          answeredBy: 'Agente',
          answeredAt: at,
          answeredOn: day,
          correctsId,
          attachments: [],
        });
      const lapse = () =>
        message('opinion.lapsed', { opinionId, rule: 'silenzio-assenso', lapsedOn: day, at });
      const intruder = { key: inspectorateKey, sender: INSPECTORATE };
      const refused = async (sent: object, options: Parameters<typeof deliver>[1] = {}) => {
        const res = await deliver([sent], options);
        expect(res.status).toBe(200);
        const [result] = (await res.json()).results;
        expect(result.status).toBe('REJECTED');
        return result.detail as string;
      };
      const opinion = () =>
        nodes.questura.database.db
          .selectFrom('opinionRequest')
          .select(['state', 'outcome'])
          .where('id', '=', opinionId)
          .executeTakeFirstOrThrow();
      const rows = async (table: 'opinionAnswer' | 'opinionQuestion') =>
        nodes.questura.database.db.selectFrom(table).selectAll().where('opinionId', '=', opinionId).execute();

      // a node that may not ask for opinions here; then one that is not the answering end
      expect(await refused(requestedMessage(newId()), intruder)).toBe(
        'questo nodo non è autorizzato a chiedere pareri qui',
      );
      for (const options of [intruder, {}]) {
        await refused(question(), options);
        await refused(answer(null), options);
      }
      await refused(lapse(), intruder);
      expect(await opinion()).toEqual({ state: 'PENDING', outcome: null });
      expect(await rows('opinionQuestion')).toEqual([]);
      expect(await rows('opinionAnswer')).toEqual([]);

      const byOfficer = async (action: 'questions' | 'answers', payload: object) => {
        const res = await nodes.questura.app.inject({
          method: 'POST',
          url: `/api/opinions/${opinionId}/${action}`,
          headers: officer.headers,
          payload,
        });
        expect(res.statusCode).toBe(200);
      };
      await byOfficer('questions', { question: 'Il datore ha altre sedi?' });
      const [open] = await rows('opinionQuestion');
      const reply = message('opinion.reply', {
        questionId: open?.id,
        opinionId,
        reply: 'Nessuna',
        repliedBy: 'Intruso',
        repliedAt: at,
        repliedOn: day,
        dueOn: '2026-12-31',
      });
      await refused(reply, intruder);
      expect(await opinion()).toEqual({ state: 'QUESTION', outcome: null });
      expect((await rows('opinionQuestion'))[0]?.reply).toBeNull();

      expect((await deliver([{ ...reply, id: newId() }])).status).toBe(200);
      await byOfficer('answers', { outcome: 'FAVOURABLE' });
      const [given] = await rows('opinionAnswer');
      for (const options of [intruder, {}]) await refused(answer(given?.id ?? null), options);
      expect(await opinion()).toEqual({ state: 'ANSWERED', outcome: 'FAVOURABLE' });
      expect(await rows('opinionAnswer')).toHaveLength(1);

      const counted = await nodes.questura.database.db
        .selectFrom('exchangeRefusalCount')
        .select(['source', 'reason', 'count'])
        .where('reason', 'in', ['NOT_ALLOWED_TO_REQUEST', 'NOT_ITS_OPINION'])
        .orderBy('source')
        .orderBy('reason')
        .execute();
      expect(counted).toEqual([
        { source: `nodo ${INSPECTORATE}`, reason: 'NOT_ALLOWED_TO_REQUEST', count: 1 },
        { source: `nodo ${INSPECTORATE}`, reason: 'NOT_ITS_OPINION', count: 5 },
        { source: `nodo ${PREFECTURE}`, reason: 'NOT_ITS_OPINION', count: 3 },
      ]);
    });

    it('refuses a reply naming the question of another opinion, and leaves that question open for its own reply', async () => {
      const [named, asked] = [newId(), newId()];
      const sent = await deliver([requestedMessage(named), requestedMessage(asked)]);
      expect((await sent.json()).results.map((r: { status: string }) => r.status)).toEqual([
        'APPLIED',
        'APPLIED',
      ]);
      const res = await nodes.questura.app.inject({
        method: 'POST',
        url: `/api/opinions/${asked}/questions`,
        headers: officer.headers,
        payload: { question: 'Il lavoratore ha già un permesso?' },
      });
      expect(res.statusCode).toBe(200);
      const question = () =>
        nodes.questura.database.db
          .selectFrom('opinionQuestion')
          .select(['id', 'reply'])
          .where('opinionId', '=', asked)
          .executeTakeFirstOrThrow();
      const state = async (id: string) =>
        (
          await nodes.questura.database.db
            .selectFrom('opinionRequest')
            .select('state')
            .where('id', '=', id)
            .executeTakeFirstOrThrow()
        ).state;
      const open = await question();
      const at = nodes.questura.clock.now().toISOString();
      const reply = (opinionId: string, text: string) => ({
        id: newId(),
        kind: 'opinion.reply',
        payload: {
          questionId: open.id,
          opinionId,
          reply: text,
          repliedBy: 'Sportello',
          repliedAt: at,
          repliedOn: at.slice(0, 10),
          dueOn: '2026-12-31',
        },
      });

      const wrong = reply(named, 'Risposta data sul parere sbagliato');
      const [refused] = (await (await deliver([wrong])).json()).results;
      expect(refused).toEqual({ id: wrong.id, status: 'REJECTED', detail: expect.any(String) });
      expect(await question()).toEqual({ id: open.id, reply: null });
      expect([await state(named), await state(asked)]).toEqual(['PENDING', 'QUESTION']);

      const right = reply(asked, 'Sì, fino a giugno');
      const [applied] = (await (await deliver([right])).json()).results;
      expect(applied).toEqual({ id: right.id, status: 'APPLIED' });
      expect(await question()).toEqual({ id: open.id, reply: 'Sì, fino a giugno' });
      expect(await state(asked)).toBe('PENDING');
    });

    it('forgets a delivery id once its signature can no longer be replayed, and the replay is still refused', async () => {
      const clock = nodes.questura.clock;
      const start = clock.now();
      const old = { jti: newId(), message: requestedMessage(newId()) };
      expect((await deliver([old.message], { jti: old.jti })).status).toBe(200);
      // twice the allowed skew (60 s here) and a second later
      clock.advance(121_000);
      const recent = newId();
      expect((await deliver([requestedMessage(newId())], { jti: recent })).status).toBe(200);
      await housekeeping();
      const kept = await nodes.questura.database.db
        .selectFrom('exchangeDelivery')
        .select('jti')
        .where('jti', 'in', [old.jti, recent])
        .execute();
      expect(kept).toEqual([{ jti: recent }]);
      const replayed = await deliver([old.message], { jti: old.jti, at: start });
      expect(replayed.status).toBe(401);
      expect((await replayed.json()).type).toContain('exchange-clock-skew');
      clock.set(start);
    });

    it('refuses an unsigned 50 MB delivery on its headers, without reading the body', async () => {
      const total = 50 * 2 ** 20;
      const { answer, written } = await new Promise<{ answer: string; written: number }>((resolve) => {
        const socket = connect(Number(new URL(nodes.questura.base).port), '127.0.0.1');
        const chunk = Buffer.alloc(64 * 1024, 0x20);
        let written = 0;
        let answer = '';
        const done = () => {
          socket.destroy();
          resolve({ answer, written });
        };
        socket.on('connect', () => {
          socket.write(
            'POST /api/exchange/messages HTTP/1.1\r\nHost: questura\r\n' +
              `Content-Type: application/json\r\nContent-Length: ${total}\r\n\r\n`,
          );
          const pump = () => {
            while (written < total && !answer) {
              written += chunk.length;
              if (!socket.write(chunk)) return void socket.once('drain', pump);
            }
          };
          pump();
        });
        socket.on('data', (data) => {
          answer += data.toString();
          if (answer.includes('\r\n\r\n')) done();
        });
        // the node closes the connection instead of reading what is left
        socket.on('error', done);
        socket.on('close', done);
      });
      expect(answer).toMatch(/^HTTP\/1\.1 401/);
      expect(answer).toContain('application/problem+json');
      expect(answer.toLowerCase()).toContain('connection: close');
      expect(written).toBeLessThan(total / 5);
    });

    it('counts a flood of anonymous refusals per address and hour, keeps a few rows, and slows it down', async () => {
      const clock = nodes.questura.clock;
      const start = clock.now();
      const stranger = await generateKeyPair('ES256');
      const flood: number[] = [];
      for (let i = 0; i < 110; i++) {
        const body = '{"messages":[]}';
        const digest = digestOf(body);
        // every other one claims a made-up sender: a new name must not make a new counter
        const token =
          i % 2 === 0
            ? await signDelivery(
                { kid: 'x', privateKey: stranger.privateKey, publicJwk: {} },
                { sender: `nodo-${i}`, receiver: QUESTURA, jti: newId(), digest },
                start,
                60,
              )
            : undefined;
        const res = await nodes.questura.app.inject({
          method: 'POST',
          url: '/api/exchange/messages',
          remoteAddress: '203.0.113.7',
          headers: {
            'content-type': 'application/json',
            [DIGEST_HEADER]: digest,
            ...(token ? { [SIGNATURE_HEADER]: token } : {}),
          },
          payload: body,
        });
        flood.push(res.statusCode);
      }
      expect(flood.slice(0, 100).every((status) => status === 401)).toBe(true);
      expect(flood.slice(100)).toEqual(Array(10).fill(429));
      const db = nodes.questura.database.db;
      const counters = await db
        .selectFrom('exchangeRefusalCount')
        .select(['reason', 'count'])
        .where('source', '=', '203.0.113.7')
        .orderBy('reason')
        .execute();
      expect(counters).toEqual([
        { reason: 'MISSING_SIGNATURE', count: 50 },
        { reason: 'UNKNOWN_SENDER', count: 50 },
      ]);
      const sampled = await db
        .selectFrom('exchangeRefusal')
        .where('clientAddress', '=', '203.0.113.7')
        .execute();
      expect(sampled).toHaveLength(6);

      clock.advance(91 * 86_400_000);
      await housekeeping();
      expect(await db.selectFrom('exchangeRefusalCount').selectAll().execute()).toEqual([]);
      expect(await db.selectFrom('exchangeRefusal').selectAll().execute()).toEqual([]);
      clock.set(start);
    });

    it('answers 413 to a known node whose delivery passes its limit, before reading it', async () => {
      const message = { ...requestedMessage(newId()), padding: 'x'.repeat(1.2 * 2 ** 20) };
      const res = await deliver([message]);
      expect(res.status).toBe(413);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      const problem = await res.json();
      expect(problem.type).toContain('exchange-too-large');
      expect(problem.detail).toBe('La consegna supera il limite di 1 MB ammesso per questo nodo.');
      const counted = await nodes.questura.database.db
        .selectFrom('exchangeRefusalCount')
        .select('count')
        .where('reason', '=', 'TOO_LARGE')
        .where('source', '=', `nodo ${PREFECTURE}`)
        .executeTakeFirst();
      expect(counted).toEqual({ count: 1 });

      // without a declared length, the body is cut once it passes the limit
      const body = JSON.stringify({ messages: [message] });
      const digest = digestOf(body);
      const token = await signDelivery(
        await keyOf(nodes.sui),
        { sender: PREFECTURE, receiver: QUESTURA, jti: newId(), digest },
        nodes.questura.clock.now(),
        60,
      );
      const bytes = new TextEncoder().encode(body);
      const chunked = await fetch(`${nodes.questura.base}/api/exchange/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', [DIGEST_HEADER]: digest, [SIGNATURE_HEADER]: token },
        body: new ReadableStream({
          start(controller) {
            for (let at = 0; at < bytes.length; at += 2 ** 16)
              controller.enqueue(bytes.slice(at, at + 2 ** 16));
            controller.close();
          },
        }),
        duplex: 'half',
      } as RequestInit);
      expect(chunked.status).toBe(413);
      expect((await chunked.json()).type).toContain('exchange-too-large');
    });
  });
}
