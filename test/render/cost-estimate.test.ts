// The cost estimate of the deploy job summary and docs/azure-setup.md: the default clusters
// item by item, unknown prices left out and named, never guessed.
import { costSummary, estimateCost, listPrices, pricesAsOf } from '../../src/render/cost-estimate.js';

describe('cost estimate', () => {
  it('1 master + 2 agents on B1ls: every item priced, each with its source', () => {
    const estimate = estimateCost({ masterCount: 1, agentCount: 2, masterSize: 'Standard_B1ls', agentSize: 'Standard_B1ls', fileShare: false });
    expect(estimate.lines.map((line) => [line.item, line.count, line.unitPerHour])).toEqual([
      ['master VM Standard_B1ls', 1, 0.0052],
      ['agent VM Standard_B1ls', 2, 0.0052],
      ['OS disk, Standard SSD 32 GiB (E4)', 3, 2.4 / 730],
      ['public IP, Standard static', 3, 0.005],
      ['load balancer, Standard', 1, 0.025],
      ['NAT gateway', 1, 0.045],
    ]);
    expect(estimate.lines.every((line) => typeof line.source === 'string' && line.source.length > 0)).toBe(true);
    expect(estimate.knownPerHour).toBe(0.11); // 3 × 0.0052 + 3 × 2.40/730 + 3 × 0.005 + 0.025 + 0.045
    expect(estimate.unknown).toEqual([]);
  });

  it('3 masters + 5 agents on B2s, with the file share (billed by use: named, not priced)', () => {
    const estimate = estimateCost({ masterCount: 3, agentCount: 5, masterSize: 'Standard_B2s', agentSize: 'Standard_B2s', fileShare: true });
    expect(estimate.knownPerHour).toBe(0.454); // 8 × 0.0416 + 8 × 2.40/730 + 5 × 0.005 + 0.025 + 0.045
    expect(estimate.unknown).toEqual(['storage account with the file share (billed by use)']);
  });

  it('a size without a sourced price is named as not known, not guessed', () => {
    const estimate = estimateCost({ masterCount: 1, agentCount: 1, masterSize: 'Standard_D2as_v5', agentSize: 'Standard_E64s_v5', fileShare: false });
    expect(listPrices.vm.Standard_E64s_v5).toBeUndefined();
    expect(estimate.unknown).toEqual(['agent VM Standard_E64s_v5']);
    expect(estimate.knownPerHour).toBe(0.178); // 0.086 + 2 × 2.40/730 + 3 × 0.005 + 0.025 + 0.045
  });

  it('labels the summary as an estimate with its date, and says what it leaves out', () => {
    const text = costSummary(estimateCost({ masterCount: 1, agentCount: 0, masterSize: 'Standard_B1ls', agentSize: 'Standard_B1ls', fileShare: true }));
    expect(text).toContain(`### Cost estimate (third-party list prices as of ${pricesAsOf}, USD, East US, pay as you go; an estimate, not a bill)`);
    expect(text).toContain('| master VM Standard_B1ls | 1 | $0.0052 | $0.005 |');
    expect(text).toContain('| public IP, Standard static | 3 | $0.005 | $0.015 |');
    expect(text).toContain('| storage account with the file share (billed by use) | 1 | not known | — |');
    expect(text).not.toContain('agent VM');
    expect(text).toContain(
      'Items with a known price: **$0.093/h, ~$68/month** (730 h), traffic and disk transactions not counted. Not included (no price source): storage account with the file share (billed by use).',
    );
  });
});
