import { v7 } from 'uuid';

/** A new record id: UUID v7, time-ordered so that B-tree inserts stay local. */
export function newId(): string {
  return v7();
}
