/**
 * Functions longer than a screen: how long each function in a file is,
 * from its first line to its closing brace. scripts/check-function-lengths.ts
 * runs it over the tree.
 */
import ts from 'typescript';

export const MAX_LINES = 80;

export interface LongFunction {
  lines: number;
  /** "file:line". */
  at: string;
  name: string;
}

/** The functions in one file's text longer than `maxLines`. */
export function longFunctions(fileName: string, text: string, maxLines = MAX_LINES): LongFunction[] {
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true);
  const found: LongFunction[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isFunctionLike(node) && 'body' in node && node.body) {
      const first = source.getLineAndCharacterOfPosition(node.getStart()).line;
      const last = source.getLineAndCharacterOfPosition(node.end).line;
      const lines = last - first + 1;
      if (lines > maxLines) found.push({ lines, at: `${fileName}:${first + 1}`, name: nameOf(node) });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

function nameOf(node: ts.SignatureDeclaration): string {
  if (node.name) return node.name.getText();
  const parent = node.parent;
  if (ts.isVariableDeclaration(parent) || ts.isPropertyAssignment(parent)) return parent.name.getText();
  return '(anonymous)';
}
