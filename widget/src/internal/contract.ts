import type * as Mini from 'zod/mini';
import {
  array,
  boolean,
  email,
  enum as enumOf,
  iso,
  literal,
  maxLength,
  minLength,
  nullable,
  number,
  object,
  optional,
  regex,
  strictObject,
  string,
  superRefine,
  trim,
  union,
} from 'zod/mini';
import { type Contract, defineContract } from '../../../core/api/contract.js';

/**
 * The API contract for the widget's bundle: the same `defineContract` as `core/api/schemas.ts`, given
 * only the `zod/mini` functions the contract uses. `core/api/schemas.ts` passes the whole `zod/mini`
 * namespace as a value, which keeps every zod module and locale in a bundle (~100 KB gzip); named
 * imports let the bundler drop the rest. The types are those of `core/api/schemas.ts`.
 */
const z = {
  array,
  boolean,
  email,
  enum: enumOf,
  iso: { datetime: iso.datetime },
  literal,
  maxLength,
  minLength,
  nullable,
  number,
  object,
  optional,
  regex,
  strictObject,
  string,
  superRefine,
  trim,
  union,
} as unknown as typeof Mini;

let built: Contract | undefined;

/**
 * The contract's schemas, built on first use rather than when the module loads: building ~30 schemas is
 * the costliest part of evaluating the bundle, and a page that only shows the launcher never needs them.
 */
export function contract(): Contract {
  built ??= defineContract(z);
  return built;
}
