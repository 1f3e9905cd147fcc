// A server read the page repeats whenever its trials change (the leaderboard, the analysis): one
// request at a time, and after it, another only when a change came in meanwhile, so the latest wins.

/**
 * @param {(signal: AbortSignal) => Promise<any>} read the request
 * @param {(result: any) => void} apply called with each answer, in order
 * @param {(error: Error) => void} fail called when a read fails (not when the page is left)
 * @returns {{ changed: () => void }} changed(): the trials changed, read again
 */
export function latestRead(signal, read, apply, fail) {
  let version = 0;
  let shown = -1;
  let loading = false;
  async function run() {
    if (loading) return;
    loading = true;
    try {
      while (shown !== version && !signal.aborted) {
        const asked = version;
        apply(await read(signal));
        shown = asked;
      }
    } catch (error) {
      if (error.name !== 'AbortError') fail(error);
    } finally {
      loading = false;
    }
  }
  return {
    changed() {
      version += 1;
      run();
    },
  };
}
