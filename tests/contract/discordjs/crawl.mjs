// Contract check 2: discord.js's own REST client (@discordjs/rest) crawls the
// Gavel emulator the way a bot would, under Discord-like rate limits, and must
// get every message and every reaction user while drawing at most one 429 per
// bucket and never sending into a global limit it was told about. If the
// emulator's rate-limit headers were wrong, discord.js (which trusts them)
// would draw many more 429s or stall. See docs/contract.md.
//
//   node crawl.mjs --gavel /path/to/gavel --snapshot guild.json
//   node crawl.mjs --gavel /path/to/gavel --demo-guild "--members 100 --messages 1000"
//   node crawl.mjs --url http://127.0.0.1:PORT/api/v10 --token T [--snapshot guild.json]
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { DefaultRestOptions, REST } from '@discordjs/rest';

const VIEW_CHANNEL = 1n << 10n;
const READ_MESSAGE_HISTORY = 1n << 16n;
const MANAGE_THREADS = 1n << 34n;
const ADMINISTRATOR = 1n << 3n;
const THREAD_TYPES = new Set([10, 11, 12]);
const MESSAGE_CHANNEL_TYPES = new Set([0, 5]);

function parseArgs(argv) {
  const opts = {
    gavel: process.env.GAVEL_BINARY,
    snapshot: null,
    demoGuild: null,
    url: null,
    token: 'contract-discordjs-token',
    globalRate: 50,
    bucket: '5/1',
    timeLimit: 110,
  };
  for (let i = 2; i < argv.length; i++) {
    const a = argv[i];
    const next = () => {
      if (i + 1 >= argv.length) throw new Error(`${a} needs a value`);
      return argv[++i];
    };
    if (a === '--gavel') opts.gavel = next();
    else if (a === '--snapshot') opts.snapshot = next();
    else if (a === '--demo-guild') opts.demoGuild = next();
    else if (a === '--url') opts.url = next();
    else if (a === '--token') opts.token = next();
    else if (a === '--global-rate') opts.globalRate = Number(next());
    else if (a === '--bucket') opts.bucket = next();
    else if (a === '--time-limit') opts.timeLimit = Number(next());
    else throw new Error(`unknown argument ${a}`);
  }
  if (!opts.url && !opts.gavel) throw new Error('pass --gavel PATH (or set GAVEL_BINARY), or --url of a running emulator');
  if (!opts.url && !opts.snapshot && !opts.demoGuild) throw new Error('pass --snapshot FILE or --demo-guild "ARGS"');
  return opts;
}

function loadSnapshot(path) {
  const raw = readFileSync(path);
  return JSON.parse((path.endsWith('.gz') ? gunzipSync(raw) : raw).toString('utf8'));
}

// Starts `gavel emulate` and resolves with its base URL once it prints
// "listening on http://127.0.0.1:PORT/api/v10".
function startEmulator(gavel, snapshot, token, globalRate, bucket) {
  const args = ['emulate', '--snapshot', snapshot, '--port', '0', '--token', token,
    '--global-rate', String(globalRate), '--bucket', bucket];
  const child = spawn(gavel, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d) => { stderr += d; });
  return new Promise((resolve, reject) => {
    let buffered = '';
    const timer = setTimeout(() => {
      child.kill('SIGTERM');
      reject(new Error(`gavel emulate printed no URL within 60 s; stderr: ${stderr}`));
    }, 60000);
    child.stdout.on('data', (d) => {
      buffered += d;
      const nl = buffered.indexOf('\n');
      if (nl < 0) return;
      clearTimeout(timer);
      const first = buffered.slice(0, nl).trim();
      const m = /^listening on (http:\/\/127\.0\.0\.1:\d+\/api\/v10)$/.exec(first);
      if (!m) {
        child.kill('SIGTERM');
        reject(new Error(`first stdout line of gavel emulate is ${JSON.stringify(first)}`));
        return;
      }
      child.stdout.removeAllListeners('data');
      child.stdout.resume();
      resolve({ url: m[1], child, stderr: () => stderr });
    });
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`gavel emulate exited (${code ?? signal}) before listening; stderr: ${stderr}`));
    });
  });
}

