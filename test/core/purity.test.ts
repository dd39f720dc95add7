import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

// core/ is pure: no wall clock, no process time zone, no DOM, no network. A reader of this test knows
// that a deadline computed today and replayed tomorrow gives the same answer.
function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sources(path) : path.endsWith('.ts') ? [path] : [];
  });
}

const forbidden: [RegExp, string][] = [
  [/Date\.now\(/, 'reads the wall clock'],
  [/new Date\(\)/, 'reads the wall clock'],
  [/DateTime\.(now|local)\(/, 'reads the wall clock or the process zone'],
  [/Settings\.defaultZone/, 'changes the process-wide zone'],
  [/\b(window|document|localStorage|navigator)\.[a-zA-Z]/, 'touches the DOM'],
  [/\bfetch\(/, 'uses the network'],
  [/getTimezoneOffset|getHours\(|getDate\(|getDay\(/, 'depends on the process time zone'],
];

describe('core/ purity', () => {
  const files = sources('core');
  it.each(files)('%s has no wall clock, process time zone, DOM or network', (file) => {
    const text = readFileSync(file, 'utf8');
    const found = forbidden.filter(([pattern]) => pattern.test(text)).map(([, why]) => why);
    expect(found).toEqual([]);
  });
});
