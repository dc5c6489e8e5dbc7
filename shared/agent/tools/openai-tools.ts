import { toJsonSchema } from '@valibot/to-json-schema';
import { TOOL_DEFINITIONS } from './tool-definitions.ts';

export type OpenAiTool = {
  type: 'function';
  function: { name: string; description: string; parameters: Record<string, unknown> };
};

let cached: OpenAiTool[] | undefined;

/** The tool definitions as OpenAI chat-completions `tools`, JSON schema generated from the valibot schemas. */
export function openAiTools(): OpenAiTool[] {
  cached ??= TOOL_DEFINITIONS.map((tool) => {
    const { $schema: _ignored, ...parameters } = toJsonSchema(tool.schema) as Record<string, unknown>;
    return { type: 'function' as const, function: { name: tool.name, description: tool.description, parameters } };
  });
  return structuredClone(cached);
}
