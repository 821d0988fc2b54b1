/**
 * The bytes a connection has received and not yet consumed, as one contiguous view.
 *
 * The first chunk of a request is used as it is (no copy: the usual case of a whole request in one
 * TCP read). When more bytes must be appended, they go into a buffer that grows by doubling, so a
 * client sending a head one byte at a time costs O(n) copying, not O(n²).
 */
export class InputBuffer {
  private store: Buffer | null = null;
  /** True when `store` is ours to write into (not a chunk handed to us by the socket). */
  private owned = false;
  private start = 0;
  private end = 0;

  /** True when no unconsumed bytes are held. */
  get empty(): boolean {
    return this.start === this.end;
  }

  /** Appends `chunk` and returns every unconsumed byte (a view, valid until the next call). */
  append(chunk: Buffer): Buffer {
    const store = this.store;
    if (store === null || this.start === this.end) {
      this.store = chunk;
      this.owned = false;
      this.start = 0;
      this.end = chunk.length;
      return chunk;
    }
    const length = this.end - this.start;
    if (this.owned && store.length - this.end >= chunk.length) {
      chunk.copy(store, this.end);
      this.end += chunk.length;
    } else {
      const grown = Buffer.allocUnsafe(Math.max(4096, 2 * (length + chunk.length)));
      store.copy(grown, 0, this.start, this.end);
      chunk.copy(grown, length);
      this.store = grown;
      this.owned = true;
      this.start = 0;
      this.end = length + chunk.length;
    }
    return this.store!.subarray(this.start, this.end);
  }

  /** Drops the first `count` unconsumed bytes; returns the rest as a view, or null when none is left. */
  consume(count: number): Buffer | null {
    this.start = Math.min(this.end, this.start + count);
    if (this.start === this.end) {
      this.clear();
      return null;
    }
    return this.store!.subarray(this.start, this.end);
  }

  /** Forgets every byte. */
  clear(): void {
    this.store = null;
    this.owned = false;
    this.start = 0;
    this.end = 0;
  }
}
