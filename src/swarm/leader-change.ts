// A docker command that a manager refused only because the swarm was changing leader is worth
// running again: right after a 3-master swarm forms (or a master is lost), an election can make
// `docker service create` fail although nothing is wrong. Only these answers are retried, a few
// times, over about one raft election (swarm's default election timeout is ~10 s); any other
// failure, or the same one after the last attempt, reaches the caller unchanged.

/**
 * What swarmkit and dockerd say while there is no settled leader: the request was proposed and
 * the proposer stopped leading before it was committed (ErrLostLeadership), or no leader is
 * elected (ErrNoClusterLeader, and dockerd's own message). A swarm that has lost quorum gives the
 * last one too, for good: the bounded retry then ends with that message.
 */
const noLeaderAnswers = ['raft: no elected cluster leader', 'The swarm does not have a leader'];
const leaderChangeAnswers = ['raft: failed to process the request: node lost leader status', ...noLeaderAnswers];

/** Attempts in all (the first included), and the wait before attempt n + 1: 2, 4, 8 s. */
export const leaderChangeAttempts = 4;
const firstDelayMs = 2_000;

/** The wait in ms before trying again after `attempt` (1-based) failed with `message`, or undefined: give up. */
export function leaderChangeRetryDelay(message: string, attempt: number): number | undefined {
  if (attempt >= leaderChangeAttempts) return undefined;
  if (!leaderChangeAnswers.some((answer) => message.includes(answer))) return undefined;
  return firstDelayMs * 2 ** (attempt - 1);
}

/** True when a failure says the managers have no leader (after the retries: quorum is lost). */
export function saysNoLeader(message: string): boolean {
  return noLeaderAnswers.some((answer) => message.includes(answer));
}
