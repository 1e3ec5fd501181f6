// Workflow values evaluated as the runner does, with GitHub's own expression language
// (@actions/expressions): `${{ }}` tokens of the parsed workflow, contexts as plain JSON,
// and the status functions (success, failure, cancelled, always) of the current job.
import { data, Evaluator, Lexer, Parser } from '@actions/expressions';
import type { FunctionDefinition } from '@actions/expressions/funcs/info';
import { truthy } from '@actions/expressions/result';
import { isBasicExpression, isBoolean, isMapping, isNumber, isSequence, isString } from '@actions/workflow-parser';
import type { TemplateToken } from '@actions/workflow-parser/templates/tokens/index';

export type Contexts = Record<string, unknown>;

/** What the status functions see: has a step of the job failed, was the run cancelled. */
export interface JobStatus {
  failed: boolean;
  cancelled: boolean;
}

function statusFunctions(status: JobStatus): FunctionDefinition[] {
  const fn = (name: string, value: () => boolean): FunctionDefinition => ({ name, minArgs: 0, maxArgs: 0, call: () => new data.BooleanData(value()) });
  return [
    fn('success', () => !status.failed && !status.cancelled),
    fn('failure', () => status.failed),
    fn('cancelled', () => status.cancelled),
    fn('always', () => true),
  ];
}

function evaluateData(expression: string, contexts: Contexts, status: JobStatus): data.ExpressionData {
  const functions = statusFunctions(status);
  const lexed = new Lexer(expression).lex();
  const tree = new Parser(lexed.tokens, Object.keys(contexts), functions).parse();
  const context = JSON.parse(JSON.stringify(contexts), data.reviver) as data.Dictionary;
  return new Evaluator(tree, context, new Map(functions.map((definition) => [definition.name.toLowerCase(), definition]))).evaluate();
}

const plain = (value: data.ExpressionData): unknown => JSON.parse(JSON.stringify(value, data.replacer)) as unknown;

export function evaluateCondition(expression: string, contexts: Contexts, status: JobStatus): boolean {
  return truthy(evaluateData(expression, contexts, status));
}

/** A token of the workflow as plain JSON: mappings, sequences and evaluated expressions. */
export function evaluateToken(token: TemplateToken | undefined, contexts: Contexts, status: JobStatus): unknown {
  if (token === undefined) return undefined;
  if (isBasicExpression(token)) return plain(evaluateData(token.expression, contexts, status));
  if (isString(token)) return token.value;
  if (isBoolean(token) || isNumber(token)) return token.value;
  if (isSequence(token)) return [...Array(token.count).keys()].map((index) => evaluateToken(token.get(index), contexts, status));
  if (isMapping(token)) {
    const entries: [string, unknown][] = [];
    for (const pair of token) entries.push([String(evaluateToken(pair.key, contexts, status)), evaluateToken(pair.value, contexts, status)]);
    return Object.fromEntries(entries);
  }
  return null;
}

/** A value as the runner passes it to an input or an environment variable. */
export function asText(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}
