import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  AppError,
  Conflict,
  clerkMessage,
  Invalid,
  NotFound,
  TooSoon,
  toAppError,
  waitInWords,
} from './errors.ts';

describe('problem details', () => {
  it('renders an application error as RFC 9457 problem details', () => {
    const problem = new Invalid([
      { path: 'passport.expiresOn', message: 'il passaporto è scaduto' },
    ]).toProblem('/api/x');
    expect(problem).toEqual({
      type: 'urn:lovit:problem:invalid',
      title: 'Dati non validi',
      status: 422,
      detail: 'Alcuni dati non rispettano le regole.',
      instance: '/api/x',
      errors: [{ path: 'passport.expiresOn', message: 'il passaporto è scaduto' }],
    });
  });

  it('carries extension members, such as the transitions allowed now', () => {
    const problem = new Conflict('Transizione non consentita.', { allowed: ['ASSIGNED'] }).toProblem();
    expect(problem).toMatchObject({ status: 409, allowed: ['ASSIGNED'] });
    expect(problem).not.toHaveProperty('instance');
  });

  it('maps database constraint violations to client errors, never to a 500', () => {
    expect(toAppError({ code: '23505' })?.status).toBe(409);
    expect(toAppError({ code: '23503' })?.status).toBe(409);
    expect(toAppError({ code: '23514' })?.status).toBe(422);
    expect(toAppError({ code: '23502' })?.status).toBe(422);
  });

  it('answers 503, never 500, when the database connection is lost or refused', () => {
    expect(toAppError(new Error('Connection terminated unexpectedly'))?.status).toBe(503);
    expect(
      toAppError({ code: '57P01', message: 'terminating connection due to administrator command' })?.status,
    ).toBe(503);
    expect(toAppError({ code: 'ECONNREFUSED', message: 'connect ECONNREFUSED 127.0.0.1:5432' })?.status).toBe(
      503,
    );
    expect(toAppError({ code: '08006', message: 'connection failure' })?.status).toBe(503);
  });

  it('maps body parsing errors to their HTTP status', () => {
    expect(toAppError({ code: 'FST_ERR_CTP_BODY_TOO_LARGE', statusCode: 413 })?.status).toBe(413);
    expect(toAppError({ code: 'FST_ERR_CTP_INVALID_MEDIA_TYPE', statusCode: 415 })?.status).toBe(415);
  });

  it('keeps the status of other client errors and leaves unknown failures unmapped', () => {
    expect(toAppError(Object.assign(new Error('troppe richieste'), { statusCode: 429 }))?.status).toBe(429);
    expect(toAppError(new Error('boom'))).toBeUndefined();
    expect(toAppError(Object.assign(new Error('db down'), { statusCode: 503 }))).toBeUndefined();
    expect(toAppError('a string')).toBeUndefined();
  });

  it('passes application errors through unchanged', () => {
    const error = new NotFound();
    expect(toAppError(error)).toBe(error);
    expect(error).toBeInstanceOf(AppError);
    expect(error.name).toBe('NotFound');
  });
});

describe('waits told to people', () => {
  it.each([
    [1, '1 secondo'],
    [30, '30 secondi'],
    [60, '1 minuto'],
    [61, '2 minuti'],
    [900, '15 minuti'],
  ])('says %i seconds as “%s”', (seconds, words) => {
    expect(waitInWords(seconds)).toBe(words);
  });

  it('answers an early attempt with 429 and the wait in words', () => {
    expect(new TooSoon(120).toProblem()).toMatchObject({
      status: 429,
      type: 'urn:lovit:problem:too-soon',
      detail: 'Troppi tentativi non riusciti: riprova tra 2 minuti.',
    });
  });
});

describe('the wording of a field a schema refuses', () => {
  const form = z.object({
    name: z.string(),
    startsAt: z.iso.datetime(),
    on: z.iso.date(),
    kind: z.enum(['PLENARY', 'THEMATIC']),
    ownerId: z.uuid(),
    count: z.number(),
    agenda: z.array(z.string()).min(1),
    note: z.string().max(3),
    nickname: z.string().min(2),
  });
  const messagesOf = (input: unknown) =>
    Object.fromEntries(
      (form.safeParse(input, { error: clerkMessage }).error?.issues ?? []).map((issue) => [
        issue.path.join('.'),
        issue.message,
      ]),
    );

  it.each([
    ['a field left out', {}, 'name', 'Campo obbligatorio'],
    ['a blank date and time', { startsAt: '' }, 'startsAt', 'Campo obbligatorio'],
    ['a date and time in another shape', { startsAt: '3 marzo' }, 'startsAt', 'Indicare data e ora'],
    ['a date in another shape', { on: '03/03/2026' }, 'on', 'Indicare la data (giorno, mese e anno)'],
    ['a code not among the choices', { kind: 'ALTRO' }, 'kind', 'Scegliere una delle voci proposte'],
    ['a reference that names nothing', { ownerId: 'x' }, 'ownerId', 'Scegliere una delle voci proposte'],
    ['text where a number goes', { count: 'tre' }, 'count', 'Indicare un numero'],
    ['an empty list', { agenda: [] }, 'agenda', 'Indicare almeno una voce'],
    ['text too long', { note: 'abcd' }, 'note', 'Al massimo 3 caratteri'],
    ['text too short', { nickname: 'a' }, 'nickname', 'Almeno 2 caratteri'],
  ])('%s', (_case, input, field, message) => {
    expect(messagesOf(input)[field]).toBe(message);
  });
});
