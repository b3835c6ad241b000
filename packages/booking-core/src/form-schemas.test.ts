import { describe, expect, it } from 'vitest';
import type { FormField, FormFieldType } from './domain.js';
import { FORM_LIMITS } from './limits.js';
import { createLinkInputSchema, formAnswersSchema, formFieldSchema } from './schemas.js';
import { parseInput } from './validation.js';

/** A field of `type` with the defaults `formFieldSchema` fills in. */
const field = (type: FormFieldType, extra: Record<string, unknown> = {}): FormField =>
  formFieldSchema.parse({ id: 'f', type, label: 'Field', ...extra });

/** The `{ path, message }` issues of parsing `answers` against `fields`, as `book` reports them. */
function issues(fields: readonly FormField[], answers: unknown) {
  try {
    parseInput(formAnswersSchema(fields), answers);
  } catch (error) {
    return (error as { details: { path: string; message: string }[] }).details;
  }
  return [];
}

const parse = (fields: readonly FormField[], answers: unknown) =>
  formAnswersSchema(fields).parse(answers);

describe('formFieldSchema', () => {
  it('fills in the defaults of each type', () => {
    expect(field('short_text')).toEqual({
      id: 'f',
      type: 'short_text',
      label: 'Field',
      help: null,
      required: false,
      options: [],
      maxLength: FORM_LIMITS.defaultShortTextLength,
      accept: [],
      maxBytes: null,
    });
    expect(field('long_text').maxLength).toBe(FORM_LIMITS.defaultLongTextLength);
    expect(field('file', { accept: ['pdf'] })).toMatchObject({
      maxLength: null,
      maxBytes: FORM_LIMITS.defaultFileBytes,
    });
    expect(field('phone')).toMatchObject({ maxLength: null, maxBytes: null });
    expect(field('url', { help: '' }).help).toBeNull();
  });

  it.each([
    [{ type: 'dropdown' }, 'options', 'must list at least one option'],
    [{ type: 'checkboxes', options: ['a', 'a'] }, 'options', 'must be distinct'],
    [
      { type: 'short_text', options: ['a'] },
      'options',
      'only dropdown and checkboxes fields have options',
    ],
    [{ type: 'short_text', maxLength: 501 }, 'maxLength', 'must be at most 500'],
    [{ type: 'long_text', maxLength: 5001 }, 'maxLength', 'must be at most 5000'],
    [{ type: 'phone', maxLength: 10 }, 'maxLength', 'only text fields have a maximum length'],
    [{ type: 'file' }, 'accept', 'must list at least one file kind'],
    [{ type: 'url', accept: ['pdf'] }, 'accept', 'only file fields accept files'],
    [{ type: 'checkbox', maxBytes: 10 }, 'maxBytes', 'only file fields have a maximum size'],
  ])('refuses %o at %s', (extra, path, message) => {
    const result = formFieldSchema.safeParse({ id: 'f', label: 'Field', ...extra });
    expect(result.success).toBe(false);
    expect(result.error?.issues).toContainEqual(expect.objectContaining({ path: [path], message }));
  });

  it('refuses bad ids, unknown kinds, oversize files and unknown keys', () => {
    const bad = (input: Record<string, unknown>) =>
      formFieldSchema.safeParse({ type: 'short_text', label: 'L', id: 'f', ...input }).success;
    expect(bad({ id: 'Has Space' })).toBe(false);
    expect(bad({ id: 'x'.repeat(41) })).toBe(false);
    expect(bad({ id: 'ok_id-2' })).toBe(true);
    expect(bad({ type: 'file', accept: ['exe'] })).toBe(false);
    expect(bad({ type: 'file', accept: ['pdf'], maxBytes: FORM_LIMITS.maxFileBytes + 1 })).toBe(
      false,
    );
    expect(bad({ placeholder: 'x' })).toBe(false);
    expect(bad({ label: 'two\nlines' })).toBe(false);
  });

  it('a link’s form has at most 30 fields with distinct ids', () => {
    const f = { id: 'same', type: 'short_text', label: 'L' };
    expect(() => parseInput(createLinkInputSchema, { title: 'T', formFields: [f, f] })).toThrow(
      expect.objectContaining({
        details: [{ path: 'formFields[1].id', message: 'must be unique in the form' }],
      }),
    );
    const many = Array.from({ length: FORM_LIMITS.maxFields + 1 }, (_, i) => ({
      ...f,
      id: `f${i}`,
    }));
    expect(createLinkInputSchema.safeParse({ title: 'T', formFields: many }).success).toBe(false);
    expect(createLinkInputSchema.parse({ title: 'T' }).formFields).toEqual([]);
  });
});

