/**
 * The ZIP of an access request, written as it is read: a member at a time, each document streamed from the
 * file store, so that an export of many documents never sits whole in memory.
 */
import { Zip, ZipDeflate, ZipPassThrough } from 'fflate';

export type ArchiveMember = {
  path: string;
  content: Uint8Array | AsyncIterable<Uint8Array>;
  /** Text compresses; PDFs and images are compressed already and are stored as they are. */
  compress: boolean;
};

/** The archive's bytes, chunk by chunk, as the members are read in order. */
export async function* zipArchive(members: Iterable<ArchiveMember>, at: Date): AsyncGenerator<Uint8Array> {
  const ready: Uint8Array[] = [];
  let failure: Error | null = null;
  const zip = new Zip((error, chunk) => {
    if (error) failure = error;
    else ready.push(chunk);
  });
  function* flush() {
    if (failure) throw failure;
    while (ready.length) yield ready.shift() as Uint8Array;
  }
  for (const member of members) {
    const file = member.compress
      ? new ZipDeflate(member.path, { level: 6 })
      : new ZipPassThrough(member.path);
    file.mtime = at;
    zip.add(file);
    if (member.content instanceof Uint8Array) {
      file.push(member.content, true);
    } else {
      for await (const chunk of member.content) {
        file.push(chunk);
        yield* flush();
      }
      file.push(new Uint8Array(0), true);
    }
    yield* flush();
  }
  zip.end();
  yield* flush();
}
