import { describe, expect, it } from 'vitest';
import { decisionRefusal } from './rules.ts';

describe('the decisions on a consultant’s proposal', () => {
  it('are taken once, on a proposal still waiting', () => {
    expect(decisionRefusal('PENDING')).toBeNull();
    expect(decisionRefusal('APPROVED')).toBe('La proposta è già stata approvata.');
    expect(decisionRefusal('RETURNED')).toBe('La proposta è già stata restituita al consulente.');
  });
});
