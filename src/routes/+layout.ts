// Every page renders on the device from IndexedDB: the server has nothing personal to render.
export const ssr = false;
