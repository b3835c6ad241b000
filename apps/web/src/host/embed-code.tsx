import { EMBED_ATTRIBUTES, EMBED_EVENT_PREFIX, EMBED_EVENTS } from '../embed/protocol';
import { CopyButton } from './copy-button';

const EVENT_TEXT: Record<(typeof EMBED_EVENTS)[number], string> = {
  ready: 'the booking page has loaded and shows its times',
  'slot-selected': 'the visitor picked a time (detail: start, end)',
  booked: 'the booking is made (detail: bookingId, start, end)',
  error: 'the page could not load, or the booking failed (detail: code, message)',
};

const EXAMPLE = `document.querySelector('[${EMBED_ATTRIBUTES.link}]').addEventListener('${EMBED_EVENT_PREFIX}booked', (e) => {
  console.log('Booked', e.detail.bookingId, e.detail.start);
});`;

/** The snippet to paste with its copy button, and how a site listens to the booking page. */
export function EmbedCode({ snippet }: { snippet: string }) {
  return (
    <div class="stack">
      <p>
        Paste this where the booking page or its button should appear. The script is small and loads
        without holding up your page.
      </p>
      <pre class="code wrap" data-testid="snippet">
        <code>{snippet}</code>
      </pre>
      <CopyButton
        text={snippet}
        label="Copy the embed snippet"
        buttonText="Copy snippet"
        noun="snippet"
      />
      <h3>Prefill</h3>
      <p>
        Add <code>{EMBED_ATTRIBUTES.name}</code> and <code>{EMBED_ATTRIBUTES.email}</code> to fill
        in the visitor's name and email, and <code>{EMBED_ATTRIBUTES.date}="YYYY-MM-DD"</code> to
        open that day.
      </p>
      <h3>Events</h3>
      <p>The element of the snippet receives these events, so your page can react:</p>
      <ul>
        {EMBED_EVENTS.map((name) => (
          <li key={name}>
            <code>
              {EMBED_EVENT_PREFIX}
              {name}
            </code>{' '}
            — {EVENT_TEXT[name]}
          </li>
        ))}
      </ul>
      <pre class="code wrap">
        <code>{EXAMPLE}</code>
      </pre>
    </div>
  );
}
