declare module 'virtual:candor/root' {
  /** the pinned root envelope, as the exact text of CANDOR_KEYS/root.json (vite.config.ts) */
  const rootEnvelope: string;
  export default rootEnvelope;
}
