// The retry decision of SwarmClient.docker on the messages docker prints (as SshSession.check
// quotes them) while a swarm changes leader, and on failures that must not be retried.
import { leaderChangeAttempts, leaderChangeRetryDelay } from '../../src/swarm/leader-change.js';

const failed = (stderr: string) => `docker service create failed on master0 (exit 1): ${stderr}`;
// swarmkit's ErrLostLeadership as the docker CLI prints it (the daemon wraps the gRPC error).
const lostLeadership = failed('Error response from daemon: rpc error: code = Unknown desc = raft: failed to process the request: node lost leader status');
const noLeader = failed("Error response from daemon: rpc error: code = Unknown desc = The swarm does not have a leader. It's possible that too few managers are online. Make sure more than half of the managers are online.");
const notElected = failed('Error response from daemon: rpc error: code = Unknown desc = raft: no elected cluster leader');

test('a refusal during a leader change is retried after 2, 4, then 8 s, and not after the last attempt', () => {
  for (const message of [lostLeadership, noLeader, notElected]) {
    expect([1, 2, 3, 4].map((attempt) => leaderChangeRetryDelay(message, attempt))).toEqual([2_000, 4_000, 8_000, undefined]);
  }
  expect(leaderChangeAttempts).toBe(4);
});

test('every other failure is reported at once', () => {
  for (const message of [
    failed('Error response from daemon: rpc error: code = InvalidArgument desc = name conflicts with an existing object: service web exists with ID abc'),
    failed('Error response from daemon: This node is not a swarm manager. Use "docker swarm init" or "docker swarm join" to connect this node to swarm and try again.'),
    failed('invalid argument "x" for "--replicas" flag: strconv.ParseUint: parsing "x": invalid syntax'),
    'ssh to master0 failed: connect ECONNREFUSED 10.0.0.4:22',
  ]) expect(leaderChangeRetryDelay(message, 1)).toBeUndefined();
});
