import { Fragment, type ComponentChildren } from 'preact';
import { t, type MessageId } from './i18n';

/**
 * The message `id` with its `<name>text</name>` and `<name/>` parts rendered by `elements` (a
 * link, a time in bold): the whole sentence is one message, so each language keeps its own word
 * order. Text values are filled in only after the tags are read, so a title that looks like a tag
 * stays text; a tag with no entry in `elements` stays text too.
 */
export function withElements(
  id: MessageId,
  values: Record<string, unknown>,
  elements: Record<string, (text: string) => ComponentChildren>,
): ComponentChildren[] {
  const texts: string[] = [];
  const masked = Object.fromEntries(
    Object.entries(values).map(([k, v]) =>
      typeof v === 'string' ? [k, `\uE000${texts.push(v) - 1}\uE001`] : [k, v],
    ),
  );
  const unmask = (s: string) =>
    s.replace(/\uE000(\d+)\uE001/g, (_, i: string) => texts[Number(i)] ?? '');
  const message = t(id, masked);
  const parts: ComponentChildren[] = [];
  let from = 0;
  for (const m of message.matchAll(/<(\w+)\/>|<(\w+)>([\s\S]*?)<\/\2>/g)) {
    const render = elements[m[1] ?? m[2] ?? ''];
    if (!render) continue;
    const at = m.index ?? 0;
    parts.push(
      unmask(message.slice(from, at)),
      <Fragment key={parts.length}>{render(unmask(m[3] ?? ''))}</Fragment>,
    );
    from = at + m[0].length;
  }
  parts.push(unmask(message.slice(from)));
  return parts;
}
