// An in-process Azure provider wired to the HTTPS ARM stand-in: real SDK clients, a real
// client-secret sign-in against the stand-in's token endpoint, the stand-in's certificate
// trusted through Node's default CA list (what NODE_EXTRA_CA_CERTS does for a spawned action).
import { getCACertificates, setDefaultCACertificates } from 'node:tls';
import type { Reporter } from '../../src/core/reporter.js';
import { createClients } from '../../src/providers/azure/clients.js';
import { resolveCloud } from '../../src/providers/azure/clouds.js';
import { createCredential } from '../../src/providers/azure/credentials.js';
import { AzureProvider, type AzureProviderOptions } from '../../src/providers/azure/provider.js';
import { renderAzureDeployment } from '../../src/providers/azure/render.js';
import { startArmServer, type ArmServer } from '../support/arm-server/server.js';

export const subscriptionId = '00000000-0000-0000-0000-000000000001';

export interface RecordingReporter extends Reporter {
  lines: string[];
  secrets: string[];
}

export function recordingReporter(): RecordingReporter {
  const lines: string[] = [];
  const secrets: string[] = [];
  return {
    lines,
    secrets,
    info: (message) => void lines.push(message),
    warn: (message) => void lines.push(`warning: ${message}`),
    debug: () => undefined,
    phase: async (title, work) => {
      lines.push(`> ${title}`);
      return work();
    },
    secret: (value) => void secrets.push(value),
  };
}

export async function startTrustedArmServer(options?: Parameters<typeof startArmServer>[0]): Promise<ArmServer> {
  const server = await startArmServer(options);
  setDefaultCACertificates([...getCACertificates('default'), server.certificate.cert]);
  return server;
}

export function azureProvider(server: ArmServer, options: Partial<Omit<AzureProviderOptions, 'clients'>> = {}): AzureProvider {
  const cloud = resolveCloud('AzureCloud', { armEndpoint: server.url, authorityHost: server.url });
  const { credential } = createCredential(
    { auth: 'client-secret', tenantId: 'tenant-1', clientId: 'client-1', clientSecret: server.identity.clientSecret },
    cloud,
    recordingReporter(),
  );
  return new AzureProvider({ render: (settings, context) => renderAzureDeployment(settings, context), clients: createClients(credential, subscriptionId, cloud), pollIntervalMs: 200, progressIntervalMs: 200, ...options });
}

/** ARM calls as `METHOD path` lines (ARM paths are case-insensitive: one spelling), for exact assertions. */
export function callLines(server: ArmServer): string[] {
  return server.armCalls().map((call) => `${call.method} ${call.path.replace(`/subscriptions/${subscriptionId}`, '').replace(/\/resourceGroups\//i, '/resourcegroups/')}`);
}
