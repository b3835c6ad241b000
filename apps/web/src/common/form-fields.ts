// Pre-meeting form fields of a link (the link's `formFields`) and the attendee's answers: the
// rules the server enforces, checked again here for speed (never instead), and the mapping of
// the server's field-level errors (`answers.<fieldId>`) back to the fields. Pure: no DOM, no I/O.

import {
  FILE_KINDS as KIND_TYPES,
  FORM_FIELD_TYPES as FIELD_TYPES,
  FORM_LIMITS as LIMITS,
} from '@workestra/booking-core/limits';
import { currentLocale, t } from './i18n';

/** The type of a pre-meeting form field (booking-core's `FORM_FIELD_TYPES`). */
export type FormFieldType = (typeof FIELD_TYPES)[number];

/** What the settings page calls each field type. */
const TYPE_LABELS: Readonly<Record<FormFieldType, string>> = {
  short_text: 'Short text',
  long_text: 'Long text',
  dropdown: 'Dropdown',
  checkboxes: 'Checkboxes (pick several)',
  checkbox: 'Single checkbox (consent)',
  phone: 'Phone number',
  url: 'Website (URL)',
  file: 'File upload',
};

/**
 * Every field type (booking-core's list, in its order) with its name on the settings page.
 *
 * @example
 * const names = FORM_FIELD_TYPES.map((t) => t.label);
 */
export const FORM_FIELD_TYPES = FIELD_TYPES.map((type) => ({ type, label: TYPE_LABELS[type] }));

/** A file kind a file field may accept (`FormField.accept`; booking-core's `FILE_KINDS`). */
export type FileKind = keyof typeof KIND_TYPES;

/** What the pages call each file kind: format names, except plain text, which is a word. */
const KIND_LABELS: Readonly<Record<FileKind, () => string>> = {
  pdf: () => 'PDF',
  png: () => 'PNG',
  jpeg: () => 'JPEG',
  gif: () => 'GIF',
  webp: () => 'WebP',
  txt: () => t('field.kindText'),
};

/**
 * File kinds a file field may accept, with their name (in the page's language, read when used)
 * and the file input's `accept` value (the extensions and the content type of booking-core's
 * `FILE_KINDS`).
 *
 * @example
 * const label = FILE_KINDS.pdf.label; // 'PDF'
 */
export const FILE_KINDS = Object.fromEntries(
  (Object.keys(KIND_TYPES) as FileKind[]).map((kind) => [
    kind,
    {
      get label() {
        return KIND_LABELS[kind]();
      },
      accept: [...KIND_TYPES[kind].extensions, KIND_TYPES[kind].mime].join(','),
    },
  ]),
) as Readonly<Record<FileKind, { readonly label: string; readonly accept: string }>>;

/**
 * The names of `kinds` as one list in the page's language (`PDF, PNG, Text`; `PDF、PNG` in
 * Japanese).
 *
 * @example
 * fileKindList(['pdf', 'png']); // 'PDF, PNG'
 */
export function fileKindList(kinds: readonly FileKind[]): string {
  return new Intl.ListFormat(currentLocale(), { type: 'conjunction', style: 'narrow' }).format(
    kinds.map((k) => FILE_KINDS[k].label),
  );
}

/**
 * The kinds in the order the settings page lists them.
 *
 * @example
 * const all = FILE_KIND_IDS.join(', '); // 'pdf, png, jpeg, gif, webp, txt'
 */
export const FILE_KIND_IDS = Object.keys(KIND_TYPES) as FileKind[];

/**
 * The limits of the link's form: booking-core's `FORM_LIMITS`, in the shapes the pages use.
 *
 * @example
 * const ok = FORM_LIMITS.phonePattern.test('+49 30 1234567'); // true
 */
