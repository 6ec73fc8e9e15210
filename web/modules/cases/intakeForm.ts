import i18next from 'i18next';
import type { FieldErrors, Resolver } from 'react-hook-form';
import type { z } from 'zod';
import {
  employerInput,
  type IntakeInput,
  intakeInput,
  personInput,
} from '../../../src/modules/cases/contract.ts';
import { ApiError, type FieldProblem, fieldPath } from '../../app/api.ts';
import type { CaseTypeDefinition } from './requests.ts';

/**
 * The new-case form as the inputs hold it (text everywhere), and its translation to the intake request:
 * the same contract schemas as the server check it, with each message put back on the field it is about.
 */
export type PersonForm = {
  surname: string;
  givenName: string;
  sex: '' | 'M' | 'F';
  birthDate: string;
  birthPlace: string;
  citizenship: string;
  citizenshipCadastralCode: string;
  passport: { number: string; expiry: string };
  fiscalCode: string;
  address: string;
  email: string;
  phone: string;
  preferredLanguage: string;
};

export type EmployerForm = {
  kind: 'COMPANY' | 'PERSON';
  name: string;
  fiscalCode: string;
  vatNumber: string;
  address: string;
  pec: string;
  email: string;
  phone: string;
};

export type PartyForm = {
  role: string;
  kind: 'PERSON' | 'EMPLOYER';
  /** An optional party (the employer of a permit conversion) is sent only when the user adds it. */
  isIncluded: boolean;
  person: PersonForm;
  employer: EmployerForm;
};

export type DetailsForm = {
  formCode: string;
  jobTitle: string;
  contractType: string;
  weeklyHours: string;
  monthlyGrossSalary: string;
  collectiveAgreement: string;
  workplace: string;
  accommodation: string;
  notes: string;
};

export type IntakeForm = {
  type: string;
  quotaSector: string;
  externalReference: string;
  parties: PartyForm[];
  details: DetailsForm;
};

const EMPTY_PERSON: PersonForm = {
  surname: '',
  givenName: '',
  sex: '',
  birthDate: '',
  birthPlace: '',
  citizenship: '',
  citizenshipCadastralCode: '',
  passport: { number: '', expiry: '' },
  fiscalCode: '',
  address: '',
  email: '',
  phone: '',
  preferredLanguage: '',
};

const EMPTY_EMPLOYER: EmployerForm = {
  kind: 'COMPANY',
  name: '',
  fiscalCode: '',
  vatNumber: '',
  address: '',
  pec: '',
  email: '',
  phone: '',
};

export const EMPTY_INTAKE: IntakeForm = {
  type: '',
  quotaSector: '',
  externalReference: '',
  parties: [],
  details: {
    formCode: '',
    jobTitle: '',
    contractType: '',
    weeklyHours: '',
    monthlyGrossSalary: '',
    collectiveAgreement: '',
    workplace: '',
    accommodation: '',
    notes: '',
  },
};

/** The parties a type asks for, empty, in the order of its definition. */
export function partiesFor(definition: CaseTypeDefinition): PartyForm[] {
  return definition.parties.map((party) => ({
    role: party.role,
    kind: party.kind,
    isIncluded: party.required,
    person: structuredClone(EMPTY_PERSON),
    employer: structuredClone(EMPTY_EMPLOYER),
  }));
}

const blank = (value: string) => (value.trim() === '' ? null : value.trim());
const upper = (value: string) => blank(value)?.toUpperCase() ?? null;
const amount = (value: string) => (value.trim() === '' ? null : Number(value.replace(',', '.')));

function personPayload(person: PersonForm) {
  const hasPassport = person.passport.number.trim() !== '' || person.passport.expiry !== '';
  return {
    surname: person.surname,
    givenName: person.givenName,
    sex: person.sex || undefined,
    birthDate: person.birthDate,
    birthPlace: person.birthPlace,
    citizenship: person.citizenship.trim().toUpperCase(),
    citizenshipCadastralCode: upper(person.citizenshipCadastralCode),
    passport: hasPassport
      ? { number: person.passport.number.trim().toUpperCase(), expiry: person.passport.expiry }
      : null,
    fiscalCode: upper(person.fiscalCode),
    address: blank(person.address),
    email: blank(person.email),
    phone: blank(person.phone),
    preferredLanguage: blank(person.preferredLanguage),
  };
}

function employerPayload(employer: EmployerForm) {
  return {
    kind: employer.kind,
    name: employer.name,
    fiscalCode: employer.fiscalCode.trim().toUpperCase(),
    vatNumber: blank(employer.vatNumber),
    address: employer.address,
    pec: blank(employer.pec),
    email: blank(employer.email),
    phone: blank(employer.phone),
  };
}

/** The parties sent, and for each the row of the form it came from. */
function includedParties(values: IntakeForm) {
  return values.parties.flatMap((party, index) => (party.isIncluded ? [{ party, index }] : []));
}

