// The job summary: endpoints, a table of nodes and a mermaid picture of the cluster.
import type { NodeRow } from '../operations/nodes.js';
import type { AgentInstance, ClusterInfo } from '../core/cluster.js';

/** Markdown table of agents: name, scale set instance id, power state. */
export function agentTable(agents: readonly AgentInstance[]): string[] {
  return ['| agent | instance | power state |', '| --- | --- | --- |', ...agents.map((agent) => `| ${agent.name} | ${agent.instanceId} | ${agent.state} |`)];
}

export function clusterSummary(info: ClusterInfo, agents: readonly AgentInstance[], nodes?: readonly NodeRow[]): string {
  const endpoints = [
    '| endpoint | address |', '| --- | --- |',
    ...info.endpoints.masters.map((master, index) => `| master${index} | \`${master}\` |`),
    `| agents load balancer | \`${info.endpoints.agents}\` |`,
    `| monitor | ${info.endpoints.monitor} |`,
  ];
  const table = nodes
    ? ['| node | role | state | availability |', '| --- | --- | --- | --- |', ...nodes.map((node) => `| ${node.hostname} | ${node.role} | ${node.status} | ${node.availability} |`)]
    : agentTable(agents);
  const masters = info.endpoints.masters.map((_, index) => `    master${index}[master${index}]`);
  const diagram = [
    '```mermaid', 'flowchart LR',
    '  users((users)) --> lb[agents load balancer]',
    '  admin((admin)) -- ssh --> master0',
    '  subgraph managers', ...masters, '  end',
    '  subgraph workers', ...agents.map((agent) => `    ${agent.name}[${agent.name}]`), '  end',
    ...agents.map((agent) => `  lb --> ${agent.name}`),
    '  workers -. swarm .- managers',
    '```',
  ];
  return [`## Swarm cluster ${info.name} (${info.provider})`, '', ...endpoints, '', '### Nodes', '', ...table, '', ...diagram, ''].join('\n');
}
