/**
 * The materials of a course (slides, handouts): uploaded by those who plan the courses, stored by content (type
 * read from the bytes), downloaded by everyone in training; every download is audited.
 */
import { attachedFile, openAttachedFile } from '../../kernel/attachments.ts';
import type { Caller } from '../../kernel/auth.ts';
import { NotFound } from '../../kernel/errors.ts';
import type { StagedFile } from '../../kernel/files.ts';
import { newId } from '../../kernel/ids.ts';
import type { Platform } from '../../kernel/platform.ts';
import { writeTransaction } from '../../kernel/transaction.ts';
import type { MaterialView } from './contract.ts';
import { actorOf, COURSE_NOT_FOUND, materialView, mustRunCourse } from './service.ts';
import * as store from './store.ts';

const MATERIAL_NOT_FOUND = 'Il materiale non esiste.';

export async function attachMaterial(
  platform: Platform,
  caller: Caller,
  courseId: string,
  input: { declaredName: string; file: StagedFile },
): Promise<MaterialView> {
  const actor = actorOf(caller);
  return writeTransaction(platform.database.db, platform.clock, caller, async ({ db, audit }) => {
    if (!(await store.findCourse(db, platform.clock.now(), courseId))) throw new NotFound(COURSE_NOT_FOUND);
    await mustRunCourse(db, actor, courseId);
    const { file } = input;
    const row = { id: newId(), courseId, ...attachedFile(input, actor.userId, platform.clock.now()) };
    await store.insertMaterial(db, row);
    await audit({
      kind: 'change',
      action: 'training.material.attach',
      entityType: 'training_material',
      entityId: row.id,
      before: null,
      after: { courseId, fileName: row.fileName, sha256: file.sha256, size: file.size },
    });
    await file.keep();
    return materialView(row);
  });
}

/** Among some stored files, those that are materials of a course: the orphan sweeper keeps them. */
export const courseFiles = store.storedMaterials;

export async function openMaterial(platform: Platform, caller: Caller, courseId: string, materialId: string) {
  const row = await store.findMaterial(platform.database.db, courseId, materialId);
  if (!row) throw new NotFound(MATERIAL_NOT_FOUND);
  return openAttachedFile(platform, caller, row, {
    entityType: 'training_material',
    entityId: materialId,
    details: { courseId, fileName: row.fileName },
  });
}
