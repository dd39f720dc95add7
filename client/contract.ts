import { type Contract, defineContract } from '../core/api/contract.js';
import { contractZod } from '../core/api/schemas.js';

let built: Contract | undefined;

/**
 * The contract's schemas, built on first use rather than when the module loads: building ~30 schemas is
 * the costliest part of evaluating the bundle, and a page that only shows the launcher never needs them.
 */
export function contract(): Contract {
  built ??= defineContract(contractZod);
  return built;
}
