import { describe, expect, it } from 'vitest';
import { attachmentAccept, checkAttachment, MAX_ATTACHMENT_BYTES, MAX_ATTACHMENTS_PER_CASE } from '../../core/index.js';

describe('which files the picker lets through (the table the server checks uploads against)', () => {
  it.each([
    [{ name: 'setup.exe', size: 120 }, 0, 'type'],
    [{ name: 'page.HTML', size: 120 }, 0, 'type'],
    [{ name: 'switch.LOG', size: 120 }, 0, null],
    [{ name: 'capture.pcapng', size: 120 }, 0, null],
    [{ name: 'syslog', size: 120 }, 0, null],
    [{ name: 'huge.log', size: 11 * 1024 * 1024 }, 0, 'size'],
    [{ name: 'max.log', size: MAX_ATTACHMENT_BYTES }, 0, null],
    [{ name: 'empty.txt', size: 0 }, 0, 'empty'],
    [{ name: 'sixth.png', size: 10 }, MAX_ATTACHMENTS_PER_CASE, 'count'],
    [{ name: 'fifth.png', size: 10 }, MAX_ATTACHMENTS_PER_CASE - 1, null],
  ])('%j with %i already attached: %s', (file, already, refusal) => {
    expect(checkAttachment(file, already)).toBe(refusal);
  });

  it('offers every accepted extension, and only those, to the file picker', () => {
    const accept = attachmentAccept().split(',');
    expect(accept).toContain('.pcapng');
    expect(accept).toContain('.jpeg');
    expect(accept).not.toContain('.exe');
    expect(accept).not.toContain('.html');
    expect(accept.every((e) => checkAttachment({ name: `x${e}`, size: 1 }, 0) === null)).toBe(true);
  });
});
