// `azswarm demo` (npm run demo): the original's recommended sequence on a fresh lab, ending
// with a table of each step's duration (also when a step fails).
import { parseClusterSettings } from '../../core/validate.js';
import { DemoError, runDemo, type DemoStep } from '../../operations/demo.js';
import { providerFor } from '../../providers/index.js';
import { generateSshKeyPair } from '../../render/keys.js';
import { UsageError } from '../args.js';
import type { CommandContext, CommandDefinition } from '../command.js';
import { formatDuration } from '../terminal-reporter.js';
import { table } from './cluster-access.js';

function stepTable(context: CommandContext, steps: readonly DemoStep[]): void {
  const total = steps.reduce((sum, step) => sum + step.durationMs, 0);
  context.out(
    table(
      ['STEP', 'TIME', 'RESULT'],
      [
        ...steps.map((step) => [step.step, formatDuration(step.durationMs), `${step.ok ? '' : 'FAILED: '}${step.detail}`]),
        ['total', formatDuration(total), ''],
      ],
    ),
  );
}

const demo: CommandDefinition = {
  name: 'demo',
  summary: "the original's recommended sequence on a fresh lab, with a table of each step's duration",
  description: [
    'deploy 1 master + 3 agents; monitor; replicated service (8); scale it to 4; scale agents to 7;',
    'scale the service to 16; scale agents to 3; stop agents; start them; the Redis-backed stack',
    '(its counter keeps counting across web task restarts); chaos monkey; destroy.',
  ].join('\n'),
  flags: [{ name: 'keep', kind: 'boolean', summary: 'leave the lab up at the end (destroy it with destroy-cluster)' }],
  async run(context) {
    if ((context.provider ?? 'lab') !== 'lab') throw new UsageError('demo runs on the lab; on Azure run the commands one by one', 'demo');
    // The lab reaches its masters with its own key; this pair only fills the admin key setting.
    const settings = parseClusterSettings(
      {
        'resource-group': context.name ?? 'demo',
        'master-count': '1',
        'agent-count': '3',
        'max-agent-count': '7',
        'ssh-public-key': generateSshKeyPair('azswarm-demo').publicKey,
      },
      'lab',
    );
    try {
      const steps = await runDemo(providerFor('lab'), settings, context.reporter, { keep: context.flags.boolean('keep') });
      stepTable(context, steps);
      return { steps };
    } catch (error) {
      if (error instanceof DemoError) stepTable(context, error.steps);
      throw error;
    }
  },
};

export const demoCommands: readonly CommandDefinition[] = [demo];
