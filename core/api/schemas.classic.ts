import * as z from 'zod';
import type * as Mini from 'zod/mini';
import { type Contract, type ContractZod, defineContract } from './contract.js';

/**
 * The same contract built with classic `zod`, for the server: `@hono/zod-openapi` reads classic schemas
 * to validate requests and to generate the OpenAPI document. Types are those of the mini contract.
 */
export type ClassicContract = { [K in keyof Contract]: z.ZodType<Mini.output<Contract[K]>, Mini.input<Contract[K]>> };

export const classicContract = defineContract(z as unknown as ContractZod) as unknown as ClassicContract;
