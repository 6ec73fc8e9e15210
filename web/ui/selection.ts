import { useState } from 'react';

const NOTHING_SELECTED: ReadonlySet<string> = new Set();

/**
 * The rows chosen in a list, kept only while the list shows what it showed when they were chosen: other
 * filters show other rows, and a selection made under the previous ones would act unseen.
 */
export function useSelection(scope: string) {
  const [selection, setSelection] = useState({ scope, ids: NOTHING_SELECTED });
  const selected = selection.scope === scope ? selection.ids : NOTHING_SELECTED;
  const setSelected = (ids: ReadonlySet<string>) => setSelection({ scope, ids });
  return [selected, setSelected] as const;
}

/** The selection with one row added, or taken out if it was in. */
export function toggled(selected: ReadonlySet<string>, id: string): ReadonlySet<string> {
  const next = new Set(selected);
  if (next.has(id)) next.delete(id);
  else next.add(id);
  return next;
}
