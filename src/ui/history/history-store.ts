/**
 * Where history lives: IndexedDB (through idb), one database for the app.
 *
 * - minutes: per-minute totals keyed by their start, indexed by local day.
 * - days: the same totals added up per local day, for the trend charts.
 *
 * The schema climbs a ladder of upgrades, one per version, so a database
 * from any earlier version is brought up to date with its data kept. Every
 * record read goes through restoreMinute: a damaged one is skipped with a
 * warning and counted, never shown as a wrong number.
 *
 * When IndexedDB is missing, refuses to open (private windows), is blocked
 * by an old tab, or fails a write (quota), history is kept in memory from
 * then on and `problem` says why; reads combine both.
 */
import { openDB, type DBSchema, type IDBPDatabase, type IDBPTransaction } from 'idb';
import {
  addMinute,
  compactMinute,
  emptyMinute,
  localDay,
  restoreMinute,
  type MinuteRecord,
} from '../../core/history/minute';

const DB_NAME = 'knotless';
export const DB_VERSION = 2;

interface HistorySchema extends DBSchema {
  minutes: { key: number; value: Record<string, unknown>; indexes: { day: string } };
  days: { key: string; value: Record<string, unknown> };
}
type Db = IDBPDatabase<HistorySchema>;
type UpgradeTx = IDBPTransaction<HistorySchema, ('minutes' | 'days')[], 'versionchange'>;

/**
 * The ladder: UPGRADES[v] takes a database from version v to v + 1.
 * - 0 → 1: per-minute totals keyed by their start.
 * - 1 → 2: each minute's local day stored with it and indexed (a later
 *   time-zone change no longer moves it), and per-day totals built from
 *   the minutes already there.
 */
const UPGRADES: ((db: Db, tx: UpgradeTx) => Promise<void>)[] = [
  async (db) => {
    db.createObjectStore('minutes', { keyPath: 't' });
  },
  async (db, tx) => {
    const minutes = tx.objectStore('minutes');
    minutes.createIndex('day', 'day');
    const days = db.createObjectStore('days', { keyPath: 'day' });
    const totals = new Map<string, MinuteRecord>();
    for (let cursor = await minutes.openCursor(); cursor; cursor = await cursor.continue()) {
      const raw = cursor.value;
      const day = typeof raw.day === 'string' ? raw.day : localDay(Number(raw.t));
      const restored = restoreMinute({ ...raw, day });
      if ('error' in restored) continue; // left as it is; reads skip it
      await cursor.update(compactMinute(restored.record));
      const have = totals.get(day);
      totals.set(day, have ? addMinute(have, restored.record) : { ...restored.record });
    }
    for (const total of totals.values()) await days.put(compactMinute(total));
  },
];

/** Opens (and upgrades) the database; `version` lower than DB_VERSION is for tests of the ladder. */
export function openHistoryDb(
  name = DB_NAME,
  version = DB_VERSION,
  onBlocked: () => void = () => undefined,
  onBlocking: () => void = () => undefined,
): Promise<Db> {
  return openDB<HistorySchema>(name, version, {
    async upgrade(db, oldVersion, newVersion, tx) {
      for (let v = oldVersion; v < (newVersion ?? version); v++) await UPGRADES[v]?.(db, tx);
    },
    blocked: onBlocked,
    blocking: onBlocking,
  });
}

export interface Loaded {
  records: MinuteRecord[];
  /** Damaged records left out. */
  skipped: number;
}

export interface HistoryStore {
  /** Where history is kept now. */
  readonly kind: 'indexeddb' | 'memory';
  /** Why it is in memory, when it is. */
  readonly problem: string | null;
  /** Adds per-minute totals (merged with what is stored for the same minutes). */
  add(records: readonly MinuteRecord[]): Promise<void>;
  /** One local day's minutes, oldest first. */
  day(day: string): Promise<Loaded>;
  /** Per-day totals from `fromDay` to `toDay`, inclusive. */
  dayTotals(fromDay: string, toDay: string): Promise<Loaded>;
  /** The days that have data, oldest first. */
  days(): Promise<string[]>;
  /** Every minute, oldest first (for export). */
  all(): Promise<Loaded>;
  /** Deletes all history. */
  clear(): Promise<void>;
  close(): void;
}

