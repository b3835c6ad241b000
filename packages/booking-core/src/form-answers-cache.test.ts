import { describe, expect, it } from 'vitest';
import type { FormField } from './domain.js';
import { BookingError } from './errors.js';
import { parseAnswers } from './form-answers.js';

const field = (overrides: Partial<FormField> = {}): FormField => ({
  id: 'company',
  type: 'short_text',
  label: 'Company',
  help: null,
  required: true,
  options: [],
  maxLength: 10,
  accept: [],
  maxBytes: null,
  ...overrides,
});

const refused = (fields: FormField[], answers: Record<string, unknown>) => {
  try {
    parseAnswers({ formFields: fields }, answers);
    return null;
  } catch (error) {
    expect(error).toBeInstanceOf(BookingError);
    return (error as BookingError).code;
  }
};

describe('parseAnswers with the schemas it keeps', () => {
  it('checks answers against the form as it is now, whatever it checked before', () => {
    expect(refused([field()], {})).toBe('VALIDATION_FAILED');
    // The same field made optional: the kept schema of the required one must not be used.
    expect(refused([field({ required: false })], {})).toBeNull();
    expect(refused([field()], {})).toBe('VALIDATION_FAILED');
    expect(refused([field()], { company: 'Acme' })).toBeNull();
    expect(refused([field({ maxLength: 3 })], { company: 'Acme' })).toBe('VALIDATION_FAILED');
    expect(refused([field()], { company: 'Acme' })).toBeNull();
    expect(parseAnswers({ formFields: [field()] }, { company: ' Acme ' })).toEqual({
      company: 'Acme',
    });
  });
});
