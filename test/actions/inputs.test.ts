// The actions' inputs: each action reads exactly the inputs its action.yml declares (no declared
// input is ignored, none is read undeclared), every boolean input follows one grammar (the YAML
// 1.2 core set of core.getBooleanInput), `environment` is case-insensitive, `audience` reaches
// the credential settings.
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { parseDeployInputs } from '../../src/actions/deploy-cluster.js';
import { parseOptionalBoolean } from '../../src/core/validators.js';
import { parseRolloutInputs } from '../../src/actions/rollout.js';
import { parseScaleInputs } from '../../src/actions/scale.js';
import { parseTeardownInputs } from '../../src/actions/teardown.js';
import { SettingsError } from '../../src/core/errors.js';
import { generateSshKeyPair } from '../../src/render/keys.js';

const subscriptionId = '00000000-0000-4000-8000-000000000001';
const valid: Record<string, string> = {
  provider: 'azure', 'resource-group': 'swarm-ci', 'subscription-id': subscriptionId, 'tenant-id': subscriptionId,
  'client-id': subscriptionId, auth: 'auto', environment: 'AzureCloud', 'allowed-ssh-cidr': '203.0.113.0/24',
  'cluster-secret': 'c0ffee'.repeat(8), operation: 'scale-agents', count: '3',
};

/** A reader that answers from `inputs` (blank otherwise) and records every name asked for. */
function recordingReader(inputs: Record<string, string>) {
  const names = new Set<string>();
  return { names, read: (name: string) => (names.add(name), inputs[name] ?? '') };
}

const declaredInputs = (action: string) => Object.keys((parse(readFileSync(`actions/${action}/action.yml`, 'utf8')) as { inputs: object }).inputs).sort();

const ownKey = generateSshKeyPair('own');
const testImage = `ghcr.io/owner/azswarm-test-service@sha256:${'0f'.repeat(32)}`;
/** Each action's parser and the input sets that, together, reach every input it reads. */
const parsers: Record<string, { parse: (read: (name: string) => string) => unknown; scenarios: Record<string, string>[] }> = {
  'deploy-cluster': { parse: parseDeployInputs, scenarios: [valid, { ...valid, 'ssh-public-key': ownKey.publicKey, 'ssh-private-key': ownKey.privateKey }] },
  scale: { parse: parseScaleInputs, scenarios: [valid] },
  rollout: { parse: parseRolloutInputs, scenarios: [{ ...valid, operation: 'replicated', 'test-image': testImage }] },
  teardown: { parse: parseTeardownInputs, scenarios: [valid] },
};

const problemsOf = (work: () => unknown): string[] => {
  try {
    work();
  } catch (error) {
    if (error instanceof SettingsError) return error.problems.map((problem) => problem.message);
    throw error;
  }
  return [];
};

