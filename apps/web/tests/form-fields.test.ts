// Pre-meeting forms (pure helpers): the settings page's check of a link's fields, the booking
// page's check of the answers, the answers sent, the server's issue paths mapped back to fields,
// the file check before an upload and the dashboard's text of an answer.
import { describe, expect, it } from 'vitest';
import {
  FORM_FIELD_TYPES,
  FORM_LIMITS,
  answerText,
  answersPayload,
  checkAnswers,
  checkFile,
  checkFormFields,
  fileKindOf,
  formatBytes,
  issuesByField,
  linkIssueKey,
  moveFormField,
  newFormField,
  optionsFromText,
  withType,
  type FormField,
} from '../src/common/form-fields';

const MB = 1024 * 1024;

/** A valid field of `type` with the id `id` and the label `label`. */
function field(type: FormField['type'], id: string, extra: Partial<FormField> = {}): FormField {
  return { ...newFormField(type, []), id, label: `Label ${id}`, ...extra };
}

const every: FormField[] = [
  field('short_text', 'company', { required: true, maxLength: 10 }),
  field('long_text', 'agenda', { maxLength: 20 }),
  field('dropdown', 'size', { required: true, options: ['1-10', '11-50'] }),
  field('checkboxes', 'topics', { options: ['Pricing', 'Security', 'Onboarding'] }),
  field('checkbox', 'consent', { required: true }),
  field('phone', 'phone'),
  field('url', 'site'),
  field('file', 'brief', { accept: ['pdf', 'png'], maxBytes: 2 * MB }),
];

describe('newFormField and withType', () => {
  it('gives each type its defaults and a free id', () => {
    const taken = ['short_text-1'];
    const text = newFormField('short_text', taken);
    expect(text).toMatchObject({ id: 'short_text-2', maxLength: 200, options: [], accept: [] });
    expect(newFormField('long_text', []).maxLength).toBe(2000);
    expect(newFormField('dropdown', []).options.length).toBeGreaterThan(0);
    expect(newFormField('file', [])).toMatchObject({ maxBytes: 5 * MB, maxLength: null });
    expect(newFormField('file', []).accept.length).toBeGreaterThan(0);
    for (const { type } of FORM_FIELD_TYPES)
      expect(FORM_LIMITS.idPattern.test(newFormField(type, []).id)).toBe(true);
  });

  it('clears what the new type does not use and keeps the rest', () => {
    const dropdown = field('dropdown', 'q', { options: ['A', 'B'], required: true });
    const text = withType(dropdown, 'short_text');
    expect(text).toMatchObject({ type: 'short_text', options: [], maxLength: 200, required: true });
    expect(withType(text, 'phone')).toMatchObject({ maxLength: null, accept: [], maxBytes: null });
    // A long limit is cut to the short type's maximum.
    expect(withType(field('long_text', 'l', { maxLength: 3000 }), 'short_text').maxLength).toBe(
      500,
    );
  });
});

describe('moveFormField and optionsFromText', () => {
  it('moves up and down and stays put at either end', () => {
    const [a, b, c] = every;
    expect(moveFormField([a!, b!, c!], 1, -1).map((f) => f.id)).toEqual([b!.id, a!.id, c!.id]);
    expect(moveFormField([a!, b!, c!], 1, 1).map((f) => f.id)).toEqual([a!.id, c!.id, b!.id]);
    expect(moveFormField([a!, b!], 0, -1).map((f) => f.id)).toEqual([a!.id, b!.id]);
    expect(moveFormField([a!, b!], 1, 1).map((f) => f.id)).toEqual([a!.id, b!.id]);
  });

  it('reads one option per line, trimmed, blank lines dropped', () => {
    expect(optionsFromText(' Red \n\nGreen\n  \nBlue\n')).toEqual(['Red', 'Green', 'Blue']);
  });
});

describe('checkFormFields', () => {
  it('accepts every type with valid settings', () => {
    expect(checkFormFields(every)).toEqual({});
  });

  it('flags each broken rule at the API path of the property', () => {
    const errors = checkFormFields([
      field('short_text', 'Bad Id', { label: ' ' }),
      field('long_text', 'long', { maxLength: 5001, help: 'x'.repeat(FORM_LIMITS.maxHelp + 1) }),
      field('dropdown', 'drop', { options: ['A', 'A'] }),
      field('checkboxes', 'boxes', { options: [] }),
      field('file', 'file', { accept: [], maxBytes: 26 * MB }),
      field('phone', 'long'),
    ]);
    expect(Object.keys(errors).sort()).toEqual([
      'formFields.0.id',
      'formFields.0.label',
      'formFields.1.help',
      'formFields.1.maxLength',
      'formFields.2.options',
      'formFields.3.options',
      'formFields.4.accept',
      'formFields.4.maxBytes',
      'formFields.5.id',
    ]);
    expect(errors['formFields.5.id']).toMatch(/already/);
  });

  it('allows at most 30 fields and 50 options', () => {
    const many = Array.from({ length: 31 }, (_, i) => field('phone', `p${i}`));
    expect(checkFormFields(many).formFields).toMatch(/30/);
    const options = Array.from({ length: 51 }, (_, i) => `o${i}`);
    expect(checkFormFields([field('dropdown', 'd', { options })])['formFields.0.options']).toMatch(
      /50/,
    );
  });
});

