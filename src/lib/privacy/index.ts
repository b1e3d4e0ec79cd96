/**
 * Local differential privacy for Candor's feedback: the device builds randomised weekly reports and
 * accounts for the ε it spends; the server aggregates support counts and estimates per-product
 * counts and the item Gram matrix. Pure TypeScript (no DOM, no I/O): runs in the browser, a worker,
 * Node and Vitest. See docs/privacy.md.
 */
export * from './hash';
export * from './period';
export * from './olh';
export * from './mechanism';
export * from './report';
export * from './ledger';
export * from './aggregate';
export * from './estimate';
