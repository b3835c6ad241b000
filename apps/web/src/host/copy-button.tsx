import { useEffect, useState } from 'preact/hooks';

/** How long "Copied" stays before the button reads as ready again. */
export const COPIED_MS = 3000;

async function copyText(text: string): Promise<void> {
  if (navigator.clipboard && window.isSecureContext) {
    await navigator.clipboard.writeText(text);
    return;
  }
  // Plain-http origins other than localhost have no Clipboard API.
  const area = document.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  area.style.position = 'fixed';
  area.style.opacity = '0';
  document.body.appendChild(area);
  area.select();
  const ok = document.execCommand('copy');
  area.remove();
  if (!ok) throw new Error('copy failed');
}

/**
 * "Copy link" (or `buttonText`) with a polite status message; `noun` names what to select by hand
 * when the browser refuses to copy.
 */
export function CopyButton({
  text,
  label,
  buttonText = 'Copy link',
  noun = 'URL',
}: {
  text: string;
  label: string;
  buttonText?: string;
  noun?: string;
}) {
  const [status, setStatus] = useState('');
  const copied = status === 'Copied';
  useEffect(() => {
    if (!copied) return;
    const timer = setTimeout(() => setStatus(''), COPIED_MS);
    return () => clearTimeout(timer);
  }, [copied]);
  return (
    <span class="row">
      <button
        type="button"
        aria-label={label}
        onClick={() =>
          copyText(text).then(
            () => setStatus('Copied'),
            () => setStatus(`Copy failed — select the ${noun} and copy it`),
          )
        }
      >
        {buttonText}
      </button>
      <span role="status" class="muted">
        {status}
      </span>
    </span>
  );
}

/** A link's public URL (opening in a new tab) with its copy button. */
export function PublicUrl({ link }: { link: { publicUrl: string; title: string } }) {
  return (
    <div class="row">
      <a class="url" href={link.publicUrl} target="_blank" rel="noopener">
        {link.publicUrl}
      </a>
      <CopyButton text={link.publicUrl} label={`Copy link to ${link.title}`} />
    </div>
  );
}
