/**
 * Caches keyed by an object and a second key: the analyses of one trail model or one set of selectors,
 * kept as long as it lives (a WeakMap of Maps).
 */
export class Memo<K extends object, K2, V> {
  private readonly byObject = new WeakMap<K, Map<K2, V>>();

  /** The value for the keys, computed by `compute` the first time (an undefined value is kept too). */
  public get(key: K, key2: K2, compute: () => V): V {
    let byKey = this.byObject.get(key);
    if (!byKey) {
      byKey = new Map();
      this.byObject.set(key, byKey);
    }
    if (!byKey.has(key2)) byKey.set(key2, compute());
    return byKey.get(key2) as V;
  }

  /** The value for the keys, if it was computed. */
  public peek(key: K, key2: K2): V | undefined {
    return this.byObject.get(key)?.get(key2);
  }
}
