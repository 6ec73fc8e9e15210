import { describe, expect, it } from 'vitest';
import { BUILT_IN_CASE_TYPES } from '../law/catalogue.ts';
import { caseTypeVersion } from '../law/definitions.ts';
import { convocationIcs, convocationLetter } from './convocations.ts';
import { recipientOf } from './letters.ts';

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
