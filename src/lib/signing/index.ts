/**
 * Candor's signing module: canonical JSON (RFC 8785), Ed25519 (WebCrypto, @noble/ed25519 as the
 * fallback), TUF-style envelopes, the root of trust and its rotation. Pure: no fs, no DOM.
 */
// keys and signatures are strict base64 (common/base64.ts): part of what signing's callers use
export * from '../common/base64';
export * from './bytes';
export * from './canonical-json';
export * from './ed25519';
export * from './envelope';
export * from './errors';
export * from './schemas';
export * from './strict-json';