function stopEmulator(emu) {
  if (!emu || emu.child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => emu.child.kill('SIGKILL'), 10000);
    emu.child.once('exit', () => { clearTimeout(timer); resolve(); });
    emu.child.kill('SIGTERM');
  });
}

async function admin(root, path) {
  const res = await fetch(`${root}/_emulator/${path}`);
  if (!res.ok) throw new Error(`GET /_emulator/${path}: ${res.status} ${await res.text()}`);
  return res.json();
}

// The bot's permissions in a channel; threads inherit their parent's.
// Discord's overwrite order: @everyone, then the member's roles together, then the member.
function permissions(channel, ctx) {
  if (THREAD_TYPES.has(channel.type)) {
    const parent = ctx.channels.get(channel.parent_id);
    return parent ? permissions(parent, ctx) : ~0n;
  }
  let perms = BigInt(ctx.roles.get(ctx.guildId)?.permissions ?? '0');
  for (const r of ctx.botRoles) perms |= BigInt(ctx.roles.get(r)?.permissions ?? '0');
  if (perms & ADMINISTRATOR) return ~0n;
  const ows = channel.permission_overwrites ?? [];
  for (const ow of ows) if (ow.id === ctx.guildId) perms = (perms & ~BigInt(ow.deny)) | BigInt(ow.allow);
  let deny = 0n;
  let allow = 0n;
  for (const ow of ows) {
    if (ctx.botRoles.has(ow.id)) { deny |= BigInt(ow.deny); allow |= BigInt(ow.allow); }
  }
  perms = (perms & ~deny) | allow;
  for (const ow of ows) if (ow.id === ctx.botId) perms = (perms & ~BigInt(ow.deny)) | BigInt(ow.allow);
  return perms;
}

const canView = (channel, ctx) => (permissions(channel, ctx) & VIEW_CHANNEL) !== 0n;
const canReadHistory = (channel, ctx) =>
  (permissions(channel, ctx) & (VIEW_CHANNEL | READ_MESSAGE_HISTORY)) === (VIEW_CHANNEL | READ_MESSAGE_HISTORY);

function emojiKey(emoji) {
  return emoji.id ? `${emoji.name}:${emoji.id}` : emoji.name;
}

function majorParameter(path) {
  const m = /^\/(?:channels|guilds|webhooks)\/(\d{17,19})/.exec(path);
  return m ? m[1] : 'global';
}

// What the snapshot says a complete crawl must find in the channels the bot can read.
function expectedTotals(snapshot, readable) {
  let messages = 0;
  for (const id of readable) messages += (snapshot.messages?.[id] ?? []).length;
  const users = {};
  for (const [kind, lists] of [['0', snapshot.reactions ?? {}], ['1', snapshot.burst_reactions ?? {}]]) {
    for (const [key, list] of Object.entries(lists)) {
      if (readable.has(key.split('/')[0])) users[`${key}#${kind}`] = list.length;
    }
  }
  return { messages, users };
}

