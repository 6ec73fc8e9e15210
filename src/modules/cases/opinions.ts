/**
 * The SUI's end of the opinions a case needs: requesting them when the workflow says so, and moving the case
 * when a body answers, asks back, or stays silent. The exchange module carries the opinion itself.
 */
import type { Temporal } from 'temporal-polyfill';
import type { z } from 'zod';
import type { Config } from '../../config.ts';
import type { AuditRecord } from '../../kernel/audit.ts';
import type { Actor, Caller } from '../../kernel/auth.ts';
import type { Db } from '../../kernel/db.ts';
import { Conflict, NotFound } from '../../kernel/errors.ts';
import { newId } from '../../kernel/ids.ts';
import type { Platform } from '../../kernel/platform.ts';
import { writeTransaction } from '../../kernel/transaction.ts';
import type { OpinionChange } from '../exchange/events.ts';
import { recordOnBehalf, requestOpinions } from '../exchange/service.ts';
import type { opinionInput } from './contract.ts';
import type { CaseTypeVersion } from './law/definitions.ts';
import * as store from './store.ts';

type CaseRow = NonNullable<Awaited<ReturnType<typeof store.lockCase>>>;

/** Opens one opinion request per body the case type requires and has not been asked yet. */
export async function requestCaseOpinions(
  db: Db,
  config: Config,
  actor: Actor,
  input: {
    caseFile: CaseRow;
    definition: CaseTypeVersion;
    alreadyRequested: readonly string[];
    now: Date;
    today: Temporal.PlainDate;
  },
): Promise<AuditRecord[]> {
  const { caseFile, definition, now, today } = input;
  const required = definition.opinions
    .filter((opinion) => !input.alreadyRequested.includes(opinion.body))
    .map((opinion) => ({ ...opinion, id: newId() }));
  if (required.length === 0) return [];
  await store.insertOpinions(
    db,
    required.map((opinion) => ({
      id: opinion.id,
      caseId: caseFile.id,
      body: opinion.body,
      requestedAt: now,
      dueOn: today.add({ days: opinion.responseDays }).toString(),
    })),
  );
  const parties = await store.caseParties(db, caseFile.id);
  const kinds = new Map(definition.parties.map((party) => [party.role, party.kind]));
  return requestOpinions(db, config, {
    requester: { organisationId: caseFile.organisationId, name: actor.organisationName },
    caseNumber: caseFile.number,
    caseType: { code: definition.code, name: definition.name },
    facts: {
      parties: parties.map((party) => ({
        role: party.role,
        kind: kinds.get(party.role) ?? (party.employerId ? 'EMPLOYER' : 'PERSON'),
        surname: party.surname,
        givenName: party.givenName,
        sex: party.sex,
        birthDate: party.birthDate,
        birthPlace: party.birthPlace,
        citizenship: party.citizenship,
        passportNumber: party.passportNumber,
        fiscalCode: party.employerId ? party.employerFiscalCode : party.personFiscalCode,
        employerKind: party.employerKind,
        employerName: party.employerName,
        vatNumber: party.vatNumber,
        address: party.employerAddress,
      })),
      quota:
        caseFile.quotaYear !== null && caseFile.quotaSector !== null
          ? { year: caseFile.quotaYear, sector: caseFile.quotaSector }
          : null,
      submittedOn: caseFile.submittedOn,
      highRiskCountry: caseFile.highRiskCountry,
    },
    opinions: required.map((opinion) => ({
      id: opinion.id,
      body: opinion.body,
      label: opinion.label,
      responseDays: opinion.responseDays,
      silenceConsentRule: opinion.silenceConsentRule,
    })),
    now,
    today,
  });
}

/** A body answered, asked back, or stayed silent: the case records it on its timeline. */
export async function opinionChanged(db: Db, now: Date, change: OpinionChange): Promise<void> {
  const patch = {
    ...(change.outcome ? { outcome: change.outcome } : {}),
    ...(change.answeredAt ? { answeredAt: change.answeredAt } : {}),
    ...(change.notes !== undefined ? { notes: change.notes } : {}),
    ...(change.dueOn ? { dueOn: change.dueOn } : {}),
  };
  const opinion = await store.patchCaseOpinion(db, change.opinionId, patch);
  if (!opinion) throw new Error(`the case opinion ${change.opinionId} is missing at the requesting end`);
  await store.insertEvent(db, {
    id: newId(),
    caseId: opinion.caseId,
    at: now,
    onDay: change.event.onDay,
    kind: change.event.kind,
    actorUserId: null,
    actorLabel: change.event.actorLabel,
    reason: change.event.reason,
    data: JSON.stringify({ body: opinion.body, opinion: change.opinionId, ...change.event.data }),
  });
  await store.updateCase(db, opinion.caseId, { updatedAt: now });
}

/** The SUI records an opinion a body sent outside LOVIT (PEC, paper): it becomes that body's answer. */
export async function recordOpinion(
  platform: Platform,
  caller: Caller,
  caseId: string,
  opinionId: string,
  input: z.infer<typeof opinionInput>,
  answeredOn: Temporal.PlainDate,
): Promise<void> {
  const actor = caller.actor as Actor;
  await writeTransaction(platform.database.db, platform.clock, caller, async ({ db, audit }) => {
    const row = await store.lockCase(db, actor.organisationId, caseId);
    if (!row) throw new NotFound('La pratica non esiste o non è accessibile.');
    if (row.closed) throw new Conflict('La pratica è chiusa: non si registrano altri pareri.');
    const opinion = (await store.caseOpinions(db, caseId)).find((o) => o.id === opinionId);
    if (!opinion) throw new Conflict('Il parere non è in attesa di risposta su questa pratica.');
    const record = await recordOnBehalf(
      db,
      platform.config,
      actor,
      opinionId,
      { outcome: input.outcome, notes: input.notes ?? null, answeredOn },
      platform.clock.now(),
    );
    await audit(record);
  });
}
