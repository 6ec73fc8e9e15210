import { zodResolver } from '@hookform/resolvers/zod';
import i18next from 'i18next';
import type { FieldValues, Path, Resolver, UseFormSetError } from 'react-hook-form';
import type { z } from 'zod';
import { ApiError, fieldPath } from '../app/api.ts';
import { sentence } from './fields.tsx';

/**
 * The zod resolver of a contract schema, for a form whose empty text inputs stand for "no value":
 * the named fields are sent as null when left empty.
 */
export function resolverWithBlanksAsNull<S extends z.ZodType<unknown, FieldValues>>(
  schema: S,
  nullableFields: readonly string[],
): Resolver<z.input<S>, unknown, z.output<S>> {
  const resolve = zodResolver(schema) as Resolver<z.input<S>, unknown, z.output<S>>;
  return (values, context, options) => {
    const input: Record<string, unknown> = { ...values };
    for (const field of nullableFields) {
      if (typeof input[field] === 'string' && (input[field] as string).trim() === '') input[field] = null;
    }
    return resolve(input as z.input<S>, context, options);
  };
}

/**
 * Shows the server's answer to a submitted form: messages about known fields go next to them (the first one
 * gets focus), and the returned text is the message for the form as a whole.
 */
export function reportProblem<T extends FieldValues>(
  error: unknown,
  setError: UseFormSetError<T>,
  fields: readonly string[],
): string {
  if (!(error instanceof ApiError)) return i18next.t('errors.generic');
  const unplaced: string[] = [];
  let isFirst = true;
  for (const { path, message } of error.problem.errors ?? []) {
    const field = fieldPath(path);
    const isKnown = fields.some((known) => field === known || field.startsWith(`${known}.`));
    if (isKnown) {
      setError(field as Path<T>, { type: 'server', message }, { shouldFocus: isFirst });
      isFirst = false;
    } else {
      unplaced.push(sentence(message) ?? message);
    }
  }
  return [error.userMessage, ...unplaced].join(' ');
}

/** The message about a whole form (what the server refused, and why), announced when it appears. */
export function FormProblem({ message }: { message: string | null }) {
  if (!message) return null;
  return (
    <div className="alert alert-danger" role="alert">
      {message}
    </div>
  );
}

/**
 * The server's objections to an upload form kept outside react-hook-form: each on its field where `fieldOf` names
 * one, the rest in one sentence with the problem's own message.
 */
export function placedProblem<K extends string>(
  error: ApiError,
  fieldOf: (path: string) => K | null,
): { placed: Partial<Record<K, string>>; message: string } {
  const placed: Partial<Record<K, string>> = {};
  const unplaced: string[] = [];
  for (const { path, message } of error.problem.errors ?? []) {
    const field = fieldOf(fieldPath(path));
    if (field) placed[field] = sentence(message);
    else unplaced.push(sentence(message) ?? message);
  }
  return { placed, message: [error.userMessage, ...unplaced].join(' ') };
}