async function crawl(rest, guildId, stats) {
  const me = await rest.get('/users/@me');
  const [channels, roles, member] = await Promise.all([
    rest.get(`/guilds/${guildId}/channels`),
    rest.get(`/guilds/${guildId}/roles`),
    rest.get(`/guilds/${guildId}/members/${me.id}`),
  ]);
  const ctx = {
    guildId,
    botId: me.id,
    botRoles: new Set(member.roles),
    roles: new Map(roles.map((r) => [r.id, r])),
    channels: new Map(channels.map((c) => [c.id, c])),
  };
  const visible = channels.filter((c) => canView(c, ctx));

  // Threads: active ones guild-wide, archived ones per parent (public and private).
  const threads = new Map();
  const active = await rest.get(`/guilds/${guildId}/threads/active`);
  for (const t of active.threads) threads.set(t.id, t);
  const listings = [];
  for (const c of visible) {
    if (![0, 5, 15].includes(c.type) || !canReadHistory(c, ctx)) continue;
    listings.push([c, 'public']);
    // Private archived threads are listed only with Manage Threads, as on Discord.
    if (c.type === 0 && (permissions(c, ctx) & MANAGE_THREADS)) listings.push([c, 'private']);
  }
  await Promise.all(listings.map(async ([c, kind]) => {
    let before;
    for (;;) {
      const query = new URLSearchParams({ limit: '100' });
      if (before) query.set('before', before);
      const page = await rest.get(`/channels/${c.id}/threads/archived/${kind}`, { query });
      for (const t of page.threads) threads.set(t.id, t);
      if (!page.has_more || page.threads.length === 0) break;
      before = page.threads.at(-1).thread_metadata.archive_timestamp;
    }
  }));
  for (const t of threads.values()) ctx.channels.set(t.id, t);
  const targets = [
    ...visible.filter((c) => MESSAGE_CHANNEL_TYPES.has(c.type)),
    ...[...threads.values()].filter((t) => canView(t, ctx)),
  ];

  // Channels without Read Message History are crawled too: they must come back empty.
  const found = {
    messages: 0,
    users: {},
    duplicates: [],
    channels: targets.filter((c) => canReadHistory(c, ctx)).map((c) => c.id),
  };
  stats.crawled = targets.length;
  await Promise.all(targets.map(async (channel) => {
    const messages = [];
    let before;
    for (;;) {
      const query = new URLSearchParams({ limit: '100' });
      if (before) query.set('before', before);
      const page = await rest.get(`/channels/${channel.id}/messages`, { query });
      messages.push(...page);
      if (page.length < 100) break;
      before = page.at(-1).id;
    }
    found.messages += messages.length;
    // Every reaction list of the channel at once: discord.js queues them in
    // the channel's reaction bucket and must pace them by the headers.
    const lists = [];
    for (const m of messages) {
      for (const r of m.reactions ?? []) {
        if (r.count_details.normal > 0) lists.push([m, r, '0']);
        if (r.count_details.burst > 0) lists.push([m, r, '1']);
      }
    }
    await Promise.all(lists.map(async ([m, r, type]) => {
      const key = `${channel.id}/${m.id}/${emojiKey(r.emoji)}`;
      const emoji = encodeURIComponent(emojiKey(r.emoji));
      let after;
      const users = new Set();
      for (;;) {
        const query = new URLSearchParams({ limit: '100', type });
        if (after) query.set('after', after);
        const page = await rest.get(`/channels/${channel.id}/messages/${m.id}/reactions/${emoji}`, { query });
        for (const u of page) {
          if (users.has(u.id)) found.duplicates.push(`${key}#${type}: user ${u.id} listed twice`);
          users.add(u.id);
        }
        if (page.length < 100) break;
        after = page.at(-1).id;
      }
      found.users[`${key}#${type}`] = users.size;
    }));
  }));
  return found;
}

