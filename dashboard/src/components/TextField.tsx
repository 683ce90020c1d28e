// One labelled text input of a generated form (context values, credentials, URLs), with its hint and its problem.
import { useState } from 'preact/hooks';
import { ApiError, type FieldSpec } from '../api.ts';

/** The values of a form's text fields by path, the API's last error, and the problem it names for one path. */
export function useFieldValues() {
  const [values, setValues] = useState<Record<string, string>>({});
  const [error, setError] = useState<unknown>();
  const set = (path: string, value: string) => {
    setValues((current) => ({ ...current, [path]: value }));
    setError(undefined);
  };
  const problem = (path: string) => (error instanceof ApiError ? error.fieldMessage(path) : undefined);
  return { values, set, error, setError, problem };
}

export function TextField({ path, field, value, onInput, problem, secret, type = 'text' }: {
  path: string; field: FieldSpec; value: string; onInput: (path: string, value: string) => void; problem: string | undefined; secret?: boolean; type?: 'text' | 'url';
}) {
  const id = `field-${path.replace(/\W+/g, '-')}`;
  const describedBy = [field.description ? `${id}-hint` : '', problem ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div class="field">
      <label for={id}>
        {field.label} {!field.required && <span class="optional">(optional)</span>}
      </label>
      <input
        id={id}
        name={path}
        type={(secret ? 'password' : type) as 'text'}
        autoComplete={secret ? 'new-password' : 'off'}
        spellcheck={false}
        autoCapitalize="off"
        value={value}
        placeholder={field.example ? `e.g. ${field.example}` : undefined}
        aria-required={field.required ? 'true' : undefined}
        aria-invalid={problem ? 'true' : undefined}
        aria-describedby={describedBy}
        onInput={(event) => onInput(path, event.currentTarget.value)}
      />
      {field.description && <p class="hint" id={`${id}-hint`}>{field.description}</p>}
      {problem && <p class="field-error" id={`${id}-error`}>{problem}</p>}
    </div>
  );
}
