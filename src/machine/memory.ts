// Word-addressed machine memory: each address holds one 64-bit value as two field-element limbs.
// Paged typed arrays (never-written words read 0), with a one-page cache for locality.

const PAGE_BITS = 12;
const PAGE_WORDS = 1 << PAGE_BITS;
const PAGE_MASK = PAGE_WORDS - 1;

export class PagedMemory {
  private readonly pages = new Map<number, Float64Array>();
  private lastKey = -1;
  private lastPage: Float64Array | undefined;
  /** addresses ever written, for the memory machine and tests */
  writes = 0;

  private page(addr: number, create: boolean): Float64Array | undefined {
    const key = Math.floor(addr / PAGE_WORDS);
    if (key === this.lastKey) return this.lastPage;
    let p = this.pages.get(key);
    if (p === undefined) {
      if (!create) return undefined;
      p = new Float64Array(2 * PAGE_WORDS);
      this.pages.set(key, p);
    }
    this.lastKey = key;
    this.lastPage = p;
    return p;
  }

  get0(addr: number): number {
    const p = this.page(addr, false);
    return p === undefined ? 0 : p[2 * (addr & PAGE_MASK)]!;
  }

  get1(addr: number): number {
    const p = this.page(addr, false);
    return p === undefined ? 0 : p[2 * (addr & PAGE_MASK) + 1]!;
  }

  set(addr: number, v0: number, v1: number): void {
    const p = this.page(addr, true)!;
    const i = 2 * (addr & PAGE_MASK);
    p[i] = v0;
    p[i + 1] = v1;
    this.writes++;
  }
}
