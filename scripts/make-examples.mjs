#!/usr/bin/env node
// Writes the small demo logs in examples/ (synthetic, deterministic): a baseline of ordinary sshd, cron,
// nginx and kernel lines, and an incoming file with ordinary lines plus a few the baseline never saw.
import { writeFileSync } from 'node:fs';

let seed = 42;
const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
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
writeFileSync('examples/baseline.log', `${baseline.join('\n')}\n`);
// Every fourth line from the fourth on is one the baseline never saw.
const incoming = Array.from({ length: 20 }, (_, i) => (i % 4 === 3 && i < 16 ? unseen[(i - 3) / 4] : pick(ordinary))());
writeFileSync('examples/incoming.log', `${incoming.join('\n')}\n`);
console.log(`examples/baseline.log: ${baseline.length} lines; examples/incoming.log: ${incoming.length} lines`);
