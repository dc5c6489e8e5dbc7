/**
 * A field of a value whose shape is not known (a vendor's error, an undocumented chunk field),
 * read without claiming a type: undefined when the value is not an object.
 */
export function fieldOf(value: unknown, key: string): unknown {
  return typeof value === 'object' && value !== null ? Reflect.get(value, key) : undefined;
}
