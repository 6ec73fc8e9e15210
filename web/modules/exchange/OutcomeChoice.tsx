import { useId } from 'react';
import type { FieldError, UseFormRegisterReturn } from 'react-hook-form';
import { OPINION_OUTCOMES } from '../../../src/modules/exchange/contract.ts';
import { sentence } from '../../ui/fields.tsx';

const OUTCOMES = ['FAVOURABLE', 'UNFAVOURABLE'] as const;

type OutcomeChoiceProps = {
  legend: string;
  registration: UseFormRegisterReturn;
  error: FieldError | undefined;
};

/** Favourable or unfavourable: the two answers a body gives (or the SUI records for it). */
export function OutcomeChoice({ legend, registration, error }: OutcomeChoiceProps) {
  const id = useId();
  const errorId = error ? `${id}-errore` : undefined;
  return (
    <fieldset className="mb-3" aria-describedby={errorId}>
      <legend className="fs-6 fw-semibold">{legend}</legend>
      {OUTCOMES.map((outcome) => (
        <div className="form-check form-check-inline" key={outcome}>
          <input
            id={`${id}-${outcome}`}
            type="radio"
            value={outcome}
            aria-invalid={error ? true : undefined}
            {...registration}
          />
          <label htmlFor={`${id}-${outcome}`}>{OPINION_OUTCOMES[outcome]}</label>
        </div>
      ))}
      {error && (
        <div id={errorId} className="invalid-feedback d-block">
          {sentence(error.message)}
        </div>
      )}
    </fieldset>
  );
}
