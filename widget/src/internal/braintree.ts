/// <reference path="./braintree-web-drop-in.d.ts" />
// The Braintree Drop-in behind an ES module of ours: the upgrade step imports this file dynamically, so the
// CommonJS interop Drop-in needs stays in Drop-in's lazy chunk instead of a runtime chunk the element
// would have to fetch up front.
import dropin from 'braintree-web-drop-in';

/** Drop-in's `create`, typed by reference so declaration files can name it. */
export const createDropin: typeof dropin.create = dropin.create;