export const FORM_LIMITS = {
  maxFields: LIMITS.maxFields,
  idPattern: new RegExp(`^[a-z0-9_-]{1,${LIMITS.maxFieldIdLength}}$`),
  maxLabel: LIMITS.maxLabelLength,
  maxHelp: LIMITS.maxHelpLength,
  maxOptions: LIMITS.maxOptions,
  /** Largest and default `maxLength` of the text types. */
  text: {
    short_text: { max: LIMITS.maxShortTextLength, default: LIMITS.defaultShortTextLength },
    long_text: { max: LIMITS.maxLongTextLength, default: LIMITS.defaultLongTextLength },
  },
  maxFileBytes: LIMITS.maxFileBytes,
  defaultFileBytes: LIMITS.defaultFileBytes,
  /** Phone numbers: digits, spaces and `+ ( ) - .`, of booking-core's length bounds. */
  phonePattern: new RegExp(
    `^(?=.*\\d)[0-9 +().-]{${LIMITS.minPhoneLength},${LIMITS.maxPhoneLength}}$`,
  ),
} as const;

/** One field of a link's pre-meeting form (`Link.formFields`, `PublicLink.formFields`). */
export interface FormField {
  /** Unique within the link: `[a-z0-9_-]{1,40}`; answers are keyed by it. */
  id: string;
  type: FormFieldType;
  label: string;
  help: string | null;
  required: boolean;
  /** Dropdown and checkboxes: 1 to 50 distinct options; empty otherwise. */
  options: string[];
  /** Short and long text: the most characters; null otherwise. */
  maxLength: number | null;
  /** File: the kinds accepted (at least one); empty otherwise. */
  accept: FileKind[];
  /** File: the largest size in bytes; null otherwise. */
  maxBytes: number | null;
}

/** A file the attendee uploaded for a file field (the upload route's answer). */
export interface UploadedFile {
  id: string;
  filename: string;
  kind: string;
  size: number;
}

/**
 * What the booking page holds for one field while the attendee fills it: text for the text,
 * dropdown, phone and URL types, the picked options, the consent box, or the uploaded file.
 */
export type AnswerDraft = string | string[] | boolean | UploadedFile | null;

/** The answers sent with a booking: `{ uploadId }` for a file. */
export type AnswerValue = string | string[] | boolean | { uploadId: string };

/** One answer as the host sees it (`HostBooking.answers`). */
export interface BookingAnswer {
  fieldId: string;
  label: string;
  type: FormFieldType;
  value:
    | string
    | string[]
    | boolean
    | { uploadId: string; filename: string; kind: string; size: number };
}

const MB = 1024 * 1024;

/**
 * A size for people in the page's language: `5 MB`, `1.5 MB`, `820 KB`, `12 B` (`1,5 MB` in
 * German, `820 Ko` in French), at most one decimal.
 *
 * @example
 * formatBytes(5 * 1024 * 1024); // '5 MB'
 */
export function formatBytes(bytes: number): string {
  const number = new Intl.NumberFormat(currentLocale(), { maximumFractionDigits: 1 });
  if (bytes >= MB) return t('field.sizeMegabytes', { size: number.format(bytes / MB) });
  if (bytes >= 1024) return t('field.sizeKilobytes', { size: number.format(bytes / 1024) });
  return t('field.sizeBytes', { size: number.format(bytes) });
}

/**
 * The `accept` attribute of a file input for these kinds.
 *
 * @example
 * acceptAttribute(['pdf']); // '.pdf,application/pdf'
 */
export function acceptAttribute(kinds: readonly FileKind[]): string {
  return kinds.map((k) => FILE_KINDS[k].accept).join(',');
}

/**
 * Options typed one per line: trimmed, blank lines dropped.
 *
 * @example
 * optionsFromText('Red\n\n Blue '); // ['Red', 'Blue']
 */
export function optionsFromText(text: string): string[] {
  return text
    .split('\n')
    .map((o) => o.trim())
    .filter((o) => o !== '');
}

/**
 * A new field of `type` with an id not in `taken` and the type's defaults.
 *
 * @example
 * newFormField('short_text', ['short_text-1']).id; // 'short_text-2'
 */
export function newFormField(type: FormFieldType, taken: readonly string[]): FormField {
  let n = 1;
  while (taken.includes(`${type}-${n}`)) n++;
  return withType(
    {
      id: `${type}-${n}`,
      type,
      label: '',
      help: null,
      required: false,
      options: [],
      maxLength: null,
      accept: [],
      maxBytes: null,
    },
    type,
  );
}

