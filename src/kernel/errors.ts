import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import { isConnectionLoss } from './db.ts';
import { pathOf } from './http.ts';

/** One field at fault: `path` in dot notation from the request part (`body.passport.number`). */
export type FieldError = { path: string; message: string };

/** RFC 9457 problem details, as every error leaves the API. */
export type Problem = {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  errors?: FieldError[];
  [extension: string]: unknown;
};

const problemType = (slug: string) => `urn:lovit:problem:${slug}`;

/** An error a user can cause. Services throw these; the error handler turns them into problem+json. */
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly slug: string,
    readonly title: string,
    detail: string,
    readonly errors?: FieldError[],
    readonly extensions?: Record<string, unknown>,
  ) {
    super(detail);
    this.name = new.target.name;
  }

  toProblem(instance?: string): Problem {
    return {
      type: problemType(this.slug),
      title: this.title,
      status: this.status,
      detail: this.message,
      ...(instance === undefined ? {} : { instance }),
      ...(this.errors === undefined ? {} : { errors: this.errors }),
      ...this.extensions,
    };
  }
}

export class NotFound extends AppError {
  constructor(detail = 'La risorsa richiesta non esiste o non è accessibile.') {
    super(404, 'not-found', 'Risorsa non trovata', detail);
  }
}

export class Conflict extends AppError {
  constructor(detail: string, extensions?: Record<string, unknown>, errors?: FieldError[]) {
    super(409, 'conflict', 'Conflitto con lo stato attuale', detail, errors, extensions);
  }
}

export class Forbidden extends AppError {
  constructor(detail = 'Non hai i permessi per questa operazione.') {
    super(403, 'forbidden', 'Operazione non consentita', detail);
  }
}

export class Unauthenticated extends AppError {
  constructor(detail = 'Accedi per continuare.') {
    super(401, 'unauthenticated', 'Accesso richiesto', detail);
  }
}

/** Well-formed input that breaks a rule: names each field at fault. */
export class Invalid extends AppError {
  constructor(errors: FieldError[], detail = 'Alcuni dati non rispettano le regole.') {
    super(422, 'invalid', 'Dati non validi', detail, errors);
  }
}

/**
 * The database cannot take the request now (restarting, connections lost): nothing was written for it, or a
 * retry with the same idempotency key answers what was. `Retry-After` tells clients when to try again.
 */
export class Unavailable extends AppError {
  constructor(
    readonly retryAfterSeconds = 5,
    detail = 'Il servizio non può registrare la richiesta in questo momento: riprova tra qualche secondo.',
  ) {
    super(503, 'unavailable', 'Servizio momentaneamente non disponibile', detail);
  }
}

/** A wait as a clerk says it: "30 secondi", "1 minuto", "15 minuti". */
export function waitInWords(seconds: number): string {
  if (seconds < 60) return seconds === 1 ? '1 secondo' : `${seconds} secondi`;
  const minutes = Math.ceil(seconds / 60);
  return minutes === 1 ? '1 minuto' : `${minutes} minuti`;
}

/** An attempt that came before the wait its earlier failures imposed: answered 429 with `Retry-After`. */
export class TooSoon extends AppError {
  constructor(
    readonly retryAfterSeconds: number,
    detail = `Troppi tentativi non riusciti: riprova tra ${waitInWords(retryAfterSeconds)}.`,
  ) {
    super(429, 'too-soon', 'Riprova più tardi', detail);
  }
}

const POSTGRES_PROBLEMS: Record<string, () => AppError> = {
  // unique_violation
  '23505': () => new Conflict('Esiste già un elemento con questi dati.'),
  // foreign_key_violation
  '23503': () => new Conflict('Il dato fa riferimento a un elemento inesistente o ancora in uso.'),
  // check_violation, not_null_violation: input a schema should have caught, never a 500
  '23514': () => new Invalid([], 'Alcuni dati non rispettano i vincoli dell’archivio.'),
  '23502': () => new Invalid([], 'Manca un dato obbligatorio.'),
  // character_not_in_repertoire, untranslatable_character: a NUL byte or similar that a schema let through
  '22021': () =>
    new AppError(400, 'validation', 'Richiesta non valida', 'Il testo contiene caratteri non ammessi.'),
  '22P05': () =>
    new AppError(400, 'validation', 'Richiesta non valida', 'Il testo contiene caratteri non ammessi.'),
};

const FASTIFY_PROBLEMS: Record<string, () => AppError> = {
  FST_ERR_CTP_INVALID_JSON_BODY: () =>
    new AppError(
      400,
      'malformed-body',
      'Richiesta non leggibile',
      'Il corpo della richiesta non è JSON valido.',
    ),
  FST_ERR_CTP_EMPTY_JSON_BODY: () =>
    new AppError(400, 'malformed-body', 'Richiesta non leggibile', 'Il corpo della richiesta è vuoto.'),
  FST_ERR_CTP_BODY_TOO_LARGE: () =>
    new AppError(
      413,
      'body-too-large',
      'Richiesta troppo grande',
      'Il corpo della richiesta supera il limite consentito.',
    ),
  FST_ERR_CTP_INVALID_MEDIA_TYPE: () =>
    new AppError(
      415,
      'unsupported-media-type',
      'Formato non supportato',
      'Il tipo di contenuto della richiesta non è supportato.',
    ),
};

