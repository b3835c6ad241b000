// The brand colour's contrast checks on the embed settings page: the colour against the framed
// page's background (buttons, the selected day and time are drawn in it) and the button text
// the booking page puts on it.
import { contrastRatio, readableTextOn } from '../common/contrast';
import type { EmbedTheme } from '../embed/protocol';

/**
 * The booking page's `--surface` per colour scheme (apps/web/src/common/styles.css): what a brand
 * colour sits on in the frame.
 */
export const EMBED_SURFACES = Object.freeze({ light: '#ffffff', dark: '#1e2129' } as const);

/** WCAG 2.x minimums: 3:1 for parts of the interface, 4.5:1 for normal text. */
export const CONTRAST_MINIMUM = Object.freeze({ ui: 3, text: 4.5 } as const);

/** One contrast check of a brand colour. */
export interface ContrastCheck {
  /** What is compared, in words: "against the light page", "button text (white) on it". */
  subject: string;
  ratio: number;
  minimum: number;
  ok: boolean;
}

/**
 * A ratio as people read it, rounded down to one decimal so a failing ratio never shows as the
 * minimum (4.49 reads 4.4:1, not 4.5:1).
 *
 * @example
 * ```ts
 * formatRatio(21); // '21:1'
 * formatRatio(2.149); // '2.1:1'
 * ```
 */
export function formatRatio(ratio: number): string {
  // The epsilon keeps 21.000000000000004 and 2.9999999 from changing their first decimal wrongly.
  const floored = Math.floor(ratio * 10 + 1e-9) / 10;
  return `${floored.toFixed(1).replace(/\.0$/, '')}:1`;
}

/**
 * The checks of a brand colour for a theme: against each page background the theme may show
 * (`auto` shows either) and of the button text on the colour.
 *
 * @example
 * ```ts
 * brandContrast('#ffff00', 'light')[0]; // { subject: 'against the light page', ratio: 1.07…, minimum: 3, ok: false }
 * ```
 */
export function brandContrast(color: string, theme: EmbedTheme): ContrastCheck[] {
  const schemes = theme === 'auto' ? (['light', 'dark'] as const) : [theme];
  const checks: ContrastCheck[] = schemes.map((scheme) => {
    const ratio = contrastRatio(color, EMBED_SURFACES[scheme]);
    const minimum = CONTRAST_MINIMUM.ui;
    return { subject: `against the ${scheme} page`, ratio, minimum, ok: ratio >= minimum };
  });
  const text = readableTextOn(color);
  const ratio = contrastRatio(color, text);
  checks.push({
    subject: `button text (${text === '#ffffff' ? 'white' : 'black'}) on it`,
    ratio,
    minimum: CONTRAST_MINIMUM.text,
    ok: ratio >= CONTRAST_MINIMUM.text,
  });
  return checks;
}