/**
 * `field` switched to `type`: what the new type does not use is cleared, its defaults filled.
 *
 * @example
 * withType(newFormField('dropdown', []), 'phone').options; // []
 */
export function withType(field: FormField, type: FormFieldType): FormField {
  const hasOptions = type === 'dropdown' || type === 'checkboxes';
  const text = type === 'short_text' || type === 'long_text' ? FORM_LIMITS.text[type] : null;
  return {
    ...field,
    type,
    options: hasOptions ? (field.options.length ? field.options : ['Option 1', 'Option 2']) : [],
    maxLength: text ? Math.min(field.maxLength ?? text.default, text.max) : null,
    accept: type === 'file' ? (field.accept.length ? field.accept : ['pdf', 'png', 'jpeg']) : [],
    maxBytes: type === 'file' ? (field.maxBytes ?? FORM_LIMITS.defaultFileBytes) : null,
  };
}

/**
 * `fields` with the one at `index` moved by `by` (-1 up, +1 down); unchanged at either end.
 *
 * @example
 * const reordered = moveFormField([newFormField('phone', []), newFormField('url', [])], 1, -1);
 */
export function moveFormField(
  fields: readonly FormField[],
  index: number,
  by: -1 | 1,
): FormField[] {
  const to = index + by;
  const next = [...fields];
  if (index < 0 || index >= next.length || to < 0 || to >= next.length) return next;
  [next[index], next[to]] = [next[to]!, next[index]!];
  return next;
}

/**
 * The settings page's check of a link's fields, mirroring the API's rules. Keys are the API's
 * issue paths: `formFields.<index>.<property>` (`formFields.0.label`, `formFields.3.maxBytes`...)
 * and `formFields` for the list.
 *
 * @example
 * checkFormFields([{ ...newFormField('short_text', []), label: '' }]); // { 'formFields.0.label': … }
 */
export function checkFormFields(fields: readonly FormField[]): Record<string, string> {
  const errors: Record<string, string> = {};
  if (fields.length > FORM_LIMITS.maxFields)
    errors.formFields = `A form has at most ${FORM_LIMITS.maxFields} fields.`;
  const seen = new Set<string>();
  fields.forEach((f, i) => {
    const at = (key: string, message: string) => (errors[`formFields.${i}.${key}`] ??= message);
    if (!FORM_LIMITS.idPattern.test(f.id))
      at('id', 'Use 1-40 lowercase letters, digits, dashes or underscores.');
    else if (seen.has(f.id)) at('id', 'Another field already uses this id.');
    seen.add(f.id);
    const label = f.label.trim();
    if (!label) at('label', 'Give the field a label.');
    else if (label.length > FORM_LIMITS.maxLabel)
      at('label', `Keep the label to ${FORM_LIMITS.maxLabel} characters.`);
    if ((f.help ?? '').trim().length > FORM_LIMITS.maxHelp)
      at('help', `Keep the help text to ${FORM_LIMITS.maxHelp} characters.`);
    if (f.type === 'dropdown' || f.type === 'checkboxes') {
      if (f.options.length === 0) at('options', 'Add at least one option.');
      else if (f.options.length > FORM_LIMITS.maxOptions)
        at('options', `Offer at most ${FORM_LIMITS.maxOptions} options.`);
      else if (new Set(f.options).size !== f.options.length)
        at('options', 'Each option may appear only once.');
    }
    if (f.type === 'short_text' || f.type === 'long_text') {
      const max = FORM_LIMITS.text[f.type].max;
      if (
        f.maxLength === null ||
        !Number.isInteger(f.maxLength) ||
        f.maxLength < 1 ||
        f.maxLength > max
      )
        at('maxLength', `Enter a whole number from 1 to ${max}.`);
    }
    if (f.type === 'file') {
      if (f.accept.length === 0) at('accept', 'Accept at least one file type.');
      if (f.maxBytes === null || !(f.maxBytes > 0) || f.maxBytes > FORM_LIMITS.maxFileBytes)
        at('maxBytes', `Enter a size above 0 and up to ${formatBytes(FORM_LIMITS.maxFileBytes)}.`);
    }
  });
  return errors;
}

