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

/**
 * The longest time any service was below its desired count, by the observer's timeline: each
 * shortfall counts from the last sample that still saw the service whole (its start) to the
 * first one that saw it whole again (its end), so sampling gaps count against the swarm. A
 * shortfall still open at the last sample runs to that sample's end. 0 when none was seen.
 */
export function longestServiceShortfallMs(samples: readonly StrengthSample[]): number {
  const servicesShort = (sample: StrengthSample) => new Set(sample.short.filter((entry) => entry.startsWith('service ') || entry.startsWith('swarm unreachable')).map((entry) => entry.split(' ').slice(0, 2).join(' ')));
  let longest = 0;
  const since = new Map<string, number>();
  samples.forEach((sample, index) => {
    const short = servicesShort(sample);
    for (const name of short) if (!since.has(name)) since.set(name, index > 0 ? samples[index - 1]!.startedAt : sample.startedAt);
    for (const [name, start] of since) {
      if (short.has(name) && index < samples.length - 1) continue;
      longest = Math.max(longest, sample.endedAt - start);
      if (!short.has(name)) since.delete(name);
    }
  });
  return longest;
}
