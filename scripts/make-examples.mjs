#!/usr/bin/env node
// The small demo logs in examples/ (synthetic, deterministic): a baseline of ordinary sshd, cron, nginx,
// kernel and app lines, and an incoming file with ordinary lines plus a few kinds the baseline never saw.
// The files are committed (a fresh clone runs `npm run demo` without this script); `npm run test:demo`
// checks that they are still what this script writes. Run it to rewrite them:
//   node scripts/make-examples.mjs
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const examplesDir = resolve(dirname(fileURLToPath(import.meta.url)), '..', 'examples');

/** The two files' lines, and the 1-based numbers of the incoming lines the baseline never saw. */
export function makeExamples() {
  let seed = 42;
  const rand = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const pick = (xs) => xs[Math.floor(rand() * xs.length)];
  const ip = () => `${pick([10, 172, 192])}.${Math.floor(rand() * 255)}.${Math.floor(rand() * 255)}.${1 + Math.floor(rand() * 254)}`;
  const users = ['alice', 'bob', 'deploy', 'backup', 'carol'];
  const hosts = ['web-1', 'web-2', 'db-1', 'bastion'];
  let t = Date.UTC(2026, 10, 20, 6, 0, 0);
  const ts = () => {
    t += Math.floor(rand() * 20_000);
    const d = new Date(t);
    const mon = d.toLocaleString('en-US', { month: 'short', timeZone: 'UTC' });
    return `${mon} ${String(d.getUTCDate()).padStart(2, ' ')} ${d.toISOString().slice(11, 19)}`;
  };
  const pid = () => 1000 + Math.floor(rand() * 30000);

  const ordinary = [
    () => `${ts()} ${pick(hosts)} sshd[${pid()}]: Accepted publickey for ${pick(users)} from ${ip()} port ${1024 + Math.floor(rand() * 60000)} ssh2`,
    () => `${ts()} ${pick(hosts)} sshd[${pid()}]: Accepted password for ${pick(users)} from ${ip()} port ${1024 + Math.floor(rand() * 60000)} ssh2`,
    () => `${ts()} ${pick(hosts)} sshd[${pid()}]: Failed password for ${pick(users)} from ${ip()} port ${1024 + Math.floor(rand() * 60000)} ssh2`,
    () => `${ts()} ${pick(hosts)} sshd[${pid()}]: Connection closed by ${ip()} port ${1024 + Math.floor(rand() * 60000)} [preauth]`,
    () => `${ts()} ${pick(hosts)} sshd[${pid()}]: pam_unix(sshd:session): session opened for user ${pick(users)} by (uid=0)`,
    () => `${ts()} ${pick(hosts)} sshd[${pid()}]: pam_unix(sshd:session): session closed for user ${pick(users)}`,
    () => `${ts()} ${pick(hosts)} CRON[${pid()}]: (root) CMD (/usr/local/bin/backup.sh --incremental)`,
    () => `${ts()} ${pick(hosts)} systemd[1]: Started Session ${Math.floor(rand() * 900)} of user ${pick(users)}.`,
    () => `${ts()} ${pick(hosts)} nginx: ${ip()} - - "GET /api/v1/orders/${Math.floor(rand() * 99999)} HTTP/1.1" ${pick([200, 200, 200, 304])} ${Math.floor(rand() * 5000)}`,
    () => `${ts()} ${pick(hosts)} nginx: ${ip()} - - "POST /api/v1/login HTTP/1.1" ${pick([200, 401])} ${Math.floor(rand() * 900)}`,
    () => `${ts()} ${pick(hosts)} kernel: [${(rand() * 90000).toFixed(6)}] eth0: link up, 1000Mbps, full-duplex`,
    () => `${ts()} ${pick(hosts)} app[${pid()}]: level=info msg="order created" order_id=${Math.floor(rand() * 1e6)} user=${pick(users)} duration_ms=${Math.floor(rand() * 300)}`,
  ];
  const unseen = [
    () => `${ts()} db-1 kernel: [${(rand() * 90000).toFixed(6)}] Kernel panic - not syncing: Fatal exception in interrupt`,
    () => `${ts()} web-2 kernel: [${(rand() * 90000).toFixed(6)}] Out of memory: Killed process ${pid()} (java) total-vm:8123456kB`,
    () => `${ts()} bastion sudo: mallory : user NOT in sudoers ; TTY=pts/0 ; PWD=/tmp ; USER=root ; COMMAND=/bin/bash`,
    () => `${ts()} web-1 app[${pid()}]: level=error msg="database connection refused" host=db-1 retries=5`,
  ];

  const baseline = Array.from({ length: 400 }, () => pick(ordinary)());
  // Every fourth line from the fourth on, up to the sixteenth, is one the baseline never saw.
  const isUnseen = (i) => i % 4 === 3 && i < 16;
  const incoming = Array.from({ length: 20 }, (_, i) => (isUnseen(i) ? unseen[(i - 3) / 4] : pick(ordinary))());
  const unseenLines = incoming.map((_, i) => i).filter(isUnseen).map((i) => i + 1);
  return { baseline, incoming, unseenLines };
}

export const asFile = (lines) => `${lines.join('\n')}\n`;

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const { baseline, incoming } = makeExamples();
  mkdirSync(examplesDir, { recursive: true });
  writeFileSync(join(examplesDir, 'baseline.log'), asFile(baseline));
  writeFileSync(join(examplesDir, 'incoming.log'), asFile(incoming));
  console.log(`examples/baseline.log: ${baseline.length} lines; examples/incoming.log: ${incoming.length} lines`);
}