describe('action inputs', () => {
  it.each(Object.keys(parsers))('%s reads every input its action.yml declares, and no other', (action) => {
    const read = new Set<string>();
    for (const inputs of parsers[action].scenarios) {
      const reader = recordingReader(inputs);
      parsers[action].parse(reader.read);
      for (const name of reader.names) read.add(name);
    }
    expect([...read].sort()).toEqual(declaredInputs(action));
  });

  it('takes the YAML 1.2 booleans of core.getBooleanInput, and refuses yes/no/on/off/1/0 for every boolean input', () => {
    for (const [text, value] of [['true', true], ['True', true], ['TRUE', true], ['false', false], ['False', false], ['FALSE', false], ['', true]] as const) {
      expect(parseOptionalBoolean('keep', text, true)).toBe(value);
    }
    const refused = { keep: 'yes', autoscale: 'yes', 'file-share': 'on', 'wait-for-swarm': '1' };
    expect(problemsOf(() => parseDeployInputs((name) => ({ ...valid, ...refused } as Record<string, string>)[name] ?? ''))).toEqual([
      'wait-for-swarm: must be true or false (YAML 1.2: true, True, TRUE, false, False, FALSE) (got "1")',
      'keep: must be true or false (YAML 1.2: true, True, TRUE, false, False, FALSE) (got "yes")',
      'autoscale: must be true or false (YAML 1.2: true, True, TRUE, false, False, FALSE) (got "yes")',
      'file-share: must be true or false (YAML 1.2: true, True, TRUE, false, False, FALSE) (got "on")',
    ]);
    expect(problemsOf(() => parseTeardownInputs((name) => ({ ...valid, janitor: 'no', wait: 'off', 'dry-run': 'tRuE' } as Record<string, string>)[name] ?? ''))).toEqual([
      'janitor: must be true or false (YAML 1.2: true, True, TRUE, false, False, FALSE) (got "no")',
      'wait: must be true or false (YAML 1.2: true, True, TRUE, false, False, FALSE) (got "off")',
      'dry-run: must be true or false (YAML 1.2: true, True, TRUE, false, False, FALSE) (got "tRuE")',
    ]);
  });

  it('rollout takes test-image by digest only, requires it on Azure for the services that run it, and refuses it on the lab', () => {
    const rollout = (inputs: Record<string, string>) => (name: string) => ({ ...valid, ...inputs } as Record<string, string>)[name] ?? '';
    expect(parseRolloutInputs(rollout({ operation: 'global', 'test-image': testImage })).testImage).toBe(testImage);
    expect(problemsOf(() => parseRolloutInputs(rollout({ operation: 'global', 'test-image': 'ghcr.io/owner/azswarm-test-service:latest' })))).toEqual([
      expect.stringMatching(/^test-image: must name the image by digest, REPOSITORY@sha256:<64 hex digits> .* \(got "ghcr.io\/owner\/azswarm-test-service:latest"\)$/),
    ]);
    expect(problemsOf(() => parseRolloutInputs(rollout({ operation: 'replicated' })))).toEqual([
      "test-image: is required with provider azure for replicated: the test service's image by digest (the test-service workflow prints it)",
    ]);
    // Operations that run no test service need none.
    expect(parseRolloutInputs(rollout({ operation: 'remove' })).testImage).toBeUndefined();
    const lab = { provider: 'lab', 'subscription-id': '', operation: 'global' };
    expect(parseRolloutInputs(rollout(lab)).testImage).toBeUndefined();
    expect(problemsOf(() => parseRolloutInputs(rollout({ ...lab, 'test-image': testImage })))).toEqual([
      expect.stringMatching(/^test-image: must be empty with provider lab: the lab builds the test service from test-service\/ itself/),
    ]);
  });

  it('reads environment in any case, in its canonical spelling, and names the input when unknown', () => {
    const read = (environment: string) => (name: string) => ({ ...valid, environment } as Record<string, string>)[name] ?? '';
    expect(parseTeardownInputs(read('azureusgovernment')).common.azure.environment).toBe('AzureUSGovernment');
    expect(parseTeardownInputs(read('AZURECHINACLOUD')).common.azure.environment).toBe('AzureChinaCloud');
    expect(problemsOf(() => parseTeardownInputs(read('AzureStack')))).toEqual([
      'environment: must be one of AzureCloud, AzureUSGovernment, AzureChinaCloud (any case) (got "AzureStack")',
    ]);
  });

  it('passes audience to the sign-in (default api://AzureADTokenExchange) and refuses one with spaces', () => {
    const read = (audience: string) => (name: string) => ({ ...valid, audience } as Record<string, string>)[name] ?? '';
    expect(parseTeardownInputs(read('')).common.azure.audience).toBe('api://AzureADTokenExchange');
    expect(parseTeardownInputs(read('api://AzureADTokenExchangeUSGov')).common.azure.audience).toBe('api://AzureADTokenExchangeUSGov');
    expect(problemsOf(() => parseTeardownInputs(read('two audiences')))).toEqual([
      'audience: must be one audience URI without spaces, e.g. api://AzureADTokenExchange (got "two audiences")',
    ]);
  });

  it('reports every problem of deploy-cluster at once, before any sign-in', () => {
    const read = (name: string) => ({ ...valid, 'master-count': '2', 'subscription-id': 'nope', 'cluster-secret': 'short', 'ssh-public-key': ownKey.publicKey, 'wait-for-swarm': 'true' } as Record<string, string>)[name] ?? '';
    expect(problemsOf(() => parseDeployInputs(read))).toEqual([
      'subscription-id: must be a GUID (xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx) (got "nope")',
      'cluster-secret: must be at least 32 characters (e.g. `openssl rand -hex 32`), got 5',
      'ssh-private-key: is required with your own ssh-public-key while wait-for-swarm is true (the swarm is checked over SSH)',
      'master-count: must be 1, 3 or 5 (a swarm needs an odd number of managers) (got "2")',
    ]);
  });

  it('batch-size: 10 for a parallel reimage and 1 for the chaos monkey unless given; 1-100, named when wrong', () => {
    const read = (inputs: Record<string, string>) => (name: string) => inputs[name] ?? '';
    expect(parseScaleInputs(read({ ...valid, operation: 'reimage-agents', strategy: 'parallel' })).batchSize).toBe(10);
    expect(parseScaleInputs(read({ ...valid, operation: 'chaos-monkey' })).batchSize).toBe(1);
    expect(parseScaleInputs(read({ ...valid, operation: 'chaos-monkey', 'batch-size': '25' })).batchSize).toBe(25);
    for (const wrong of ['0', '101', '2.5', 'ten']) {
      expect(problemsOf(() => parseScaleInputs(read({ ...valid, operation: 'reimage-agents', 'batch-size': wrong }))))
        .toEqual([`batch-size: must be a whole number from 1 to 100 (got "${wrong}")`]);
    }
  });
});
