import { accessSync, chmodSync, closeSync, constants, existsSync, mkdirSync, openSync, statSync } from 'node:fs';

/** The data directory cannot be used: the message names the path and what is wrong, in one line. */
export class DataDirError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DataDirError';
  }
}

const REASONS: Record<string, string> = {
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EROFS: 'it is on a read-only file system',
  ENOTDIR: 'a part of the path is a file, not a directory',
  ENOSPC: 'the disk is full',
  EDQUOT: 'the disk quota is used up',
  ELOOP: 'too many symbolic links',
  ENAMETOOLONG: 'the path is too long',
};

const reason = (error: unknown) => {
  const code = (error as NodeJS.ErrnoException).code ?? '';
  return REASONS[code] ?? `${code || 'error'}: ${(error as Error).message}`;
};

/**
 * Makes sure `dataDir` is a directory this process can write, creating it (0700) when missing. Throws a
 * {@link DataDirError} saying what is wrong otherwise, before anything else is opened in it.
 */
export function prepareDataDir(dataDir: string): void {
  try {
    mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  } catch (error) {
    throw new DataDirError(`cannot create the data directory ${dataDir}: ${reason(error)}`);
  }
  if (!statSync(dataDir).isDirectory()) {
    throw new DataDirError(`the data directory ${dataDir} is not a directory`);
  }
  try {
    accessSync(dataDir, constants.R_OK | constants.W_OK | constants.X_OK);
  } catch (error) {
    throw new DataDirError(`cannot write in the data directory ${dataDir}: ${reason(error)}`);
  }
}

/**
 * Creates `file` readable and writable by this user only (0600) before SQLite opens it, and narrows an
 * existing one: SQLite creates the `-wal` and `-shm` files with the database file's mode, and otherwise
 * creates it with the process umask (0644 by default), readable by every local user.
 */
export function ownerOnly(file: string, companions: readonly string[] = []): void {
  try {
    closeSync(openSync(file, 'a', 0o600));
    chmodSync(file, 0o600);
    for (const companion of companions) if (existsSync(companion)) chmodSync(companion, 0o600);
  } catch (error) {
    throw new DataDirError(`cannot create ${file} readable by its owner only: ${reason(error)}`);
  }
}
