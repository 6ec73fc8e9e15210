/** The rules of the consultant's proposals: what waits for the secretariat, and what the secretariat may do. */
export type ProposalStatus = 'PENDING' | 'APPROVED' | 'RETURNED';

/** Why a decision on a proposal is refused, or null when the secretariat may take it. */
export function decisionRefusal(status: ProposalStatus): string | null {
  if (status === 'APPROVED') return 'La proposta è già stata approvata.';
  if (status === 'RETURNED') return 'La proposta è già stata restituita al consulente.';
  return null;
}
