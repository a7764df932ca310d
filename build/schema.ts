/** Loads `schema.graphql` with AppSync's built-ins, the way AppSync sees it. One loader for all. */
import { buildSchema, type GraphQLSchema } from 'graphql';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from './bundle.js';

export const SCHEMA_PATH = join(PROJECT_ROOT, 'schema.graphql');
export const BUILTINS_PATH = join(PROJECT_ROOT, 'appsync-builtins.graphql');

export function readSchemaSource(path: string = SCHEMA_PATH): string {
  return readFileSync(path, 'utf8');
}

export function loadSchema(source: string = readSchemaSource()): GraphQLSchema {
  return buildSchema(`${readFileSync(BUILTINS_PATH, 'utf8')}\n${source}`);
}