describe('checkAnswers', () => {
  const good = {
    company: 'Acme',
    agenda: '',
    size: '1-10',
    topics: ['Security'],
    consent: true,
    phone: '+49 (30) 123-45.6',
    site: 'https://acme.example',
    brief: { id: 'u1', filename: 'brief.pdf', kind: 'pdf', size: 1000 },
  };

  it('accepts valid answers and leaves optional fields empty', () => {
    expect(checkAnswers(every, good)).toEqual({});
    expect(checkAnswers(every, { company: 'Acme', size: '11-50', consent: true })).toEqual({});
  });

  it('asks for every required field, an unticked consent box included', () => {
    expect(Object.keys(checkAnswers(every, { company: '  ', consent: false })).sort()).toEqual([
      'company',
      'consent',
      'size',
    ]);
  });

  it('checks lengths, options, phone and URL shapes', () => {
    const errors = checkAnswers(every, {
      ...good,
      company: 'x'.repeat(11),
      size: 'Huge',
      topics: ['Gossip'],
      phone: '12-34',
      site: 'ftp://acme.example',
    });
    expect(Object.keys(errors).sort()).toEqual(['company', 'phone', 'site', 'size', 'topics']);
    expect(errors.company).toMatch(/10 characters/);
    expect(checkAnswers(every, { ...good, phone: '1'.repeat(21) }).phone).toBeDefined();
    expect(checkAnswers(every, { ...good, phone: '555 0100' }).phone).toBeUndefined();
    expect(checkAnswers(every, { ...good, site: 'acme.example' }).site).toBeDefined();
    expect(
      checkAnswers(every, { ...good, site: 'http://acme.example/x?y=1' }).site,
    ).toBeUndefined();
  });
});

describe('answersPayload', () => {
  it('sends trimmed text, options in the form order, the consent box and the upload id', () => {
    expect(
      answersPayload(every, {
        company: ' Acme ',
        agenda: '   ',
        size: '1-10',
        topics: ['Onboarding', 'Pricing'],
        consent: true,
        brief: { id: 'u1', filename: 'brief.pdf', kind: 'pdf', size: 1000 },
      }),
    ).toEqual({
      company: 'Acme',
      size: '1-10',
      topics: ['Pricing', 'Onboarding'],
      consent: true,
      brief: { uploadId: 'u1' },
    });
  });

  it('sends an unticked consent box as false and leaves other empty answers out', () => {
    expect(answersPayload(every, { topics: [], brief: null })).toEqual({ consent: false });
  });
});

describe('issuesByField and linkIssueKey', () => {
  it('maps answers.<id> paths (string or array) to the field, name and email apart', () => {
    expect(
      issuesByField([
        { path: 'answers.company', message: 'Too long' },
        { path: ['answers', 'site'], message: 'Not a URL' },
        { path: 'answers.company', message: 'Second message' },
        { path: 'email', message: 'Enter an email' },
        { path: ['attendee', 'name'], message: 'Enter a name' },
        // A field named like a built-in stays an answer.
        { path: 'answers.name', message: 'Answer me' },
      ]),
    ).toEqual({
      answers: { company: 'Too long', site: 'Not a URL', name: 'Answer me' },
      other: { email: 'Enter an email', name: 'Enter a name' },
    });
  });

  it('keys a link issue by field and property, others by their first segment', () => {
    expect(linkIssueKey('formFields.2.label')).toBe('formFields.2.label');
    expect(linkIssueKey(['formFields', 3, 'options', 1])).toBe('formFields.3.options');
    expect(linkIssueKey('formFields')).toBe('formFields');
    expect(linkIssueKey(['weeklyHours', 'monday', 0])).toBe('weeklyHours');
    expect(linkIssueKey('title')).toBe('title');
  });
});

describe('files', () => {
  const brief = every[7]!;

  it('knows a file kind by MIME type or extension', () => {
    expect(fileKindOf({ name: 'a.PDF', type: '' })).toBe('pdf');
    expect(fileKindOf({ name: 'photo', type: 'image/jpeg' })).toBe('jpeg');
    expect(fileKindOf({ name: 'photo.jpg', type: '' })).toBe('jpeg');
    expect(fileKindOf({ name: 'run.exe', type: 'application/x-msdownload' })).toBeNull();
  });

  it('refuses a kind the field does not accept, a file over its size and an empty file', () => {
    expect(checkFile(brief, { name: 'a.pdf', type: 'application/pdf', size: 1000 })).toBeNull();
    expect(checkFile(brief, { name: 'a.gif', type: 'image/gif', size: 1000 })).toMatch(/PDF, PNG/);
    expect(checkFile(brief, { name: 'a.png', type: 'image/png', size: 3 * MB })).toMatch(/2 MB/);
    expect(checkFile(brief, { name: 'a.png', type: 'image/png', size: 0 })).toMatch(/empty/);
  });

  it('formats sizes', () => {
    expect(formatBytes(5 * MB)).toBe('5 MB');
    expect(formatBytes(1.5 * MB)).toBe('1.5 MB');
    expect(formatBytes(2048)).toBe('2 KB');
    expect(formatBytes(12)).toBe('12 B');
  });
});

describe('answerText', () => {
  it('writes options joined, Yes/No and a file with its size', () => {
    const base = { fieldId: 'f', label: 'L' };
    expect(answerText({ ...base, type: 'checkboxes', value: ['A', 'B'] })).toBe('A, B');
    expect(answerText({ ...base, type: 'checkbox', value: true })).toBe('Yes');
    expect(answerText({ ...base, type: 'checkbox', value: false })).toBe('No');
    expect(answerText({ ...base, type: 'short_text', value: 'Hi' })).toBe('Hi');
    expect(
      answerText({
        ...base,
        type: 'file',
        value: { uploadId: 'u', filename: 'a.pdf', kind: 'pdf', size: 2048 },
      }),
    ).toBe('a.pdf (2 KB)');
  });
});
