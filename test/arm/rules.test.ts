// arm-ttk style rules on arm/cluster.json. Every rule passes on the template and fails on a
// copy broken on purpose, so none of them can pass vacuously.
import type { JsonObject, Template } from './support/evaluate.js';
import { parseExpression } from './support/expression.js';
import {
  customDataIsStable,
  dnsLabelsAreUnique,
  noCloudSuffixLiterals,
  noPreviewOrCipherlessSettings,
  trustedLaunchIsExplicit,
  uniformScaleSetOsDiskHasNoDeleteOption,
  vnetInboundIsRestricted,
} from './support/first-deployment-rules.js';
import {
  apiVersionsAreRecent,
  dependsOnNameResources,
  locationsAreNotLiteral,
  masterCountIsOneThreeOrFive,
  outputsHaveNoSecrets,
  parametersAreUsed,
  passwordAuthDisabled,
  referencesAreDeclared,
  type Rule,
  secretParametersAreSecure,
  tagsOnEveryResource,
  variablesAreUsed,
  vmSizesAreParameters,
} from './support/rules.js';
import { loadTemplate } from './support/template.js';

function resourceOfType(template: Template, type: string): JsonObject {
  const resource = template.resources.find((candidate) => candidate.type === type);
  if (!resource) throw new Error(`no ${type} in the template`);
  return resource;
}

const scaleSet = (template: Template) => resourceOfType(template, 'Microsoft.Compute/virtualMachineScaleSets');
const machines = (template: Template) => resourceOfType(template, 'Microsoft.Compute/virtualMachines');

interface Case {
  rule: Rule;
  /** Breaks a fresh copy of the template so that the rule must complain. */
  breakIt: (template: Template) => void;
  expected: RegExp;
}

const cases: Record<string, Case> = {
  'every parameter is used': {
    rule: parametersAreUsed,
    breakIt: (template) => {
      template.parameters.forgotten = { type: 'string', defaultValue: 'x' };
    },
    expected: /parameter forgotten is declared but never used/,
  },
  'every variable is used': {
    rule: variablesAreUsed,
    breakIt: (template) => {
      template.variables.forgotten = 'x';
    },
    expected: /variable forgotten is declared but never used/,
  },
  'every parameters()/variables() reference is declared': {
    rule: referencesAreDeclared,
    breakIt: (template) => {
      scaleSet(template).name = "[concat(variables('nope'), parameters('agentPrefix'))]";
    },
    expected: /variables\('nope'\) is not declared/,
  },
  'every dependsOn names a resource of the template': {
    rule: dependsOnNameResources,
    breakIt: (template) => {
      (scaleSet(template).dependsOn as string[]).push("[resourceId('Microsoft.Network/loadBalancers', 'other-lb')]");
    },
    expected: /depends on ".*loadBalancers\/other-lb", not a resource of the template/,
  },
  'API versions are at most two years old': {
    rule: apiVersionsAreRecent(new Date()),
    breakIt: (template) => {
      machines(template).apiVersion = '2019-07-01';
    },
    expected: /virtualMachines: apiVersion 2019-07-01 is \d+ days old/,
  },
  'no literal locations': {
    rule: locationsAreNotLiteral,
    breakIt: (template) => {
      machines(template).location = 'westeurope';
    },
    expected: /location must be \[parameters\('location'\)\], got "westeurope"/,
  },
  'VM sizes are parameters': {
    rule: vmSizesAreParameters,
    breakIt: (template) => {
      (scaleSet(template).sku as JsonObject).name = 'Standard_B1ls';
    },
    expected: /sku\.name: VM size "Standard_B1ls" is not a parameter/,
  },
  'no secret in outputs': {
    rule: outputsHaveNoSecrets,
    breakIt: (template) => {
      template.outputs.debug = { type: 'string', value: "[parameters('agentCloudInit')]" };
    },
    expected: /output debug: returns the secure parameter agentCloudInit/,
  },
  'password authentication is disabled': {
    rule: passwordAuthDisabled,
    breakIt: (template) => {
      (template.variables.linuxConfiguration as JsonObject).disablePasswordAuthentication = false;
    },
    expected: /does not disable password authentication/,
  },
  'masterCount allows exactly 1, 3 and 5': {
    rule: masterCountIsOneThreeOrFive,
    breakIt: (template) => {
      template.parameters.masterCount!.allowedValues = [1, 2, 3, 5];
    },
    expected: /allows \[1,2,3,5\], not exactly \[1,3,5\]/,
  },
  'parameters that carry secrets are secure': {
    rule: secretParametersAreSecure,
    breakIt: (template) => {
      template.parameters.masterCloudInit!.type = 'string';
    },
    expected: /parameter masterCloudInit carries a secret but is string/,
  },
  'every resource with a location carries the tags parameter': {
    rule: tagsOnEveryResource,
    breakIt: (template) => {
      delete scaleSet(template).tags;
    },
    expected: /virtualMachineScaleSets .*: tags must be/,
  },
  'public DNS labels carry a per-resource-group part': {
    rule: dnsLabelsAreUnique,
    breakIt: (template) => {
      const ip = template.resources.find((resource) => resource.name === "[variables('loadBalancerPublicIpName')]")!;
      ((ip.properties as JsonObject).dnsSettings as JsonObject).domainNameLabel = "[format('{0}-agents-lb', parameters('dnsPrefix'))]";
    },
    expected: /domainNameLabel has no uniqueString\(\) part/,
  },
  "no cloud's DNS suffix is written out": {
    rule: noCloudSuffixLiterals,
    breakIt: (template) => {
      template.variables.storageSuffixPlaceholder = 'core.windows.net';
    },
    expected: /names a cloud's DNS suffix \(core\.windows\.net\)/,
  },
  'the Uniform scale set has no osDisk.deleteOption': {
    rule: uniformScaleSetOsDiskHasNoDeleteOption,
    breakIt: (template) => {
      (((scaleSet(template).properties as JsonObject).virtualMachineProfile as JsonObject).storageProfile as JsonObject).osDisk = "[variables('masterOsDisk')]";
    },
    expected: /Uniform scale set's osDisk sets deleteOption/,
  },
  'no preview forceDeletion, no SMB 3.0': {
    rule: noPreviewOrCipherlessSettings,
    breakIt: (template) => {
      ((scaleSet(template).properties as JsonObject).scaleInPolicy as JsonObject).forceDeletion = false;
      const fileService = resourceOfType(template, 'Microsoft.Storage/storageAccounts/fileServices');
      (((fileService.properties as JsonObject).protocolSettings as JsonObject).smb as JsonObject).versions = 'SMB3.0;SMB3.1.1';
    },
    expected: /forceDeletion is a preview feature\n.*SMB version SMB3\.0/,
  },
  'customData never reads keys or runtime state': {
    rule: customDataIsStable,
    breakIt: (template) => {
      ((machines(template).properties as JsonObject).osProfile as JsonObject).customData =
        "[base64(replace(parameters('masterCloudInit'), 'KEY', listKeys(variables('storageAccountId'), '2026-04-01').keys[0].value))]";
    },
    expected: /virtualMachines: customData calls listkeys\(\)/,
  },
  'Trusted Launch is set explicitly': {
    rule: trustedLaunchIsExplicit,
    breakIt: (template) => {
      delete ((scaleSet(template).properties as JsonObject).virtualMachineProfile as JsonObject).securityProfile;
    },
    expected: /agents: securityProfile is null/,
  },
  'the virtual network reaches only named ports': {
    rule: vnetInboundIsRestricted,
    breakIt: (template) => {
      template.variables.vnetOnlyRules = (template.variables.vnetOnlyRules as JsonObject[]).filter((rule) => rule.name !== 'deny-other-vnet-inbound');
    },
    expected: /masters-nsg: no rule denies the rest of the virtual network/,
  },
};

