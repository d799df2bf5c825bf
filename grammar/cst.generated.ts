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
  fieldValue?: FieldValueCstNode[];
  blockBody?: BlockBodyCstNode[];
};

export interface FieldValueCstNode extends CstNode {
  name: "fieldValue";
  children: FieldValueCstChildren;
}

export type FieldValueCstChildren = {
  Colon: IToken[];
  value: ExpressionCstNode[];
};

export interface BlockBodyCstNode extends CstNode {
  name: "blockBody";
  children: BlockBodyCstChildren;
}

export type BlockBodyCstChildren = {
  label?: (IToken)[];
  LCurly: IToken[];
  item?: ItemCstNode[];
  RCurly: IToken[];
};

export interface ExpressionCstNode extends CstNode {
  name: "expression";
  children: ExpressionCstChildren;
}

export type ExpressionCstChildren = {
  operands: (AndExpressionCstNode)[];
  Or?: IToken[];
};

export interface AndExpressionCstNode extends CstNode {
  name: "andExpression";
  children: AndExpressionCstChildren;
}

export type AndExpressionCstChildren = {
  operands: (NotExpressionCstNode)[];
  And?: IToken[];
};

export interface NotExpressionCstNode extends CstNode {
  name: "notExpression";
  children: NotExpressionCstChildren;
}

export type NotExpressionCstChildren = {
  Not?: IToken[];
  comparison: ComparisonCstNode[];
};

export interface ComparisonCstNode extends CstNode {
  name: "comparison";
  children: ComparisonCstChildren;
}

export type ComparisonCstChildren = {
  left: PrimaryCstNode[];
  operator?: (IToken)[];
  right?: PrimaryCstNode[];
};

export interface PrimaryCstNode extends CstNode {
  name: "primary";
  children: PrimaryCstChildren;
}

export type PrimaryCstChildren = {
  AnyString?: IToken[];
  numberOrRange?: NumberOrRangeCstNode[];
  Fraction?: IToken[];
  Percent?: IToken[];
  Duration?: IToken[];
  True?: IToken[];
  False?: IToken[];
  Null?: IToken[];
  list?: ListCstNode[];
  parenthesized?: ParenthesizedCstNode[];
  reference?: ReferenceCstNode[];
};

export interface NumberOrRangeCstNode extends CstNode {
  name: "numberOrRange";
  children: NumberOrRangeCstChildren;
}

export type NumberOrRangeCstChildren = {
  from: IToken[];
  DotDot?: IToken[];
  to?: IToken[];
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

export interface ParenthesizedCstNode extends CstNode {
  name: "parenthesized";
  children: ParenthesizedCstChildren;
}

export type ParenthesizedCstChildren = {
  LParen: IToken[];
  expression: ExpressionCstNode[];
  RParen: IToken[];
};

export interface ReferenceCstNode extends CstNode {
  name: "reference";
  children: ReferenceCstChildren;
}

export type ReferenceCstChildren = {
  head: IToken[];
  arguments?: ArgumentsCstNode[];
  segments?: (MemberCstNode | IndexCstNode)[];
};

export interface ArgumentsCstNode extends CstNode {
  name: "arguments";
  children: ArgumentsCstChildren;
}

export type ArgumentsCstChildren = {
  LParen: IToken[];
  values?: (ExpressionCstNode)[];
  Comma?: IToken[];
  trailingComma?: IToken[];
  RParen: IToken[];
};

export interface MemberCstNode extends CstNode {
  name: "member";
  children: MemberCstChildren;
}

export type MemberCstChildren = {
  Dot: IToken[];
  key: IToken[];
};

export interface IndexCstNode extends CstNode {
  name: "index";
  children: IndexCstChildren;
}

export type IndexCstChildren = {
  LBracket: IToken[];
  position: IToken[];
  RBracket: IToken[];
};

export interface HintCstVisitor<IN, OUT> extends ICstVisitor<IN, OUT> {
  spec(children: SpecCstChildren, param?: IN): OUT;
  item(children: ItemCstChildren, param?: IN): OUT;
  fieldValue(children: FieldValueCstChildren, param?: IN): OUT;
  blockBody(children: BlockBodyCstChildren, param?: IN): OUT;
  expression(children: ExpressionCstChildren, param?: IN): OUT;
  andExpression(children: AndExpressionCstChildren, param?: IN): OUT;
  notExpression(children: NotExpressionCstChildren, param?: IN): OUT;
  comparison(children: ComparisonCstChildren, param?: IN): OUT;
  primary(children: PrimaryCstChildren, param?: IN): OUT;
  numberOrRange(children: NumberOrRangeCstChildren, param?: IN): OUT;
  list(children: ListCstChildren, param?: IN): OUT;
  parenthesized(children: ParenthesizedCstChildren, param?: IN): OUT;
  reference(children: ReferenceCstChildren, param?: IN): OUT;
  arguments(children: ArgumentsCstChildren, param?: IN): OUT;
  member(children: MemberCstChildren, param?: IN): OUT;
  index(children: IndexCstChildren, param?: IN): OUT;
}
