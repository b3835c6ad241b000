import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';

interface Props {
  title: string;
  confirmLabel: string;
  busy?: boolean;
  children?: ComponentChildren;
  onConfirm(): void;
  onClose(): void;
}

/** A modal `<dialog>` (focus trapped by the browser, Escape closes) asking to confirm an action. */
export function ConfirmDialog(p: Props) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const d = ref.current;
    if (d && !d.open) d.showModal();
    const onCancel = (e: Event) => {
      e.preventDefault();
      p.onClose();
    };
    d?.addEventListener('cancel', onCancel);
    return () => d?.removeEventListener('cancel', onCancel);
  }, []);
  return (
    <dialog ref={ref} aria-labelledby="confirm-title">
      <form
        method="dialog"
        class="stack"
        onSubmit={(e) => {
          e.preventDefault();
          p.onConfirm();
        }}
      >
        <h2 id="confirm-title">{p.title}</h2>
        {p.children}
        <div class="row">
          <button type="submit" class="danger" disabled={p.busy}>
            {p.confirmLabel}
          </button>
          <button type="button" onClick={p.onClose} autoFocus>
            Keep it
          </button>
        </div>
      </form>
    </dialog>
  );
}
