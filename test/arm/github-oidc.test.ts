// arm/github-oidc.json (setup-github's template): its identity resources against the official
// ARM schemas of their API version (the nested group-scope template: the only resource types of
// it whose schemas ../shared/arm-schemas holds), and the rules that keep a re-run idempotent
// and the role narrow.
import { existsSync, readFileSync } from 'node:fs';
import { ArmSchemas } from './support/schemas.js';
import { armSchemasDir } from './support/template.js';
import type { JsonObject } from './support/evaluate.js';

interface Resource extends JsonObject {
  type: string;
  name: string;
}
const template = JSON.parse(readFileSync('arm/github-oidc.json', 'utf8')) as { resources: Resource[]; variables: Record<string, string> };
const nested = (template.resources.find((resource) => resource.type === 'Microsoft.Resources/deployments')!.properties as { template: { resources: Resource[] } }).template;

describe('arm/github-oidc.json', () => {
  (existsSync(armSchemasDir) ? it : it.skip)('the identity and its federated credentials match the official schemas', () => {
    const schemas = new ArmSchemas(armSchemasDir);
    for (const resource of nested.resources) expect([resource.type, schemas.validateResource(resource)]).toEqual([resource.type, []]);
  });

  it('names every resource by fixed parameters or a guid() of them, so that a re-run updates the same ones', () => {
    const names = template.resources.map((resource) => resource.name);
    expect(names).toEqual(["[parameters('identityGroup')]", "[variables('roleDefinitionName')]", "[variables('identityDeployment')]", "[variables('roleAssignmentName')]"]);
    expect(template.variables.roleDefinitionName).toMatch(/^\[guid\(subscription\(\)\.id, '[a-z-]+'\)\]$/);
    expect(template.variables.roleAssignmentName).toMatch(/^\[guid\(subscription\(\)\.id, parameters\('identityGroup'\), parameters\('identityName'\), variables\('roleDefinitionName'\)\)\]$/);
  });

  it('gives the role no authorization rights and writes federated credentials one at a time', () => {
    const role = template.resources.find((resource) => resource.type === 'Microsoft.Authorization/roleDefinitions')!;
    const actions = (role.properties as { permissions: { actions: string[] }[] }).permissions.flatMap((permission) => permission.actions);
    expect(actions.filter((action) => action.startsWith('Microsoft.Authorization') || action === '*' || /^[^/]+\/\*$/.test(action))).toEqual([]);
    const credentials = nested.resources.find((resource) => resource.type.endsWith('/federatedIdentityCredentials'))!;
    expect(credentials.copy).toMatchObject({ mode: 'Serial', batchSize: 1 });
  });
});
