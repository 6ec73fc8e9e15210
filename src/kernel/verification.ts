/**
 * The public check of the documents LOVIT issues (`/verifica/<code>`, `/api/verify/<code>`): each module that
 * prints a verification code registers a verifier for its own documents where the modules are assembled
 * (`modules/index.ts`), and the check asks each in turn, so the page needs to know none of them.
 */
import type { Caller } from './auth.ts';
import { normaliseVerificationCode } from './codes.ts';
import type { Platform } from './platform.ts';
import { auditRead } from './transaction.ts';

/** What anyone holding the code may learn of a document: that it exists, and its key fields, no one's data. */
export type VerifiedDocument = {
  document: string;
  number: string;
  issuedOn: string;
  issuer: string;
  subject: string;
  state: string;
  validUntil?: string | null;
  /** What the subject is, when it is not a procedure: a certificate names its course. */
  subjectLabel?: 'course';
  /** Set by documents that can be revoked: a revoked one still exists, but no longer counts. */
  revoked?: boolean;
  /** A certificate's hours attended of the course's total, the edition's days and its holder's initials. */
  hours?: { attended: number; total: number };
  period?: { from: string; to: string };
  holderInitials?: string;
};

export type Verification = ({ valid: true } & VerifiedDocument) | { valid: false };

/** A module's answer for a code in the issued form: the record it names (for the audit trail) and what is shown. */
export type DocumentVerifier = (
  platform: Platform,
  code: string,
) => Promise<{ entityId: string; shown: VerifiedDocument } | undefined>;

const verifiers: DocumentVerifier[] = [];

export function registerVerifier(verifier: DocumentVerifier): void {
  if (!verifiers.includes(verifier)) verifiers.push(verifier);
}

/** Checks a code as typed or scanned against every module's documents; each check is in the audit trail. */
export async function verifyDocument(
  platform: Platform,
  caller: Caller,
  input: string,
): Promise<Verification> {
  if (verifiers.length === 0) throw new Error('no document verifier is registered');
  const code = normaliseVerificationCode(input);
  if (!code) return { valid: false };
  let found: Awaited<ReturnType<DocumentVerifier>>;
  for (const verifier of verifiers) {
    found = await verifier(platform, code);
    if (found) break;
  }
  await auditRead(platform.database.db, platform.clock, caller, 'verification', found?.entityId ?? code, {
    found: found !== undefined,
  });
  return found ? { valid: true, ...found.shown } : { valid: false };
}

/** The address printed on a document and in its QR code: the check in the reader's language. */
export const verificationUrl = (platform: Pick<Platform, 'config'>, code: string) =>
  `${platform.config.publicUrl}/verifica/${code}`;
