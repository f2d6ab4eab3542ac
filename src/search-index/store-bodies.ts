/**
 * The articles' JSON of an article store being built, written to a temporary file as each batch of articles
 * arrives rather than held until the store is saved: on the archive that was 225 MB of strings at the build's
 * peak (its end of loading). saveArticleStore copies the file after the store's table.
 */
import { closeSync, openSync, rmSync } from 'node:fs';
import { writeAll } from './atomic-file.js';

let opened = 0;

export class StoreBodies {
  /** The open temporary file; it has no name once opened where the system allows it (nothing to clean after a crash). */
  readonly fd: number;
  /** Bytes written. */
  length = 0;
  /** [offset, length] of each article's JSON; an id written again points at its last JSON. */
  readonly places = new Map<string, [number, number]>();
  /** The articles written: given again (in the loaded result), they are not written twice. */
  private readonly written = new WeakSet<object>();
  private name: string | undefined;
  private failure: Error | undefined;
  private discarded = false;

  /** A temporary file beside `storeFile`, so the copy stays on one disk. */
  constructor(storeFile: string) {
    const name = `${storeFile}.${process.pid}.${++opened}.bodies.tmp`;
    this.fd = openSync(name, 'w+');
    try {
      rmSync(name);
    } catch {
      // Windows keeps an open file's name: removed at discard().
      this.name = name;
    }
  }

  /**
   * Writes the JSON of each article not written yet: its own (`storeJson`, dropped from the object once written) or
   * else stringified. A JSON or a write that fails is kept for `check()`: this runs in a loader's message handler, where a throw
   * would end the process, and the store cannot be saved anyway.
   */
  take(articles: Iterable<{ id: string; storeJson?: string }>): void {
    for (const a of articles) this.add(a);
  }

  /** take() for one article. */
  add(a: { id: string; storeJson?: string }): void {
    if (this.failure || this.written.has(a)) return;
    const own = 'storeJson' in a ? a.storeJson : undefined;
    let bytes: number;
    try {
      const buf = Buffer.from(own ?? JSON.stringify(a), 'utf8');
      writeAll(this.fd, buf);
      bytes = buf.length;
    } catch (err) {
      this.failure = err as Error;
      return;
    }
    if (own !== undefined) delete a.storeJson;
    this.written.add(a);
    this.places.set(a.id, [this.length, bytes]);
    this.length += bytes;
  }

  /** Throws the error of a write that failed. */
  check(): void {
    if (this.failure) throw this.failure;
  }

  /** Closes the file and removes it (once: later calls do nothing). */
  discard(): void {
    if (this.discarded) return;
    this.discarded = true;
    closeSync(this.fd);
    if (this.name) rmSync(this.name, { force: true });
  }
}
