import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';

const listeners = new Set<() => void>();
/** Asked before the app navigates away; false keeps the page (e.g. unsaved edits). */
let leaveGuard: (() => boolean) | null = null;
/** The URL the app shows, to return to when Back is refused. */
let shown = typeof location === 'undefined' ? '' : location.pathname + location.search;

/**
 * Asks `guard` before any in-app navigation or Back/Forward until the returned function is
 * called; one guard at a time (the open form's).
 *
 * @example
 * useEffect(() => (dirty ? setLeaveGuard(() => confirm('Leave?')) : undefined), [dirty]);
 */
export function setLeaveGuard(guard: () => boolean): () => void {
  leaveGuard = guard;
  return () => {
    if (leaveGuard === guard) leaveGuard = null;
  };
}

/** Client-side navigation within the host app (pushState + re-render). */
export function navigate(to: string, replace = false): void {
  if (leaveGuard && !leaveGuard()) return;
  leaveGuard = null;
  if (replace) history.replaceState(null, '', to);
  else history.pushState(null, '', to);
  shown = location.pathname + location.search;
  listeners.forEach((l) => l());
  window.scrollTo(0, 0);
}

/**
 * Updates the URL's query (`?tab=past`) without leaving the page: each change is a history entry
 * (Back returns to the previous tab or week) unless `replace`; subscribers re-read it.
 *
 * @example
 * setQuery({ tab: 'past', week: undefined });
 */
export function setQuery(params: Record<string, string | undefined>, replace = false): void {
  const q = new URLSearchParams(location.search);
  for (const [k, v] of Object.entries(params))
    if (v === undefined) q.delete(k);
    else q.set(k, v);
  const s = q.toString();
  const to = `${location.pathname}${s ? `?${s}` : ''}`;
  if (to === location.pathname + location.search) return;
  if (replace) history.replaceState(null, '', to);
  else history.pushState(null, '', to);
  shown = to;
  listeners.forEach((l) => l());
}

/** The current `location.search`, re-rendering when it changes (setQuery, Back/Forward). */
export function useSearch(): URLSearchParams {
  const [search, setSearch] = useState(location.search);
  useEffect(() => {
    const update = () => setSearch(location.search);
    listeners.add(update);
    window.addEventListener('popstate', update);
    return () => {
      listeners.delete(update);
      window.removeEventListener('popstate', update);
    };
  }, []);
  return new URLSearchParams(search);
}

// Back/Forward cannot be cancelled: when the guard refuses, the URL left is put back.
if (typeof window !== 'undefined')
  window.addEventListener('popstate', (e) => {
    if (leaveGuard && !leaveGuard()) {
      e.stopImmediatePropagation();
      history.pushState(null, '', shown);
      return;
    }
    leaveGuard = null;
    shown = location.pathname + location.search;
  });

/** The current `location.pathname`, re-rendering on navigation and back/forward. */
export function usePath(): string {
  const [path, setPath] = useState(location.pathname);
  useEffect(() => {
    const update = () => setPath(location.pathname);
    listeners.add(update);
    window.addEventListener('popstate', update);
    return () => {
      listeners.delete(update);
      window.removeEventListener('popstate', update);
    };
  }, []);
  return path;
}

/** An anchor that navigates without a reload (modified clicks keep browser behaviour). */
export function A(props: {
  href: string;
  class?: string;
  children: ComponentChildren;
  current?: boolean;
}) {
  return (
    <a
      href={props.href}
      class={props.class}
      aria-current={props.current ? 'page' : undefined}
      onClick={(e) => {
        if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
        e.preventDefault();
        navigate(props.href);
      }}
    >
      {props.children}
    </a>
  );
}
