import Ajv2020Module from 'ajv/dist/2020.js';

// Test helpers: find the documented response for a real answer and validate its body.

type Json = Record<string, any>;
const Ajv2020 = ((Ajv2020Module as unknown as { default?: unknown }).default ?? Ajv2020Module) as new (
  options: object,
) => {
  compile(schema: object): ((data: unknown) => boolean) & { errors?: unknown };
};
const ajv = new Ajv2020({ strict: false, allErrors: true });
const compiled = new WeakMap<object, ReturnType<typeof ajv.compile>>();

export function operationOf(document: Json, method: string, template: string): Json | undefined {
  return document.paths?.[template.replace(/:(\w+)/g, '{$1}')]?.[method.toLowerCase()];
}

/** Undefined when the answer matches the document; otherwise what is wrong with it. */
export function checkAnswer(document: Json, method: string, template: string, status: number, contentType: string, body: unknown): string | undefined {
  const operation = operationOf(document, method, template);
  if (!operation) return `${method} ${template} is not documented`;
  const response = operation.responses?.[String(status)];
  if (!response) return `${method} ${template} answered ${status}, which is not documented (documented: ${Object.keys(operation.responses).join(', ')})`;
  const media = contentType.split(';')[0]!.trim();
  const content = response.content as Json | undefined;
  if (!content) return undefined;
  if (!content[media]) return `${method} ${template} ${status} answered ${media}; documented: ${Object.keys(content).join(', ')}`;
  if (media !== 'application/json') return undefined;
  const problem = validateAgainst(document, content[media].schema as object, body);
  return problem && `${method} ${template} ${status}: ${problem}`;
}

/** Validates against a schema of the document; its $refs point into the document's components. */
export function validateAgainst(document: Json, schema: object, value: unknown): string | undefined {
  let validate = compiled.get(schema);
  if (!validate) compiled.set(schema, (validate = ajv.compile({ ...schema, components: document.components })));
  return validate(value) ? undefined : JSON.stringify(validate.errors).slice(0, 600);
}
