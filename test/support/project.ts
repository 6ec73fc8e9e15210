import type { Role } from '../../src/kernel/permissions.ts';
import type { TestApp } from './app.ts';
import { makeOrganisation, makeUser, type Session, signIn } from './identity.ts';

/**
 * The organisations of a project's API test: the Prefettura (the lead), the cooperative (the partner) and a
 * second cooperative whose referent must never reach the first one's records.
 */
export async function projectOrganisations(t: TestApp, second = 'Cooperativa Altrove') {
  const prefecture = await makeOrganisation(t.platform, { type: 'PREFECTURE', name: 'Prefettura di Lodi' });
  const coop = await makeOrganisation(t.platform, { type: 'COOPERATIVE', name: 'Cooperativa LULE' });
  const other = await makeOrganisation(t.platform, { type: 'COOPERATIVE', name: second });
  return { prefectureId: prefecture.id, coopId: coop.id, otherId: other.id };
}

/** One user per person of the test, with the role in the organisation given, signed in. */
export async function signInPeople<P extends string>(
  t: TestApp,
  people: readonly (readonly [P, string, Role])[],
  sessions: Record<P, Session>,
): Promise<void> {
  for (const [who, organisationId, role] of people) {
    const user = await makeUser(t.platform, [{ organisationId, role }]);
    sessions[who] = await signIn(t.app, user.email);
  }
}

/**
 * An expense as the form sends it: January's payslip of an employee of `organisationId`, paid by transfer and
 * stamped, in draft; `over` changes any field.
 */
export const payslipExpense = (organisationId: string, over: Record<string, unknown> = {}) => ({
  organisationId,
  lineCode: 'A',
  workPackageId: null,
  description: 'Retribuzione di gennaio',
  documentType: 'PAYSLIP',
  documentNumber: 'CEDOLINO 01/26',
  documentDate: '2026-01-15',
  supplierName: 'Laura Bianchi',
  supplierTaxCode: 'BNCLRA85M41E648Y',
  netCents: 235_000,
  vatCents: 0,
  totalCents: 235_000,
  amountCents: 235_000,
  cig: null,
  cup: null,
  paymentDate: '2026-01-27',
  paymentMethod: 'BANK_TRANSFER',
  paymentReference: 'TRN 0306900001',
  annulled: true,
  status: 'DRAFT',
  ...over,
});