function restoreAll(raw: readonly unknown[], perDay = false): Loaded {
  const records: MinuteRecord[] = [];
  let skipped = 0;
  for (const r of raw) {
    const restored = restoreMinute(r, perDay);
    if ('record' in restored) records.push(restored.record);
    else {
      skipped++;
      console.warn(`knotless: a damaged history record was skipped (${restored.error})`);
    }
  }
  return { records, skipped };
}

/** Adds `records` into the totals kept under their key (minute start, or day). */
function mergeInto<K>(
  into: Map<K, MinuteRecord>,
  records: readonly MinuteRecord[],
  key: (r: MinuteRecord) => K,
) {
  for (const r of records) {
    const have = into.get(key(r));
    into.set(key(r), have ? addMinute(have, r) : addMinute(emptyMinute(r.t, r.day), r));
  }
}

/** How many recently written minutes (and days) IdbStore remembers, to write them again without reading. */
const KNOWN_MAX = 8;

const copyOf = (r: MinuteRecord): MinuteRecord => addMinute(emptyMinute(r.t, r.day), r);
const later = <K extends number | string>(a: K | null, b: K): K => (a !== null && a > b ? a : b);

/**
 * What is stored under some keys of one object store, known without reading
 * it: the totals this page wrote last, and that nothing is stored above the
 * newest key (read once when the store opens, then kept up to date).
 */
class Known<K extends number | string> {
  private readonly recent = new Map<K, MinuteRecord>();
  /** Nothing is stored above this key (null: nothing at all); undefined while not known. */
  private newest: K | null | undefined = undefined;
  private highestWritten: K | null = null;

  /** The stored totals under `key`: a record, null when there is none, undefined when unknown. */
  get(key: K): MinuteRecord | null | undefined {
    const have = this.recent.get(key);
    if (have) return have;
    return this.newest !== undefined && (this.newest === null || key > this.newest) ? null : undefined;
  }

  written(key: K, value: MinuteRecord): void {
    this.recent.delete(key);
    this.recent.set(key, value);
    if (this.recent.size > KNOWN_MAX) this.recent.delete(this.recent.keys().next().value as K);
    this.highestWritten = later(this.highestWritten, key);
    if (this.newest !== undefined) this.newest = later(this.newest, key);
  }

  /** The newest key stored, read from the database (together with what this page wrote since). */
  read(newest: K | null): void {
    this.newest = this.highestWritten === null ? newest : later(newest, this.highestWritten);
  }

  forget(): void {
    this.recent.clear();
    this.newest = undefined;
  }
}

/** Adds `r` to what is stored under `key`: at once when that is known, else after reading it. */
function addTo<K extends number | string>(
  store: { get(key: K): Promise<unknown>; put(value: Record<string, unknown>): Promise<unknown> },
  known: Known<K>,
  key: K,
  r: MinuteRecord,
  perDay: boolean,
): Promise<unknown> {
  const write = (have: MinuteRecord | null) => {
    const merged = have ? addMinute(copyOf(have), r) : copyOf(r);
    known.written(key, merged);
    return store.put(compactMinute(merged));
  };
  const have = known.get(key);
  if (have !== undefined) return write(have);
  return store.get(key).then((raw) => {
    const restored = raw ? restoreMinute(raw, perDay) : null;
    return write(restored && 'record' in restored ? restored.record : null);
  });
}

class IdbStore {
  /**
   * What is stored under the minutes and days about to be written to. When
   * all of them are known, a write is puts issued at once and committed at
   * once, with nothing left for the page to do: so a write started as the
   * page is left (pagehide) lands. A read-then-write would stop after the
   * read, the page gone, and the database would abort it.
   */
  private readonly knownMinutes = new Known<number>();
  private readonly knownDays = new Known<string>();

  constructor(private readonly db: Db) {
    void this.readNewest();
  }

