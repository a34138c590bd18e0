// A small evaluator of CloudWatch Logs' JSON filter patterns, for tests only: it decides whether a log
// event (one CloudTrail record, as CloudTrail writes it to CloudWatch Logs) matches a metric filter's
// pattern. No maintained npm package evaluates this syntax, and moto's FilterLogEvents ignores JSON
// patterns (it returns every event), so neither can judge the library's patterns.
//
// It implements the JSON part of "Filter and pattern syntax" (Amazon CloudWatch Logs User Guide):
// `{ SELECTOR OPERATOR VALUE }`, selectors `$.a.b[0]`, `=`/`!=` on strings (quoted or alphanumeric,
// with `*` at the start or end as a wildcard; elsewhere it is a literal), `=`, `!=`, `<`, `>`, `<=`,
// `>=` on numbers, `IS NULL`, `IS TRUE`, `IS FALSE`, `NOT EXISTS`, `&&`, `||` and parentheses, with
// `&&` before `||`. A selector must point to a value node: on an array or an object (or nothing),
// `=` and `!=` are both false. filter-pattern.test.ts checks it against the guide's own examples.

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

type Token = { kind: 'op' | 'word' | 'string' | 'paren'; text: string };

const OPERATORS = ['&&', '||', '!=', '<=', '>=', '=', '<', '>'];

/** True when the JSON log event `message` matches the JSON filter `pattern`. */
export function matchesFilterPattern(pattern: string, message: string): boolean {
  const trimmed = pattern.trim();
  if (!trimmed.startsWith('{') || !trimmed.endsWith('}')) throw new Error(`not a JSON filter pattern (not in braces): ${pattern}`);
  let event: Json;
  try {
    event = JSON.parse(message);
  } catch {
    return false; // a JSON pattern never matches an event that is not JSON
  }
  const parser = new Parser(tokenize(trimmed.slice(1, -1)));
  const predicate = parser.parseOr();
  parser.expectEnd();
  return predicate(event);
}

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (/\s/.test(c)) {
      i++;
    } else if (c === '(' || c === ')') {
      tokens.push({ kind: 'paren', text: c });
      i++;
    } else if (c === '"') {
      let j = i + 1;
      let value = '';
      while (j < text.length && text[j] !== '"') {
        if (text[j] === '\\' && j + 1 < text.length) j++;
        value += text[j];
        j++;
      }
      if (j >= text.length) throw new Error(`unterminated string in pattern: ${text}`);
      tokens.push({ kind: 'string', text: value });
      i = j + 1;
    } else {
      const op = OPERATORS.find(o => text.startsWith(o, i));
      if (op) {
        tokens.push({ kind: 'op', text: op });
        i += op.length;
      } else {
        let j = i;
        while (j < text.length && !/[\s()"]/.test(text[j]) && !OPERATORS.some(o => text.startsWith(o, j))) j++;
        tokens.push({ kind: 'word', text: text.slice(i, j) });
        i = j;
      }
    }
  }
  return tokens;
}

type Predicate = (event: Json) => boolean;

class Parser {
  private at = 0;
  constructor(private readonly tokens: Token[]) {}

  public parseOr(): Predicate {
    const parts = [this.parseAnd()];
    while (this.peek()?.text === '||') {
      this.at++;
      parts.push(this.parseAnd());
    }
    return event => parts.some(p => p(event));
  }

  public expectEnd(): void {
    if (this.at !== this.tokens.length) throw new Error(`unexpected '${this.tokens[this.at].text}' in pattern`);
  }

  private parseAnd(): Predicate {
    const parts = [this.parseUnary()];
    while (this.peek()?.text === '&&') {
      this.at++;
      parts.push(this.parseUnary());
    }
    return event => parts.every(p => p(event));
  }

