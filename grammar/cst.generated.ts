/* GENERATED FILE, DO NOT EDIT. Made from grammar/parser.ts by `npm run gen`. */
import type { CstNode, ICstVisitor, IToken } from "chevrotain";

export interface SpecCstNode extends CstNode {
  name: "spec";
  children: SpecCstChildren;
}

export type SpecCstChildren = {
  item?: ItemCstNode[];
};

export interface ItemCstNode extends CstNode {
  name: "item";
  children: ItemCstChildren;
}

export type ItemCstChildren = {
  name: IToken[];
  Colon?: IToken[];
  value?: ExpressionCstNode[];
  label?: (IToken)[];
  LCurly?: IToken[];
  item?: ItemCstNode[];
  RCurly?: IToken[];
};

export interface ExpressionCstNode extends CstNode {
  name: "expression";
  children: ExpressionCstChildren;
}

export type ExpressionCstChildren = {
  operands: (OperandCstNode)[];
  operators?: (IToken)[];
};

export interface OperandCstNode extends CstNode {
  name: "operand";
  children: OperandCstChildren;
}

export type OperandCstChildren = {
  Not?: IToken[];
  primary: PrimaryCstNode[];
};

export interface PrimaryCstNode extends CstNode {
  name: "primary";
  children: PrimaryCstChildren;
}

export type PrimaryCstChildren = {
  AnyString?: IToken[];
  from?: IToken[];
  DotDot?: IToken[];
  to?: IToken[];
  Fraction?: IToken[];
  Percent?: IToken[];
  Duration?: IToken[];
  True?: IToken[];
  False?: IToken[];
  Null?: IToken[];
  list?: ListCstNode[];
  LParen?: IToken[];
  parenthesized?: ExpressionCstNode[];
  RParen?: IToken[];
  head?: IToken[];
  arguments?: ArgumentsCstNode[];
  Dot?: IToken[];
  keys?: IToken[];
  LBracket?: IToken[];
  positions?: IToken[];
  RBracket?: IToken[];
};

export interface ListCstNode extends CstNode {
  name: "list";
  children: ListCstChildren;
}

export type ListCstChildren = {
  LBracket: IToken[];
  elements?: (ExpressionCstNode)[];
  Comma?: IToken[];
  trailingComma?: IToken[];
  RBracket: IToken[];
};

export interface ArgumentsCstNode extends CstNode {
  name: "arguments";
  children: ArgumentsCstChildren;
}

export type ArgumentsCstChildren = {
  LParen: IToken[];
  elements?: (ExpressionCstNode)[];
  Comma?: IToken[];
  trailingComma?: IToken[];
  RParen: IToken[];
};

export interface HintCstVisitor<IN, OUT> extends ICstVisitor<IN, OUT> {
  spec(children: SpecCstChildren, param?: IN): OUT;
  item(children: ItemCstChildren, param?: IN): OUT;
  expression(children: ExpressionCstChildren, param?: IN): OUT;
  operand(children: OperandCstChildren, param?: IN): OUT;
  primary(children: PrimaryCstChildren, param?: IN): OUT;
  list(children: ListCstChildren, param?: IN): OUT;
  arguments(children: ArgumentsCstChildren, param?: IN): OUT;
}
