// The host's embed settings page: the snippet builder and the contrast numbers on their own, then
// the page against the real server: allowed sites checked per line and saved normalized, the
// contrast warning, the snippet and the preview following the chosen look, a member's read-only
// view, and axe.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { Link } from '../src/common/types';
import { contrastRatio } from '../src/common/contrast';
import { EMBED_ATTRIBUTES } from '../src/embed/protocol';
import { brandContrast, formatRatio } from '../src/host/embed-contrast';
import { domainProblems, serverProblems, domainLines } from '../src/host/embed-domains';
import { DEFAULT_EMBED_SETTINGS, embedSnippet, loaderUrl } from '../src/host/embed-snippet';
import { addMember, createLink, signUpHost } from './support/api';
import { launchBrowser, newPage, axeViolations, signInPage } from './support/browser';
import { startServer, type TestServer } from './support/server';

const LINK_URL = 'https://book.example.com/book/intro';
const SCRIPT_URL = loaderUrl(LINK_URL);
const TRICKY_LABEL = `Say "hi" <b>now</b> & <script>alert(1)</script>`;

let browser: Browser;

/** How a browser parses `html`: the body's elements with their attributes. */
function parseInBrowser(page: Page, html: string) {
  return page.evaluate((source) => {
    const doc = new DOMParser().parseFromString(source, 'text/html');
    return [...doc.body.querySelectorAll('*')].map((el) => ({
      tag: el.tagName.toLowerCase(),
      attributes: Object.fromEntries([...el.attributes].map((a) => [a.name, a.value])),
    }));
  }, html);
}

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

describe('embedSnippet', () => {
  it('writes one element with the settings and one async loader script', () => {
    const snippet = embedSnippet(LINK_URL, SCRIPT_URL, {
      mode: 'popup',
      label: 'Book a demo',
      color: '#0b7a5a',
      theme: 'dark',
      hideDetails: true,
      lang: 'ja',
    });
    expect(snippet).toBe(
      `<div ${EMBED_ATTRIBUTES.link}="${LINK_URL}" ${EMBED_ATTRIBUTES.mode}="popup" ` +
        `${EMBED_ATTRIBUTES.color}="#0b7a5a" ${EMBED_ATTRIBUTES.theme}="dark" ` +
        `${EMBED_ATTRIBUTES.hideDetails} ${EMBED_ATTRIBUTES.lang}="ja" ` +
        `${EMBED_ATTRIBUTES.label}="Book a demo"></div>\n` +
        `<script src="https://book.example.com/embed.js" async></script>`,
    );
  });

  it('leaves defaults out, and the label out in inline mode', () => {
    const snippet = embedSnippet(LINK_URL, SCRIPT_URL, {
      ...DEFAULT_EMBED_SETTINGS,
      label: 'Ignored inline',
    });
    expect(snippet).toBe(
      `<div ${EMBED_ATTRIBUTES.link}="${LINK_URL}" ${EMBED_ATTRIBUTES.mode}="inline"></div>\n` +
        `<script src="${SCRIPT_URL}" async></script>`,
    );
  });

  it('escapes a label so quotes and tags cannot break the HTML', async () => {
    const snippet = embedSnippet(LINK_URL, SCRIPT_URL, {
      ...DEFAULT_EMBED_SETTINGS,
      mode: 'floating',
      label: TRICKY_LABEL,
    });
    // Four tags (div, /div, script, /script) and no other `<` or `"` that ends a value early.
    expect(snippet.match(/</g)).toHaveLength(4);
    expect(snippet).toContain(
      `${EMBED_ATTRIBUTES.label}="Say &quot;hi&quot; &lt;b&gt;now&lt;/b&gt; &amp; &lt;script&gt;alert(1)&lt;/script&gt;"`,
    );
    // A real HTML parser reads exactly one element and one script, and the label back unchanged.
    const page = await browser.newPage();
    const parsed = await parseInBrowser(page, snippet);
    await page.close();
    expect(parsed.map((e) => e.tag)).toEqual(['div', 'script']);
    expect(parsed[0]!.attributes[EMBED_ATTRIBUTES.label]).toBe(TRICKY_LABEL);
    expect(parsed[0]!.attributes[EMBED_ATTRIBUTES.mode]).toBe('floating');
    expect(parsed[1]!.attributes).toEqual({ src: SCRIPT_URL, async: '' });
  });
});