  private parseUnary(): Predicate {
    const token = this.next();
    if (token.kind === 'paren' && token.text === '(') {
      const inner = this.parseOr();
      const close = this.next();
      if (close.text !== ')') throw new Error(`expected ')' but found '${close.text}'`);
      return inner;
    }
    if (token.kind !== 'word' || !token.text.startsWith('$')) throw new Error(`expected a selector ($...) but found '${token.text}'`);
    const path = parseSelector(token.text);
    const next = this.next();
    if (next.kind === 'word' && next.text === 'IS') {
      const what = this.next().text;
      if (what === 'NULL') return event => lookup(event, path)?.value === null;
      if (what === 'TRUE' || what === 'FALSE') return event => lookup(event, path)?.value === (what === 'TRUE');
      throw new Error(`expected NULL, TRUE or FALSE after IS, found '${what}'`);
    }
    if (next.kind === 'word' && next.text === 'NOT') {
      const what = this.next().text;
      if (what !== 'EXISTS') throw new Error(`expected EXISTS after NOT, found '${what}'`);
      return event => lookup(event, path) === undefined;
    }
    if (next.kind !== 'op' || next.text === '&&' || next.text === '||') throw new Error(`expected an operator after ${token.text}, found '${next.text}'`);
    const operand = this.next();
    if (operand.kind !== 'word' && operand.kind !== 'string') throw new Error(`expected a value after ${next.text}, found '${operand.text}'`);
    return comparison(path, next.text, operand);
  }

  private peek(): Token | undefined {
    return this.tokens[this.at];
  }

  private next(): Token {
    const token = this.tokens[this.at++];
    if (!token) throw new Error('unexpected end of pattern');
    return token;
  }
}

/** `$.a.b[0].c` as keys and indexes. */
function parseSelector(text: string): (string | number)[] {
  const path: (string | number)[] = [];
  const re = /\.([A-Za-z0-9_-]+)|\[(\d+)\]/y;
  re.lastIndex = 1;
  while (re.lastIndex < text.length) {
    const m = re.exec(text);
    if (!m) throw new Error(`not a selector: ${text}`);
    path.push(m[1] !== undefined ? m[1] : Number(m[2]));
  }
  return path;
}

/** The node at `path`, or undefined when there is none. */
function lookup(event: Json, path: (string | number)[]): { value: Json } | undefined {
  let node: Json = event;
  for (const step of path) {
    if (typeof step === 'number') {
      if (!Array.isArray(node) || step >= node.length) return undefined;
      node = node[step];
    } else {
      if (node === null || typeof node !== 'object' || Array.isArray(node) || !(step in node)) return undefined;
      node = node[step];
    }
  }
  return { value: node };
}

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

function comparison(path: (string | number)[], op: string, operand: Token): Predicate {
  const numeric = operand.kind === 'word' && NUMBER.test(operand.text);
  if (!numeric && op !== '=' && op !== '!=') throw new Error(`${op} needs a number, found '${operand.text}'`);
  return event => {
    const found = lookup(event, path);
    // Only a value node (string or number) can be compared: an array, an object, null or nothing never matches.
    if (!found || (typeof found.value !== 'string' && typeof found.value !== 'number')) return false;
    const value = found.value;
    if (numeric && typeof value === 'number') {
      const n = Number(operand.text);
      switch (op) {
        case '=': return value === n;
        case '!=': return value !== n;
        case '<': return value < n;
        case '>': return value > n;
        case '<=': return value <= n;
        default: return value >= n;
      }
    }
    if (op !== '=' && op !== '!=') return false; // an order comparison of a string
    const equal = wildcardEquals(String(value), operand.text);
    return op === '=' ? equal : !equal;
  };
}

/** `*` at the start or end of the operand matches any text there; elsewhere it is the character itself. */
function wildcardEquals(value: string, operand: string): boolean {
  const leading = operand.length > 1 && operand.startsWith('*');
  const trailing = operand.length > 1 && operand.endsWith('*');
  if (operand === '*') return true;
  const core = operand.slice(leading ? 1 : 0, trailing ? -1 : undefined);
  if (leading && trailing) return value.includes(core);
  if (leading) return value.endsWith(core);
  if (trailing) return value.startsWith(core);
  return value === core;
}
