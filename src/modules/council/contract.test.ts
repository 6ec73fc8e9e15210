import { describe, expect, it } from 'vitest';
import { cancelInput, initiativeInput, tableInput } from './contract.ts';
import { questionnaireInput, serviceInput } from './needs/contract.ts';

const PARAGRAPHS = 'Primo paragrafo.\r\n\r\nSecondo paragrafo:\n\t- un punto';

describe('text typed in the council’s text areas', () => {
  it('keeps the paragraphs of a table’s mandate', () => {
    const table = tableInput.parse({
      kind: 'THEMATIC',
      name: 'Lavoro',
      theme: 'WORK',
      mandate: PARAGRAPHS,
      startsOn: '2026-01-01',
      coordinatorOrganisationId: '0190a0a0-0000-7000-8000-000000000001',
    });
    expect(table.mandate).toBe(PARAGRAPHS);
  });

  it('accepts paragraphs in every field the forms show as a text area', () => {
    const initiative = initiativeInput.safeParse({
      tableId: '0190a0a0-0000-7000-8000-000000000001',
      title: 'Corsi di italiano',
      objective: PARAGRAPHS,
      needs: PARAGRAPHS,
      actions: PARAGRAPHS,
      partners: [],
      startsOn: '2026-01-01',
      endsOn: '2026-12-31',
      status: 'ACTIVE',
      progress: 10,
      results: PARAGRAPHS,
    });
    expect(initiative.error).toBeUndefined();
    expect(cancelInput.safeParse({ reason: PARAGRAPHS }).error).toBeUndefined();
    expect(questionnaireInput.shape.intro.safeParse(PARAGRAPHS).error).toBeUndefined();
    expect(serviceInput.shape.description.safeParse(PARAGRAPHS).error).toBeUndefined();
    expect(tableInput.shape.name.safeParse('Lavoro\nbis').success).toBe(false);
  });
});
