import { useEffect, useRef, useState } from 'react';
import type { FieldValues, UseFormReturn } from 'react-hook-form';
import { useLocation } from 'react-router';
import { useSignedInSession } from './session.ts';

/**
 * Form drafts: when the session ends while a form is open, its values are kept in sessionStorage
 * (this tab only, gone when it closes), keyed by page and form, and put back once the user has signed in
 * again and is back on the page. Passwords are never kept.
 */
type DraftSource = { key: string; read: () => unknown };
type StoredDraft = { userId: string; values: unknown };

const PREFIX = 'lovit:bozza:';
const openForms = new Set<DraftSource>();

function storageKey(pathname: string, form: string): string {
  return `${PREFIX}${pathname}#${form}`;
}

const SECRET_FIELD = /password|token/i;

/** A form's values without anything secret, whatever the form: passwords and tokens never reach storage. */
function withoutSecrets(values: unknown): unknown {
  if (!values || typeof values !== 'object' || Array.isArray(values)) return values;
  return Object.fromEntries(Object.entries(values).filter(([field]) => !SECRET_FIELD.test(field)));
}

/** Writes the values of every open form, for the given user only. */
export function saveDrafts(userId: string): void {
  for (const source of openForms) {
    const draft: StoredDraft = { userId, values: withoutSecrets(source.read()) };
    try {
      sessionStorage.setItem(source.key, JSON.stringify(draft));
    } catch {
      // A full or disabled storage loses the draft, never the navigation to sign in.
    }
  }
}

/** Forgets every kept draft: at sign-out nothing typed stays behind in the tab. */
export function clearDrafts(): void {
  for (const key of Object.keys(sessionStorage)) {
    if (key.startsWith(PREFIX)) sessionStorage.removeItem(key);
  }
}

function takeDraft(key: string, userId: string): unknown {
  const stored = sessionStorage.getItem(key);
  if (stored === null) return undefined;
  sessionStorage.removeItem(key);
  try {
    const draft = JSON.parse(stored) as StoredDraft;
    return draft.userId === userId ? draft.values : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Keeps this form's values if the session ends while it is open, and restores them when the page opens again.
 * Returns whether the values on screen came from such a draft.
 */
export function useFormDraft<T extends FieldValues>(form: UseFormReturn<T>, name: string): boolean {
  const { pathname } = useLocation();
  const { user } = useSignedInSession();
  const [isRestored, setRestored] = useState(false);
  const formRef = useRef(form);
  formRef.current = form;

  useEffect(() => {
    const key = storageKey(pathname, name);
    const values = takeDraft(key, user.id);
    if (values && typeof values === 'object') {
      formRef.current.reset(values as T, { keepDefaultValues: true });
      setRestored(true);
    }
    const source: DraftSource = { key, read: () => formRef.current.getValues() };
    openForms.add(source);
    return () => {
      openForms.delete(source);
    };
  }, [pathname, name, user.id]);

  return isRestored;
}