describe('arm/cluster.json rules', () => {
  for (const [name, { rule, breakIt, expected }] of Object.entries(cases)) {
    describe(name, () => {
      it('passes on the template', () => {
        expect(rule(loadTemplate())).toEqual([]);
      });

      it('fails on a copy broken on purpose', () => {
        const broken = loadTemplate();
        breakIt(broken);
        expect(rule(broken).join('\n')).toMatch(expected);
      });
    });
  }

  it('finds a listKeys() that reaches an output through a variable', () => {
    const broken = loadTemplate();
    broken.variables.leak = "[listKeys(variables('storageAccountId'), '2026-04-01').keys[0].value]";
    broken.outputs.storageAccountName = { type: 'string', value: "[variables('leak')]" };
    expect(outputsHaveNoSecrets(broken)).toEqual(
      expect.arrayContaining(['output storageAccountName: calls listKeys()', 'output storageAccountName: reads .keys']),
    );
  });

  it('allows an old API version only where it is the newest stable one, never a preview', () => {
    const autoscale = (version: string) => {
      const template = loadTemplate();
      resourceOfType(template, 'Microsoft.Insights/autoscalesettings').apiVersion = version;
      return apiVersionsAreRecent(new Date())(template).join('\n');
    };
    expect(autoscale('2021-05-01')).toMatch(/autoscalesettings: apiVersion 2021-05-01 is \d+ days old/);
    expect(autoscale('2021-05-01-preview')).toMatch(/not a literal stable date version/);
  });
});

describe('the expression parser behind the rules', () => {
  it('parses calls, string escapes, properties and indexes', () => {
    expect(parseExpression("listKeys(variables('a'), '2026-04-01').keys[0].value")).toEqual({
      kind: 'property',
      name: 'value',
      target: {
        kind: 'index',
        index: { kind: 'number', value: 0 },
        target: {
          kind: 'property',
          name: 'keys',
          target: {
            kind: 'call',
            name: 'listKeys',
            args: [
              { kind: 'call', name: 'variables', args: [{ kind: 'string', value: 'a' }] },
              { kind: 'string', value: '2026-04-01' },
            ],
          },
        },
      },
    });
    expect(parseExpression("format('it''s {0}', 1)")).toMatchObject({ args: [{ value: "it's {0}" }, { value: 1 }] });
  });

  it('rejects what is not an expression', () => {
    expect(() => parseExpression("concat('a'")).toThrow(/expected/);
    expect(() => parseExpression("parameters('a') parameters('b')")).toThrow(/end of the expression/);
    expect(() => parseExpression("'open")).toThrow(/unterminated/);
  });
});
