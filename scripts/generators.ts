/** The list of generators `npm run gen` runs. Each returns files (repo-relative path, full text). */
import { generateGrammarArtefacts } from "./gen-grammar.ts";
import { generateIrTypes } from "./gen-ir-types.ts";
import { generateLanguageReference } from "./gen-language-reference.ts";
import { generateOnigClasses } from "./gen-onig-classes.ts";
import { generateRewardShims } from "./gen-reward-shims.ts";

export interface GeneratedFile {
  path: string;
  text: string;
}

export type Generator = (root: string) => Promise<GeneratedFile[]>;

export const generators: Generator[] = [generateIrTypes, generateGrammarArtefacts, generateLanguageReference, generateRewardShims, generateOnigClasses];
