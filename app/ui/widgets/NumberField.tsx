/**
 * A whole-number input that lets the user type freely: each valid value is committed as typed, an
 * invalid one is marked and left as a draft until the field loses focus.
 */
import { useState } from 'react';

interface Props {
  id?: string;
  value: number;
  min: number;
  disabled?: boolean;
  onChange(value: number): void;
}

export function NumberField({ id, value, min, disabled = false, onChange }: Props) {
  const [draft, setDraft] = useState<string | null>(null);
  const valid = (text: string) => /^\d+$/.test(text) && Number.isSafeInteger(Number(text)) && Number(text) >= min;
  return (
    <input
      id={id}
      type="number"
      min={min}
      value={draft ?? value}
      disabled={disabled}
      aria-invalid={draft !== null && !valid(draft)}
      onChange={(e) => {
        setDraft(e.target.value);
        if (valid(e.target.value)) onChange(Number(e.target.value));
      }}
      onBlur={() => setDraft(null)}
    />
  );
}
