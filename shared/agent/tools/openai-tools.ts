import { toJsonSchema, type JsonSchema } from '@valibot/to-json-schema';
import type { Catalog } from '../../menu/catalog.ts';
import { TOOL_DEFINITIONS } from './tool-definitions.ts';

export type OpenAiTool = {
  type: 'function';
  function: { name: string; description: string; parameters: Omit<JsonSchema, '$schema'> };
};

let shapes: OpenAiTool[] | undefined;

/** The tool definitions as OpenAI chat-completions `tools`, JSON schema generated from the valibot schemas. */
export function openAiTools(): OpenAiTool[] {
  shapes ??= TOOL_DEFINITIONS.map((tool) => {
    const { $schema: _ignored, ...parameters } = toJsonSchema(tool.schema);
    return { type: 'function' as const, function: { name: tool.name, description: tool.description, parameters } };
  });
  return structuredClone(shapes);
}

/** A schema of a property (a definition may also be `true`/`false`, which has no enum to set). */
const schemaOf = (definition: JsonSchema['items']): JsonSchema | undefined =>
  definition && typeof definition === 'object' && !Array.isArray(definition) ? definition : undefined;
const perMenu = new WeakMap<Catalog['definition'], OpenAiTool[]>();

/**
 * The tools for one turn: the live menu's ids as enums (itemId, size, sugar, ice, toppings), as
 * LiveKit's drive-thru agent does, so a model can only name what this menu has.
 */
export function openAiToolsFor(catalog: Catalog): OpenAiTool[] {
  const cached = perMenu.get(catalog.definition);
  if (cached) return cached;
  const ids = {
    itemId: catalog.items.map((item) => item.id),
    size: catalog.sizes.map((size) => size.id),
    sugar: catalog.sugar.map((level) => level.id),
    ice: catalog.ice.map((level) => level.id),
    topping: catalog.toppings.map((topping) => topping.id),
  };
  const tools = openAiTools();
  for (const tool of tools) {
    const properties = tool.function.parameters.properties ?? {};
    for (const field of ['itemId', 'size', 'sugar', 'ice'] as const) {
      const property = schemaOf(properties[field]);
      if (property) property.enum = ids[field];
    }
    for (const field of ['toppings', 'addToppings', 'removeToppings']) {
      const items = schemaOf(schemaOf(properties[field])?.items);
      if (items) items.enum = ids.topping;
    }
  }
  perMenu.set(catalog.definition, tools);
  return tools;
}
