/**
 * A small expression language for the lab's "type your own function": f(x, y) written as
 * `x^2 + 3*sin(y) - exp(-x*y)`, parsed (never eval'd) into a tree and compiled into
 * the engine's autograd ops, so its gradient comes from backward() like any model's.
 *
 *   expr  := term (('+' | '-') term)*
 *   term  := unary (('*' | '/') unary)*
 *   unary := ('-' | '+') unary | power
 *   power := atom (('^' | '**') unary)?        right-associative: 2^3^2 = 2^9, -x^2 = -(x^2)
 *   atom  := number | x | y | pi | e | name '(' expr ')' | '(' expr ')'
 *
 * Every error is an ExpressionError naming the 1-based column where it was found.
 */
import type { Tensor } from '../tensor/tensor.ts';
import { abs, add, cos, div, exp, log, mul, neg, pow, sin, sqrt, square, sub, tanh } from '../autograd/index.ts';
import * as libm from '../libm/index.ts';
import { UserError } from '../user-error.ts';

export class ExpressionError extends UserError {
  override readonly name = 'ExpressionError';
  constructor(message: string, readonly column: number) {
    super(`column ${column}: ${message}`);
  }
}

export type Node =
  | { readonly kind: 'number'; readonly value: number }
  | { readonly kind: 'variable'; readonly name: 'x' | 'y' }
  | { readonly kind: 'unary'; readonly op: '-'; readonly arg: Node }
  | { readonly kind: 'binary'; readonly op: '+' | '-' | '*' | '/' | '^'; readonly left: Node; readonly right: Node }
  | { readonly kind: 'call'; readonly fn: FunctionName; readonly arg: Node };

const FUNCTIONS = {
  sin: [sin, libm.sin], cos: [cos, libm.cos], exp: [exp, libm.exp], log: [log, libm.log], sqrt: [sqrt, Math.sqrt], abs: [abs, Math.abs], tanh: [tanh, libm.tanh],
} as const;
export type FunctionName = keyof typeof FUNCTIONS;
export const EXPRESSION_FUNCTIONS = Object.keys(FUNCTIONS) as FunctionName[];
const CONSTANTS: Readonly<Record<string, number>> = { pi: Math.PI, e: Math.E };

interface Token {
  readonly type: 'number' | 'name' | 'op' | 'end';
  readonly text: string;
  readonly column: number;
}

function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < source.length) {
    const c = source[i]!;
    if (/\s/.test(c)) { i++; continue; }
    const number = /^(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?/.exec(source.slice(i));
    if (number) { tokens.push({ type: 'number', text: number[0], column: i + 1 }); i += number[0].length; continue; }
    const name = /^[A-Za-z_][A-Za-z_0-9]*/.exec(source.slice(i));
    if (name) { tokens.push({ type: 'name', text: name[0], column: i + 1 }); i += name[0].length; continue; }
    if (source.startsWith('**', i)) { tokens.push({ type: 'op', text: '^', column: i + 1 }); i += 2; continue; }
    if ('+-*/^()'.includes(c)) { tokens.push({ type: 'op', text: c, column: i + 1 }); i++; continue; }
    throw new ExpressionError(`unexpected character '${c}'`, i + 1);
  }
  tokens.push({ type: 'end', text: '', column: source.length + 1 });
  return tokens;
}

