import { useId } from 'react';

/** A checkbox of a table row or header that selects it: the label is read by screen readers only. */
export function Checkbox({
  label,
  checked,
  onChange,
}: {
  label: string;
  checked: boolean;
  onChange: () => void;
}) {
  const id = useId();
  return (
    <div className="form-check lovit-check-cell m-0">
      <input id={id} type="checkbox" checked={checked} onChange={onChange} />
      <label htmlFor={id}>
        <span className="visually-hidden">{label}</span>
      </label>
    </div>
  );
}
