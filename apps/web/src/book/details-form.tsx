import { useEffect, useRef, useState } from 'preact/hooks';
import type { FieldIssue } from '../common/api';
import { FormFieldInputs, fieldDomId, type UploadFile } from '../common/form-field-inputs';
import {
  answerIssueMessages,
  checkAnswers,
  issuesByField,
  type AnswerDraft,
  type FormField,
} from '../common/form-fields';
import { t } from '../common/i18n';

interface Props {
  initialName: string;
  initialEmail: string;
  submitting: boolean;
  issues: FieldIssue[];
  /** The link's pre-meeting form (may be empty), asked after name and email. */
  fields: readonly FormField[];
  /** The answers so far, kept by the page so nothing typed is lost. */
  answers: Readonly<Record<string, AnswerDraft>>;
  onAnswer(fieldId: string, value: AnswerDraft): void;
  upload: UploadFile;
  onBack(): void;
  onSubmit(name: string, email: string): void;
}

/** Name, email and the link's form fields, then "Confirm booking". */
export function DetailsForm(p: Props) {
  const [name, setName] = useState(p.initialName);
  const [email, setEmail] = useState(p.initialEmail);
  /** The client's check of the answers at the last submit (the server checks again). */
  const [checked, setChecked] = useState<Record<string, string>>({});
  /** A file is being uploaded: booking waits for it. */
  const [uploading, setUploading] = useState(false);
  const first = useRef<HTMLInputElement>(null);
  useEffect(() => {
    (name
      ? first.current?.form?.querySelector<HTMLInputElement>('#email')
      : first.current
    )?.focus();
  }, []);
  const server = issuesByField(p.issues);
  const contact = contactProblems(name, email);
  // The server's issues in the page's language where a client rule explains them, else as sent.
  const nameError = server.other.name && (contact.name ?? server.other.name);
  const emailError = server.other.email && (contact.email ?? server.other.email);
  const answerErrors = {
    ...answerIssueMessages(p.fields, p.answers, server.answers),
    ...checked,
  };
  // Server errors arrive after a submit: move focus to the first field they name.
  useEffect(() => {
    const firstBad = p.fields.find((f) => server.answers[f.id]);
    if (firstBad) focusField(firstBad.id);
  }, [p.issues]);
  return (
    <form
      class="stack"
      onSubmit={(e) => {
        e.preventDefault();
        const errors = checkAnswers(p.fields, p.answers);
        setChecked(errors);
        const firstBad = p.fields.find((f) => errors[f.id]);
        if (firstBad) {
          focusField(firstBad.id);
          return;
        }
        p.onSubmit(name.trim(), email.trim());
      }}
    >
      <div class="field">
        <label for="name">{t('details.name')}</label>
        <input
          id="name"
          ref={first}
          required
          autoComplete="name"
          value={name}
          aria-invalid={nameError ? true : undefined}
          aria-describedby={nameError ? 'name-error' : undefined}
          onInput={(e) => setName((e.currentTarget as HTMLInputElement).value)}
        />
        {nameError && (
          <span id="name-error" class="field-error">
            {nameError}
          </span>
        )}
      </div>
      <div class="field">
        <label for="email">{t('details.email')}</label>
        <input
          id="email"
          type="email"
          required
          autoComplete="email"
          value={email}
          aria-invalid={emailError ? true : undefined}
          aria-describedby={emailError ? 'email-error' : undefined}
          onInput={(e) => setEmail((e.currentTarget as HTMLInputElement).value)}
        />
        {emailError && (
          <span id="email-error" class="field-error">
            {emailError}
          </span>
        )}
      </div>
      {p.fields.length > 0 && (
        <FormFieldInputs
          fields={p.fields}
          values={p.answers}
          errors={answerErrors}
          idPrefix={ANSWER_ID_PREFIX}
          onChange={(id, value) => {
            setChecked(({ [id]: _, ...rest }) => rest);
            p.onAnswer(id, value);
          }}
          upload={p.upload}
          onUploading={setUploading}
        />
      )}
      {Object.keys(answerErrors).length > 0 && (
        <p class="error" role="alert" data-testid="answers-error">
          {t('details.checkAnswers')}
        </p>
      )}
      <div class="row">
        <button type="submit" class="primary" disabled={p.submitting || uploading}>
          {p.submitting ? t('details.booking') : t('details.confirm')}
        </button>
        <button type="button" onClick={p.onBack}>
          {t('details.back')}
        </button>
      </div>
    </form>
  );
}

/** An address the server's email check can accept: something@domain.tld, no spaces. */
const EMAIL_SHAPE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * The client's rules for name and email (the browser's `required` and `type=email` come first), in
 * the page's language: used to word the server's issues for these fields.
 */
function contactProblems(name: string, email: string): { name?: string; email?: string } {
  return {
    name: name.trim() === '' ? t('details.nameRequired') : undefined,
    email: EMAIL_SHAPE.test(email.trim()) ? undefined : t('details.emailInvalid'),
  };
}

/** Prefix of the form fields' element ids on the booking page (`answer-<fieldId>`). */
const ANSWER_ID_PREFIX = 'answer-';

/** Focuses a field's input (or the first box of a checkbox group). */
function focusField(fieldId: string): void {
  const id = fieldDomId(ANSWER_ID_PREFIX, fieldId);
  const el = document.getElementById(`${id}-0`) ?? document.getElementById(id);
  el?.focus();
}
