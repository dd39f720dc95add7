import { readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';

/**
 * Writes one benchmark's section of BENCHMARKS.md, between `<!-- bench:NAME -->` markers, leaving the
 * other sections alone. The header records the command, the machine and the date.
 */
export function writeBenchmarkSection(name: string, title: string, command: string, body: string): void {
  const path = 'BENCHMARKS.md';
  let doc: string;
  try {
    doc = readFileSync(path, 'utf8');
  } catch {
    doc = '# Benchmarks\n\nEvery figure here is written by `npm run bench` (each section names its own command).\n';
  }
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  const section = [
    `<!-- bench:${name} -->`,
    `## ${title}`,
    '',
    `- command: \`${command}\``,
    `- machine: ${os.cpus().length} × ${cpu}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, ${os.platform()} ${os.release()}`,
    `- date: ${new Date().toISOString()}`,
    '',
    body.trim(),
    `<!-- /bench:${name} -->`,
  ].join('\n');
  const pattern = new RegExp(`<!-- bench:${name} -->[\\s\\S]*?<!-- /bench:${name} -->`);
  doc = pattern.test(doc) ? doc.replace(pattern, section) : `${doc.trimEnd()}\n\n${section}\n`;
  writeFileSync(path, doc);
}