async function main() {
  const opts = parseArgs(process.argv);
  let emu = null;
  let tmp = null;
  let snapshotPath = opts.snapshot;
  const failures = [];
  try {
    if (opts.demoGuild) {
      tmp = mkdtempSync(join(tmpdir(), 'gavel-discordjs-'));
      snapshotPath = join(tmp, 'demo-guild.json');
      const args = ['demo-guild', ...opts.demoGuild.split(/\s+/).filter(Boolean), '--out', snapshotPath];
      const gen = spawnSync(opts.gavel, args, { encoding: 'utf8', timeout: 300000 });
      if (gen.status !== 0) throw new Error(`gavel ${args.join(' ')} failed (${gen.status}): ${gen.stderr}`);
    }
    let url = opts.url;
    if (!url) {
      emu = await startEmulator(opts.gavel, snapshotPath, opts.token, opts.globalRate, opts.bucket);
      url = emu.url;
    }
    const root = url.replace(/\/api\/v10\/?$/, '');
    const snapshot = snapshotPath ? loadSnapshot(snapshotPath) : await admin(root, 'snapshot');
    const guildId = snapshot.guild.id;

    // Every request discord.js puts on the wire, with when it was sent and
    // answered: whether a 429 was honoured depends on what discord.js knew
    // when it sent the next request.
    const wire = [];
    const makeRequest = async (target, init) => {
      const sent = performance.now();
      const res = await DefaultRestOptions.makeRequest(target, init);
      const entry = { sent, received: performance.now(), status: res.status, path: new URL(target).pathname };
      if (res.status === 429) {
        const h = (name) => res.headers.get(name);
        entry.global = h('x-ratelimit-scope') === 'global' || h('x-ratelimit-global') !== null;
        entry.retryAfterMs = Number(h('retry-after') ?? 0) * 1000;
        entry.bucket = `${h('x-ratelimit-bucket')}:${majorParameter(entry.path.replace(/^\/api\/v10/, ''))}`;
      }
      wire.push(entry);
      return res;
    };
    const rest = new REST({ version: '10', api: url.replace(/\/v10\/?$/, ''), retries: 0, timeout: 30000, makeRequest })
      .setToken(opts.token);
    const stats = { requests: 0, statuses: {}, waits: 0, waitsByBucket: new Map() };
    rest.on('response', (request, response) => {
      stats.requests += 1;
      stats.statuses[response.status] = (stats.statuses[response.status] ?? 0) + 1;
      if (response.status >= 400 && response.status !== 429) {
        failures.push(`${request.method.toUpperCase()} ${request.path} -> ${response.status}`);
      }
    });
    rest.on('rateLimited', (info) => {
      stats.waits += 1;
      const key = `${info.hash}:${info.majorParameter}`;
      stats.waitsByBucket.set(key, (stats.waitsByBucket.get(key) ?? 0) + 1);
    });

    const started = performance.now();
    let found;
    const deadline = new Promise((_, reject) => {
      const t = setTimeout(() => reject(new Error(`crawl did not finish within ${opts.timeLimit} s`)), opts.timeLimit * 1000);
      t.unref();
    });
    try {
      found = await Promise.race([crawl(rest, guildId, stats), deadline]);
    } catch (e) {
      failures.push(`request failed: ${e.message ?? e} ${e.method ?? ''} ${e.url ?? ''}`);
    }
    const seconds = (performance.now() - started) / 1000;

    let server = null;
    try {
      server = await admin(root, 'stats');
    } catch (e) {
      failures.push(`could not read /_emulator/stats: ${e.message}`);
    }

    if (found) {
      const expected = expectedTotals(snapshot, new Set(found.channels));
      if (found.messages !== expected.messages) {
        failures.push(`messages: crawled ${found.messages}, snapshot has ${expected.messages} in the readable channels`);
      }
      const keys = new Set([...Object.keys(expected.users), ...Object.keys(found.users)]);
      let wrong = 0;
      for (const k of keys) {
        if ((found.users[k] ?? 0) !== (expected.users[k] ?? 0)) {
          if (wrong++ < 10) failures.push(`reaction users ${k}: crawled ${found.users[k] ?? 0}, snapshot has ${expected.users[k] ?? 0}`);
        }
      }
      const sum = (o) => Object.values(o).reduce((a, b) => a + b, 0);
      stats.usersFound = sum(found.users);
      stats.usersExpected = sum(expected.users);
      stats.messagesFound = found.messages;
      stats.lists = Object.keys(found.users).length;
      stats.channels = stats.crawled;
      if (expected.messages === 0) failures.push('the snapshot has no readable message: nothing was proven');
      failures.push(...found.duplicates.slice(0, 10));
    }
    const limits = judge429s(wire);
    for (const [bucket, n] of limits.byBucket) {
      if (n > 1) failures.push(`bucket ${bucket} drew ${n} 429s (at most 1 allowed): discord.js could not trust the headers`);
    }
    for (const d of limits.dishonoured.slice(0, 10)) failures.push(d);
    if (stats.waits === 0) failures.push('discord.js never waited on a rate limit: the limits were not exercised');

    const client429 = limits.bucket429 + limits.global429;
    if (server) {
      const { requests_total: total, responses, rate_limited: limited } = server;
      console.log(`emulator stats: ${JSON.stringify({ requests_total: total, responses, rate_limited: limited })}`);
    }
    console.log(
      `discord.js @discordjs/rest crawl: ${stats.requests} requests in ${seconds.toFixed(1)} s ` +
      `(${(stats.requests / seconds).toFixed(1)} req/s), ${stats.channels ?? 0} channels/threads, ` +
      `${stats.messagesFound ?? 0} messages, ${stats.usersFound ?? 0}/${stats.usersExpected ?? 0} reaction users ` +
      `in ${stats.lists ?? 0} lists; 429s: ${client429} (${limits.bucket429} from ${limits.byBucket.size} buckets, ` +
      `${limits.global429} global in ${limits.episodes} episodes, ${limits.dishonoured.length} sent into a known limit); ` +
      `pre-emptive waits: ${stats.waits} in ${stats.waitsByBucket.size} buckets; ` +
      `limits: global ${opts.globalRate}/s, bucket ${opts.bucket}`,
    );
    if (server) checkServerStats(server, client429, stats, failures);
  } catch (e) {
    failures.push(e.stack ?? String(e));
  } finally {
    await stopEmulator(emu);
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  }
  for (const f of failures) console.error(`FAIL: ${f}`);
  console.log(failures.length ? `FAIL: ${failures.length} problems` : 'PASS');
  process.exit(failures.length ? 1 : 0);
}

