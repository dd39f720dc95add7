// The mocha globals web-test-runner provides in the browser (no @types/mocha in this repository).
type MochaDone = (error?: unknown) => void;
type MochaFn = (this: { timeout(ms: number): void }, done?: MochaDone) => void | Promise<void>;
declare function describe(title: string, fn: () => void): void;
declare function it(title: string, fn: MochaFn): void;
declare function before(fn: MochaFn): void;
declare function after(fn: MochaFn): void;
declare function beforeEach(fn: MochaFn): void;
declare function afterEach(fn: MochaFn): void;
