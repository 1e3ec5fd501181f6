// An observer of a swarm's strength, independent of the code under test: it samples `docker node
// ls` and `docker service ls` over its own calls, back to back, and records for each sample when
// it was asked, when it was answered, and what was short (a watched node not Ready, a service
// below its desired count). Fault tests use its timeline to check what an operation claims.
import type { SwarmClient } from '../../src/swarm/swarm-client.js';

export interface StrengthSample {
  startedAt: number;
  endedAt: number;
  /** `node <name>` for a watched node with no Ready entry, `service <name> r/d` for a short service. */
  short: string[];
}

export interface StrengthObserver {
  /** Ends the sampling and gives every sample, oldest first. */
  stop(): Promise<StrengthSample[]>;
}

export function observeStrength(swarm: SwarmClient, watchedNodes: readonly string[], pauseMs = 200): StrengthObserver {
  const samples: StrengthSample[] = [];
  let running = true;
  const loop = (async () => {
    while (running) {
      const startedAt = Date.now();
      try {
        const [nodes, services] = await Promise.all([swarm.nodes(), swarm.services()]);
        const ready = new Set(nodes.filter((node) => node.status === 'ready').map((node) => node.hostname));
        const short = [
          ...watchedNodes.filter((name) => !ready.has(name)).map((name) => `node ${name}`),
          ...services.filter((service) => service.running < service.desired).map((service) => `service ${service.name} ${service.running}/${service.desired}`),
        ];
        samples.push({ startedAt, endedAt: Date.now(), short });
      } catch (error) {
        // A manager that cannot answer is itself a shortage worth recording.
        samples.push({ startedAt, endedAt: Date.now(), short: [`swarm unreachable: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`] });
      }
      await new Promise((resolve) => setTimeout(resolve, pauseMs));
    }
  })();
  return {
    stop: async () => {
      running = false;
      await loop;
      return samples;
    },
  };
}
