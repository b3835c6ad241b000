import { navigate } from './router';

/** Where the guide's button opens the link form directly. */
export const NEW_LINK_URL = '/settings/booking-links?new=1';

/**
 * Shown to a host without booking links (the dashboard and the empty links list): what to do
 * first, and how to try the flow end to end. `onCreate` opens the form in place; without it the
 * button goes to {@link NEW_LINK_URL}.
 *
 * @example
 * <FirstLinkGuide onCreate={() => setEditing({ mode: 'new' })} />
 */
export function FirstLinkGuide({ onCreate }: { onCreate?: () => void }) {
  return (
    <section class="card guide" aria-labelledby="first-link-heading" data-testid="first-link-guide">
      <h2 id="first-link-heading">Create your first booking link</h2>
      <p>A booking link is a page where people pick a free time with you. Try it in three steps:</p>
      <ol>
        <li>Create a link: a title, a duration and the hours you are free.</li>
        <li>Open its public page and book a time, as your attendee would.</li>
        <li>Come back here: the meeting is on your calendar, and both of you got an email.</li>
      </ol>
      <button
        type="button"
        class="primary"
        onClick={() => (onCreate ? onCreate() : navigate(NEW_LINK_URL))}
      >
        Create your first booking link
      </button>
    </section>
  );
}
