import { useState, type FormEvent } from 'react';
import type { ManagedUser, Quota, QuotaDefaults } from '../api/admin';
import { formatLimit, fromInput, QUOTA_FIELDS, toInput } from './quota-fields';

/** Per-user overrides of the global limits; a blank field falls back to the default shown as its placeholder. */
export function QuotaEditor({ user, defaults, onSave, saving }: {
  user: ManagedUser;
  defaults: QuotaDefaults | undefined;
  onSave: (quota: Quota) => void;
  saving: boolean;
}) {
  const [values, setValues] = useState(() =>
    Object.fromEntries(QUOTA_FIELDS.map(({ field, bytes }) => [field, toInput(user.quota[field], bytes)])) as Record<keyof Quota, string>,
  );
  const quota = () => Object.fromEntries(QUOTA_FIELDS.map(({ field, bytes }) => [field, fromInput(values[field], bytes)])) as Quota;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSave(quota());
  };
  const clearAll = () => onSave({ maxFileBytes: null, maxActiveJobs: null, maxStorageBytes: null, uploadsPerMinute: null });
  return (
    <form className="form-row" onSubmit={submit} aria-label={`Quotas of ${user.username}`}>
      {QUOTA_FIELDS.map(({ field, label, unit, bytes }) => (
        <label key={field}>
          {label} ({unit})
          <input
            type="number"
            min={bytes ? 0.01 : 1}
            step={bytes ? 'any' : 1}
            value={values[field]}
            placeholder={defaults ? `default ${formatLimit(defaults[field], bytes)}` : 'default'}
            onChange={(e) => setValues((current) => ({ ...current, [field]: e.target.value }))}
          />
        </label>
      ))}
      <div className="actions">
        <button type="submit" className="button primary" disabled={saving}>
          Save quotas
        </button>
        <button type="button" className="button" disabled={saving} onClick={clearAll}>
          Use the defaults
        </button>
      </div>
    </form>
  );
}