describe('contrast numbers', () => {
  it('reads black on white as 21:1 and rounds a failing ratio down', () => {
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 10);
    expect(formatRatio(contrastRatio('#ffffff', '#000000'))).toBe('21:1');
    expect(formatRatio(4.49)).toBe('4.4:1');
    expect(formatRatio(3)).toBe('3:1');
  });

  it('checks a colour against each page the theme may show and its button text', () => {
    // Yellow: invisible on white, fine on the dark page, black text reads well on it.
    const auto = brandContrast('#ffff00', 'auto');
    expect(auto.map((c) => [c.subject, c.ok])).toEqual([
      ['against the light page', false],
      ['against the dark page', true],
      ['button text (black) on it', true],
    ]);
    expect(auto[0]!.ratio).toBeCloseTo(1.07, 2);
    // Dark blue on the light page only: no dark check.
    const light = brandContrast('#1a237e', 'light');
    expect(light.map((c) => [c.subject, c.ok])).toEqual([
      ['against the light page', true],
      ['button text (white) on it', true],
    ]);
    // Mid grey, the hardest case: the better of black and white still reaches 4.5:1 (the two
    // ratios multiply to 21, so the larger is at least its square root, 4.58).
    const grey = brandContrast('#777777', 'light').at(-1)!;
    expect([grey.subject, grey.ok]).toEqual(['button text (black) on it', true]);
    expect(grey.ratio).toBeGreaterThanOrEqual(Math.sqrt(21) - 1e-9);
  });
});

describe('allowed-site lines', () => {
  it('names the line of each problem, blank lines counted', () => {
    const problems = domainProblems('example.com\n\nexample.com/pricing\n*.com\n');
    expect(problems.map((p) => p.line)).toEqual([3, 4]);
    expect(
      domainProblems('example.com\n*.example.com\nhttps://example.com\nlocalhost:8080'),
    ).toEqual([]);
  });

  it('maps the server issue of an entry back to its line', () => {
    const sent = domainLines('a.example\n\nb.example\nc.example');
    expect(
      serverProblems(
        [
          { path: 'embedDomains.1', message: 'one' },
          { path: 'embedDomains[2]', message: 'two' },
          { path: ['embedDomains', 0], message: 'zero' },
          { path: 'embedDomains', message: 'list' },
          { path: 'title', message: 'other' },
        ],
        sent,
      ),
    ).toEqual([
      { line: 3, message: 'one' },
      { line: 4, message: 'two' },
      { line: 1, message: 'zero' },
      { line: null, message: 'list' },
    ]);
  });
});

