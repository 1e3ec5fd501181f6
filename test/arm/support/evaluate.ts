// Evaluates the ARM template the way Resource Manager would for given parameters: copy loops
// (resource, property, output), conditions, variables and the functions the template uses.
// It lets tests check what Azure would be asked to create (addresses, ports, customData)
// instead of what the JSON text looks like. An unknown function is an error, not a guess.
import { createHash } from 'node:crypto';
import { type Expr, parseTemplateString } from './expression.js';

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

export interface Template {
  parameters: Record<string, { type: string; defaultValue?: Json; allowedValues?: Json[] }>;
  variables: JsonObject;
  resources: JsonObject[];
  outputs: Record<string, JsonObject>;
  [key: string]: Json | unknown;
}

export interface EvaluationHooks {
  /** Answers `listKeys(id, apiVersion)`; by default any call fails the evaluation. */
  listKeys?: (resourceId: string, apiVersion: string) => Json;
  /** The group deployed into (`resourceGroup()`, and the group of every `resourceId()`); a fixed one by default. */
  resourceGroup?: ResourceGroupInfo;
}

export interface ResourceGroupInfo {
  id: string;
  name: string;
  location: string;
}

export interface ExpandedResource {
  type: string;
  name: string;
  id: string;
  apiVersion: string;
  /** Position of the resource in the template's `resources` that produced it. */
  templateIndex: number;
  /** Name of the copy loop that produced it, if any. */
  copyName?: string;
  /** False when its condition is false: ARM skips it (its body is then not evaluated). */
  deployed: boolean;
  /** The resource with every expression evaluated (undefined when not deployed). */
  body?: JsonObject;
}

export interface Expansion {
  parameters: JsonObject;
  resources: ExpandedResource[];
  outputs: JsonObject;
}

export const fakeResourceGroup: ResourceGroupInfo = {
  id: '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/swarm-test',
  name: 'swarm-test',
  location: 'westeurope',
};

interface Scope {
  template: Template;
  group: ResourceGroupInfo;
  parameters: JsonObject;
  hooks: EvaluationHooks;
  copyIndexes: Map<string, number>;
  lambdaValues: Map<string, Json>;
  variableCache: Map<string, Json>;
  resources?: ExpandedResource[];
}

type Lambda = { lambda: string[]; body: Expr; scope: Scope };

export function expandTemplate(template: Template, given: JsonObject, hooks: EvaluationHooks = {}): Expansion {
  const scope: Scope = {
    template,
    group: hooks.resourceGroup ?? fakeResourceGroup,
    parameters: {},
    hooks,
    copyIndexes: new Map(),
    lambdaValues: new Map(),
    variableCache: new Map(),
  };
  for (const [name, declaration] of Object.entries(template.parameters)) {
    const value = name in given ? given[name]! : declaration.defaultValue;
    if (value === undefined) throw new Error(`parameter ${name} has no value and no default`);
    scope.parameters[name] = evaluateValue(value, scope);
  }
  const resources = template.resources.flatMap((resource, index) =>
    expandResource(resource, scope).map((expanded) => ({ ...expanded, templateIndex: index })),
  );
  const outputs: JsonObject = {};
  const outputScope = { ...scope, resources };
  for (const [name, output] of Object.entries(template.outputs)) {
    outputs[name] = output.copy ? expandCopy(output.copy as JsonObject, '', outputScope) : evaluateValue(output.value!, outputScope);
  }
  return { parameters: scope.parameters, resources, outputs };
}

type Expanded = Omit<ExpandedResource, 'templateIndex'>;

function expandResource(resource: JsonObject, scope: Scope): Expanded[] {
  const copy = resource.copy as JsonObject | undefined;
  if (!copy) return [expandOne(resource, scope)];
  const count = asNumber(evaluateValue(copy.count!, scope));
  return Array.from({ length: count }, (_, index) => {
    const copyIndexes = new Map(scope.copyIndexes).set('', index).set(copy.name as string, index);
    return { ...expandOne(resource, { ...scope, copyIndexes }), copyName: copy.name as string };
  });
}

function expandOne(resource: JsonObject, scope: Scope): Expanded {
  const type = resource.type as string;
  const name = asString(evaluateValue(resource.name!, scope));
  const apiVersion = resource.apiVersion as string;
  const deployed = resource.condition === undefined ? true : evaluateValue(resource.condition, scope) === true;
  const id = resourceIdOf(type, name.split('/'), scope.group.id);
  if (!deployed) return { type, name, id, apiVersion, deployed };
  const rest = Object.fromEntries(Object.entries(resource).filter(([key]) => key !== 'copy' && key !== 'condition'));
  return { type, name, id, apiVersion, deployed, body: evaluateValue(rest, scope) as JsonObject };
}

