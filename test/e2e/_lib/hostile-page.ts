/** What a hostile page script found and did. */
export interface HostileFindings {
  /** Everything it could read, joined: markup of the page and of every open shadow root, frames, storage, API answers. */
  seen: string;
  /** Whether it found a `<netscout-support>` anywhere it could reach. */
  foundWidget: boolean;
  /** HTTP statuses of its own calls to the API (reads and a comment). */
  apiStatuses: number[];
}

/**
 * The attacker of issue 13, item 4, as a page script: run with `page.evaluate` in the homepage's own world
 * (not the extension's). It looks for the widget in the page and in every open shadow root, drives it as a
 * customer would (the cases list, the case, a reply), reads every frame it can and the page's storage, and
 * calls the API itself (the API takes bearer tokens only: no cookie to borrow). Self-contained: it is serialised.
 */
export async function hostilePageScript(args: { apiBase: string; caseId: string; extensionId: string }) {
  const seen: string[] = [];
  const apiStatuses: number[] = [];
  const posted = 'Posted by the page, not by the customer';
  // Waits until the widget shows what the attacker needs next; after 10 s it goes on without it (a script
  // cannot import: this polls in the page itself).
  const until = (ready: () => boolean) =>
    new Promise<void>((resolve) => {
      const giveUpAt = performance.now() + 10_000;
      const check = () => (ready() || performance.now() > giveUpAt ? resolve() : setTimeout(check, 20));
      check();
    });
  const roots: (Document | ShadowRoot)[] = [document];
  for (let i = 0; i < roots.length; i++) {
    for (const element of roots[i]!.querySelectorAll('*')) if (element.shadowRoot) roots.push(element.shadowRoot);
  }
  let foundWidget = false;
  for (const root of roots) {
    const shadow = root.querySelector('netscout-support')?.shadowRoot;
    if (!shadow) continue;
    foundWidget = true;
    shadow.querySelector<HTMLElement>('[data-view="cases"]')?.click();
    await until(() => shadow.querySelector('button[data-case]') !== null);
    const row =
      shadow.querySelector<HTMLElement>(`button[data-case="${args.caseId}"]`) ??
      shadow.querySelector<HTMLElement>('button[data-case]');
    row?.click();
    await until(() => shadow.querySelector('#reply') !== null);
    seen.push(shadow.innerHTML, (shadow as unknown as { textContent: string }).textContent ?? '');
    const reply = shadow.querySelector<HTMLTextAreaElement>('#reply');
    if (reply) {
      reply.value = posted;
      reply.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
      reply.form?.requestSubmit();
      // Sent once the widget lists it among the comments (a textarea's value is not its text).
      await until(() => shadow.textContent?.includes(posted) ?? false);
    }
  }
  for (const root of roots) {
    seen.push(root instanceof Document ? root.documentElement.outerHTML : root.innerHTML);
    for (const iframe of root.querySelectorAll('iframe')) {
      seen.push(iframe.src);
      try {
        seen.push(iframe.contentDocument?.documentElement.outerHTML ?? '');
      } catch {}
    }
  }
  for (let i = 0; i < window.frames.length; i++) {
    try {
      seen.push(window.frames[i]!.location.href, window.frames[i]!.document.documentElement.outerHTML);
    } catch {}
  }
  seen.push(String(document.querySelector('netscout-extension-frame')?.shadowRoot ?? ''));
  seen.push(document.cookie, JSON.stringify({ ...localStorage }), JSON.stringify({ ...sessionStorage }));
  const calls: [string, string, unknown?][] = [
    ['GET', '/v1/me'],
    ['GET', '/v1/cases'],
    ['GET', `/v1/cases/${args.caseId}`],
    ['POST', `/v1/cases/${args.caseId}/comments`, { body: posted }],
  ];
  for (const [method, path, body] of calls) {
    try {
      const response = await fetch(`${args.apiBase}${path}`, {
        method,
        headers: body ? { 'Content-Type': 'application/json' } : {},
        body: body ? JSON.stringify(body) : undefined,
      });
      apiStatuses.push(response.status);
      seen.push(await response.text());
    } catch {
      apiStatuses.push(0);
    }
  }
  // The extension itself, by its public id: a page may only talk to it if it is externally connectable.
  const runtime = (globalThis as { chrome?: { runtime?: { sendMessage?: (...a: unknown[]) => Promise<unknown> } } })
    .chrome?.runtime;
  try {
    seen.push(String(await runtime?.sendMessage?.(args.extensionId, { type: 'support-frame-ticket' })));
  } catch {}
  return { seen: seen.join('\n'), foundWidget, apiStatuses } satisfies HostileFindings;
}
