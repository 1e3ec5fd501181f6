// Every resource of arm/cluster.json against the official ARM schema of its type and API
// version, read from ../shared/arm-schemas (never copied into the project). The raw resources
// are checked as written (the schemas accept `[...]` expressions wherever a number, boolean or
// enum is expected, through `oneOf: [..., common/definitions.json#/definitions/expression]`), and
// the evaluated resources, with real values in place of expressions, are checked too, which
// also covers the parts that come from variables.
import { existsSync } from 'node:fs';
import { expandTemplate, type JsonObject } from './support/evaluate.js';
import { newestApiVersionExceptions } from './support/rules.js';
import { ArmSchemas } from './support/schemas.js';
import { armSchemasDir, loadTemplate, requiredParameters } from './support/template.js';

const schemasPresent = existsSync(armSchemasDir);
if (!schemasPresent) {
  console.warn(`SKIPPED: ARM schema validation, because the schema folder ${armSchemasDir} is absent (it lives beside the repository as ../shared/arm-schemas).`);
}
const describeWithSchemas = schemasPresent ? describe : describe.skip;
const title = schemasPresent ? 'ARM schema validation' : `ARM schema validation SKIPPED: ${armSchemasDir} is absent`;

/**
 * The schemas describe extension settings as a closed list of shapes from CustomScript v1
 * (settings.fileUris and a storage key required); the Linux CustomScript 2.1 that the template
 * uses takes protectedSettings.script alone. Complaints about an extension's properties are that
 * gap, and only those are set aside; a test below shows the gap is real.
 */
const staleExtensionShape = /^Microsoft\.Compute\/virtualMachines\/extensions [^:]*: \/properties|\/extensionProfile\/extensions\/\d+\/properties/;

function withoutStaleExtensionShapes(problems: string[]): string[] {
  return problems.filter((problem) => !staleExtensionShape.test(problem));
}

/**
 * A scale set's extension complaints cascade up to `/properties` through oneOf, where they would
 * hide anything else: the evaluated scale set is checked without its extensions, which the
 * extension test below checks on their own.
 */
function withoutScaleSetExtensions(body: JsonObject): JsonObject {
  const copy = structuredClone(body);
  const profile = (copy.properties as JsonObject | undefined)?.virtualMachineProfile as JsonObject | undefined;
  if (profile) delete profile.extensionProfile;
  return copy;
}

describeWithSchemas(title, () => {
  const template = loadTemplate();
  let schemas: ArmSchemas;

  beforeAll(() => {
    schemas = new ArmSchemas(armSchemasDir);
  });

  describe('as written', () => {
    // The same resources evaluated (first copy), for expressions where the schema wants a plain string.
    const representatives = expandTemplate(template, requiredParameters({ fileShareEnabled: true }), {
      listKeys: () => ({ keys: [{ keyName: 'key1', value: 'c2VjcmV0' }] }),
    }).resources;
    for (const [index, resource] of template.resources.entries()) {
      it(`${String(resource.type)} ${String(resource.name)}`, () => {
        const representative = representatives.find((expanded) => expanded.templateIndex === index)!.body;
        expect(withoutStaleExtensionShapes(schemas.validateResource(resource, representative))).toEqual([]);
      });
    }

    it('parameters and outputs are valid declarations', () => {
      const problems = [
        ...Object.entries(template.parameters).flatMap(([name, declaration]) => schemas.validateDeclaration('parameter', name, declaration)),
        ...Object.entries(template.outputs).flatMap(([name, declaration]) => schemas.validateDeclaration('output', name, declaration)),
      ];
      expect(problems).toEqual([]);
    });
  });

  describe('as evaluated', () => {
    // The schema lists VM sizes as a closed enum from years ago (the API takes any size name),
    // so the evaluated checks use a size from that list; the default Standard_B1ls is checked
    // as written, where it is a parameter.
    const listedSize = { masterSize: 'Standard_B1s', agentSize: 'Standard_B1s' };
    const settings: Record<string, JsonObject> = {
      'defaults, 1 master, no share': {},
      '3 masters with the file share': { masterCount: 3, fileShareEnabled: true },
      '5 masters, other service ports, autoscale off': { masterCount: 5, servicePorts: [8080, 9000], autoscaleEnabled: false },
    };
    for (const [name, overrides] of Object.entries(settings)) {
      it(name, () => {
        const expansion = expandTemplate(template, requiredParameters({ ...listedSize, ...overrides }), {
          listKeys: () => ({ keys: [{ keyName: 'key1', value: 'c2VjcmV0' }] }),
        });
        const deployed = expansion.resources.filter((resource) => resource.deployed);
        expect(deployed.length).toBeGreaterThan(10);
        expect(withoutStaleExtensionShapes(deployed.flatMap((resource) => schemas.validateResource(withoutScaleSetExtensions(resource.body!))))).toEqual([]);
      });
    }
  });

  it("the schema's extension shapes reject CustomScript 2.1's protectedSettings.script (why those complaints are set aside)", () => {
    const expansion = expandTemplate(template, requiredParameters({ fileShareEnabled: true }), { listKeys: () => ({ keys: [{ value: 'c2VjcmV0' }] }) });
    const extension = expansion.resources.find((resource) => resource.type === 'Microsoft.Compute/virtualMachines/extensions')!;
    const problems = schemas.validateResource(extension.body!);
    expect(problems.join('\n')).toMatch(/protectedSettings must have required property 'commandToExecute'/);
    expect(withoutStaleExtensionShapes(problems)).toEqual([]);
    // The scale set's copy of the same extension: the same complaints, under extensionProfile.
    const scaleSet = expansion.resources.find((resource) => resource.type === 'Microsoft.Compute/virtualMachineScaleSets')!;
    expect(schemas.validateResource(scaleSet.body!).join('\n')).toMatch(/extensionProfile\/extensions\/0\/properties\/protectedSettings must have required property 'commandToExecute'/);
    expect(schemas.validateResource(withoutScaleSetExtensions(scaleSet.body!))).toEqual([]);
  });

  it("the schema's VM size list lacks the default Standard_D2as_v5 (why the evaluated checks use another size)", () => {
    const expansion = expandTemplate(template, requiredParameters(), {});
    const master0 = expansion.resources.find((resource) => resource.name === 'master0')!;
    expect(schemas.validateResource(master0.body!).join('\n')).toMatch(/vmSize must be equal to one of the allowed values/);
  });

  it('catches a wrong type, a wrong enum value and an unknown API version', () => {
    const broken = loadTemplate();
    const scaleSet = broken.resources.find((resource) => resource.type === 'Microsoft.Compute/virtualMachineScaleSets')!;
    const properties = scaleSet.properties as JsonObject;
    properties.overprovision = 'no';
    (properties.scaleInPolicy as JsonObject).rules = ['YoungestVM'];
    expect(schemas.validateResource(scaleSet).join('\n')).toMatch(/overprovision[\s\S]*scaleInPolicy\/rules\/0/);
    expect(schemas.validateDeclaration('parameter', 'count', { type: 'integer' }).join('\n')).toMatch(/parameter count: \/type must be equal to one of the allowed values/);
    scaleSet.apiVersion = '2025-11-02';
    expect(schemas.validateResource(scaleSet)).toEqual([expect.stringMatching(/no schema for API version 2025-11-02/)]);
  });

  it('an old API version is allowed only where no newer stable one exists', () => {
    for (const [type, version] of Object.entries(newestApiVersionExceptions)) {
      expect(schemas.versionsOf(type).at(-1)).toBe(version);
    }
  });
});
