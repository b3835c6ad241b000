import { ATTENDEE_LOCALES, LOCALE_NAMES, isAttendeeLocale } from '@workestra/booking-core/locales';
import { useState } from 'preact/hooks';
import { brandContrast, formatRatio } from './embed-contrast';
import {
  EMBED_DEFAULT_COLOR,
  EMBED_DEFAULT_LABEL,
  EMBED_MODES,
  EMBED_THEMES,
  type EmbedMode,
  type EmbedTheme,
} from '../embed/protocol';
import { modeHasButton, type EmbedSettings } from './embed-snippet';

const MODE_TEXT: Record<EmbedMode, { label: string; hint: string }> = {
  inline: {
    label: 'Inline',
    hint: 'The booking page sits in your page where you paste the snippet.',
  },
  popup: {
    label: 'Popup',
    hint: 'A button where you paste the snippet; it opens the booking page in a dialog.',
  },
  floating: {
    label: 'Floating button',
    hint: 'A button fixed in the bottom-right corner of every page that has the snippet.',
  },
};

const THEME_TEXT: Record<EmbedTheme, string> = {
  auto: "Automatic (the visitor's light or dark setting)",
  light: 'Light',
  dark: 'Dark',
};

const HEX = /^#[0-9a-f]{6}$/i;
/** The colour the "Use a brand colour" box starts with: the booking page's own accent. */

/** The contrast verdicts of the chosen brand colour, as sentences with the numbers. */
function ContrastReport({ color, theme }: { color: string; theme: EmbedTheme }) {
  const checks = brandContrast(color, theme);
  const low = checks.filter((c) => !c.ok);
  return (
    <div id="embed-contrast" class="stack" data-testid="contrast">
      <ul class="contrast-list">
        {checks.map((c) => (
          <li key={c.subject} class={c.ok ? 'success' : 'error'}>
            Contrast {formatRatio(c.ratio)} {c.subject} —{' '}
            {c.ok ? 'fine' : `too low (at least ${formatRatio(c.minimum)})`}
          </li>
        ))}
      </ul>
      {low.length > 0 && (
        <p class="muted">
          Visitors may not make out the buttons and the selected time. Pick a darker or lighter
          colour, or a theme it suits.
        </p>
      )}
    </div>
  );
}

/**
 * The look of the embed: mode, button label, brand colour with its contrast check, theme and
 * the host's details. Changes go straight to `onChange` (the preview and snippet follow).
 */
export function EmbedAppearance({
  settings,
  onChange,
}: {
  settings: EmbedSettings;
  onChange: (next: EmbedSettings) => void;
}) {
  // The hex field may hold a half-typed colour; the settings only take complete ones.
  const [hex, setHex] = useState(settings.color ?? EMBED_DEFAULT_COLOR);
  const set = (patch: Partial<EmbedSettings>) => onChange({ ...settings, ...patch });
  const hexValid = HEX.test(hex);

  function pickColor(value: string) {
    setHex(value);
    if (HEX.test(value)) set({ color: value.toLowerCase() });
  }

  return (
    <div class="stack">
      <fieldset>
        <legend>How it shows</legend>
        <div class="stack" role="radiogroup" aria-label="How it shows">
          {EMBED_MODES.map((mode) => (
            <div key={mode}>
              <label class="check">
                <input
                  type="radio"
                  name="embed-mode"
                  value={mode}
                  checked={settings.mode === mode}
                  aria-describedby={`h-mode-${mode}`}
                  onChange={() => set({ mode })}
                />
                {MODE_TEXT[mode].label}
              </label>
              <span id={`h-mode-${mode}`} class="hint muted">
                {MODE_TEXT[mode].hint}
              </span>
            </div>
          ))}
        </div>
        {modeHasButton(settings.mode) && (
          <div class="field embed-label-field">
            <label for="embed-label">Button text</label>
            <input
              id="embed-label"
              type="text"
              maxLength={60}
              placeholder={EMBED_DEFAULT_LABEL}
              value={settings.label}
              aria-describedby="h-embed-label"
              onInput={(e) => set({ label: e.currentTarget.value })}
            />
            <span id="h-embed-label" class="hint muted">
              Empty: “{EMBED_DEFAULT_LABEL}”.
            </span>
          </div>
        )}
      </fieldset>

      <fieldset>
        <legend>Colours</legend>
        <label class="check">
          <input
            type="checkbox"
            checked={settings.color !== null}
            onChange={(e) =>
              set({ color: e.currentTarget.checked && hexValid ? hex.toLowerCase() : null })
            }
          />
          Use a brand colour
        </label>
        {settings.color === null ? (
          <p class="hint muted">The booking page keeps its own colours.</p>
        ) : (
          <>
            <div class="row embed-color">
              <div class="field">
                <label for="embed-color-picker">Brand colour</label>
                <input
                  id="embed-color-picker"
                  type="color"
                  value={settings.color}
                  onInput={(e) => pickColor(e.currentTarget.value)}
                />
              </div>
              <div class="field">
                <label for="embed-color-hex">Hex code</label>
                <input
                  id="embed-color-hex"
                  type="text"
                  spellcheck={false}
                  autoComplete="off"
                  value={hex}
                  aria-invalid={hexValid ? undefined : true}
                  aria-describedby={hexValid ? 'embed-contrast' : 'e-embed-color-hex'}
                  onInput={(e) => pickColor(e.currentTarget.value.trim())}
                />
                {!hexValid && (
                  <span id="e-embed-color-hex" class="field-error">
                    Write the colour as # and six hex digits, like #0b7a5a.
                  </span>
                )}
              </div>
            </div>
            <ContrastReport color={settings.color} theme={settings.theme} />
          </>
        )}
        <div class="field">
          <span class="label" id="embed-theme-label">
            Light or dark
          </span>
          <div class="row" role="radiogroup" aria-labelledby="embed-theme-label">
            {EMBED_THEMES.map((theme) => (
              <label key={theme} class="check">
                <input
                  type="radio"
                  name="embed-theme"
                  value={theme}
                  checked={settings.theme === theme}
                  onChange={() => set({ theme })}
                />
                {THEME_TEXT[theme]}
              </label>
            ))}
          </div>
        </div>
      </fieldset>

      <label class="check">
        <input
          type="checkbox"
          checked={settings.hideDetails}
          onChange={(e) => set({ hideDetails: e.currentTarget.checked })}
        />
        Hide my name and the link's description (the title stays)
      </label>

      <label>
        Language of the booking page
        <select
          value={settings.lang ?? ''}
          onChange={(e) =>
            set({ lang: isAttendeeLocale(e.currentTarget.value) ? e.currentTarget.value : null })
          }
        >
          <option value="">Each visitor's browser language</option>
          {ATTENDEE_LOCALES.map((lang) => (
            <option key={lang} value={lang} lang={lang}>
              {LOCALE_NAMES[lang]}
            </option>
          ))}
        </select>
      </label>
    </div>
  );
}