/** True when the attendee left `value` empty (an unchecked consent box counts as empty). */
function isEmpty(value: AnswerDraft | undefined): boolean {
  if (value === undefined || value === null || value === false) return true;
  if (typeof value === 'string') return value.trim() === '';
  if (Array.isArray(value)) return value.length === 0;
  return false;
}

/** True for an absolute http(s) URL with a host. */
function isWebUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
  } catch {
    return false;
  }
}

/**
 * The booking page's check of the answers, with the API's rules (required, lengths, options, phone
 * and URL shapes): a message (in the page's language) per field id that is wrong, nothing for the
 * right ones.
 *
 * @example
 * checkAnswers([{ ...newFormField('phone', []), id: 'phone', label: 'Phone' }], { phone: '12' });
 */
export function checkAnswers(
  fields: readonly FormField[],
  answers: Readonly<Record<string, AnswerDraft>>,
): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const f of fields) {
    const value = answers[f.id];
    if (isEmpty(value)) {
      if (f.required)
        errors[f.id] =
          f.type === 'checkbox'
            ? t('field.tickBox')
            : f.type === 'file'
              ? t('field.uploadRequired')
              : f.type === 'checkboxes'
                ? t('field.pickAtLeastOne')
                : t('field.required');
      continue;
    }
    if (typeof value === 'string') {
      const text = value.trim();
      if (f.maxLength !== null && text.length > f.maxLength)
        errors[f.id] = t('field.tooLong', { max: f.maxLength, length: text.length });
      else if (f.type === 'dropdown' && !f.options.includes(text))
        errors[f.id] = t('field.pickOne');
      else if (f.type === 'phone' && !FORM_LIMITS.phonePattern.test(text))
        errors[f.id] = phoneMessage();
      else if (f.type === 'url' && !isWebUrl(text)) errors[f.id] = t('field.url');
    } else if (Array.isArray(value)) {
      if (value.some((v) => !f.options.includes(v))) errors[f.id] = t('field.pickFromOptions');
    }
  }
  return errors;
}

/** What a phone answer must look like, with booking-core's length bounds. */
function phoneMessage(): string {
  return t('field.phone', { min: LIMITS.minPhoneLength, max: LIMITS.maxPhoneLength });
}

/**
 * The message of the one rule a field of this type has beyond being filled and its length, or
 * null for the text types (whose server issues can have several causes).
 */
function typeRuleMessage(type: FormFieldType): string | null {
  switch (type) {
    case 'dropdown':
      return t('field.pickOne');
    case 'checkboxes':
      return t('field.pickFromOptions');
    case 'checkbox':
      return t('field.tickBox');
    case 'phone':
      return phoneMessage();
    case 'url':
      return t('field.url');
    case 'file':
      return t('field.uploadAgain');
    default:
      return null;
  }
}

/**
 * The booking page's messages for the server's answer issues (`issuesByField(...).answers`), in
 * the page's language: the client's own message when its check of the current answer fails, else
 * the message of the field type's rule (a URL, a phone number, one of the options...), else the
 * server's text as it came (English), for the issues the page cannot tell apart.
 *
 * @example
 * answerIssueMessages([{ ...newFormField('url', []), id: 'site', label: 'Site' }], { site: 'x' }, { site: 'Invalid URL' });
 * // { site: 'Enter a full web address starting with http:// or https://.' }
 */
export function answerIssueMessages(
  fields: readonly FormField[],
  answers: Readonly<Record<string, AnswerDraft>>,
  serverIssues: Readonly<Record<string, string>>,
): Record<string, string> {
  const client = checkAnswers(fields, answers);
  const out: Record<string, string> = {};
  for (const [id, message] of Object.entries(serverIssues)) {
    const field = fields.find((f) => f.id === id);
    out[id] = client[id] ?? (field && typeRuleMessage(field.type)) ?? message;
  }
  return out;
}

/**
 * The booking's `answers` from what the attendee filled: trimmed text, picked options in the
 * field's order, the consent box, `{ uploadId }` for a file; empty answers left out.
 *
 * @example
 * answersPayload([{ ...newFormField('url', []), id: 'site', label: 'Site' }], { site: ' https://a.example ' });
 */
