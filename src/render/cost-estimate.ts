// A list-price estimate of what a cluster deployment runs, item by item, for the deploy job's
// summary and docs/azure-setup.md. Prices are dated and sourced; an item whose price no source
// gave stays "not known" instead of being guessed, and the totals say what they leave out.

export interface PriceSource {
  /** USD per hour, pay as you go, Linux. */
  perHour: number;
  source: string;
  note?: string;
}

/** When the prices below were read. */
export const pricesAsOf = '2026-11-28';
export const hoursPerMonth = 730;

const c3xNat = 'https://c3x.dev/resources/azure/azurerm_nat_gateway/';
const c3xLb = 'https://c3x.dev/resources/azure/azurerm_lb';
const learningbro = 'https://learningbro.com/courses/azure-vms-and-compute/lessons/azure-pricing-pay-as-you-go-reserved-spot-vms';

export const listPrices: { publicIp: PriceSource; loadBalancer: PriceSource; natGateway: PriceSource; vm: Readonly<Record<string, PriceSource>> } = {
  publicIp: { perHour: 0.005, source: c3xNat, note: 'Standard static' },
  loadBalancer: { perHour: 0.025, source: c3xLb, note: 'Standard, first 5 rules included; plus $0.005/GB processed' },
  natGateway: { perHour: 0.045, source: c3xNat, note: 'plus ~$0.045/GB processed' },
  vm: { Standard_B2s: { perHour: 0.05, source: learningbro, note: 'an "illustrative" East US figure' } },
};

export interface CostLine {
  item: string;
  count: number;
  /** Undefined when no source gave a price. */
  unitPerHour?: number;
  source?: string;
}

export interface CostEstimate {
  lines: CostLine[];
  /** The sum of the lines whose price is known, per hour. */
  knownPerHour: number;
  /** Items left out of the sum for want of a price. */
  unknown: string[];
}

export interface DeployedShape {
  masterCount: number;
  agentCount: number;
  masterSize: string;
  agentSize: string;
  fileShare: boolean;
}

export function estimateCost(shape: DeployedShape): CostEstimate {
  const vm = (size: string, count: number, role: string): CostLine => ({ item: `${role} VM ${size}`, count, unitPerHour: listPrices.vm[size]?.perHour, source: listPrices.vm[size]?.source });
  const lines: CostLine[] = [
    vm(shape.masterSize, shape.masterCount, 'master'),
    vm(shape.agentSize, shape.agentCount, 'agent'),
    { item: 'OS disk, Standard SSD 32 GiB (E4)', count: shape.masterCount + shape.agentCount },
    // master<i>-ip, agents-lb-ip, agents-outbound-ip (arm/cluster.json)
    { item: 'public IP, Standard static', count: shape.masterCount + 2, unitPerHour: listPrices.publicIp.perHour, source: listPrices.publicIp.source },
    { item: 'load balancer, Standard', count: 1, unitPerHour: listPrices.loadBalancer.perHour, source: listPrices.loadBalancer.source },
    { item: 'NAT gateway', count: 1, unitPerHour: listPrices.natGateway.perHour, source: listPrices.natGateway.source },
    ...(shape.fileShare ? [{ item: 'storage account with the file share', count: 1 }] : []),
  ].filter((line) => line.count > 0);
  const known = lines.filter((line) => line.unitPerHour !== undefined);
  return {
    lines,
    knownPerHour: roundCents(known.reduce((sum, line) => sum + line.count * line.unitPerHour!, 0)),
    unknown: lines.filter((line) => line.unitPerHour === undefined).map((line) => line.item),
  };
}

function roundCents(value: number): number {
  return Math.round(value * 1000) / 1000;
}

const dollars = (value: number) => `$${value.toFixed(3)}`;

/** The estimate as markdown for the job summary, labelled as an estimate with its date. */
export function costSummary(estimate: CostEstimate): string {
  const rows = estimate.lines.map((line) =>
    line.unitPerHour === undefined
      ? `| ${line.item} | ${line.count} | not known | — |`
      : `| ${line.item} | ${line.count} | ${dollars(line.unitPerHour)} | ${dollars(line.count * line.unitPerHour)} |`,
  );
  const monthly = Math.round(estimate.knownPerHour * hoursPerMonth);
  return [
    `### Cost estimate (list prices as of ${pricesAsOf}, USD, pay as you go; an estimate, not a bill)`,
    '',
    '| item | count | per hour each | per hour |',
    '| --- | --- | --- | --- |',
    ...rows,
    '',
    `Items with a known price: **${dollars(estimate.knownPerHour)}/h, ~$${monthly}/month** (${hoursPerMonth} h), traffic not counted.` +
      (estimate.unknown.length > 0 ? ` Not included (no price source): ${estimate.unknown.join(', ')}.` : ''),
    'Sources and caveats: docs/azure-setup.md#what-a-cluster-costs.',
    '',
  ].join('\n');
}
