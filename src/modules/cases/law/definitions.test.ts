import { describe, expect, it } from 'vitest';
import { BUILT_IN_CASE_TYPES } from './catalogue.ts';
import { type CaseTypeVersionInput, caseTypeVersion } from './definitions.ts';

function builtIn(code: string): CaseTypeVersionInput {
  const definition = BUILT_IN_CASE_TYPES.find((candidate) => candidate.code === code);
  if (!definition) throw new RangeError(`no built-in case type ${code}`);
  return structuredClone(definition);
}

/** The paths of the issues a definition is refused with; [] when it is accepted. */
function refusalPaths(definition: unknown) {
  const result = caseTypeVersion.safeParse(definition);
  return result.success ? [] : result.error.issues.map((issue) => issue.path);
}

const WORK = () => builtIn('WORK_CLEARANCE');
const FAMILY = () => builtIn('FAMILY_REUNIFICATION_CLEARANCE');
/** The definition with the transition of `action` changed, and where that transition is. */
function withTransition(definition: CaseTypeVersionInput, action: string, changes: Record<string, unknown>) {
  const index = definition.transitions.findIndex((transition) => transition.action === action);
  if (index < 0) throw new RangeError(`${definition.code} has no ${action}`);
  const transitions = definition.transitions.map((transition, at) =>
    at === index ? { ...transition, ...changes } : transition,
  );
  return { definition: { ...definition, transitions }, index };
}

describe('a case type definition', () => {
  it('accepts every built-in definition', () => {
    expect(BUILT_IN_CASE_TYPES.length).toBe(7);
    for (const definition of BUILT_IN_CASE_TYPES) {
      expect(refusalPaths(definition), `${definition.code} ${definition.validFrom}`).toEqual([]);
    }
  });

  it('fills in the defaults of transitions and states', () => {
    const parsed = caseTypeVersion.parse(WORK());
    const startReview = parsed.transitions.find((transition) => transition.action === 'START_REVIEW');
    expect(startReview).toEqual({
      action: 'START_REVIEW',
      from: ['QUOTA_ASSIGNED'],
      to: 'UNDER_REVIEW',
      guards: [],
      clockEvent: null,
      reasonRequired: false,
      outcome: null,
    });
    expect(parsed.states.find((state) => state.code === 'UNDER_REVIEW')?.awaitingOpinions).toBe(false);
  });

  it('refuses an initial state it does not list', () => {
    expect(refusalPaths({ ...WORK(), initialState: 'DRAFT' })).toEqual([['initialState']]);
  });

  it('refuses a transition to a state it does not list', () => {
    const { definition, index } = withTransition(WORK(), 'ISSUE', { to: 'ARCHIVED' });
    expect(refusalPaths(definition)).toEqual([['transitions', index, 'to']]);
  });

  it('refuses a transition from a state it does not list', () => {
    const { definition, index } = withTransition(FAMILY(), 'START_REVIEW', { from: ['SUBMITTED', 'DRAFT'] });
    expect(refusalPaths(definition)).toEqual([['transitions', index, 'from']]);
  });

  it('refuses a transition naming an outcome it does not list', () => {
    const { definition, index } = withTransition(WORK(), 'REJECT', { outcome: 'PERMIT' });
    expect(refusalPaths(definition)).toEqual([['transitions', index, 'outcome']]);
  });

  it('refuses a quota without the state a case goes to when the quota is exhausted', () => {
    expect(refusalPaths({ ...WORK(), quotaExhaustedState: null })).toEqual([['quotaExhaustedState']]);
  });

  it('refuses a quota-exhausted state for a type outside the quotas', () => {
    expect(refusalPaths({ ...FAMILY(), quotaExhaustedState: 'REJECTED' })).toEqual([['quotaExhaustedState']]);
  });

  it('refuses a quota-exhausted state it does not list', () => {
    expect(refusalPaths({ ...WORK(), quotaExhaustedState: 'OUT_OF_QUOTA' })).toContainEqual([
      'quotaExhaustedState',
    ]);
  });

  it('refuses an open quota-exhausted state, a closed state with actions, and a notice the type does not send', () => {
    expect(refusalPaths({ ...WORK(), quotaExhaustedState: 'UNDER_REVIEW' })).toEqual([
      ['quotaExhaustedState'],
    ]);
    const withdrawn = WORK();
    const reopen = { action: 'START_REVIEW' as const, from: ['WITHDRAWN'], to: 'UNDER_REVIEW' };
    expect(refusalPaths({ ...withdrawn, transitions: [...withdrawn.transitions, reopen] })).toEqual([
      ['transitions', withdrawn.transitions.length, 'from'],
    ]);
    expect(refusalPaths({ ...WORK(), rejectionNoticeApplies: false })).toEqual([['rejectionNoticeApplies']]);
  });

  it('refuses two applicant parties, and none', () => {
    const definition = WORK();
    const both = definition.parties.map((party) => ({ ...party, applicant: true }));
    const neither = definition.parties.map((party) => ({ ...party, applicant: false }));
    expect(refusalPaths({ ...definition, parties: both })).toEqual([['parties']]);
    expect(refusalPaths({ ...definition, parties: neither })).toEqual([['parties']]);
  });

  it('refuses an action outside the engine’s vocabulary', () => {
    const { definition, index } = withTransition(WORK(), 'CONVOKE', { action: 'APPEAL' });
    expect(refusalPaths(definition)).toEqual([['transitions', index, 'action']]);
  });

  it('refuses a state listed twice', () => {
    const definition = FAMILY();
    expect(refusalPaths({ ...definition, states: [...definition.states, definition.states[0]] })).toEqual([
      ['states'],
    ]);
  });
});
