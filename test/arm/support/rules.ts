// Template rules in the spirit of Azure's arm-ttk. Each rule returns the problems it finds
// (empty means the template passes), so a test can show both that the template passes and
// that a deliberately broken copy does not.
import { expandTemplate, type Json, type JsonObject, type Template } from './evaluate.js';
import { callsOf, type Expr, expressionsIn, nodesOf, parseTemplateString, referencedNames } from './expression.js';
import { requiredParameters } from './template.js';

export type Rule = (template: Template) => string[];

const secureTypes = new Set(['securestring', 'secureobject']);

/** Types whose newest stable API version is older than two years (checked against the schemas). */
export const newestApiVersionExceptions: Readonly<Record<string, string>> = {
  'Microsoft.Insights/autoscalesettings': '2022-10-01',
};

const twoYearsInDays = 730;

export const parametersAreUsed: Rule = (template) => {
  const used = referencedNames([template.variables, template.resources, template.outputs, template.parameters], 'parameters');
  return Object.keys(template.parameters)
    .filter((name) => !used.has(name))
    .map((name) => `parameter ${name} is declared but never used`);
};

export const variablesAreUsed: Rule = (template) => {
  const used = referencedNames([template.variables, template.resources, template.outputs], 'variables');
  return Object.keys(template.variables)
    .filter((name) => !used.has(name))
    .map((name) => `variable ${name} is declared but never used`);
};

export const referencesAreDeclared: Rule = (template) => {
  const declared = { parameters: template.parameters, variables: template.variables };
  const problems: string[] = [];
  for (const { path, expression } of expressionsIn(template)) {
    for (const call of callsOf(expression)) {
      const kind = call.name.toLowerCase();
      if (kind !== 'parameters' && kind !== 'variables') continue;
      const [name] = call.args;
      if (name?.kind !== 'string') problems.push(`${path}: ${kind}() needs a literal name`);
      else if (!(name.value in declared[kind])) problems.push(`${path}: ${kind}('${name.value}') is not declared`);
    }
  }
  return problems;
};

/** Evaluated with every optional resource on, so that every dependsOn entry is resolved. */
export const dependsOnNameResources: Rule = (template) => {
  const expansion = expandTemplate(template, requiredParameters({ masterCount: 3, fileShareEnabled: true }), {
    listKeys: () => ({ keys: [{ value: 'key' }] }),
  });
  const known = new Set(expansion.resources.flatMap((resource) => [resource.id, resource.name, resource.copyName ?? '']));
  known.delete('');
  return expansion.resources.flatMap((resource) =>
    ((resource.body?.dependsOn ?? []) as Json[])
      .filter((dependency) => typeof dependency !== 'string' || !known.has(dependency))
      .map((dependency) => `${resource.type} ${resource.name} depends on ${JSON.stringify(dependency)}, not a resource of the template`),
  );
};

export function apiVersionsAreRecent(today: Date): Rule {
  return (template) =>
    template.resources.flatMap((resource) => {
      const { type, apiVersion } = resource as { type: string; apiVersion: unknown };
      if (typeof apiVersion !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(apiVersion)) {
        return [`${type}: apiVersion ${JSON.stringify(apiVersion)} is not a literal stable date version`];
      }
      const ageInDays = (today.getTime() - Date.parse(`${apiVersion}T00:00:00Z`)) / 86_400_000;
      if (ageInDays <= twoYearsInDays || newestApiVersionExceptions[type] === apiVersion) return [];
      return [`${type}: apiVersion ${apiVersion} is ${Math.floor(ageInDays)} days old (at most ${twoYearsInDays})`];
    });
}

const locationParameter = "[parameters('location')]";

export const locationsAreNotLiteral: Rule = (template) => {
  const problems: string[] = [];
  if (template.parameters.location?.defaultValue !== '[resourceGroup().location]') {
    problems.push('parameter location must default to [resourceGroup().location]');
  }
  for (const { path, value } of keyedValues(template.resources, 'location')) {
    if (value !== locationParameter) problems.push(`${path}: location must be ${locationParameter}, got ${JSON.stringify(value)}`);
  }
  for (const { path, expression } of expressionsIn({ variables: template.variables, resources: template.resources, outputs: template.outputs })) {
    const readsGroupLocation = [...nodesOf(expression)].some(
      (node) => node.kind === 'property' && node.name === 'location' && node.target.kind === 'call' && node.target.name.toLowerCase() === 'resourcegroup',
    );
    if (readsGroupLocation) problems.push(`${path}: reads resourceGroup().location instead of the location parameter`);
  }
  return problems;
};

export const vmSizesAreParameters: Rule = (template) => {
  const sizes = keyedValues(template.resources, 'vmSize');
  for (const [index, resource] of template.resources.entries()) {
    if (resource.type === 'Microsoft.Compute/virtualMachineScaleSets') {
      sizes.push({ path: `resources[${index}].sku.name`, value: (resource.sku as JsonObject | undefined)?.name ?? null });
    }
  }
  if (sizes.length === 0) return ['no VM size found'];
  return sizes
    .filter(({ value }) => !isParameterReference(value))
    .map(({ path, value }) => `${path}: VM size ${JSON.stringify(value)} is not a parameter`);
};

