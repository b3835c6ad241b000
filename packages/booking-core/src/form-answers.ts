import { z } from 'zod';
import type { BookingLink, FileAnswer, FormAnswer, FormField } from './domain.js';
import { BookingError, type ValidationIssue } from './errors.js';
import type { StoreTx } from './ports.js';
import { formAnswersSchema } from './schemas.js';
import { parseInput } from './validation.js';

/** The answers of one booking request once checked against a form: values by field id. */
export type ParsedAnswers = z.output<ReturnType<typeof formAnswersSchema>>;

/**
 * Checks a booking request's `answers` against a link's form, or throws `VALIDATION_FAILED` with
 * one issue per field at `answers.<fieldId>`.
 */
export function parseAnswers(
  link: Pick<BookingLink, 'formFields'>,
  answers: Readonly<Record<string, unknown>>,
): ParsedAnswers {
  return parseInput(answersInputSchema(link.formFields), { answers }).answers;
}

type AnswersInputSchema = z.ZodObject<{ answers: ReturnType<typeof formAnswersSchema> }>;

/** How many forms' schemas are kept (the least recently built dropped first). */
const MAX_CACHED_FORMS = 256;
/** Built answer schemas by their form's definition (as JSON): equal forms check alike. */
const answersInputSchemas = new Map<string, AnswersInputSchema>();

/**
 * The schema of `{ answers }` for a form. Building one costs more than checking answers with it,
 * and every booking checks its answers twice (before the lock and inside it): schemas are kept by
 * the form's definition itself, so a changed form can never be checked with an old schema.
 */
function answersInputSchema(fields: BookingLink['formFields']): AnswersInputSchema {
  const key = JSON.stringify(fields);
  let schema = answersInputSchemas.get(key);
  if (schema === undefined) {
    schema = z.object({ answers: formAnswersSchema(fields) });
    answersInputSchemas.set(key, schema);
    if (answersInputSchemas.size > MAX_CACHED_FORMS) {
      answersInputSchemas.delete(answersInputSchemas.keys().next().value as string);
    }
  }
  return schema;
}

/** The refusal of a file answer whose upload cannot be used. */
const UPLOAD_AGAIN = 'Upload the file again';

/**
 * Inside the booking transaction: the answers' snapshot in the form's field order (labels and
 * types from `link` as it is now, each file answer resolved to its upload) and the uploads to
 * attach. A file answer's upload must be of this workspace, link and field, not attached yet, of a
 * kind and size the field accepts; otherwise `VALIDATION_FAILED` on `answers.<fieldId>`.
 */
export async function answersSnapshot(
  tx: StoreTx,
  link: BookingLink,
  parsed: ParsedAnswers,
): Promise<{ answers: FormAnswer[]; uploadIds: string[] }> {
  const answers: FormAnswer[] = [];
  const uploadIds: string[] = [];
  const issues: ValidationIssue[] = [];
  for (const field of link.formFields) {
    const value = parsed[field.id];
    if (value === undefined) continue;
    const base = { fieldId: field.id, label: field.label, type: field.type };
    if (field.type !== 'file') {
      answers.push({ ...base, value: value as FormAnswer['value'] });
      continue;
    }
    const { uploadId } = value as { uploadId: string };
    const file = await usableUpload(tx, link, field, uploadId);
    if (typeof file === 'string') issues.push({ path: `answers.${field.id}`, message: file });
    else {
      answers.push({ ...base, value: file });
      uploadIds.push(uploadId);
    }
  }
  if (issues.length > 0) throw new BookingError('VALIDATION_FAILED', { details: issues });
  return { answers, uploadIds };
}

/** The upload as a file answer, or why it cannot be one. */
async function usableUpload(
  tx: StoreTx,
  link: BookingLink,
  field: FormField,
  uploadId: string,
): Promise<FileAnswer | string> {
  const upload = await tx.findUpload(link.workspaceId, uploadId);
  if (
    upload === null ||
    upload.linkId !== link.id ||
    upload.fieldId !== field.id ||
    upload.bookingId !== null
  )
    return UPLOAD_AGAIN;
  if (!field.accept.includes(upload.kind)) return 'Upload a file of an accepted type';
  if (field.maxBytes !== null && upload.size > field.maxBytes) return 'Upload a smaller file';
  return { uploadId: upload.id, filename: upload.filename, kind: upload.kind, size: upload.size };
}

/**
 * Attaches each upload of a new booking's file answers to it; `VALIDATION_FAILED` on the field
 * ("Upload the file again") when one was attached meanwhile, which rolls the booking back.
 */
export async function attachAnswerUploads(
  tx: StoreTx,
  workspaceId: string,
  bookingId: string,
  answers: readonly FormAnswer[],
): Promise<void> {
  for (const answer of answers) {
    if (answer.type !== 'file') continue;
    const { uploadId } = answer.value as FileAnswer;
    if (!(await tx.attachUpload(workspaceId, uploadId, bookingId)))
      throw new BookingError('VALIDATION_FAILED', {
        details: [{ path: `answers.${answer.fieldId}`, message: UPLOAD_AGAIN }],
      });
  }
}
