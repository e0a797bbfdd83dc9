/**
 * The shape of a JSON value: its objects' keys, recursively, ignoring the values. An array's
 * shape merges its elements' shapes, so a documented example with two of sixteen items has the
 * same shape as the whole; `null` and primitives match anything, so an example may show a
 * nullable field either way.
 */
export type JsonShape =
  | undefined
  | { readonly kind: 'object'; readonly keys: ReadonlyMap<string, JsonShape> }
  | { readonly kind: 'array'; readonly element: JsonShape };

/** The shape of a parsed JSON value. */
export function shapeOf(value: unknown): JsonShape {
  if (Array.isArray(value))
    return { kind: 'array', element: value.map(shapeOf).reduce(mergeShapes, undefined) };
  if (typeof value === 'object' && value !== null) {
    return { kind: 'object', keys: new Map(Object.entries(value).map(([key, v]) => [key, shapeOf(v)])) };
  }
  return undefined;
}

function mergeShapes(a: JsonShape, b: JsonShape): JsonShape {
  if (a === undefined) return b;
  if (b === undefined) return a;
  if (a.kind === 'array' && b.kind === 'array')
    return { kind: 'array', element: mergeShapes(a.element, b.element) };
  if (a.kind === 'object' && b.kind === 'object') {
    const keys = new Map(a.keys);
    for (const [key, shape] of b.keys) keys.set(key, mergeShapes(keys.get(key), shape));
    return { kind: 'object', keys };
  }
  return a;
}

/** Where two shapes differ, as `path: problem` lines; empty when they agree. */
export function shapeDifferences(documented: JsonShape, actual: JsonShape, path = '$'): string[] {
  if (documented === undefined || actual === undefined) return [];
  if (documented.kind !== actual.kind)
    return [`${path}: documented as ${documented.kind}, is ${actual.kind}`];
  if (documented.kind === 'array' && actual.kind === 'array') {
    return shapeDifferences(documented.element, actual.element, `${path}[]`);
  }
  if (documented.kind !== 'object' || actual.kind !== 'object') return [];
  const problems: string[] = [];
  for (const key of documented.keys.keys())
    if (!actual.keys.has(key)) problems.push(`${path}.${key}: documented, not printed`);
  for (const key of actual.keys.keys())
    if (!documented.keys.has(key)) problems.push(`${path}.${key}: printed, not documented`);
  const order = (keys: ReadonlyMap<string, JsonShape>) =>
    [...keys.keys()].filter((k) => documented.keys.has(k) && actual.keys.has(k));
  if (order(documented.keys).join() !== order(actual.keys).join())
    problems.push(`${path}: keys in another order`);
  for (const [key, shape] of documented.keys)
    problems.push(...shapeDifferences(shape, actual.keys.get(key), `${path}.${key}`));
  return problems;
}