/** The intake request for the form's values (valid once the resolver has accepted them). */
export function intakeRequest(values: IntakeForm): IntakeInput {
  return {
    type: values.type,
    quotaSector: blank(values.quotaSector),
    externalReference: blank(values.externalReference),
    parties: includedParties(values).map(({ party }) =>
      party.kind === 'PERSON'
        ? { role: party.role, person: personInput.parse(personPayload(party.person)) }
        : { role: party.role, employer: employerInput.parse(employerPayload(party.employer)) },
    ),
    details: intakeInput.shape.details.parse(detailsPayload(values.details)),
  };
}

function detailsPayload(details: DetailsForm) {
  return {
    formCode: blank(details.formCode),
    jobTitle: blank(details.jobTitle),
    contractType: blank(details.contractType),
    weeklyHours: amount(details.weeklyHours),
    monthlyGrossSalary: amount(details.monthlyGrossSalary),
    collectiveAgreement: blank(details.collectiveAgreement),
    workplace: blank(details.workplace),
    accommodation: blank(details.accommodation),
    notes: blank(details.notes),
  };
}

const headSchema = intakeInput.pick({
  type: true,
  quotaSector: true,
  externalReference: true,
  details: true,
});

/**
 * Checks the form with the contract's schemas, party by party, so that each message lands on its field; a type
 * inside the decreto flussi needs its quota sector.
 */
export const intakeResolverFor =
  (definitions: readonly CaseTypeDefinition[]): Resolver<IntakeForm> =>
  async (values) => {
    const errors: FieldErrors<IntakeForm> = {};
    const add = (path: readonly PropertyKey[], message: string) =>
      placeError(errors, path.map(String), message);
    const definition = definitions.find((candidate) => candidate.code === values.type);
    if (!definition) add(['type'], i18next.t('validation.choose'));
    if (definition?.quota && !values.quotaSector) add(['quotaSector'], i18next.t('validation.choose'));
    const collect = (result: z.ZodSafeParseResult<unknown>, prefix: PropertyKey[]) => {
      if (!result.success)
        for (const issue of result.error.issues) add([...prefix, ...issue.path], issue.message);
    };
    collect(
      headSchema.safeParse({
        type: values.type,
        quotaSector: blank(values.quotaSector),
        externalReference: blank(values.externalReference),
        details: detailsPayload(values.details),
      }),
      [],
    );
    for (const { party, index } of includedParties(values)) {
      if (party.kind === 'PERSON') {
        for (const [field, message] of blanksOf(party.person))
          add(['parties', index, 'person', ...field], message);
        collect(personInput.safeParse(personPayload(party.person)), ['parties', index, 'person']);
      } else {
        collect(employerInput.safeParse(employerPayload(party.employer)), ['parties', index, 'employer']);
        if (party.employer.fiscalCode.trim() === '')
          add(['parties', index, 'employer', 'fiscalCode'], i18next.t('validation.required'));
      }
    }
    return Object.keys(errors).length > 0 ? { values: {}, errors } : { values, errors: {} };
  };

/**
 * Required fields left empty, said as such: the contract's format messages ("data nel formato AAAA-MM-GG")
 * would describe a value that is not there. A passport needs both its number and its expiry.
 */
function blanksOf(person: PersonForm): [string[], string][] {
  const required = i18next.t('validation.required');
  const choose = i18next.t('validation.choose');
  const blanks: [string[], string][] = [];
  if (!person.sex) blanks.push([['sex'], choose]);
  if (!person.birthDate) blanks.push([['birthDate'], required]);
  if (!person.citizenship) blanks.push([['citizenship'], choose]);
  const { number, expiry } = person.passport;
  if (number.trim() && !expiry) blanks.push([['passport', 'expiry'], required]);
  if (!number.trim() && expiry) blanks.push([['passport', 'number'], required]);
  return blanks;
}

function placeError(errors: Record<string, unknown>, path: string[], message: string): void {
  let node = errors;
  for (const key of path.slice(0, -1)) {
    node[key] ??= {};
    node = node[key] as Record<string, unknown>;
  }
  const last = path.at(-1) ?? 'root';
  if (!node[last]) node[last] = { type: 'validation', message };
}

/**
 * The server's refusal with its paths in the form's terms: the n-th party sent is a row of the form, and "a
 * passport or a fiscal code" is said at the passport number.
 */
export function problemOnForm(error: unknown, values: IntakeForm): unknown {
  if (!(error instanceof ApiError) || !error.problem.errors) return error;
  const rows = includedParties(values).map(({ index }) => index);
  const errors: FieldProblem[] = error.problem.errors.map(({ path, message }) => {
    const field = fieldPath(path)
      .replace(/^parties\.(\d+)/, (whole, sent: string) => {
        const row = rows[Number(sent)];
        return row === undefined ? whole : `parties.${row}`;
      })
      .replace(/\.person\.passport$/, '.person.passport.number');
    return { path: field, message };
  });
  return new ApiError({ ...error.problem, errors });
}

/** The fields of the form a server message may be placed on. */
export function formFields(values: IntakeForm): string[] {
  return [
    'type',
    'quotaSector',
    'externalReference',
    'details',
    ...values.parties.flatMap((_, index) => [`parties.${index}.person`, `parties.${index}.employer`]),
  ];
}
