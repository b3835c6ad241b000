// The allowed-sites textarea of the embed settings page, one site per line: which lines are
// entries, what is wrong with each (the server's rules, from booking-core), and which line a
// server issue points at.
import { EMBED_LIMITS, embedDomainProblem } from '@workestra/booking-core/embed';
import type { FieldIssue } from '../common/api';

/** A non-blank line of the textarea: its 1-based number and trimmed text. */
export interface DomainLine {
  line: number;
  entry: string;
}

/** A problem of one line (or of the whole list when `line` is null). */
export interface DomainProblem {
  line: number | null;
  message: string;
}

/**
 * The textarea's entries, blank lines skipped.
 *
 * @example
 * ```ts
 * domainLines('example.com\n\n*.example.org'); // [{ line: 1, entry: 'example.com' }, { line: 3, entry: '*.example.org' }]
 * ```
 */
export function domainLines(text: string): DomainLine[] {
  return text
    .split('\n')
    .map((raw, i) => ({ line: i + 1, entry: raw.trim() }))
    .filter((l) => l.entry !== '');
}

/**
 * Every problem of the textarea, in line order: each invalid line, and too many sites.
 *
 * @example
 * ```ts
 * domainProblems('example.com\nexample.com/pricing');
 * // [{ line: 2, message: 'Write a site as host, host:port or https://host, without a path.' }]
 * ```
 */
export function domainProblems(text: string): DomainProblem[] {
  const lines = domainLines(text);
  const problems: DomainProblem[] = [];
  for (const { line, entry } of lines) {
    const message = embedDomainProblem(entry);
    if (message) problems.push({ line, message });
  }
  if (lines.length > EMBED_LIMITS.maxDomains)
    problems.push({
      line: null,
      message: `List at most ${EMBED_LIMITS.maxDomains} sites (there are ${lines.length}).`,
    });
  return problems;
}

/** "Line 2: …", or the message alone for the whole list. */
export function problemText(problem: DomainProblem): string {
  return problem.line === null ? problem.message : `Line ${problem.line}: ${problem.message}`;
}

/**
 * The server's issues about `embedDomains` as problems of the lines that were sent. The server
 * names an entry by its index (`embedDomains.2`, `embedDomains[2]` or `['embedDomains', 2]`);
 * an issue about the list itself has no line.
 *
 * @example
 * ```ts
 * serverProblems([{ path: 'embedDomains.1', message: 'Not a site' }], domainLines('a.com\n\nb'));
 * // [{ line: 3, message: 'Not a site' }]
 * ```
 */
export function serverProblems(issues: readonly FieldIssue[], sent: DomainLine[]): DomainProblem[] {
  return issues.flatMap((issue) => {
    const path = Array.isArray(issue.path) ? issue.path.join('.') : issue.path;
    const m = /^embedDomains(?:[.[](\d+)\]?)?/.exec(path);
    if (!m) return [];
    const index = m[1] === undefined ? null : Number(m[1]);
    return [{ line: index === null ? null : (sent[index]?.line ?? null), message: issue.message }];
  });
}
