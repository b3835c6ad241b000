import { escapeHtml } from './format.js';

/** A neutral description of one email's content, rendered to both text and HTML. */
export interface EmailContent {
  /** The BCP 47 tag of the text's language, for the HTML `lang` attribute; `en` by default. */
  readonly lang?: string;
  readonly heading: string;
  readonly intro: string;
  /** Label/value lines, e.g. `['When', 'Monday, …']`. */
  readonly details: readonly (readonly [string, string])[];
  /** Buttons/links, e.g. `['Reschedule', 'https://…']`. Only http(s) URLs are shown. */
  readonly actions: readonly (readonly [string, string])[];
  readonly footer?: string;
  /**
   * One `label`/`value` line of the text rendering, as the language writes it (`When: …`,
   * `Quand : …`, `日時：…`); `Label: value` by default.
   */
  readonly line?: (label: string, value: string) => string;
}

const isWebUrl = (url: string): boolean => /^https?:\/\//i.test(url);

/** Plain-text rendering: what every client can show. */
export function renderText(content: EmailContent): string {
  const line = content.line ?? ((label: string, value: string) => `${label}: ${value}`);
  const lines = [content.heading, '', content.intro, ''];
  for (const [label, value] of content.details) lines.push(line(label, value));
  const actions = content.actions.filter(([, url]) => isWebUrl(url));
  if (actions.length > 0) lines.push('');
  for (const [label, url] of actions) lines.push(line(label, url));
  if (content.footer) lines.push('', content.footer);
  return `${lines.join('\n')}\n`;
}

/**
 * The footer's grey: 5.74:1 on white, above the 4.5:1 that normal-size text needs (WCAG AA). Kept
 * as a named value so the test checks the colour that is actually used.
 */
export const FOOTER_COLOR = '#666666';

/**
 * HTML rendering: every piece of text escaped, inline styles only (mail clients drop <style>). The
 * document names its language and has a title (the heading), as screen readers announce both, and
 * its content is one `main` landmark (screen readers jump to it; axe wants every text in one).
 */
export function renderHtml(content: EmailContent): string {
  const rows = content.details
    .map(
      ([label, value]) =>
        `<tr><td style="padding:4px 12px 4px 0;color:#555;vertical-align:top">${escapeHtml(label)}</td>` +
        `<td style="padding:4px 0;white-space:pre-line">${escapeHtml(value)}</td></tr>`,
    )
    .join('');
  const actions = content.actions
    .filter(([, url]) => isWebUrl(url))
    .map(
      ([label, url]) =>
        `<a href="${escapeHtml(url)}" style="display:inline-block;margin:0 8px 8px 0;padding:8px 14px;` +
        `border:1px solid #2b59c3;border-radius:6px;color:#2b59c3;text-decoration:none">${escapeHtml(label)}</a>`,
    )
    .join('');
  return (
    `<!doctype html><html lang="${escapeHtml(content.lang ?? 'en')}"><head><meta charset="utf-8">` +
    '<meta name="viewport" content="width=device-width, initial-scale=1">' +
    `<title>${escapeHtml(content.heading)}</title></head>` +
    '<body style="font-family:system-ui,-apple-system,Segoe UI,sans-serif;color:#222;max-width:560px;margin:0 auto;padding:16px">' +
    '<main>' +
    `<h1 style="font-size:20px">${escapeHtml(content.heading)}</h1>` +
    `<p style="white-space:pre-line">${escapeHtml(content.intro)}</p>` +
    `<table role="presentation" style="border-collapse:collapse;margin:12px 0">${rows}</table>` +
    (actions ? `<p>${actions}</p>` : '') +
    (content.footer
      ? `<p style="color:${FOOTER_COLOR};font-size:13px;white-space:pre-line">${escapeHtml(content.footer)}</p>`
      : '') +
    '</main></body></html>'
  );
}