// Sorts the 429s discord.js drew into bucket ones (at most one per bucket
// allowed: the headers announce every bucket's budget) and global ones.
// Discord sends no header announcing the global budget, so discord.js keeps
// its own 50/s counter in fixed windows whose phase cannot match the
// server's; at full speed it draws global 429s. What it must do is stop
// until Retry-After once one arrives: a request sent after a global 429 came
// back and before its Retry-After ran out is "sent into a known limit".
// Requests already on the wire when the first 429 of an episode arrives are not.
function judge429s(wire) {
  const byBucket = new Map();
  const globals = wire.filter((e) => e.status === 429 && e.global).sort((a, b) => a.received - b.received);
  for (const e of wire) {
    if (e.status === 429 && !e.global) byBucket.set(e.bucket, (byBucket.get(e.bucket) ?? 0) + 1);
  }
  const slack = 5; // ms: the check and the send are not one atomic step in discord.js
  const dishonoured = [];
  for (const g of globals) {
    const until = g.received + g.retryAfterMs;
    for (const e of wire) {
      if (e.sent > g.received + slack && e.sent < until - slack) {
        dishonoured.push(`${e.path} was sent ${(e.sent - g.received).toFixed(0)} ms after a global 429 ` +
          `that said Retry-After ${g.retryAfterMs / 1000} s`);
      }
    }
  }
  let episodes = 0;
  let episodeEnd = -Infinity;
  for (const g of [...globals].sort((a, b) => a.sent - b.sent)) {
    if (g.sent > episodeEnd) {
      episodes += 1;
      episodeEnd = g.received;
    }
  }
  const bucket429 = [...byBucket.values()].reduce((a, b) => a + b, 0);
  return { byBucket, bucket429, global429: globals.length, episodes, dishonoured };
}

// The emulator's own count (GET /_emulator/stats, see docs/emulator.md) must
// agree with what discord.js saw.
function checkServerStats(server, client429, stats, failures) {
  const requests = server?.requests_total;
  const r429 = server?.responses?.['429'] ?? 0;
  if (typeof requests !== 'number') {
    failures.push(`/_emulator/stats has no requests_total: ${JSON.stringify(server)}`);
    return;
  }
  if (r429 !== client429) failures.push(`emulator counted ${r429} 429s, discord.js saw ${client429}`);
  if (requests !== stats.requests) failures.push(`emulator counted ${requests} requests, discord.js made ${stats.requests}`);
}

main();
