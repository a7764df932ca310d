/**
 * Links an APPSYNC_JS ES module for `node:vm` without changing positions: each `import`
 * becomes a `const` lookup of the same length of lines, `export` keywords are blanked, and the
 * export bindings are read after the module body. Line and column numbers in errors stay those
 * of the deployed code (so `code.js:L:C` matches AWS), and nothing between statements changes.
 */
import { parse, type Program } from 'acorn';

export interface LinkedModule {
  /** Script text to run inside `(function (__import, __exports) { ... })`. */
  readonly body: string;
  readonly imports: readonly string[];
}

export class LinkError extends Error {
  constructor(
    message: string,
    readonly line?: number,
    readonly column?: number,
  ) {
    super(message);
    this.name = 'LinkError';
  }
}

function sameLines(original: string, replacement: string): string {
  const lines = original.split('\n').length - 1;
  return replacement + '\n'.repeat(lines);
}

export function linkModule(code: string): LinkedModule {
  let program: Program;
  try {
    program = parse(code, { ecmaVersion: 'latest', sourceType: 'module', locations: true });
  } catch (error) {
    const e = error as { message?: string; loc?: { line: number; column: number } };
    throw new LinkError(e.message ?? 'syntax error', e.loc?.line, e.loc?.column);
  }
  const edits: { start: number; end: number; text: string }[] = [];
  const exportsAfter: string[] = [];
  const imports: string[] = [];

  for (const node of program.body) {
    const original = code.slice(node.start, node.end);
    if (node.type === 'ImportDeclaration') {
      const spec = String(node.source.value);
      imports.push(spec);
      const parts: string[] = [];
      const named: string[] = [];
      for (const s of node.specifiers) {
        if (s.type === 'ImportNamespaceSpecifier') parts.push(`const ${s.local.name} = __import(${JSON.stringify(spec)});`);
        else if (s.type === 'ImportDefaultSpecifier') parts.push(`const ${s.local.name} = __import(${JSON.stringify(spec)}).default;`);
        else {
          const importedName = s.imported.type === 'Identifier' ? s.imported.name : String(s.imported.value);
          named.push(importedName === s.local.name ? importedName : `${JSON.stringify(importedName)}: ${s.local.name}`);
        }
      }
      if (named.length > 0) parts.push(`const { ${named.join(', ')} } = __import(${JSON.stringify(spec)});`);
      if (node.specifiers.length === 0) parts.push(`__import(${JSON.stringify(spec)});`);
      edits.push({ start: node.start, end: node.end, text: sameLines(original, parts.join(' ')) });
    } else if (node.type === 'ExportNamedDeclaration') {
      if (node.source)
        throw new LinkError('re-exports from another module are not supported in APPSYNC_JS', node.loc?.start.line, node.loc?.start.column);
      if (node.declaration) {
        const decl = node.declaration;
        if (decl.type === 'FunctionDeclaration' || decl.type === 'ClassDeclaration')
          exportsAfter.push(`__exports.${decl.id.name} = ${decl.id.name};`);
        else for (const d of decl.declarations) if (d.id.type === 'Identifier') exportsAfter.push(`__exports.${d.id.name} = ${d.id.name};`);
        // Blank the `export` keyword only; the declaration keeps its exact position.
        edits.push({ start: node.start, end: decl.start, text: ' '.repeat(decl.start - node.start) });
      } else {
        for (const s of node.specifiers) {
          const local = s.local.type === 'Identifier' ? s.local.name : String(s.local.value);
          const exported = s.exported.type === 'Identifier' ? s.exported.name : String(s.exported.value);
          exportsAfter.push(`__exports[${JSON.stringify(exported)}] = ${local};`);
        }
        edits.push({ start: node.start, end: node.end, text: sameLines(original, '') });
      }
    } else if (node.type === 'ExportDefaultDeclaration') {
      throw new LinkError(
        'default exports are not used by AppSync: export "request" and "response"',
        node.loc?.start.line,
        node.loc?.start.column,
      );
    } else if (node.type === 'ExportAllDeclaration') {
      throw new LinkError('export * is not supported in APPSYNC_JS', node.loc?.start.line, node.loc?.start.column);
    }
  }
  let body = code;
  for (const e of edits.sort((a, b) => b.start - a.start)) body = body.slice(0, e.start) + e.text + body.slice(e.end);
  return { body: `${body}\n;${exportsAfter.join(' ')}`, imports };
}