/** Parses `source` into a tree; throws ExpressionError with the column at fault. */
export function parseExpression(source: string): Node {
  const tokens = tokenize(source);
  let k = 0;
  const peek = () => tokens[k]!;
  const isOp = (text: string) => peek().type === 'op' && peek().text === text;
  const describe = (t: Token) => (t.type === 'end' ? 'the end of the expression' : `'${t.text}'`);
  if (peek().type === 'end') throw new ExpressionError('the expression is empty', 1);

  function expr(): Node {
    let left = term();
    while (isOp('+') || isOp('-')) {
      const op = tokens[k++]!.text as '+' | '-';
      left = { kind: 'binary', op, left, right: term() };
    }
    return left;
  }
  function term(): Node {
    let left = unary();
    while (isOp('*') || isOp('/')) {
      const op = tokens[k++]!.text as '*' | '/';
      left = { kind: 'binary', op, left, right: unary() };
    }
    return left;
  }
  function unary(): Node {
    if (isOp('-')) { k++; return { kind: 'unary', op: '-', arg: unary() }; }
    if (isOp('+')) { k++; return unary(); }
    return power();
  }
  function power(): Node {
    const base = atom();
    if (isOp('^')) { k++; return { kind: 'binary', op: '^', left: base, right: unary() }; }
    return base;
  }
  function atom(): Node {
    const t = tokens[k++]!;
    if (t.type === 'number') return { kind: 'number', value: Number(t.text) };
    if (t.type === 'op' && t.text === '(') {
      const inner = expr();
      if (!isOp(')')) throw new ExpressionError(`expected ')' to close the '(' at column ${t.column}, found ${describe(peek())}`, peek().column);
      k++;
      return inner;
    }
    if (t.type === 'name') {
      if (t.text === 'x' || t.text === 'y') return { kind: 'variable', name: t.text };
      if (Object.prototype.hasOwnProperty.call(CONSTANTS, t.text)) return { kind: 'number', value: CONSTANTS[t.text]! };
      if (Object.prototype.hasOwnProperty.call(FUNCTIONS, t.text)) {
        if (!isOp('(')) throw new ExpressionError(`${t.text} needs an argument in parentheses, e.g. ${t.text}(x)`, peek().column);
        k++;
        const arg = expr();
        if (!isOp(')')) throw new ExpressionError(`expected ')' to close ${t.text}(, found ${describe(peek())}`, peek().column);
        k++;
        return { kind: 'call', fn: t.text as FunctionName, arg };
      }
      throw new ExpressionError(`unknown name '${t.text}': use x, y, pi, e, numbers and ${EXPRESSION_FUNCTIONS.join(', ')}`, t.column);
    }
    throw new ExpressionError(`expected a number, x, y, a function or '(', found ${describe(t)}`, t.column);
  }

  const tree = expr();
  if (peek().type !== 'end') {
    const t = peek();
    const hint = t.type === 'op' && t.text === ')' ? 'a ")" without its "("' : `${describe(t)} (write * between factors: 2*x)`;
    throw new ExpressionError(`unexpected ${hint}`, t.column);
  }
  return tree;
}

type Value = Tensor | number;

function power(a: Value, b: Value): Value {
  if (typeof a === 'number' && typeof b === 'number') return libm.pow(a, b);
  if (typeof b === 'number') return b === 2 ? square(a as Tensor) : pow(a as Tensor, b);
  // a^b with b varying: exp(b·log a), defined for a > 0.
  return exp(mul(b, typeof a === 'number' ? libm.log(a) : log(a)));
}

function evaluate(node: Node, x: Tensor, y: Tensor): Value {
  switch (node.kind) {
    case 'number': return node.value;
    case 'variable': return node.name === 'x' ? x : y;
    case 'unary': {
      const a = evaluate(node.arg, x, y);
      return typeof a === 'number' ? -a : neg(a);
    }
    case 'call': {
      const a = evaluate(node.arg, x, y);
      const [op, value] = FUNCTIONS[node.fn];
      return typeof a === 'number' ? value(a) : op(a);
    }
    case 'binary': {
      const a = evaluate(node.left, x, y);
      const b = evaluate(node.right, x, y);
      if (node.op === '^') return power(a, b);
      if (typeof a === 'number' && typeof b === 'number') {
        return node.op === '+' ? a + b : node.op === '-' ? a - b : node.op === '*' ? a * b : a / b;
      }
      const f = node.op === '+' ? add : node.op === '-' ? sub : node.op === '*' ? mul : div;
      return f(a, b);
    }
  }
}

/** f(x, y) as engine ops, elementwise over tensors of one shape (a constant f still gives a tensor). */
export function compileExpression(source: string): (x: Tensor, y: Tensor) => Tensor {
  const tree = parseExpression(source);
  return (x, y) => {
    const value = evaluate(tree, x, y);
    return typeof value === 'number' ? add(mul(x, 0), value) : value;
  };
}