/** `copy` arrays inside objects (property and variable iteration) and output copies. */
function expandCopy(copy: JsonObject, loopName: string, scope: Scope): Json[] {
  const count = asNumber(evaluateValue(copy.count!, scope));
  return Array.from({ length: count }, (_, index) => {
    const copyIndexes = new Map(scope.copyIndexes).set(loopName, index);
    if (loopName === '') copyIndexes.set('', index);
    return evaluateValue(copy.input!, { ...scope, copyIndexes });
  });
}

export function evaluateValue(value: Json, scope: Scope): Json {
  if (typeof value === 'string') {
    if (value.startsWith('[[')) return value.slice(1);
    const expression = parseTemplateString(value);
    return expression ? toJson(evaluate(expression, scope)) : value;
  }
  if (Array.isArray(value)) return value.map((item) => evaluateValue(item, scope));
  if (value === null || typeof value !== 'object') return value;
  const result: JsonObject = {};
  for (const [key, item] of Object.entries(value)) {
    if (key === 'copy' && Array.isArray(item)) {
      for (const loop of item as JsonObject[]) result[loop.name as string] = expandCopy(loop, loop.name as string, scope);
    } else {
      result[key] = evaluateValue(item, scope);
    }
  }
  return result;
}

function toJson(value: Json | Lambda): Json {
  if (value !== null && typeof value === 'object' && 'lambda' in value && !Array.isArray(value)) {
    throw new Error('a lambda can only be an argument of map()');
  }
  return value as Json;
}

function evaluate(expression: Expr, scope: Scope): Json | Lambda {
  switch (expression.kind) {
    case 'string':
    case 'number':
      return expression.value;
    case 'property': {
      const target = evaluate(expression.target, scope) as JsonObject;
      if (target === null || typeof target !== 'object' || !(expression.name in target)) {
        throw new Error(`no property ${expression.name} in ${JSON.stringify(target)}`);
      }
      return target[expression.name]!;
    }
    case 'index': {
      const target = evaluate(expression.target, scope) as Json[] | JsonObject;
      const index = evaluate(expression.index, scope) as string | number;
      const item = (target as Record<string | number, Json>)[index];
      if (item === undefined) throw new Error(`index ${index} out of range`);
      return item;
    }
    case 'call':
      return call(expression.name.toLowerCase(), expression.args, scope);
  }
}

function call(name: string, args: Expr[], scope: Scope): Json | Lambda {
  // `if` and `lambda` must not evaluate all their arguments (ARM evaluates only the taken branch).
  if (name === 'if') return evaluate(evaluate(args[0]!, scope) === true ? args[1]! : args[2]!, scope);
  if (name === 'lambda') {
    const names = args.slice(0, -1).map((arg) => (arg.kind === 'string' ? arg.value : fail('lambda variable names are strings')));
    return { lambda: names, body: args.at(-1)!, scope };
  }
  const values = args.map((arg) => evaluate(arg, scope));
  const function_ = functions[name];
  if (!function_) throw new Error(`the test evaluator does not know the function ${name}()`);
  return function_(values, scope);
}

type Function_ = (args: (Json | Lambda)[], scope: Scope) => Json | Lambda;

