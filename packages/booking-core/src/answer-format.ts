import type { FileAnswer, FormAnswer } from './domain.js';

/**
 * A file size for people: bytes under 1 KB, then KB and MB with at most one decimal (1 KB =
 * 1024 bytes).
 *
 * @example
 * ```ts
 * import { formatFileSize } from '@workestra/booking-core';
 * formatFileSize(48_213); // '47.1 KB'
 * formatFileSize(5 * 1024 * 1024); // '5 MB'
 * ```
 */
export function formatFileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const [value, unit] = bytes < 1024 * 1024 ? [bytes / 1024, 'KB'] : [bytes / 1024 / 1024, 'MB'];
  return `${Number(value.toFixed(1))} ${unit}`;
}

/**
 * One stored answer as text, the same in every place that shows answers (host email, CRM note):
 * text as given, chosen options joined with ", ", a checkbox as "Yes" or "No", a file as its name
 * and size.
 *
 * @example
 * ```ts
 * import { formatAnswerValue } from '@workestra/booking-core';
 * formatAnswerValue({ fieldId: 'topics', label: 'Topics', type: 'checkboxes', value: ['Pricing', 'Security'] }); // 'Pricing, Security'
 * formatAnswerValue({ fieldId: 'brief', label: 'Brief', type: 'file', value: { uploadId: 'up_1', filename: 'brief.pdf', kind: 'pdf', size: 48_213 } }); // 'brief.pdf (47.1 KB)'
 * ```
 */
export function formatAnswerValue(answer: FormAnswer): string {
  const { value } = answer;
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? 'Yes' : 'No';
  if (Array.isArray(value)) return value.join(', ');
  const file = value as FileAnswer;
  return `${file.filename} (${formatFileSize(file.size)})`;
}

/**
 * A booking's answers as "Label: value" lines (see {@link formatAnswerValue}), in the form's order;
 * `[]` for none. What the host's email and the CRM note show.
 *
 * @example
 * ```ts
 * import { formatAnswerLines } from '@workestra/booking-core';
 * formatAnswerLines([{ fieldId: 'company', label: 'Company', type: 'short_text', value: 'Acme' }]); // ['Company: Acme']
 * ```
 */
export function formatAnswerLines(answers: readonly FormAnswer[]): string[] {
  return answers.map((a) => `${a.label}: ${formatAnswerValue(a)}`);
}
