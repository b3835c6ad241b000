// The link form's "Pre-meeting form" section: add, edit, reorder and remove the questions an
// attendee answers before booking, next to a live preview drawn by the booking page's component.
import { useState } from 'preact/hooks';
import { FormFieldInputs } from '../common/form-field-inputs';
import {
  FILE_KINDS,
  FILE_KIND_IDS,
  FORM_FIELD_TYPES,
  FORM_LIMITS,
  moveFormField,
  newFormField,
  optionsFromText,
  withType,
  type AnswerDraft,
  type FormField,
  type FormFieldType,
} from '../common/form-fields';

const MB = 1024 * 1024;

interface Props {
  fields: FormField[];
  /** Messages keyed `formFields.<index>.<property>` and `formFields` (see `checkFormFields`). */
  errors: Readonly<Record<string, string>>;
  onChange(fields: FormField[]): void;
}

const typeLabel = (type: FormFieldType): string =>
  FORM_FIELD_TYPES.find((t) => t.type === type)?.label ?? type;

/**
 * The pre-meeting form editor with its live preview.
 *
 * @example
 * <FormFieldsEditor fields={draft.formFields} errors={errors} onChange={(f) => set('formFields', f)} />
 */
export function FormFieldsEditor({ fields, errors, onChange }: Props) {
  const [newType, setNewType] = useState<FormFieldType>('short_text');
  /** Options as typed (one per line), so blank lines survive while typing. */
  const [optionText, setOptionText] = useState<Record<string, string>>({});
  /** The preview's answers: the host can try the form; nothing is sent. */
  const [preview, setPreview] = useState<Record<string, AnswerDraft>>({});
  const [status, setStatus] = useState('');

  const update = (index: number, patch: Partial<FormField>) =>
    onChange(fields.map((f, i) => (i === index ? { ...f, ...patch } : f)));

  function add() {
    const field = newFormField(
      newType,
      fields.map((f) => f.id),
    );
    onChange([...fields, field]);
    setStatus(`Added a ${typeLabel(newType).toLowerCase()} field.`);
    // Focus the new field's label input once it is drawn.
    requestAnimationFrame(() => document.getElementById(`ff-${field.id}-label`)?.focus());
  }

  function move(index: number, by: -1 | 1) {
    const field = fields[index]!;
    onChange(moveFormField(fields, index, by));
    setStatus(`Moved “${field.label || 'Untitled field'}” to position ${index + by + 1}.`);
    // Keep focus on the same button of the moved field (it is drawn again in its new place).
    const which = by === -1 ? 'up' : 'down';
    requestAnimationFrame(() => {
      const button = document.getElementById(`ff-${field.id}-${which}`) as HTMLButtonElement | null;
      (button && !button.disabled
        ? button
        : document.getElementById(`ff-${field.id}-label`)
      )?.focus();
    });
  }

  function remove(index: number) {
    const field = fields[index]!;
    onChange(fields.filter((_, i) => i !== index));
    setStatus(`Removed “${field.label || 'Untitled field'}”.`);
    requestAnimationFrame(() => document.getElementById('ff-add-type')?.focus());
  }

  const err = (index: number, key: string) => errors[`formFields.${index}.${key}`];
  /** aria-describedby and the message element of a property's error. */
  const errorOf = (index: number, key: string, field: FormField, hintId?: string) => {
    const message = err(index, key);
    const id = `ff-${field.id}-${key}-error`;
    return {
      attrs: {
        'aria-invalid': message ? true : undefined,
        'aria-describedby': [hintId, message ? id : ''].filter(Boolean).join(' ') || undefined,
      } as const,
      node: message && (
        <span id={id} class="field-error">
          {message}
        </span>
      ),
    };
  };

  return (
    <fieldset class="form-fields-editor" aria-describedby="ff-intro">
      <legend>Pre-meeting form</legend>
      <p id="ff-intro" class="muted">
        Questions the attendee answers before the booking is confirmed. Name and email are always
        asked.
      </p>
      {errors.formFields && (
        <p id="ff-list-error" class="field-error">
          {errors.formFields}
        </p>
      )}
      <div class="form-builder">
        <div class="form-builder-fields">
          {fields.length === 0 && <p class="muted">No questions yet.</p>}
          <ol class="form-field-list">
            {fields.map((f, i) => {
              const label = errorOf(i, 'label', f);
              const help = errorOf(i, 'help', f);
              const options = errorOf(i, 'options', f, `ff-${f.id}-options-hint`);
              const maxLength = errorOf(i, 'maxLength', f);
              const accept = errorOf(i, 'accept', f);
              const maxBytes = errorOf(i, 'maxBytes', f);
              const idError = err(i, 'id');
              const name = f.label || 'Untitled field';
              return (
                <li key={f.id} data-field-id={f.id}>
                  <fieldset class="form-field-editor">
                    <legend>
                      {i + 1}. {name} <span class="muted">({typeLabel(f.type)})</span>
                    </legend>
                    {idError && <p class="field-error">{idError}</p>}
                    <div class="grid-2">
                      <div class="field">
                        <label for={`ff-${f.id}-label`}>Label</label>
                        <input
                          id={`ff-${f.id}-label`}
                          value={f.label}
                          maxLength={FORM_LIMITS.maxLabel}
                          {...label.attrs}
                          onInput={(e) =>
                            update(i, { label: (e.currentTarget as HTMLInputElement).value })
                          }
                        />
                        {label.node}
                      </div>
                      <div class="field">
                        <label for={`ff-${f.id}-type`}>Type</label>
                        <select
                          id={`ff-${f.id}-type`}
                          value={f.type}
                          onChange={(e) =>
                            onChange(
                              fields.map((x, j) =>
                                j === i
                                  ? withType(
                                      x,
                                      (e.currentTarget as HTMLSelectElement).value as FormFieldType,
                                    )
                                  : x,
                              ),
                            )
                          }
                        >
                          <TypeOptions />
                        </select>
                      </div>
                    </div>
                    <div class="field">
                      <label for={`ff-${f.id}-help`}>
                        Help text <span class="muted">(optional)</span>
                      </label>
                      <input
                        id={`ff-${f.id}-help`}
                        value={f.help ?? ''}
                        maxLength={FORM_LIMITS.maxHelp}
                        {...help.attrs}
                        onInput={(e) =>
                          update(i, { help: (e.currentTarget as HTMLInputElement).value || null })
                        }
                      />
                      {help.node}
                    </div>
                    <label class="check field">
                      <input
                        id={`ff-${f.id}-required`}
                        type="checkbox"
                        checked={f.required}
                        onChange={(e) =>
                          update(i, { required: (e.currentTarget as HTMLInputElement).checked })
                        }
                      />
                      Required
                    </label>
                    {(f.type === 'dropdown' || f.type === 'checkboxes') && (
                      <div class="field">
                        <label for={`ff-${f.id}-options`}>Options</label>
                        <textarea
                          id={`ff-${f.id}-options`}
                          rows={4}
                          value={optionText[f.id] ?? f.options.join('\n')}
                          {...options.attrs}
                          onInput={(e) => {
                            const text = (e.currentTarget as HTMLTextAreaElement).value;
                            setOptionText((o) => ({ ...o, [f.id]: text }));
                            update(i, { options: optionsFromText(text) });
                          }}
                        />
                        <span id={`ff-${f.id}-options-hint`} class="hint muted">
                          One per line, up to {FORM_LIMITS.maxOptions}.
                        </span>
                        {options.node}
                      </div>
                    )}
                    {(f.type === 'short_text' || f.type === 'long_text') && (
                      <div class="field">
                        <label for={`ff-${f.id}-maxLength`}>
                          Maximum length (characters, up to {FORM_LIMITS.text[f.type].max})
                        </label>
                        <input
                          id={`ff-${f.id}-maxLength`}
                          type="number"
                          inputMode="numeric"
                          min={1}
                          max={FORM_LIMITS.text[f.type].max}
                          step={1}
                          value={f.maxLength ?? ''}
                          {...maxLength.attrs}
                          onInput={(e) => {
                            const v = (e.currentTarget as HTMLInputElement).value;
                            update(i, { maxLength: v === '' ? null : Number(v) });
                          }}
                        />
                        {maxLength.node}
                      </div>
                    )}
                    {f.type === 'file' && (
                      <>
                        <fieldset class="field" aria-describedby={accept.attrs['aria-describedby']}>
                          <legend>Accepted file types</legend>
                          <div class="row">
                            {FILE_KIND_IDS.map((k) => (
                              <label key={k} class="check">
                                <input
                                  type="checkbox"
                                  checked={f.accept.includes(k)}
                                  onChange={(e) =>
                                    update(i, {
                                      accept: (e.currentTarget as HTMLInputElement).checked
                                        ? FILE_KIND_IDS.filter(
                                            (x) => x === k || f.accept.includes(x),
                                          )
                                        : f.accept.filter((x) => x !== k),
                                    })
                                  }
                                />
                                {FILE_KINDS[k].label}
                              </label>
                            ))}
                          </div>
                          {accept.node}
                        </fieldset>
                        <div class="field">
                          <label for={`ff-${f.id}-maxBytes`}>
                            Maximum size (MB, up to {FORM_LIMITS.maxFileBytes / MB})
                          </label>
                          <input
                            id={`ff-${f.id}-maxBytes`}
                            type="number"
                            inputMode="decimal"
                            min={0.1}
                            max={FORM_LIMITS.maxFileBytes / MB}
                            step={0.1}
                            value={
                              f.maxBytes === null ? '' : Math.round((f.maxBytes / MB) * 10) / 10
                            }
                            {...maxBytes.attrs}
                            onInput={(e) => {
                              const v = (e.currentTarget as HTMLInputElement).value;
                              update(i, { maxBytes: v === '' ? null : Math.round(Number(v) * MB) });
                            }}
                          />
                          {maxBytes.node}
                        </div>
                      </>
                    )}
                    <div class="row">
                      <button
                        type="button"
                        id={`ff-${f.id}-up`}
                        disabled={i === 0}
                        onClick={() => move(i, -1)}
                      >
                        Move up<span class="visually-hidden"> “{name}”</span>
                      </button>
                      <button
                        type="button"
                        id={`ff-${f.id}-down`}
                        disabled={i === fields.length - 1}
                        onClick={() => move(i, 1)}
                      >
                        Move down<span class="visually-hidden"> “{name}”</span>
                      </button>
                      <button type="button" class="danger" onClick={() => remove(i)}>
                        Remove<span class="visually-hidden"> “{name}”</span>
                      </button>
                    </div>
                  </fieldset>
                </li>
              );
            })}
          </ol>
          <div class="row">
            <div class="field">
              <label for="ff-add-type">New question type</label>
              <select
                id="ff-add-type"
                value={newType}
                onChange={(e) =>
                  setNewType((e.currentTarget as HTMLSelectElement).value as FormFieldType)
                }
              >
                <TypeOptions />
              </select>
            </div>
            <button type="button" disabled={fields.length >= FORM_LIMITS.maxFields} onClick={add}>
              Add question
            </button>
          </div>
          <p role="status" class="visually-hidden">
            {status}
          </p>
        </div>
        <section class="form-preview" aria-labelledby="ff-preview-title" data-testid="form-preview">
          <h2 id="ff-preview-title">Preview</h2>
          <p class="muted">As the booking page asks it, after name and email.</p>
          {fields.length === 0 ? (
            <p class="muted">Only name and email are asked.</p>
          ) : (
            <FormFieldInputs
              fields={fields.map((f) => ({ ...f, label: f.label || 'Untitled field' }))}
              values={preview}
              errors={{}}
              idPrefix="preview-"
              onChange={(id, value) => setPreview((p) => ({ ...p, [id]: value }))}
            />
          )}
        </section>
      </div>
    </fieldset>
  );
}

/** The `<option>`s of a field-type select, one per type, in the settings page's order. */
function TypeOptions() {
  return (
    <>
      {FORM_FIELD_TYPES.map((t) => (
        <option key={t.type} value={t.type}>
          {t.label}
        </option>
      ))}
    </>
  );
}
