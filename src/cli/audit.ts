import { sealAuditTrail, verifyAuditTrail } from '../kernel/audit.ts';
import type { Db } from '../kernel/db.ts';

export type VerifyOutcome = { message: string; isIntact: boolean };

const count = (n: number) => n.toLocaleString('en-US');
const entries = (n: number) => `${count(n)} ${n === 1 ? 'entry' : 'entries'}`;

/** `lovit audit:verify`: recomputes the whole hash chain, showing progress on `progress` (a terminal). */
export async function verifyAuditCommand(db: Db, progress?: NodeJS.WriteStream): Promise<VerifyOutcome> {
  const started = performance.now();
  const result = await verifyAuditTrail(db, {
    onProgress: progress
      ? ({ checked, total }) => progress.write(`\rVerifying: ${count(checked)} of ${count(total)} seals`)
      : undefined,
  });
  if (progress) progress.write('\r\x1b[K');
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  const { broken } = result;
  if (broken) {
    const entry = broken.entryId ? `entry ${broken.entryId}` : `entry no. ${broken.entrySeq}`;
    return {
      message: `Audit trail BROKEN at position ${broken.position} (${entry}): ${broken.reason}.`,
      isIntact: false,
    };
  }
  const disposed = result.disposed
    ? `; the ${entries(result.disposed)} before them were disposed of at the end of their retention`
    : '';
  const retained = result.retained ? `, ${entries(result.retained)} kept under legal hold` : '';
  return {
    message:
      `Audit trail intact: ${entries(result.sealed)} sealed, ${count(result.unsealed)} not yet sealed` +
      `${disposed}${retained} (checked in ${seconds} s).`,
    isIntact: true,
  };
}

/** `lovit audit:seal`: seals every entry still outside the hash chain. */
export async function sealAuditCommand(db: Db): Promise<string> {
  const sealed = await sealAuditTrail(db, { all: true });
  return sealed
    ? `Sealed ${entries(sealed)} into the audit trail's hash chain.`
    : 'Nothing to seal: every audit entry is already in the hash chain.';
}
