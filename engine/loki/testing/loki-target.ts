// What the Loki client's tests run against: the FAKE Loki of fake-loki.ts, or, when LOKI_URL is set
// (`LOKI_URL=http://localhost:3100 npm run test:loki`), a real Loki the user runs. Tests that need what
// only the fake can do (auth on and off at will, injected failures) say so and are skipped on a real one.
import { startFakeLoki, type FakeLoki } from './fake-loki.js';

export interface LokiTarget {
  url: string;
  /** True against a real Loki (LOKI_URL). */
  real: boolean;
  /** The fake, to inject failures (undefined against a real Loki). */
  fake: FakeLoki | undefined;
  close(): Promise<void>;
}

/** Why a fake-only test does not run, or undefined when it does (known before any target starts). */
export function fakeOnly(what: string): string | undefined {
  return process.env.LOKI_URL ? `needs the fake Loki (${what}); skipped against LOKI_URL` : undefined;
}

export async function lokiTarget(opts: { auth?: boolean } = {}): Promise<LokiTarget> {
  const url = process.env.LOKI_URL;
  if (url) return { url: url.replace(/\/+$/, ''), real: true, fake: undefined, close: async () => {} };
  const fake = await startFakeLoki({ auth: opts.auth });
  return { url: fake.url, real: false, fake, close: () => fake.close() };
}

/** A label value unique to this run, so that a conformance run never reads an earlier run's lines. */
export const RUN_ID = `r${Date.now().toString(36)}${process.pid}`;
