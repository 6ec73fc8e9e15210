import { describe, expect, it } from 'vitest';
import { BUILT_IN_CASE_TYPES } from '../law/catalogue.ts';
import { caseTypeVersion } from '../law/definitions.ts';
import { cancellationLetter, convocationIcs, convocationLetter } from './convocations.ts';
import { recipientOf } from './letters.ts';
import { CONVOCATION_TRANSLATIONS, type ConvocationTranslation } from './translations.ts';

const definitionOf = (code: string) =>
  caseTypeVersion.parse(BUILT_IN_CASE_TYPES.find((input) => (input as { code: string }).code === code));

const party = (overrides: Record<string, unknown>) =>
  ({
    role: 'APPLICANT',
    personId: null,
    employerId: null,
    givenName: null,
    surname: null,
    personEmail: null,
    employerName: null,
    pec: null,
    employerEmail: null,
    ...overrides,
  }) as unknown as Parameters<typeof recipientOf>[1][number];

const convocation = {
  appointmentId: '01900000-0000-7000-8000-000000000001',
  startsAt: new Date('2026-04-07T07:00:00Z'),
  endsAt: new Date('2026-04-07T07:30:00Z'),
  deskName: 'Sportello 1',
  place: 'Corso Umberto I 40; Lodi',
  purpose: 'DOCUMENTS' as const,
  documentsToBring: [],
  caseNumber: 'LO-2026-000001',
  caseTypeName: null,
  recipientName: 'Olena Boyko',
  recipientEmail: 'olena@lovit.example',
  viaPec: false,
  organisationName: 'Prefettura di Lodi',
  language: null,
  replaces: null,
};

describe('the addressee of a convocation', () => {
  it('is the employer’s PEC when the employer applies, its e-mail when it has no PEC', () => {
    const definition = definitionOf('WORK_CLEARANCE');
    const employer = {
      role: 'EMPLOYER',
      employerId: 'e',
      employerName: 'Az. Agricola',
      employerEmail: 'a@x.it',
    };
    expect(recipientOf(definition, [party({ ...employer, pec: 'az@pec.it' })])).toEqual({
      name: 'Az. Agricola',
      email: 'az@pec.it',
      viaPec: true,
    });
    expect(recipientOf(definition, [party(employer)])).toEqual({
      name: 'Az. Agricola',
      email: 'a@x.it',
      viaPec: false,
    });
  });

  it('is the applicant person’s e-mail otherwise', () => {
    const definition = definitionOf('FAMILY_REUNIFICATION_CLEARANCE');
    const applicant = party({ personId: 'p', givenName: 'Olena', surname: 'BOYKO', personEmail: 'o@x.it' });
    expect(recipientOf(definition, [applicant])).toEqual({
      name: 'Olena BOYKO',
      email: 'o@x.it',
      viaPec: false,
    });
  });
});

describe('the calendar entry', () => {
  it('keeps the wall time of Rome in summer, declares the zone and escapes the place', () => {
    const ics = convocationIcs(convocation, 'REQUEST', new Date('2026-03-02T08:00:00Z'));
    expect(ics).toContain('DTSTART;TZID=Europe/Rome:20260407T090000\r\n');
    expect(ics).toContain('DTSTAMP:20260302T080000Z\r\n');
    expect(ics).toContain('TZID:Europe/Rome\r\n');
    expect(ics).toContain('LOCATION:Corso Umberto I 40\\; Lodi\r\n');
    expect(ics.indexOf('BEGIN:VTIMEZONE')).toBeLessThan(ics.indexOf('BEGIN:VEVENT'));
  });

  it('cancels with a higher sequence for the same UID', () => {
    const ics = convocationIcs(convocation, 'CANCEL', new Date('2026-03-02T08:00:00Z'));
    expect(ics).toContain('METHOD:CANCEL');
    expect(ics).toContain('SEQUENCE:1');
    expect(ics).toContain('STATUS:CANCELLED');
    expect(ics).toContain(`UID:${convocation.appointmentId}`);
  });

  it('goes with a letter in Italian', () => {
    const letter = convocationLetter(convocation, new Date('2026-03-02T08:00:00Z'));
    expect(letter.text).toContain('Data: martedì 7 aprile 2026');
    expect(letter.text).toContain('Ora: dalle 09:00 alle 09:30');
    expect(letter.text).not.toContain('Documenti da portare');
  });
});

describe('the convocation in the applicant’s language', () => {
  const now = new Date('2026-03-02T08:00:00Z');
  const inLanguage = (applicantLanguage: string | null) =>
    convocationLetter({ ...convocation, applicantLanguage, manageUrl: 'https://lovit.example/l' }, now);

  it('follows the Italian text, which comes first and stays whole', () => {
    const italianOnly = inLanguage(null).text;
    for (const language of ['en', 'fr', 'ar', 'uk']) {
      const { text, subject } = inLanguage(language);
      const translation = CONVOCATION_TRANSLATIONS[language] as ConvocationTranslation;
      expect(text.startsWith(translation.notice)).toBe(true);
      expect(text).toContain(italianOnly);
      expect(text.indexOf(translation.purposes.DOCUMENTS)).toBeGreaterThan(text.indexOf(italianOnly));
      expect(subject).toMatch(new RegExp(` / ${translation.subject}$`));
      expect(text.match(/https:\/\/lovit\.example\/l/g)).toHaveLength(2);
    }
  });

  it('writes dates and times as the language writes them, in Rome time', () => {
    expect(inLanguage('en').text).toContain('Date: Tuesday, 7 April 2026');
    expect(inLanguage('en').text).toContain('Time: from 09:00 to 09:30');
    expect(inLanguage('fr').text).toContain('Date: mardi 7 avril 2026');
    expect(inLanguage('uk').text).toContain('вівторок, 7 квітня 2026');
    expect(inLanguage('ar').text).toContain('الشباك الموحّد للهجرة');
  });

  it('is Italian alone in a language with no translation', () => {
    expect(inLanguage('bn').text).toBe(inLanguage(null).text);
    expect(inLanguage('bn').subject).not.toContain(' / ');
  });
});

describe('the notice of cancellation in the applicant’s language', () => {
  const now = new Date('2026-03-02T08:00:00Z');

  it('follows the Italian notice, with the reason as the office wrote it', () => {
    const italian = cancellationLetter(convocation, 'Sportello chiuso per sciopero', now).text;
    const { text, subject } = cancellationLetter(
      { ...convocation, applicantLanguage: 'uk' },
      'Sportello chiuso per sciopero',
      now,
    );
    expect(text).toContain(italian);
    expect(text.indexOf('скасовано')).toBeGreaterThan(text.indexOf(italian));
    expect(text).toContain('Причина: Sportello chiuso per sciopero');
    expect(text).toContain('вівторок, 7 квітня 2026 р., 09:00');
    expect(subject).toMatch(/ \/ Прийом скасовано$/);
  });
});