  private async readNewest(): Promise<void> {
    try {
      const tx = this.db.transaction(['minutes', 'days']);
      const [minute, day] = await Promise.all([
        tx.objectStore('minutes').openKeyCursor(null, 'prev'),
        tx.objectStore('days').openKeyCursor(null, 'prev'),
      ]);
      this.knownMinutes.read(minute?.key ?? null);
      this.knownDays.read(day?.key ?? null);
    } catch {
      // Not known: every first write to a key reads it first.
    }
  }

  async add(records: readonly MinuteRecord[]): Promise<void> {
    if (!records.length) return;
    const tx = this.db.transaction(['minutes', 'days'], 'readwrite');
    const dayTotals = new Map<string, MinuteRecord>();
    mergeInto(dayTotals, records, (r) => r.day);
    const known =
      records.every((r) => this.knownMinutes.get(r.t) !== undefined) &&
      [...dayTotals.keys()].every((d) => this.knownDays.get(d) !== undefined);
    const work = [
      ...records.map((r) => addTo<number>(tx.objectStore('minutes'), this.knownMinutes, r.t, r, false)),
      ...[...dayTotals.values()].map((d) =>
        addTo<string>(tx.objectStore('days'), this.knownDays, d.day, d, true),
      ),
    ];
    // Every put is issued: commit now rather than when the page next hears
    // from the database, which a page being left never does (its transaction
    // would be aborted with it).
    if (known) tx.commit();
    try {
      await Promise.all([...work, tx.done]);
    } catch (err) {
      // What was known may not be what is stored now.
      this.knownMinutes.forget();
      this.knownDays.forget();
      throw err;
    }
  }

  async day(day: string): Promise<Loaded> {
    const loaded = restoreAll(await this.db.getAllFromIndex('minutes', 'day', day));
    loaded.records = loaded.records.filter((r) => r.day === day);
    return loaded;
  }

  async dayTotals(fromDay: string, toDay: string): Promise<Loaded> {
    return restoreAll(await this.db.getAll('days', IDBKeyRange.bound(fromDay, toDay)), true);
  }

  async days(): Promise<string[]> {
    return this.db.getAllKeys('days');
  }

  async all(): Promise<Loaded> {
    return restoreAll(await this.db.getAll('minutes'));
  }

  async clear(): Promise<void> {
    this.knownMinutes.forget();
    this.knownDays.forget();
    const tx = this.db.transaction(['minutes', 'days'], 'readwrite');
    await Promise.all([tx.objectStore('minutes').clear(), tx.objectStore('days').clear(), tx.done]);
  }

  close(): void {
    this.db.close();
  }
}

class MemoryStore {
  readonly minutes = new Map<number, MinuteRecord>();
  readonly totals = new Map<string, MinuteRecord>();

  add(records: readonly MinuteRecord[]): void {
    mergeInto(this.minutes, records, (r) => r.t);
    mergeInto(this.totals, records, (r) => r.day);
  }
  day(day: string): MinuteRecord[] {
    return [...this.minutes.values()].filter((r) => r.day === day);
  }
  dayTotals(fromDay: string, toDay: string): MinuteRecord[] {
    return [...this.totals.values()].filter((r) => r.day >= fromDay && r.day <= toDay);
  }
  clear(): void {
    this.minutes.clear();
    this.totals.clear();
  }
}

/** Combines stored records with those kept in memory (same key: added up), oldest first. */
function combine(
  stored: Loaded,
  memory: readonly MinuteRecord[],
  key: (r: MinuteRecord) => number | string,
): Loaded {
  if (!memory.length) return stored;
  const map = new Map<number | string, MinuteRecord>();
  mergeInto(map, stored.records, key);
  mergeInto(map, memory, key);
  const records = [...map.values()].sort((a, b) => a.t - b.t);
  return { records, skipped: stored.skipped };
}

const describe = (err: unknown) =>
  err instanceof DOMException && err.name === 'QuotaExceededError'
    ? 'the browser has no room left for it (storage quota)'
    : `the browser's database failed (${err instanceof Error ? err.message : String(err)})`;

/** A store over IndexedDB that falls back to memory, for good, at its first failure. */
class FallbackStore implements HistoryStore {
  private readonly memory = new MemoryStore();
  problem: string | null;

