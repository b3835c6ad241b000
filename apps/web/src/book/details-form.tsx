import { useEffect, useRef, useState } from 'preact/hooks';
import type { FieldIssue } from '../common/api';

interface Props {
  initialName: string;
  initialEmail: string;
  submitting: boolean;
  issues: FieldIssue[];
  onBack(): void;
  onSubmit(name: string, email: string): void;
}

function issueFor(issues: FieldIssue[], field: string): string | undefined {
  return issues.find((i) => {
    const path = Array.isArray(i.path) ? i.path.join('.') : i.path;
    return path === field || path.endsWith(`.${field}`);
  })?.message;
}

/** Name and email, then "Confirm booking". */
export function DetailsForm(p: Props) {
  const [name, setName] = useState(p.initialName);
  const [email, setEmail] = useState(p.initialEmail);
  const first = useRef<HTMLInputElement>(null);
  useEffect(() => {
    (name
      ? first.current?.form?.querySelector<HTMLInputElement>('#email')
      : first.current
    )?.focus();
  }, []);
  const nameError = issueFor(p.issues, 'name');
  const emailError = issueFor(p.issues, 'email');
  return (
    <form
      class="stack"
      onSubmit={(e) => {
        e.preventDefault();
        p.onSubmit(name.trim(), email.trim());
      }}
    >
      <div class="field">
        <label for="name">Your name</label>
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
        <label for="email">Email</label>
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
      <div class="row">
        <button type="submit" class="primary" disabled={p.submitting}>
          {p.submitting ? 'Booking…' : 'Confirm booking'}
        </button>
        <button type="button" onClick={p.onBack}>
          Back
        </button>
      </div>
    </form>
  );
}
