import type { NewPersonalToken, PersonalToken } from '../../core/index.js';
import type { SupportRepository, TokenRow } from '../db/repository.js';
import { hashToken, newId, newToken } from './ids.js';

const DAY = 86_400_000;

/** Makes a personal API token for `userId`, valid `days` from `now`; the secret is returned once, stored hashed. */
export async function issuePersonalToken(
  repo: SupportRepository,
  userId: string,
  name: string,
  days: number,
  now: Date,
): Promise<NewPersonalToken> {
  const token = newToken();
  const at = now.getTime();
  const row: TokenRow = {
    token_hash: hashToken(token),
    id: newId('tok', at),
    user_id: userId,
    label: name,
    created_at: at,
    expires_at: at + days * DAY,
  };
  await repo.accounts.insertToken(row);
  return { id: row.id, token, name, createdAt: now.toISOString(), expiresAt: new Date(at + days * DAY).toISOString() };
}

/** The API view of a personal token: never its secret nor its hash. */
export function personalTokenDto(row: TokenRow): PersonalToken {
  return {
    id: row.id,
    name: row.label,
    createdAt: new Date(row.created_at).toISOString(),
    expiresAt: row.expires_at === null ? null : new Date(row.expires_at).toISOString(),
  };
}
