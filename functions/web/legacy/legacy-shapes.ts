import { expect } from 'vitest';

// The legacy UIs' TypeScript types (frontend/src/types/index.ts, backstage-frontend/src/types.ts),
// written as shapes: every field they read, with its JSON type. `?` marks a nullable field.

type Shape = string | { [key: string]: Shape } | { nullable: { [key: string]: Shape } };

const ORDER_STATE: Shape = {
  drink_name: 'string?',
  size: 'string?',
  sugar: 'string?',
  ice: 'string?',
  toppings: 'string[]',
  notes: 'string?',
  is_complete: 'boolean',
};

export const TALK_RESPONSE: Shape = {
  assistant_reply: 'string',
  order_state: ORDER_STATE,
  order_status: 'string',
  order_id: 'number?',
  reply_mode: 'string',
  order_total: 'number?',
  order_metadata: { nullable: { order_id: 'number', session_id: 'string', placed_at: 'string' } },
};

const ORDER_PROGRESS: Shape = {
  order_id: 'number',
  placed_at: 'string?',
  current_stage: 'string',
  current_stage_label: 'string',
  eta_seconds: 'number?',
  total_duration_seconds: 'number',
  is_completed: 'boolean',
  timeline: 'array',
  queue_position: 'number?',
  total_orders: 'number?',
  drink_name: 'string?',
  size: 'string?',
  sugar: 'string?',
  ice: 'string?',
  toppings: 'string[]',
};

export const QUEUE_SNAPSHOT = { generated_at: 'string', active_orders: 'progress[]', completed_orders: 'progress[]' };

/** Fails with the path of the first field whose JSON type differs from the shape. */
export function expectShape(value: unknown, shape: Shape, path = '$'): void {
  if (typeof shape === 'string') {
    const nullable = shape.endsWith('?');
    const type = nullable ? shape.slice(0, -1) : shape;
    if (nullable && value === null) return;
    if (type === 'string[]') {
      expect(Array.isArray(value), `${path} is an array`).toBe(true);
      for (const item of value as unknown[]) expect(typeof item, `${path}[] is a string`).toBe('string');
    } else if (type === 'array') expect(Array.isArray(value), `${path} is an array`).toBe(true);
    else if (type === 'progress[]') {
      expect(Array.isArray(value), `${path} is an array`).toBe(true);
      (value as unknown[]).forEach((item, index) => expectShape(item, ORDER_PROGRESS, `${path}[${index}]`));
    } else expect(typeof value, `${path} is a ${type}`).toBe(type);
    if (type === 'number') expect(Number.isFinite(value), `${path} is finite`).toBe(true);
    return;
  }
  if ('nullable' in shape && typeof shape.nullable === 'object') {
    if (value !== null) expectShape(value, shape.nullable as Shape, path);
    return;
  }
  expect(value !== null && typeof value === 'object', `${path} is an object`).toBe(true);
  for (const [key, inner] of Object.entries(shape)) {
    expect(Object.hasOwn(value as object, key), `${path}.${key} is present`).toBe(true);
    expectShape((value as Record<string, unknown>)[key], inner, `${path}.${key}`);
  }
}