export const outputsHaveNoSecrets: Rule = (template) => {
  const problems: string[] = [];
  for (const [name, output] of Object.entries(template.outputs)) {
    if (/key|secret|password|token/i.test(name)) problems.push(`output ${name}: its name says it holds a secret`);
    for (const expression of withVariables(output, template)) {
      for (const node of nodesOf(expression)) {
        if (node.kind === 'call' && node.name.toLowerCase().startsWith('list')) problems.push(`output ${name}: calls ${node.name}()`);
        if (node.kind === 'call' && node.name.toLowerCase() === 'parameters' && node.args[0]?.kind === 'string') {
          const type = template.parameters[node.args[0].value]?.type.toLowerCase() ?? '';
          if (secureTypes.has(type)) problems.push(`output ${name}: returns the secure parameter ${node.args[0].value}`);
        }
        if (node.kind === 'property' && /key|secret|password/i.test(node.name)) problems.push(`output ${name}: reads .${node.name}`);
      }
    }
  }
  return problems;
};

export const passwordAuthDisabled: Rule = (template) => {
  const profiles = template.resources.flatMap((resource) => {
    const properties = resource.properties as JsonObject | undefined;
    if (resource.type === 'Microsoft.Compute/virtualMachines') return [properties?.osProfile];
    if (resource.type === 'Microsoft.Compute/virtualMachineScaleSets') return [(properties?.virtualMachineProfile as JsonObject)?.osProfile];
    return [];
  });
  if (profiles.length === 0) return ['no VM or scale set found'];
  return profiles.flatMap((profile) => {
    const osProfile = resolveVariable(profile ?? null, template) as JsonObject | null;
    const linux = resolveVariable(osProfile?.linuxConfiguration ?? null, template) as JsonObject | null;
    const problems: string[] = [];
    if (linux?.disablePasswordAuthentication !== true) problems.push('an osProfile does not disable password authentication');
    if (osProfile && 'adminPassword' in osProfile) problems.push('an osProfile sets adminPassword');
    return problems;
  });
};

export const masterCountIsOneThreeOrFive: Rule = (template) => {
  const masterCount = template.parameters.masterCount;
  if (masterCount?.type !== 'int') return ['parameter masterCount must be an int'];
  return JSON.stringify(masterCount.allowedValues) === '[1,3,5]'
    ? []
    : [`parameter masterCount allows ${JSON.stringify(masterCount.allowedValues)}, not exactly [1,3,5]`];
};

export const secretParametersAreSecure: Rule = (template) =>
  Object.entries(template.parameters)
    .filter(([name, declaration]) => /password|secret|token|cloudinit|customdata/i.test(name) && !secureTypes.has(declaration.type.toLowerCase()))
    .map(([name, declaration]) => `parameter ${name} carries a secret but is ${declaration.type}`);

export const tagsOnEveryResource: Rule = (template) =>
  template.resources
    .filter((resource) => 'location' in resource && resource.tags !== "[parameters('tags')]")
    .map((resource) => `${String(resource.type)} ${String(resource.name)}: tags must be [parameters('tags')]`);

function isParameterReference(value: Json): boolean {
  const expression = typeof value === 'string' ? parseTemplateString(value) : undefined;
  return expression?.kind === 'call' && expression.name.toLowerCase() === 'parameters' && expression.args[0]?.kind === 'string';
}

/** Every value stored under `key` at any depth, with its JSON path. */
function keyedValues(value: Json | Json[], key: string, path = 'resources'): { path: string; value: Json }[] {
  if (Array.isArray(value)) return value.flatMap((item, index) => keyedValues(item, key, `${path}[${index}]`));
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([name, item]) => [
    ...(name === key ? [{ path: `${path}.${name}`, value: item }] : []),
    ...keyedValues(item, key, `${path}.${name}`),
  ]);
}

/** A `[variables('x')]` value replaced by the variable's declaration; anything else as is. */
function resolveVariable(value: Json, template: Template): Json {
  const expression = typeof value === 'string' ? parseTemplateString(value) : undefined;
  if (expression?.kind === 'call' && expression.name.toLowerCase() === 'variables' && expression.args[0]?.kind === 'string') {
    return template.variables[expression.args[0].value] ?? null;
  }
  return value;
}

/** The expressions of a value and, transitively, of every variable they use. */
export function withVariables(value: Json, template: Template, seen = new Set<string>()): Expr[] {
  const expressions = [...expressionsIn(value)].map((found) => found.expression);
  const nested = [...referencedNames(value, 'variables')]
    .filter((name) => !seen.has(name) && name in template.variables)
    .flatMap((name) => withVariables(template.variables[name]!, template, seen.add(name)));
  return [...expressions, ...nested];
}
