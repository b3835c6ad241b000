import type { ComponentChildren } from 'preact';
import { useEffect } from 'preact/hooks';
import { t } from '../common/i18n';

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

/** The page while its data loads. */
export function Loading() {
  return (
    <main aria-busy="true">
      <p class="muted">{t('status.loading')}</p>
    </main>
  );
}
