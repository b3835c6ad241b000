import type { ComponentChildren } from 'preact';
import { useEffect } from 'preact/hooks';

interface Props {
  title: string;
  children?: ComponentChildren;
}

/** A full-page message: not found, inactive link, invalid token, errors. */
export function StatusPage({ title, children }: Props) {
  useEffect(() => {
    document.title = title;
  }, [title]);
  return (
    <main>
      <div class="card">
        <h1>{title}</h1>
        {children}
      </div>
    </main>
  );
}

export function Loading() {
  return (
    <main aria-busy="true">
      <p class="muted">Loading…</p>
    </main>
  );
}
