// The cost estimate of the deploy job summary and docs/azure-setup.md: the default clusters
// item by item, unknown prices left out and named, never guessed.
import { costSummary, estimateCost, pricesAsOf } from '../../src/render/cost-estimate.js';

describe('cost estimate', () => {
  it('1 master + 2 agents on B1ls: only the network items have a price; VMs and disks are named as not known', () => {
    const estimate = estimateCost({ masterCount: 1, agentCount: 2, masterSize: 'Standard_B1ls', agentSize: 'Standard_B1ls', fileShare: false });
    expect(estimate.lines.map((line) => [line.item, line.count, line.unitPerHour])).toEqual([
      ['master VM Standard_B1ls', 1, undefined],
      ['agent VM Standard_B1ls', 2, undefined],
      ['OS disk, Standard SSD 32 GiB (E4)', 3, undefined],
      ['public IP, Standard static', 3, 0.005],
      ['load balancer, Standard', 1, 0.025],
      ['NAT gateway', 1, 0.045],
    ]);
    expect(estimate.knownPerHour).toBe(0.085);
    expect(estimate.unknown).toEqual(['master VM Standard_B1ls', 'agent VM Standard_B1ls', 'OS disk, Standard SSD 32 GiB (E4)']);
  });

  it('3 masters + 5 agents on B2s, with the file share', () => {
    const estimate = estimateCost({ masterCount: 3, agentCount: 5, masterSize: 'Standard_B2s', agentSize: 'Standard_B2s', fileShare: true });
    expect(estimate.knownPerHour).toBe(0.495); // 8 × 0.05 + 5 × 0.005 + 0.025 + 0.045
    expect(estimate.unknown).toEqual(['OS disk, Standard SSD 32 GiB (E4)', 'storage account with the file share']);
  });

  it('labels the summary as an estimate with its date, and says what it leaves out', () => {
    const text = costSummary(estimateCost({ masterCount: 1, agentCount: 0, masterSize: 'Standard_B1ls', agentSize: 'Standard_B1ls', fileShare: false }));
    expect(text).toContain(`### Cost estimate (list prices as of ${pricesAsOf}, USD, pay as you go; an estimate, not a bill)`);
    expect(text).toContain('| public IP, Standard static | 3 | $0.005 | $0.015 |');
    expect(text).not.toContain('agent VM');
    expect(text).toContain('Items with a known price: **$0.085/h, ~$62/month** (730 h), traffic not counted. Not included (no price source): master VM Standard_B1ls, OS disk, Standard SSD 32 GiB (E4).');
  });
});
