/** Pure rules of the legal updates: how an article is written, what a publication needs, which notices a case shows. */
import type { ArticleInput } from './contract.ts';

type Problem = { path: string; message: string };

/** An article as a lawyer writes it: «D.Lgs. 286/1998 art. 22 c.5». */
export function articleLabel({ act, article, paragraph }: ArticleInput): string {
  return `${act} art. ${article}${paragraph ? ` c.${paragraph}` : ''}`;
}

/** What a draft lacks to be published: the act itself, typed or as a PDF. */
export function publicationFaults(update: {
  fullText: string | null;
  attachmentSha256: string | null;
}): Problem[] {
  if (update.fullText || update.attachmentSha256) return [];
  return [{ path: 'fullText', message: 'indicare il testo integrale o allegare il PDF dell’atto' }];
}

/**
 * What is wrong with an update's dates: the act cannot be dated after today, and the rule it brings cannot
 * apply before the act was issued.
 */
export function dateFaults(input: { issuedOn: string; validFrom: string }, today: string): Problem[] {
  const problems: Problem[] = [];
  if (input.issuedOn > today)
    problems.push({ path: 'body.issuedOn', message: 'La data dell’atto non può essere futura' });
  if (input.validFrom < input.issuedOn)
    problems.push({
      path: 'body.validFrom',
      message: 'La data di efficacia non può precedere la data dell’atto',
    });
  return problems;
}

/** The codes given that are not case types of the catalogue, each at its place in the input. */
export function unknownCaseTypes(
  input: { caseTypes: readonly string[]; caseTypeChange?: { caseType: string } | null | undefined },
  known: ReadonlySet<string>,
): Problem[] {
  const problems = input.caseTypes.flatMap((code, index) =>
    known.has(code)
      ? []
      : [{ path: `body.caseTypes.${index}`, message: 'Scegliere un tipo di pratica dall’elenco' }],
  );
  if (input.caseTypes.length !== new Set(input.caseTypes).size)
    problems.push({ path: 'body.caseTypes', message: 'ogni tipo di pratica va indicato una volta sola' });
  const change = input.caseTypeChange?.caseType;
  if (change !== undefined && !known.has(change))
    problems.push({
      path: 'body.caseTypeChange.caseType',
      message: 'Scegliere un tipo di pratica dall’elenco',
    });
  return problems;
}

/**
 * Whether a case shows the notice of an update: it is still open and of a type the update affects. A closed
 * case has nothing left to decide under the new rule.
 */
export function showsNotice(
  kase: { typeCode: string; isOpen: boolean },
  affected: readonly string[],
): boolean {
  return kase.isOpen && affected.includes(kase.typeCode);
}
