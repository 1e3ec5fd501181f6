// Validation against the official ARM JSON schemas (draft-04), read from ../shared/arm-schemas
// (see its README): common/definitions.json and each provider file are registered under their
// own `id`, and a resource is checked against `<provider file>#/resourceDefinitions/<type>`.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import AjvDraft04 from 'ajv-draft-04';
import type { ErrorObject, ValidateFunction } from 'ajv';
import type { Json, JsonObject } from './evaluate.js';
import { isExpressionString } from './expression.js';

const commonId = 'https://schema.management.azure.com/schemas/common/definitions.json';
const declarationsId = 'urn:azswarm-test:deploymentTemplate-declarations';

interface SchemaFile {
  id: string;
  resourceDefinitions?: Record<string, unknown>;
  definitions?: Record<string, unknown>;
}

export class ArmSchemas {
  private readonly ajv = new AjvDraft04.default({
    allErrors: true,
    // The provider files carry annotation keywords ajv does not know; types, enums, patterns
    // and required properties are still enforced.
    strict: false,
    formats: { 'date-time': (text: string) => !Number.isNaN(Date.parse(text)) },
  });
  private readonly files = new Map<string, SchemaFile>();
  private readonly validators = new Map<string, ValidateFunction>();

  constructor(readonly dir: string) {
    this.ajv.addSchema(this.read(join(dir, 'common', 'definitions.json')) as object);
    this.ajv.addSchema(declarationSchemas(this.read(join(dir, '2019-04-01', 'deploymentTemplate.json'))));
  }

  /** Resource type → API versions for which the folder holds a schema of that type. */
  versionsOf(type: string): string[] {
    return readdirSync(this.dir)
      .filter((version) => /^\d{4}-\d{2}-\d{2}$/.test(version))
      .filter((version) => this.providerFileFor(type, version) !== undefined)
      .sort();
  }

  /**
   * Problems of one resource (raw from the template, or evaluated) against its type's schema.
   * Where the schema does not accept an expression (a few names and strings carry length or
   * pattern rules without the expression alternative), an expression string found at an
   * error's location is replaced by its value in `representative` (the same resource
   * evaluated), and the resource is checked again. Nothing else is substituted.
   */
  validateResource(resource: JsonObject, representative?: JsonObject): string[] {
    const type = String(resource.type);
    const apiVersion = String(resource.apiVersion);
    const file = this.providerFileFor(type, apiVersion);
    if (!file) return [`${type}: no schema for API version ${apiVersion} in ${this.dir}`];
    const key = `${file.id.replace(/#$/, '')}#/resourceDefinitions/${definitionName(type)}`;
    let validate = this.validators.get(key);
    if (!validate) {
      // The generic part (name, type, condition, dependsOn, copy) comes from the common
      // definitions; location and tags are typed by the provider's own definition.
      validate = this.ajv.compile({
        allOf: [
          { $ref: `${commonId}#/definitions/ARMResourceBase` },
          { properties: { copy: { $ref: `${commonId}#/definitions/resourceCopy` } } },
          { $ref: key },
        ],
      });
      this.validators.set(key, validate);
    }
    const subject = `${type} ${String(resource.name)}`;
    if (validate(resource)) return [];
    const substituted = representative && substituteExpressions(resource, representative, validate.errors ?? []);
    if (substituted && validate(substituted)) return [];
    return describeErrors(subject, validate.errors);
  }

  /** Problems of a parameter or output declaration against the deploymentTemplate schema. */
  validateDeclaration(kind: 'parameter' | 'output', name: string, declaration: unknown): string[] {
    const validate = this.ajv.getSchema(`${declarationsId}#/definitions/${kind}`)!;
    return validate(declaration) ? [] : describeErrors(`${kind} ${name}`, validate.errors);
  }

  private providerFileFor(type: string, apiVersion: string): SchemaFile | undefined {
    const folder = join(this.dir, apiVersion);
    if (!existsSync(folder)) return undefined;
    const namespace = type.split('/')[0]!;
    // A provider's files of one version refer to each other (Compute → Compute.Extensions).
    const siblings = readdirSync(folder)
      .filter((name) => name.startsWith(`${namespace}.`) && name.endsWith('.json'))
      .map((name) => this.read(join(folder, name)));
    for (const sibling of siblings) if (!this.ajv.getSchema(sibling.id)) this.ajv.addSchema(sibling as object);
    return siblings.find((file) => file.resourceDefinitions?.[definitionName(type)] !== undefined);
  }

  private read(path: string): SchemaFile {
    let file = this.files.get(path);
    if (!file) {
      file = JSON.parse(readFileSync(path, 'utf8')) as SchemaFile;
      this.files.set(path, file);
    }
    return file;
  }
}

/** `Microsoft.Storage/storageAccounts/fileServices/shares` → `storageAccounts_fileServices_shares`. */
function definitionName(type: string): string {
  return type.split('/').slice(1).join('_');
}

/**
 * The deploymentTemplate schema's `parameter` and `output` definitions with the definitions they
 * use, as a schema of their own: the whole file refers to every provider's schema, which the
 * folder does not hold, so it cannot be compiled as a whole.
 */
function declarationSchemas(deploymentTemplate: SchemaFile): object {
  const all = deploymentTemplate.definitions ?? {};
  const picked: Record<string, unknown> = {};
  const pending = ['parameter', 'output'];
  while (pending.length > 0) {
    const name = pending.pop()!;
    if (name in picked) continue;
    picked[name] = all[name];
    for (const [, used] of JSON.stringify(all[name]).matchAll(/"\$ref":"#\/definitions\/([^"]+)"/g)) pending.push(used!);
  }
  return { id: declarationsId, $schema: 'http://json-schema.org/draft-04/schema#', definitions: picked };
}

function substituteExpressions(resource: JsonObject, representative: JsonObject, errors: ErrorObject[]): JsonObject | undefined {
  const copy = structuredClone(resource);
  let changed = false;
  for (const { instancePath } of errors) {
    const keys = instancePath.split('/').slice(1);
    const parent = keys.slice(0, -1).reduce<Json | undefined>((node, key) => (node as JsonObject | undefined)?.[key], copy);
    const last = keys.at(-1);
    const current = (parent as JsonObject | undefined)?.[last ?? ''];
    const value = keys.reduce<Json | undefined>((node, key) => (node as JsonObject | undefined)?.[key], representative);
    if (last !== undefined && typeof current === 'string' && isExpressionString(current) && value !== undefined) {
      (parent as JsonObject)[last] = value;
      changed = true;
    }
  }
  return changed ? copy : undefined;
}

function describeErrors(subject: string, errors: ErrorObject[] | null | undefined): string[] {
  return (errors ?? []).map((error) => `${subject}: ${error.instancePath || '/'} ${error.message ?? ''} ${JSON.stringify(error.params)}`);
}
