/** Polls `probe` until it returns something truthy, for effects that happen after a response (events between partners). */
export async function eventually<T>(what: string, probe: () => Promise<T | undefined | null | false | 0> | T | undefined | null | false | 0, timeoutMs = 15_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