describe('embed settings page', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startServer();
  });

  afterAll(async () => {
    await server?.close();
  });

  it('validates and saves the allowed sites, warns about contrast, and builds the snippet and preview', async () => {
    const host = await signUpHost(server.url, { name: 'Emma Embed' });
    const link = await createLink(host, { title: 'Embedded intro' });
    const page = await newPage(browser, server.url, { timezoneId: 'Europe/Berlin' });
    await signInPage(page, server.url, host.cookie);
    await page.goto(`/settings/booking-links/${link.id}/embed`);
    await page.getByRole('heading', { name: 'Embed “Embedded intro”' }).waitFor();
    await page.getByTestId('saved-sites').getByText('Any site may embed this link').waitFor();

    // The preview frames the booking page itself.
    const frame = page.frameLocator('iframe[title="Preview of the embedded booking page"]');
    await frame.getByRole('heading', { name: 'Embedded intro' }).waitFor();
    let violations = await axeViolations(page);
    expect(violations, violations.join('\n')).toEqual([]);

    // An invalid line is named as it is typed; saving is refused and focuses the field.
    const sites = page.getByLabel('Allowed sites, one per line');
    await sites.fill('Example.com\nexample.com/pricing');
    await page
      .getByText('Line 2: Write a site as host, host:port or https://host, without a path.')
      .waitFor();
    expect(await sites.getAttribute('aria-invalid')).toBe('true');
    await page.getByRole('button', { name: 'Save allowed sites' }).click();
    await page.getByRole('alert').getByText('Fix the line below, then save.').waitFor();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('embed-domains');
    let saved = await host.request<{ link: Link }>('GET', `/api/host/links/${link.id}`);
    expect(saved.link.embedDomains).toEqual([]);

    // Fixed: saved, and the server's normalized list is shown and put back in the field.
    await sites.fill('Example.com\n\n*.Shop.Example.com\nHTTPS://example.org:443/\nlocalhost:8080');
    expect(await sites.getAttribute('aria-invalid')).toBeNull();
    await page.getByRole('button', { name: 'Save allowed sites' }).click();
    await page.getByRole('status').getByText('Saved. 4 sites may embed this link.').waitFor();
    const normalized = [
      'example.com',
      '*.shop.example.com',
      'https://example.org',
      'localhost:8080',
    ];
    saved = await host.request<{ link: Link }>('GET', `/api/host/links/${link.id}`);
    expect(saved.link.embedDomains).toEqual(normalized);
    expect(await sites.inputValue()).toBe(normalized.join('\n'));
    for (const site of normalized)
      await page.getByTestId('saved-sites').getByText(site, { exact: true }).waitFor();

    // A popup with a pale brand colour: the contrast warning with its numbers.
    await page.getByRole('radio', { name: 'Popup' }).check();
    await page.getByLabel('Button text').fill('Book a "demo"');
    await page.getByRole('checkbox', { name: 'Use a brand colour' }).check();
    await page.getByLabel('Hex code').fill('#ffcc00');
    const contrast = page.getByTestId('contrast');
    const lightRatio = formatRatio(contrastRatio('#ffcc00', '#ffffff'));
    await contrast
      .getByText(`Contrast ${lightRatio} against the light page — too low (at least 3:1)`)
      .waitFor();
    await page.getByTestId('button-sample').getByText('Book a "demo"').waitFor();

    const snippet = page.getByTestId('snippet');
    const snippetText = await snippet.innerText();
    expect(snippetText).toContain(`${EMBED_ATTRIBUTES.mode}="popup"`);
    expect(snippetText).toContain(`${EMBED_ATTRIBUTES.color}="#ffcc00"`);
    expect(snippetText).toContain(`${EMBED_ATTRIBUTES.label}="Book a &quot;demo&quot;"`);
    expect(snippetText).toContain(`<script src="${server.url}/embed.js" async></script>`);

    // The preview follows: the frame's URL carries the colour and still shows the booking page.
    await page.waitForFunction(() =>
      document
        .querySelector('iframe[title="Preview of the embedded booking page"]')
        ?.getAttribute('src')
        ?.includes('color=%23ffcc00'),
    );
    await frame.getByRole('heading', { name: 'Embedded intro' }).waitFor();

    // A dark green on the light theme passes every check.
    await page.getByLabel('Hex code').fill('#0b7a5a');
    await page.getByRole('radio', { name: 'Light', exact: true }).check();
    await contrast.getByText(/against the light page — fine/).waitFor();
    expect(await contrast.getByText('too low').count()).toBe(0);
    expect(await snippet.innerText()).toContain(`${EMBED_ATTRIBUTES.theme}="light"`);

    violations = await axeViolations(page);
    expect(violations, violations.join('\n')).toEqual([]);
    await page.close();
  });

  it('shows a team member the snippet but not the allowed-sites form', async () => {
    const owner = await signUpHost(server.url, { name: 'Olive Owner' });
    const member = await addMember(server.url, owner, { name: 'Max Member' });
    const link = await createLink(owner, {
      title: 'Team embed',
      kind: 'round_robin',
      members: [
        {
          hostId: member.id,
          weight: 1,
          calendarProvider: 'none',
          timeZone: null,
          weeklyHours: null,
        },
      ],
    });
    await owner.request('PATCH', `/api/host/links/${link.id}`, { embedDomains: ['example.com'] });

    const page = await newPage(browser, server.url, { timezoneId: 'Europe/Berlin' });
    await signInPage(page, server.url, member.cookie);
    await page.goto(`/settings/booking-links/${link.id}/embed`);
    await page.getByRole('heading', { name: 'Embed “Team embed”' }).waitFor();
    await page.getByTestId('member-of').waitFor();
    expect(await page.getByTestId('snippet').innerText()).toContain(link.publicUrl);
    await page.getByTestId('saved-sites').getByText('example.com', { exact: true }).waitFor();
    expect(await page.getByRole('button', { name: 'Save allowed sites' }).count()).toBe(0);
    expect(await page.getByLabel('Allowed sites, one per line').count()).toBe(0);
    await page.close();
  });
});
