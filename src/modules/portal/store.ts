/** The portal's own queries (the procedure sheets and the glossary have theirs in `sheets/store.ts`). */
import type { Db } from '../../kernel/db.ts';

/** The desks of the active offices, a row per opening window (one without hours if none), in page order. */
export function desksWithOpenings(db: Db) {
  return db
    .selectFrom('desk as d')
    .innerJoin('organisation as o', 'o.id', 'd.organisationId')
    .leftJoin('deskOpening as w', 'w.deskId', 'd.id')
    .select([
      'd.id',
      'd.name',
      'd.place',
      'd.municipalityCode',
      'd.stepFreeAccess',
      'd.lift',
      'd.accessibleToilet',
      'd.accessibilityNotes',
      'o.name as organisation',
      'w.weekday',
      'w.opens',
      'w.closes',
    ])
    .where('o.isActive', '=', true)
    .orderBy('d.name')
    .orderBy('w.weekday')
    .orderBy('w.opens')
    .execute();
}
