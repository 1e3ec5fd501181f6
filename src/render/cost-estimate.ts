// A list-price estimate of what a cluster deployment runs, item by item, for the deploy job's
// summary and docs/azure-setup.md. Prices are dated and sourced; an item whose price no source
// gave stays "not known" instead of being guessed, and the totals say what they leave out.
//
// No price page of Microsoft's could be read where these were gathered (its pricing pages are
// stored without their figures, which a script fills in). So every figure below is third-party:
// it is used only where at least two independent public sources agree on it, and each says which.

export interface PriceSource {
  /** USD per hour, pay as you go, Linux, East US. */
  perHour: number;
  source: string;
  note?: string;
}

/** When the prices below were read. */
export const pricesAsOf = '2026-11-28';
export const hoursPerMonth = 730;

const c3xNat = 'https://c3x.dev/resources/azure/azurerm_nat_gateway/';
const c3xLb = 'https://c3x.dev/resources/azure/azurerm_lb';
const c3xIp = 'https://c3x.dev/resources/azure/azurerm_public_ip';
/** Hard-coded East US price tables in open-source cost tools, found in stored public code (no stable address). */
const priceTables = (count: number) => `${count} independent price tables in public cost-estimation code`;

export const listPrices: {
  publicIp: PriceSource;
  loadBalancer: PriceSource;
  natGateway: PriceSource;
  osDiskE4: PriceSource;
  vm: Readonly<Record<string, PriceSource>>;
} = {
  publicIp: { perHour: 0.005, source: `${c3xIp}; ${priceTables(3)}`, note: 'Standard static, ~$3.65/month' },
  loadBalancer: { perHour: 0.025, source: `${c3xLb}; ${priceTables(1)}`, note: 'Standard, first 5 rules included; plus $0.005/GB processed' },
  natGateway: { perHour: 0.045, source: `${c3xNat}; ${priceTables(2)}`, note: 'plus $0.045/GB processed' },
  osDiskE4: { perHour: 2.4 / hoursPerMonth, source: priceTables(3), note: 'Standard SSD E4 LRS, $2.40/month; transactions extra' },
  vm: {
    Standard_B1ls: { perHour: 0.0052, source: priceTables(3) },
    Standard_B1s: { perHour: 0.0104, source: priceTables(3) },
    Standard_B2s: { perHour: 0.0416, source: priceTables(4) },
    Standard_D2as_v5: { perHour: 0.086, source: priceTables(5) },
  },
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

const priced = (item: string, count: number, price: PriceSource | undefined): CostLine => ({ item, count, unitPerHour: price?.perHour, source: price?.source });

export function estimateCost(shape: DeployedShape): CostEstimate {
  const lines: CostLine[] = [
    priced(`master VM ${shape.masterSize}`, shape.masterCount, listPrices.vm[shape.masterSize]),
    priced(`agent VM ${shape.agentSize}`, shape.agentCount, listPrices.vm[shape.agentSize]),
    priced('OS disk, Standard SSD 32 GiB (E4)', shape.masterCount + shape.agentCount, listPrices.osDiskE4),
    // master<i>-ip, agents-lb-ip, agents-outbound-ip (arm/cluster.json)
    priced('public IP, Standard static', shape.masterCount + 2, listPrices.publicIp),
    priced('load balancer, Standard', 1, listPrices.loadBalancer),
    priced('NAT gateway', 1, listPrices.natGateway),
    // Billed by the GiB stored and by transactions: no fixed hourly figure to give.
    ...(shape.fileShare ? [priced('storage account with the file share (billed by use)', 1, undefined)] : []),
  ].filter((line) => line.count > 0);
  const known = lines.filter((line) => line.unitPerHour !== undefined);
  return {
    lines,
    knownPerHour: roundMills(known.reduce((sum, line) => sum + line.count * line.unitPerHour!, 0)),
    unknown: lines.filter((line) => line.unitPerHour === undefined).map((line) => line.item),
  };
}

function roundMills(value: number): number {
  return Math.round(value * 1000) / 1000;
}

const dollars = (value: number) => `$${value.toFixed(3)}`;
/** Unit prices keep a fourth decimal (B1ls is $0.0052/h). */
const unitDollars = (value: number) => `$${value.toFixed(4).replace(/(\.\d{3})0$/, '$1')}`;

/** The estimate as markdown for the job summary, labelled as an estimate with its date. */
export function costSummary(estimate: CostEstimate): string {
  const rows = estimate.lines.map((line) =>
    line.unitPerHour === undefined
      ? `| ${line.item} | ${line.count} | not known | — |`
      : `| ${line.item} | ${line.count} | ${unitDollars(line.unitPerHour)} | ${dollars(line.count * line.unitPerHour)} |`,
  );
  const monthly = Math.round(estimate.knownPerHour * hoursPerMonth);
  return [
    `### Cost estimate (third-party list prices as of ${pricesAsOf}, USD, East US, pay as you go; an estimate, not a bill)`,
    '',
    '| item | count | per hour each | per hour |',
    '| --- | --- | --- | --- |',
    ...rows,
    '',
    `Items with a known price: **${dollars(estimate.knownPerHour)}/h, ~$${monthly}/month** (${hoursPerMonth} h), traffic and disk transactions not counted.` +
      (estimate.unknown.length > 0 ? ` Not included (no price source): ${estimate.unknown.join(', ')}.` : ''),
    'Sources and caveats: docs/azure-setup.md#what-a-cluster-costs.',
    '',
  ].join('\n');
}