describe('formAnswersSchema', () => {
  it('short_text: trimmed, at most maxLength, one line', () => {
    const fields = [field('short_text', { required: true, maxLength: 5 })];
    expect(parse(fields, { f: '  Acme ' })).toEqual({ f: 'Acme' });
    expect(issues(fields, { f: 'Acmeco' })).toEqual([
      { path: 'f', message: 'Use at most 5 characters' },
    ]);
    expect(issues(fields, { f: 'a\nb' })).toEqual([{ path: 'f', message: 'Use a single line' }]);
    expect(issues(fields, { f: '   ' })).toEqual([{ path: 'f', message: 'Required' }]);
    expect(issues(fields, {})).toEqual([{ path: 'f', message: 'Required' }]);
    expect(issues(fields, { f: 42 })).toEqual([{ path: 'f', message: 'Enter text' }]);
  });

  it('long_text: line breaks allowed, at most maxLength', () => {
    const fields = [field('long_text', { maxLength: 10 })];
    expect(parse(fields, { f: 'one\ntwo' })).toEqual({ f: 'one\ntwo' });
    expect(issues(fields, { f: 'x'.repeat(11) })).toEqual([
      { path: 'f', message: 'Use at most 10 characters' },
    ]);
  });

  it('dropdown: one of the options', () => {
    const fields = [field('dropdown', { required: true, options: ['Small', 'Large'] })];
    expect(parse(fields, { f: 'Large' })).toEqual({ f: 'Large' });
    expect(issues(fields, { f: 'Medium' })).toEqual([
      { path: 'f', message: 'Choose one of the options' },
    ]);
    expect(issues(fields, { f: ['Large'] })).toEqual([
      { path: 'f', message: 'Choose one of the options' },
    ]);
  });

  it('checkboxes: a subset of the options, kept in option order', () => {
    const fields = [field('checkboxes', { required: true, options: ['A', 'B', 'C'] })];
    expect(parse(fields, { f: ['C', 'A', 'C'] })).toEqual({ f: ['A', 'C'] });
    expect(issues(fields, { f: ['A', 'Z'] })).toEqual([
      { path: 'f', message: 'Choose only from the options' },
    ]);
    expect(issues(fields, { f: [] })).toEqual([{ path: 'f', message: 'Required' }]);
    expect(issues(fields, { f: 'A' })).toEqual([{ path: 'f', message: 'Choose from the options' }]);
  });

  it('checkbox: a required one must be ticked; an unticked optional one is absent', () => {
    const consent = [field('checkbox', { required: true })];
    expect(parse(consent, { f: true })).toEqual({ f: true });
    expect(issues(consent, { f: false })).toEqual([{ path: 'f', message: 'Required' }]);
    expect(issues(consent, {})).toEqual([{ path: 'f', message: 'Required' }]);
    expect(issues(consent, { f: 'yes' })).toEqual([
      { path: 'f', message: 'Tick the box or leave it empty' },
    ]);
    expect(parse([field('checkbox')], { f: false })).toEqual({});
  });

  it('phone: 7-20 characters of digits, spaces and + ( ) - .', () => {
    const fields = [field('phone')];
    expect(parse(fields, { f: ' +49 (30) 123-45.6 ' })).toEqual({ f: '+49 (30) 123-45.6' });
    expect(issues(fields, { f: '12345' })).toEqual([
      { path: 'f', message: 'Enter a phone number of at least 7 characters' },
    ]);
    expect(issues(fields, { f: '1'.repeat(21) })).toEqual([
      { path: 'f', message: 'Enter a phone number of at most 20 characters' },
    ]);
    expect(issues(fields, { f: '555-CALL-ME' })).toEqual([
      { path: 'f', message: 'Use digits, spaces and + ( ) - . only' },
    ]);
  });

  it('url: http or https only', () => {
    const fields = [field('url')];
    expect(parse(fields, { f: ' https://acme.example/about ' })).toEqual({
      f: 'https://acme.example/about',
    });
    for (const bad of ['javascript:alert(1)', 'ftp://acme.example', 'not a url'])
      expect(issues(fields, { f: bad })).toEqual([
        { path: 'f', message: 'Enter a web address starting with http:// or https://' },
      ]);
  });

  it('file: { uploadId } only', () => {
    const fields = [field('file', { required: true, accept: ['pdf'] })];
    expect(parse(fields, { f: { uploadId: 'up_1' } })).toEqual({ f: { uploadId: 'up_1' } });
    expect(issues(fields, { f: 'up_1' })).toEqual([
      { path: 'f', message: 'Upload the file again' },
    ]);
    expect(issues(fields, { f: { uploadId: 'up_1', size: 1 } })).toHaveLength(1);
    expect(issues(fields, {})).toEqual([{ path: 'f', message: 'Required' }]);
  });

  it('leaves empty optional answers out, refuses unknown keys and reports every field', () => {
    const fields = [
      field('short_text', { id: 'a' }),
      field('url', { id: 'b', required: true }),
      field('dropdown', { id: 'c', options: ['x'] }),
    ];
    expect(parse(fields, { a: '', b: 'https://x.example', c: null })).toEqual({
      b: 'https://x.example',
    });
    expect(issues(fields, { a: 'x'.repeat(201), typo: 1, c: 'y' })).toEqual([
      { path: 'a', message: 'Use at most 200 characters' },
      { path: 'b', message: 'Required' },
      { path: 'c', message: 'Choose one of the options' },
      { path: 'typo', message: 'Not a field of this form' },
    ]);
    expect(parse([], {})).toEqual({});
  });
});
