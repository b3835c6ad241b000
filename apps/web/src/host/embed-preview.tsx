import { useEffect, useState } from 'preact/hooks';
import { readableTextOn } from '../common/contrast';
import { EMBED_DEFAULT_LABEL, embedFrameUrl } from '../embed/protocol';
import { modeHasButton, type EmbedSettings } from './embed-snippet';

/** How long the settings must stay put before the frame reloads (dragging a colour picker). */
const SETTLE_MS = 250;

/**
 * The frame's URL, following `url` once it has stopped changing for a moment, so dragging the
 * colour picker does not reload the booking page on every step.
 */
function useSettled(url: string): string {
  const [settled, setSettled] = useState(url);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(url), SETTLE_MS);
    return () => clearTimeout(timer);
  }, [url]);
  return settled;
}

/**
 * The live preview: the booking page framed with the chosen look (the server frames it for its
 * own origin), and for popup and floating modes the button a visitor clicks to open it.
 */
export function EmbedPreview({ linkUrl, settings }: { linkUrl: string; settings: EmbedSettings }) {
  const url = embedFrameUrl(linkUrl, {
    origin: location.origin,
    color: settings.color ?? undefined,
    theme: settings.theme,
    hideDetails: settings.hideDetails,
    lang: settings.lang ?? undefined,
  });
  const src = useSettled(url);
  const label = settings.label.trim() || EMBED_DEFAULT_LABEL;
  const buttonStyle = settings.color
    ? { background: settings.color, color: readableTextOn(settings.color) }
    : undefined;
  return (
    <div class="stack">
      {modeHasButton(settings.mode) && (
        <figure class={`embed-button-sample embed-button-${settings.mode}`}>
          <figcaption class="muted">
            {settings.mode === 'floating'
              ? 'The button, fixed in the bottom-right corner of your page:'
              : 'The button on your page:'}
          </figcaption>
          <span class="embed-button" style={buttonStyle} data-testid="button-sample">
            {label}
          </span>
        </figure>
      )}
      {modeHasButton(settings.mode) && (
        <p class="muted">Clicking it opens this page in a dialog:</p>
      )}
      <iframe class="embed-frame" title="Preview of the embedded booking page" src={src} />
    </div>
  );
}