export function answersPayload(
  fields: readonly FormField[],
  answers: Readonly<Record<string, AnswerDraft>>,
): Record<string, AnswerValue> {
  const out: Record<string, AnswerValue> = {};
  for (const f of fields) {
    const value = answers[f.id];
    if (isEmpty(value) || value === undefined || value === null) {
      if (f.type === 'checkbox') out[f.id] = false;
      continue;
    }
    if (typeof value === 'string') out[f.id] = value.trim();
    else if (typeof value === 'boolean') out[f.id] = value;
    else if (Array.isArray(value)) out[f.id] = f.options.filter((o) => value.includes(o));
    else out[f.id] = { uploadId: value.id };
  }
  return out;
}

/**
 * The server's field-level errors by field id: `answers.<fieldId>` paths (a string or an array
 * path) become `<fieldId>`, other paths (`name`, `email`) keep their first segment; the first
 * message of a field wins.
 *
 * @example
 * issuesByField([{ path: 'answers.site', message: 'Not a URL' }]).answers.site; // 'Not a URL'
 */
export function issuesByField(
  issues: readonly { path: string | readonly (string | number)[]; message: string }[],
): { answers: Record<string, string>; other: Record<string, string> } {
  const answers: Record<string, string> = {};
  const other: Record<string, string> = {};
  for (const i of issues) {
    const parts = (
      Array.isArray(i.path) ? i.path.map(String) : String(i.path).split('.')
    ) as string[];
    if (parts[0] === 'answers' && parts[1] !== undefined) answers[parts[1]] ??= i.message;
    else if (parts.length) other[parts[parts.length - 1]!] ??= i.message;
  }
  return { answers, other };
}

/**
 * An answer as the dashboard writes it: options joined, Yes/No, a file's name and size.
 *
 * @example
 * answerText({ fieldId: 'ok', label: 'Consent', type: 'checkbox', value: true }); // 'Yes'
 */
export function answerText(answer: BookingAnswer): string {
  const v = answer.value;
  if (typeof v === 'boolean') return v ? 'Yes' : 'No';
  if (Array.isArray(v)) return v.join(', ');
  if (typeof v === 'string') return v;
  return `${v.filename} (${formatBytes(v.size)})`;
}

/**
 * The file kind of a picked file, from its MIME type, else its extension; null if none fits.
 *
 * @example
 * fileKindOf({ name: 'brief.PDF', type: '' }); // 'pdf'
 */
export function fileKindOf(file: { name: string; type: string }): FileKind | null {
  const ext = `.${file.name.split('.').pop()?.toLowerCase() ?? ''}`;
  for (const kind of FILE_KIND_IDS) {
    const accepted = FILE_KINDS[kind].accept.split(',');
    if ((file.type && accepted.includes(file.type)) || accepted.includes(ext)) return kind;
  }
  return null;
}

/**
 * The client's check of a picked file against its field (kind, then size) before uploading; the
 * upload route checks again. A message in the page's language, or null when the file may go.
 *
 * @example
 * checkFile(newFormField('file', []), { name: 'a.exe', size: 10, type: '' }); // 'This file type…'
 */
export function checkFile(
  field: FormField,
  file: { name: string; size: number; type: string },
): string | null {
  const kind = fileKindOf(file);
  if (kind === null || !field.accept.includes(kind))
    return t('field.typeNotAccepted', { kinds: fileKindList(field.accept) });
  if (field.maxBytes !== null && file.size > field.maxBytes)
    return t('field.fileTooLarge', {
      size: formatBytes(file.size),
      max: formatBytes(field.maxBytes),
    });
  if (file.size === 0) return t('field.fileEmpty');
  return null;
}

/**
 * The settings form's error key of an API issue path: `formFields.<index>.<property>` for a field's
 * property (deeper parts, like an option's index, dropped), else the first segment (`title`).
 *
 * @example
 * linkIssueKey(['formFields', 2, 'options', 0]); // 'formFields.2.options'
 */
export function linkIssueKey(path: string | readonly (string | number)[]): string {
  const parts = Array.isArray(path) ? path.map(String) : String(path).split('.');
  if (parts[0] === 'formFields' && parts.length >= 3) return parts.slice(0, 3).join('.');
  return parts[0] ?? '';
}
