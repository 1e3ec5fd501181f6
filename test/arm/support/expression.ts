// A tokenizer and parser for ARM template expressions (`"[concat('a', parameters('b'))]"`), so
// that the template rules look at real function calls and arguments, not at text that merely
// looks like one. Grammar (from the ARM docs): an expression is a string literal, an integer,
// or a function call, followed by any number of `.property` and `[index]` accessors.

export type Expr =
  | { kind: 'string'; value: string }
  | { kind: 'number'; value: number }
  | { kind: 'call'; name: string; args: Expr[] }
  | { kind: 'property'; target: Expr; name: string }
  | { kind: 'index'; target: Expr; index: Expr };

type Token =
  | { kind: 'string'; value: string }
  | { kind: 'number'; value: number }
  | { kind: 'identifier'; value: string }
  | { kind: 'punctuation'; value: '(' | ')' | ',' | '.' | '[' | ']' };

export class ExpressionSyntaxError extends Error {}

/** True for template strings ARM evaluates: `[...]`, but not the `[[...` escape of a literal. */
export function isExpressionString(text: string): boolean {
  return text.startsWith('[') && !text.startsWith('[[') && text.endsWith(']');
}

/** Parses a template string; undefined when the string is a literal, not an expression. */
export function parseTemplateString(text: string): Expr | undefined {
  if (!isExpressionString(text)) return undefined;
  return parseExpression(text.slice(1, -1));
}

export function parseExpression(source: string): Expr {
  const parser = new Parser(tokenize(source), source);
  const expression = parser.expression();
  parser.expectEnd();
  return expression;
}

function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let position = 0;
  while (position < source.length) {
    const char = source[position]!;
    if (/\s/.test(char)) {
      position += 1;
    } else if (char === "'") {
      // A quote inside a string literal is written twice: 'it''s'.
      let value = '';
      position += 1;
      for (;;) {
        if (position >= source.length) throw new ExpressionSyntaxError(`unterminated string in: ${source}`);
        if (source[position] === "'") {
          if (source[position + 1] !== "'") break;
          position += 1;
        }
        value += source[position];
        position += 1;
      }
      position += 1;
      tokens.push({ kind: 'string', value });
    } else if (/[-0-9]/.test(char)) {
      const match = /^-?[0-9]+/.exec(source.slice(position));
      if (!match) throw new ExpressionSyntaxError(`bad number at ${position} in: ${source}`);
      tokens.push({ kind: 'number', value: Number(match[0]) });
      position += match[0].length;
    } else if (/[A-Za-z_]/.test(char)) {
      const match = /^[A-Za-z_][A-Za-z0-9_]*/.exec(source.slice(position))!;
      tokens.push({ kind: 'identifier', value: match[0] });
      position += match[0].length;
    } else if ('(),.[]'.includes(char)) {
      tokens.push({ kind: 'punctuation', value: char as '(' });
      position += 1;
    } else {
      throw new ExpressionSyntaxError(`unexpected ${JSON.stringify(char)} at ${position} in: ${source}`);
    }
  }
  return tokens;
}

class Parser {
  private position = 0;

  constructor(
    private readonly tokens: Token[],
    private readonly source: string,
  ) {}

  expression(): Expr {
    let expression = this.primary();
    for (;;) {
      if (this.takePunctuation('.')) {
        const name = this.next();
        if (name.kind !== 'identifier') this.fail('a property name after "."');
        expression = { kind: 'property', target: expression, name: name.value as string };
      } else if (this.takePunctuation('[')) {
        const index = this.expression();
        this.expectPunctuation(']');
        expression = { kind: 'index', target: expression, index };
      } else {
        return expression;
      }
    }
  }

  expectEnd(): void {
    if (this.position < this.tokens.length) this.fail('the end of the expression');
  }

  private primary(): Expr {
    const token = this.next();
    if (token.kind === 'string' || token.kind === 'number') return token;
    if (token.kind !== 'identifier') return this.fail('a string, a number or a function call');
    this.expectPunctuation('(');
    const args: Expr[] = [];
    if (!this.takePunctuation(')')) {
      do args.push(this.expression());
      while (this.takePunctuation(','));
      this.expectPunctuation(')');
    }
    return { kind: 'call', name: token.value, args };
  }

  private next(): Token {
    const token = this.tokens[this.position];
    if (!token) return this.fail('more input');
    this.position += 1;
    return token;
  }

  private takePunctuation(value: string): boolean {
    const token = this.tokens[this.position];
    if (token?.kind !== 'punctuation' || token.value !== value) return false;
    this.position += 1;
    return true;
  }

  private expectPunctuation(value: string): void {
    if (!this.takePunctuation(value)) this.fail(`"${value}"`);
  }

  private fail(expected: string): never {
    throw new ExpressionSyntaxError(`expected ${expected} at token ${this.position} in: ${this.source}`);
  }
}

/** Every node of an expression tree, the root first. */
export function* nodesOf(expression: Expr): Generator<Expr> {
  yield expression;
  if (expression.kind === 'call') for (const arg of expression.args) yield* nodesOf(arg);
  if (expression.kind === 'property') yield* nodesOf(expression.target);
  if (expression.kind === 'index') {
    yield* nodesOf(expression.target);
    yield* nodesOf(expression.index);
  }
}

/** Every function call of an expression, at any depth. */
export function callsOf(expression: Expr): Extract<Expr, { kind: 'call' }>[] {
  return [...nodesOf(expression)].filter((node): node is Extract<Expr, { kind: 'call' }> => node.kind === 'call');
}

export interface FoundExpression {
  /** JSON path of the string, e.g. `resources[3].properties.osProfile.customData`. */
  path: string;
  expression: Expr;
}

/** Every expression string inside a JSON value, with where it was found. */
export function* expressionsIn(value: unknown, path = ''): Generator<FoundExpression> {
  if (typeof value === 'string') {
    const expression = parseTemplateString(value);
    if (expression) yield { path, expression };
  } else if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) yield* expressionsIn(item, `${path}[${index}]`);
  } else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) yield* expressionsIn(item, path ? `${path}.${key}` : key);
  }
}

/** Names passed as literals to `parameters(...)` or `variables(...)` in the given JSON value. */
export function referencedNames(value: unknown, functionName: 'parameters' | 'variables'): Set<string> {
  const names = new Set<string>();
  for (const { expression } of expressionsIn(value)) {
    for (const call of callsOf(expression)) {
      const [first] = call.args;
      if (call.name.toLowerCase() === functionName && first?.kind === 'string') names.add(first.value);
    }
  }
  return names;
}
