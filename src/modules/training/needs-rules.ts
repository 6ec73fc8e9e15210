/**
 * The training needs survey as data: its template (role, type of organisation, track, the need for each topic from
 * 1 to 5, preferred format, free text) and the demand it shows, per topic and per group of those who answered.
 * Pure: the answers come in as arguments.
 */
import { ORGANISATION_TYPES } from '../identity/contract.ts';
import type { AnswerValue, Question } from '../surveys/contract.ts';
import { TRACKS } from './contract.ts';

/** The keys the template gives its questions; the topics' keys start with `TOPIC_PREFIX`. */
export const NEEDS_KEYS = { role: 'ruolo', organisationType: 'tipo_ente', track: 'percorso' } as const;
export const TOPIC_PREFIX = 'argomento_';

/** What the form to launch a survey starts from; the trainers change what they like. */
export const NEEDS_TEMPLATE = {
  title: 'Rilevazione dei fabbisogni formativi degli operatori',
  intro:
    'La rilevazione serve a costruire i percorsi formativi del progetto per gli operatori degli enti pubblici e ' +
    'del privato sociale. Per ogni argomento indichi il suo bisogno di formazione, da 1 (nessuno) a 5 (molto alto).',
  topics: [
    'Il Testo unico sull’immigrazione e le novità normative',
    'Permessi di soggiorno: tipi, rinnovi e conversioni',
    'Il nulla osta al lavoro e il decreto flussi',
    'Il ricongiungimento familiare',
    'Protezione internazionale e accoglienza',
    'Minori stranieri non accompagnati',
    'Accesso ai servizi sanitari, sociali e scolastici',
    'Comunicazione interculturale e lavoro con i mediatori',
    'Prevenzione dello sfruttamento lavorativo',
  ],
};

export const ROLE_OPTIONS = [
  'Operatore o operatrice di sportello',
  'Assistente sociale',
  'Educatore o educatrice',
  'Funzionario o funzionaria amministrativa',
  'Mediatore o mediatrice linguistico-culturale',
  'Responsabile o coordinatore',
  'Altro',
];
export const FORMAT_OPTIONS = ['In presenza', 'Online', 'In parte in presenza e in parte online'];

/** The topics typed one a line, without blank lines or repeats (a repeat differing only in case is one topic). */
export function topicLines(text: string): string[] {
  const seen = new Set<string>();
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => {
      const folded = line.toLocaleLowerCase('it');
      if (!line || seen.has(folded)) return false;
      seen.add(folded);
      return true;
    });
}

/** The questions of a needs survey on these topics. */
export function needsQuestions(topics: readonly string[]): Question[] {
  return [
    {
      kind: 'CHOICE',
      key: NEEDS_KEYS.role,
      label: 'Il suo ruolo',
      required: true,
      options: ROLE_OPTIONS,
    },
    {
      kind: 'CHOICE',
      key: NEEDS_KEYS.organisationType,
      label: 'Il tipo di ente per cui lavora',
      required: true,
      options: Object.values(ORGANISATION_TYPES),
    },
    {
      kind: 'CHOICE',
      key: NEEDS_KEYS.track,
      label: 'Il percorso formativo che le interessa',
      required: true,
      options: Object.values(TRACKS),
    },
    ...topics.map(
      (topic, index): Question => ({
        kind: 'SCALE',
        key: `${TOPIC_PREFIX}${index + 1}`,
        label: topic,
        required: true,
      }),
    ),
    {
      kind: 'CHOICE',
      key: 'formato',
      label: 'Il formato che preferisce',
      required: true,
      options: FORMAT_OPTIONS,
    },
    { kind: 'TEXT', key: 'altro', label: 'Altri argomenti o osservazioni', required: false },
  ];
}

type Answers = Readonly<Record<string, AnswerValue>>;
const round = (value: number) => Math.round(value * 100) / 100;

export const topicQuestions = (questions: readonly Question[]) =>
  questions.filter((q) => q.kind === 'SCALE' && q.key.startsWith(TOPIC_PREFIX));

function meanOf(values: readonly number[]): number | null {
  return values.length ? round(values.reduce((a, b) => a + b, 0) / values.length) : null;
}

const levelsOf = (answers: readonly Answers[], key: string) =>
  answers.map((a) => a[key]).filter((v): v is number => typeof v === 'number');

/** The demand of each topic, most asked for first: by mean need, then by answers of high need (4–5). */
export function topicDemand(questions: readonly Question[], answers: readonly Answers[]) {
  return topicQuestions(questions)
    .map((q) => {
      const levels = levelsOf(answers, q.key);
      const high = levels.filter((level) => level >= 4).length;
      return {
        key: q.key,
        topic: q.label,
        answered: levels.length,
        mean: meanOf(levels),
        high,
        highShare: levels.length ? Math.round((high / levels.length) * 100) : 0,
      };
    })
    .sort((a, b) => (b.mean ?? 0) - (a.mean ?? 0) || b.high - a.high || a.topic.localeCompare(b.topic, 'it'));
}

export const POOLED_GROUP = 'Altri gruppi, riuniti perché con meno di 5 risposte ciascuno';

/**
 * Groups of fewer than `min` answers are shown together; should that pool still hold fewer than `min`, the smallest
 * groups shown join it until it does (or all are in it), so that no group shown, nor the pool, nor the difference
 * between the total and what is shown, comes from fewer than `min` people.
 */
export function poolSmallGroups<T>(
  groups: readonly { label: string; members: readonly T[] }[],
  min: number,
): { label: string; members: T[] }[] {
  const present = groups.filter((group) => group.members.length > 0);
  const shown = present.filter((group) => group.members.length >= min);
  const pooled = present.filter((group) => group.members.length < min);
  const size = () => pooled.reduce((sum, group) => sum + group.members.length, 0);
  while (size() > 0 && size() < min && shown.length > 0) {
    const smallest = shown.reduce((a, b) => (b.members.length <= a.members.length ? b : a));
    shown.splice(shown.indexOf(smallest), 1);
    pooled.push(smallest);
  }
  return [
    ...present
      .filter((group) => shown.includes(group))
      .map((group) => ({ label: group.label, members: [...group.members] })),
    ...(pooled.length
      ? [{ label: POOLED_GROUP, members: pooled.flatMap((group) => [...group.members]) }]
      : []),
  ];
}

/**
 * The answers grouped by the option chosen for a question (a track, a type of organisation), with the mean need of
 * each topic in each group; for an anonymous survey, small groups are pooled (`poolSmallGroups`).
 */
export function demandByGroup(
  questions: readonly Question[],
  answers: readonly Answers[],
  groupKey: string,
  min: number,
) {
  const question = questions.find((q) => q.key === groupKey);
  if (question?.kind !== 'CHOICE') return [];
  const groups = question.options.map((label) => ({
    label,
    members: answers.filter((a) => a[groupKey] === label),
  }));
  const topics = topicQuestions(questions);
  return poolSmallGroups(groups, min).map((group) => ({
    label: group.label,
    answers: group.members.length,
    means: topics.map((q) => ({ key: q.key, mean: meanOf(levelsOf(group.members, q.key)) })),
  }));
}
