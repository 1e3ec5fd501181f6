// Event payloads as GitHub sends them, reduced to the fields the workflows read.
import type { WorkflowEvent } from './run-workflow.js';

export const repository = 'octo/swarm';
const repo = { full_name: repository, default_branch: 'main' };

/** A pull_request (or pull_request_target) event; `fork` names the fork's repository. */
export function pullRequestEvent(action: string, number: number, headSha: string, fork?: string, name = 'pull_request'): WorkflowEvent {
  return {
    name,
    payload: {
      action,
      number,
      repository: repo,
      pull_request: { number, head: { sha: headSha, ref: `topic-${number}`, repo: { full_name: fork ?? repository } }, base: { ref: 'main', repo } },
    },
  };
}

/** The workflow_run event of a completed pull_request run. */
export function workflowRunEvent(workflow: string, runId: number, headSha: string, conclusion: string): WorkflowEvent {
  return {
    name: 'workflow_run',
    payload: {
      action: 'completed',
      repository: repo,
      workflow: { name: workflow },
      workflow_run: { id: runId, event: 'pull_request', conclusion, head_sha: headSha, html_url: `https://github.com/${repository}/actions/runs/${runId}` },
    },
  };
}

export function dispatchEvent(): WorkflowEvent {
  return { name: 'workflow_dispatch', payload: { repository: repo } };
}
