import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';

/** Every file under `dir` (recursively), by path relative to it. */
export function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)))
    .sort();
}

/** The bytes the files under `dir` take (their sizes, summed). */
export function bytesUnder(dir: string): number {
  return filesUnder(dir).reduce((sum, file) => sum + statSync(path.join(dir, file)).size, 0);
}