  constructor(
    private idb: IdbStore | null,
    problem: string | null,
  ) {
    this.problem = problem;
  }

  get kind(): 'indexeddb' | 'memory' {
    return this.idb && !this.problem ? 'indexeddb' : 'memory';
  }

  /** The database went away (closed for a newer version): memory from now on, for this reason. */
  lose(problem: string): void {
    this.idb = null;
    this.problem = problem;
  }

  async add(records: readonly MinuteRecord[]): Promise<void> {
    if (this.idb && !this.problem) {
      try {
        await this.idb.add(records);
        return;
      } catch (err) {
        this.problem = `History is kept in memory only, until this page closes: ${describe(err)}.`;
      }
    }
    this.memory.add(records);
  }

  private async read(f: (s: IdbStore) => Promise<Loaded>): Promise<Loaded> {
    if (!this.idb) return { records: [], skipped: 0 };
    try {
      return await f(this.idb);
    } catch (err) {
      console.warn('knotless: history could not be read', err);
      return { records: [], skipped: 0 };
    }
  }

  async day(day: string): Promise<Loaded> {
    return combine(await this.read((s) => s.day(day)), this.memory.day(day), (r) => r.t);
  }
  async dayTotals(fromDay: string, toDay: string): Promise<Loaded> {
    return combine(
      await this.read((s) => s.dayTotals(fromDay, toDay)),
      this.memory.dayTotals(fromDay, toDay),
      (r) => r.day,
    );
  }
  async days(): Promise<string[]> {
    let stored: string[] = [];
    try {
      stored = this.idb ? await this.idb.days() : [];
    } catch {
      // Unreadable: the days in memory only.
    }
    return [...new Set([...stored, ...this.memory.totals.keys()])].sort();
  }
  async all(): Promise<Loaded> {
    return combine(await this.read((s) => s.all()), [...this.memory.minutes.values()], (r) => r.t);
  }
  async clear(): Promise<void> {
    this.memory.clear();
    await this.idb?.clear();
  }
  close(): void {
    this.idb?.close();
  }
}

/** A store over an open database (or none, with the reason): for tests of the fallback. */
export const storeOver = (db: Db | null, problem: string | null = null): HistoryStore =>
  new FallbackStore(db && new IdbStore(db), problem);

/** How long to wait for the database before going on in memory, ms. */
const OPEN_TIMEOUT_MS = 5000;

/**
 * Opens history: IndexedDB when it can, otherwise memory with the reason in
 * `problem`. Never throws.
 */
export async function openHistory(name = DB_NAME, openTimeoutMs = OPEN_TIMEOUT_MS): Promise<HistoryStore> {
  if (typeof indexedDB === 'undefined')
    return new FallbackStore(null, 'History is kept in memory only: this browser offers no database here.');
  let blocked = false;
  let gaveUp = false;
  let store: FallbackStore | null = null;
  // A newer version of the app opened in another tab wants to upgrade: let it.
  const onBlocking = () => {
    void opening.then((db) => db.close());
    store?.lose(
      'History is kept in memory only: a newer version of knotless was opened in another tab. Reload this tab to go on saving here.',
    );
  };
  const opening = openHistoryDb(name, DB_VERSION, () => (blocked = true), onBlocking);
  // Opened after we went on without it: close it, or it would block the next upgrade or delete.
  opening.then(
    (db) => gaveUp && db.close(),
    () => undefined,
  );
  try {
    const db = await Promise.race([
      opening,
      new Promise<never>((_, reject) =>
        setTimeout(() => reject(new Error(blocked ? 'blocked' : 'timeout')), openTimeoutMs),
      ),
    ]);
    store = new FallbackStore(new IdbStore(db), null);
    return store;
  } catch (err) {
    gaveUp = true;
    const why =
      err instanceof Error && err.message === 'blocked'
        ? 'another knotless tab with an older version holds the database; close it and reload'
        : describe(err);
    return new FallbackStore(null, `History is kept in memory only, until this page closes: ${why}.`);
  }
}
