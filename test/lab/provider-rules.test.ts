// Rules the lab provider checks before creating anything, and its naming, without a lab.
import { rm } from 'node:fs/promises';
import { silentReporter } from '../../src/core/reporter.js';
import { agentName } from '../../src/providers/lab/lab-nodes.js';
import { LabProvider } from '../../src/providers/lab/provider.js';
import { listLabNames } from '../../src/providers/lab/state.js';
import { labSettings, useTemporaryLabRoot } from './lab-support.js';

const provider = new LabProvider();
let root: string;

beforeAll(async () => {
  root = await useTemporaryLabRoot();
});

afterAll(() => rm(root, { recursive: true, force: true }));

test('agents are named like scale set VMs: prefix + six base-36 characters of the instance id', () => {
  expect(agentName(0)).toBe('agents000000');
  expect(agentName(10)).toBe('agents00000a');
  expect(agentName(36 * 36)).toBe('agents000100');
});

test('bad settings are refused before anything is created, naming the setting and the rule', async () => {
  await expect(provider.deploy({ ...labSettings('rules', 1, 1), provider: 'azure' }, silentReporter)).rejects.toThrow(/provider: the lab provider got settings for azure/);
  await expect(provider.deploy({ ...labSettings('rules', 1, 1), name: 'Not_A_Lab' }, silentReporter)).rejects.toThrow(/resource-group: must be a lab name/);
  expect(await listLabNames()).toEqual([]);
});

test('opening an absent lab says so; destroying it is success', async () => {
  await expect(provider.open('nolab', silentReporter)).rejects.toMatchObject({ code: 'cluster-not-found' });
  // false: there was nothing to destroy (the CLI says so)
  await expect(provider.destroy('nolab', silentReporter)).resolves.toBe(false);
});
