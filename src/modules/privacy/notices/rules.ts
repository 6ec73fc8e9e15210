/**
 * The privacy notices of the portal's forms (GDPR art. 13): which forms have one, on which legal basis each
 * rests, and which retention categories tell how long its data are kept. The words are in the notices'
 * catalogues (`locales/<language>.json`), under the form's address.
 */

/** What a notice cites as the lawfulness of the processing. */
export type LegalBasis =
  /** art. 6.1.e: a task in the public interest, the prefecture's own. */
  | 'publicTask'
  /** art. 6.1.a: the person's consent, which they may withdraw. */
  | 'consent'
  /** art. 9.2.a: explicit consent for what may reveal health (accessibility needs). */
  | 'health';

/**
 * A sentence of the notice on retention and the category of the schedule that gives its period; none where
 * nothing personal is kept (the sentence then says so).
 */
export type KeptFor = { category?: string; text: string };

export type NoticeForm = {
  /** The notice's address after `/portale/<lang>/privacy/`, and its key in the catalogues. */
  slug: string;
  bases: readonly LegalBasis[];
  keptFor: readonly KeptFor[];
};

const AUDIT: KeptFor = { category: 'audit.entries', text: 'audit' };

/** Every public form of the portal, in the order the index lists them. */
export const NOTICE_FORMS: readonly NoticeForm[] = [
  {
    slug: 'stato',
    bases: ['publicTask'],
    keptFor: [AUDIT, { category: 'identity.failed-attempts', text: 'attempts' }],
  },
  {
    slug: 'appuntamento',
    bases: ['publicTask'],
    keptFor: [{ category: 'cases.appointments', text: 'appointments' }, AUDIT],
  },
  { slug: 'verifica', bases: ['publicTask'], keptFor: [AUDIT] },
  {
    slug: 'eventi',
    bases: ['consent', 'health'],
    keptFor: [
      { category: 'outreach.registrations', text: 'registrations' },
      { category: 'outreach.attendance-certificates', text: 'certificates' },
    ],
  },
  {
    slug: 'questionario',
    bases: ['publicTask'],
    keptFor: [{ category: 'surveys.participations', text: 'participation' }],
  },
  { slug: 'schede', bases: ['publicTask'], keptFor: [{ text: 'feedback' }] },
  {
    slug: 'stampa',
    bases: ['publicTask'],
    keptFor: [
      { category: 'outreach.press-unsubscribed', text: 'unsubscribed' },
      { category: 'outreach.press-silent', text: 'silent' },
    ],
  },
];

export const noticeForm = (slug: string): NoticeForm | undefined =>
  NOTICE_FORMS.find((form) => form.slug === slug);

/** Whether the person may withdraw consent: only where consent is what the processing rests on. */
export const restsOnConsent = (form: NoticeForm) => form.bases.includes('consent');

/**
 * A retention period as people say it in the language, with its digits and plural: whole years as years
 * ("2 anni", "سنتان"), anything else in months ("18 mesi").
 */
export function periodInWords(locale: string, months: number): string {
  const inYears = months % 12 === 0;
  return new Intl.NumberFormat(locale, {
    style: 'unit',
    unit: inYears ? 'year' : 'month',
    unitDisplay: 'long',
  }).format(inYears ? months / 12 : months);
}