const functions: Record<string, Function_> = {
  parameters: ([name], scope) => lookup(scope.parameters, asString(name), 'parameter'),
  variables: ([name], scope) => variable(asString(name), scope),
  lambdavariables: ([name], scope) => lookup(Object.fromEntries(scope.lambdaValues), asString(name), 'lambda variable'),
  copyindex: ([loopOrOffset, offset], scope) => {
    const loop = typeof loopOrOffset === 'string' ? loopOrOffset : '';
    const add = typeof loopOrOffset === 'number' ? loopOrOffset : ((offset as number | undefined) ?? 0);
    const index = scope.copyIndexes.get(loop);
    if (index === undefined) throw new Error(`copyIndex(${loop}) outside its copy loop`);
    return index + add;
  },
  resourcegroup: (_args, { group }) => ({ id: group.id, name: group.name, location: group.location }),
  resourceid: (args, scope) => {
    const [type, ...names] = args.map(asString);
    return resourceIdOf(type!, names, scope.group.id);
  },
  format: ([template, ...args]) =>
    asString(template).replace(/\{(\d+)\}/g, (_, index: string) => String(args[Number(index)] as Json)),
  concat: (args) =>
    args.every(Array.isArray) ? (args as Json[][]).flat() : args.map((arg) => String(arg as Json)).join(''),
  string: ([value]) => (typeof value === 'string' ? value : JSON.stringify(value)),
  add: ([a, b]) => asNumber(a) + asNumber(b),
  length: ([value]) => (Array.isArray(value) || typeof value === 'string' ? value.length : Object.keys(value as JsonObject).length),
  equals: ([a, b]) => JSON.stringify(a) === JSON.stringify(b),
  not: ([value]) => value !== true,
  base64: ([text]) => Buffer.from(asString(text), 'utf8').toString('base64'),
  replace: ([text, old, replacement]) => asString(text).split(asString(old)).join(asString(replacement)),
  uniquestring: (args) => uniqueString(args.map(asString)),
  take: ([value, count]) => (typeof value === 'string' || Array.isArray(value) ? value.slice(0, asNumber(count)) : fail('take() needs a string or an array')),
  environment: () => fakeEnvironment,
  createobject: (args) => Object.fromEntries(Array.from({ length: args.length / 2 }, (_, index) => [asString(args[2 * index]), args[2 * index + 1] as Json])),
  union: (args) => Object.assign({}, ...(args as JsonObject[])) as JsonObject,
  true: () => true,
  false: () => false,
  null: () => null,
  map: ([array, lambda]) => {
    const { lambda: [variableName], body, scope } = lambda as Lambda;
    return (array as Json[]).map((item) => {
      const lambdaValues = new Map(scope.lambdaValues).set(variableName!, item);
      return evaluate(body, { ...scope, lambdaValues }) as Json;
    });
  },
  listkeys: ([id, apiVersion], scope) => {
    if (!scope.hooks.listKeys) throw new Error(`listKeys(${String(id)}) was evaluated`);
    return scope.hooks.listKeys(asString(id), asString(apiVersion));
  },
  reference: ([id], scope) => referenceOf(asString(id), scope),
};

function variable(name: string, scope: Scope): Json {
  if (!scope.variableCache.has(name)) {
    const declared = lookup(scope.template.variables, name, 'variable');
    scope.variableCache.set(name, evaluateValue(declared, { ...scope, copyIndexes: new Map(), lambdaValues: new Map() }));
  }
  return scope.variableCache.get(name)!;
}

/** The runtime state `reference()` returns: the declared properties, plus the FQDN Azure adds. */
function referenceOf(id: string, scope: Scope): Json {
  const resource = scope.resources?.find((candidate) => candidate.id === id && candidate.deployed);
  if (!resource?.body) throw new Error(`reference(${id}): no deployed resource of the template has this id`);
  const properties = structuredClone((resource.body.properties ?? {}) as JsonObject);
  const dns = properties.dnsSettings as JsonObject | undefined;
  if (dns?.domainNameLabel) dns.fqdn = `${String(dns.domainNameLabel)}.${String(resource.body.location)}.cloudapp.azure.com`;
  return properties;
}

/**
 * What `environment()` returns in a cloud other than Azure's public one, so that a test can tell
 * a suffix taken from the environment from a hard-coded `core.windows.net`.
 */
export const fakeEnvironment: JsonObject = {
  name: 'AzureTestCloud',
  suffixes: { storage: 'core.test.example', acrLoginServer: '.azurecr.test.example' },
};

/** `/subscriptions/.../providers/Ns/type1/name1/type2/name2`, as `resourceId()` builds it. */
export function resourceIdOf(type: string, names: string[], groupId = fakeResourceGroup.id): string {
  const [namespace, ...types] = type.split('/');
  if (types.length !== names.length) throw new Error(`resourceId(${type}) needs ${types.length} names, got ${names.length}`);
  const segments = types.flatMap((segment, index) => [segment, names[index]!]);
  return `${groupId}/providers/${namespace}/${segments.join('/')}`;
}

/** Same shape as ARM's: 13 lowercase base-32 characters, deterministic for its arguments. */
function uniqueString(args: string[]): string {
  const digest = createHash('sha256').update(args.join('|')).digest();
  const alphabet = 'abcdefghijklmnopqrstuvwxyz234567';
  return Array.from(digest.subarray(0, 13), (byte) => alphabet[byte % 32]).join('');
}

function lookup(table: Record<string, Json>, name: string, what: string): Json {
  if (!(name in table)) throw new Error(`${what} ${name} is not declared`);
  return table[name]!;
}

function asString(value: Json | Lambda | undefined): string {
  if (typeof value !== 'string') throw new Error(`expected a string, got ${JSON.stringify(value)}`);
  return value;
}

function asNumber(value: Json | Lambda | undefined): number {
  if (typeof value !== 'number') throw new Error(`expected a number, got ${JSON.stringify(value)}`);
  return value;
}

function fail(message: string): never {
  throw new Error(message);
}
