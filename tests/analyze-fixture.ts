import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * A JSON-lines log of a few hours on four hosts: ssh logins and failures, web requests, database
 * timeouts, a kernel OOM, with times, so every artifact of `analyze` (trends included) has content.
 * Deterministic: the same file every run.
 */
export function writeAnalyzeFixture(dir: string, events = 3_000): string {
  let seed = 7;
  const rnd = (n: number): number => {
    seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
    return seed % n;
  };
  const users = ['alice', 'bob', 'carol', 'deploy', 'root', 'admin', 'oracle', 'test'];
  const methods = ['GET', 'POST', 'PUT', 'DELETE'];
  const appEvents = ['order created', 'order shipped', 'order cancelled', 'payment captured', 'payment declined', 'cart updated', 'invoice sent', 'refund issued'];
  const databases = ['orders', 'users', 'billing', 'inventory', 'sessions'];
  const paths = ['/api/v1/orders', '/api/v1/users', '/login', '/static/app.js', '/health'];
  const start = Date.UTC(2026, 10, 20, 6, 0, 0);
  const lines: string[] = [];
  for (let i = 0; i < events; i++) {
    const ms = start + Math.floor((i / events) * 4 * 3_600_000) + rnd(1_000);
    const hour = Math.floor((ms - start) / 3_600_000);
    const host = `web-${1 + rnd(4)}`;
    const ip = `10.${rnd(4)}.${rnd(250)}.${rnd(250)}`;
    const pick = <T>(xs: T[]): T => xs[rnd(xs.length)];
    const pid = 1000 + rnd(9000);
    let message: string;
    const k = rnd(100);
    // Failed logins burst in the third hour.
    if (k < (hour === 2 ? 45 : 10)) {
      message = pick([
        `sshd[${pid}]: Failed password for ${pick(users)} from ${ip} port ${1024 + rnd(60000)} ssh2`,
        `sshd[${pid}]: Invalid user ${pick(users)} from ${ip}`,
        `sshd[${pid}]: pam_unix(sshd:auth): authentication failure; logname= uid=0 euid=0 tty=ssh ruser= rhost=${ip} user=${pick(users)}`,
      ]);
    } else if (k < 55) {
      message = `nginx: ${ip} - - "${pick(methods)} ${pick(paths)}/${rnd(99999)} HTTP/1.1" ${pick([200, 201, 304, 404, 500, 503])} ${rnd(9000)}`;
    } else if (k < 68) {
      message = `sshd[${pid}]: Accepted ${pick(['publickey', 'password'])} for ${pick(users.slice(0, 4))} from ${ip} port ${1024 + rnd(60000)} ssh2`;
    } else if (k < 84) {
      message = `app[${rnd(900)}]: level=info msg="${pick(appEvents)}" order_id=${rnd(999999)} duration=${rnd(900)}ms`;
    } else if (k < 96) {
      message = pick([
        `postgres[${rnd(900)}]: connection to database "${pick(databases)}" timed out after ${rnd(60)} seconds`,
        `postgres[${rnd(900)}]: could not connect to server "${pick(databases)}": Connection refused`,
        `postgres[${rnd(900)}]: too many connections for database "${pick(databases)}"`,
      ]);
    } else {
      message = `kernel: [${rnd(99999)}.${rnd(999999)}] Out of memory: Killed process ${rnd(30000)} (${pick(['java', 'node', 'python3', 'postgres'])}) total-vm:${rnd(9999999)}kB`;
    }
    lines.push(JSON.stringify({ timestamp: new Date(ms).toISOString(), host, message }));
  }
  const path = join(dir, 'fixture.jsonl');
  writeFileSync(path, `${lines.join('\n')}\n`);
  return path;
}