function toDotPath(context: string | undefined, instancePath: string): string {
  const inner = instancePath.split('/').filter(Boolean).join('.');
  return [context, inner].filter(Boolean).join('.');
}

type SchemaIssue = z.core.$ZodRawIssue;

const FORMAT_MESSAGES: Record<string, string> = {
  date: 'Indicare la data (giorno, mese e anno)',
  datetime: 'Indicare data e ora',
  time: 'Indicare l’ora',
  email: 'Indirizzo e-mail non valido',
  url: 'Indirizzo web non valido',
};

const TYPE_MESSAGES: Record<string, string> = {
  number: 'Indicare un numero',
  int: 'Indicare un numero intero',
  boolean: 'Indicare sì o no',
  date: 'Indicare la data',
};

const isBlank = (input: unknown) =>
  input === undefined ||
  input === null ||
  (typeof input === 'string' && input.trim() === '') ||
  (Array.isArray(input) && input.length === 0);

const CHOOSE = 'Scegliere una delle voci proposte';

function lengthMessage(issue: SchemaIssue & { code: 'too_small' | 'too_big' }): string {
  const bound = Number(issue.code === 'too_small' ? issue.minimum : issue.maximum);
  const small = issue.code === 'too_small';
  switch (issue.origin) {
    case 'string':
      return small ? `Almeno ${bound} caratteri` : `Al massimo ${bound} caratteri`;
    case 'array':
    case 'set':
      if (small) return bound === 1 ? 'Indicare almeno una voce' : `Indicare almeno ${bound} voci`;
      return `Al massimo ${bound} voci`;
    default:
      return small
        ? `Indicare un valore non inferiore a ${bound}`
        : `Indicare un valore non superiore a ${bound}`;
  }
}

/**
 * The wording of a schema rule that carries no message of its own, for the clerk who reads it next to the
 * field: an empty field is "Campo obbligatorio", a date asks for the date, a list of codes asks to choose.
 * Never the names of types, formats or codes the schema speaks in.
 */
export function clerkMessage(issue: SchemaIssue): string {
  if (issue.code !== 'too_big' && isBlank(issue.input)) {
    if (issue.code === 'too_small' && issue.origin === 'array') return lengthMessage(issue);
    return 'Campo obbligatorio';
  }
  switch (issue.code) {
    case 'invalid_type':
      return TYPE_MESSAGES[issue.expected] ?? 'Valore non valido';
    case 'invalid_value':
      return CHOOSE;
    case 'invalid_format':
      if (issue.format === 'uuid' || issue.format === 'guid') return CHOOSE;
      return FORMAT_MESSAGES[issue.format] ?? 'Formato non valido';
    case 'too_small':
    case 'too_big':
      return lengthMessage(issue);
    case 'unrecognized_keys':
      return 'La richiesta contiene dati non previsti';
    default:
      return 'Valore non valido';
  }
}

/** Maps anything thrown while handling a request to a problem. Unknown errors become a bare 500. */
export function toAppError(error: unknown): AppError | undefined {
  if (error instanceof AppError) return error;
  if (hasZodFastifySchemaValidationErrors(error)) {
    const context = (error as FastifyError).validationContext;
    const errors = error.validation.map((issue) => ({
      path: toDotPath(context, issue.instancePath),
      message: issue.message ?? 'Valore non valido',
    }));
    return new AppError(
      400,
      'validation',
      'Richiesta non valida',
      'Uno o più campi non sono validi.',
      errors,
    );
  }
  if (typeof error !== 'object' || error === null) return undefined;
  if (isConnectionLoss(error)) return new Unavailable();
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string') {
    const known = POSTGRES_PROBLEMS[code] ?? FASTIFY_PROBLEMS[code];
    if (known) return known();
  }
  const status = (error as { statusCode?: unknown }).statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    return new AppError(status, 'client-error', 'Richiesta non accettata', (error as Error).message);
  }
  return undefined;
}

export function sendProblem(reply: FastifyReply, problem: Problem): FastifyReply {
  return reply.code(problem.status).type('application/problem+json; charset=utf-8').send(problem);
}

const internalProblem = (requestId: string): Problem => ({
  type: problemType('internal'),
  title: 'Errore interno',
  status: 500,
  detail: `Si è verificato un errore imprevisto. Codice della richiesta: ${requestId}.`,
  requestId,
});

export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: unknown, request: FastifyRequest, reply: FastifyReply) => {
    const known = toAppError(error);
    if (known) {
      if (known instanceof Unavailable || known instanceof TooSoon)
        reply.header('retry-after', String(known.retryAfterSeconds));
      request.log.info({ problem: known.slug, status: known.status }, known.message);
      return sendProblem(reply, known.toProblem(pathOf(request.url)));
    }
    request.log.error({ err: error }, 'unhandled error');
    return sendProblem(reply, internalProblem(request.id));
  });
}

export function notFoundProblem(request: FastifyRequest): Problem {
  const path = pathOf(request.url);
  return new NotFound(`Nessuna risorsa risponde a ${request.method} ${path}.`).toProblem(path);
}

/** Validates input a service received from somewhere other than a route schema (CLI, jobs, other modules). */
export function parseInput<T extends z.ZodType>(schema: T, input: unknown): z.output<T> {
  const result = schema.safeParse(input);
  if (!result.success) {
    throw new Invalid(
      result.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message })),
    );
  }
  return result.data;
}
