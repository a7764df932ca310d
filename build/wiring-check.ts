/**
 * Checks the wiring against the schema and the resolver files, so nothing is wired twice or
 * half-wired: a file without a field or a data source, or a wired field without a file, fails
 * the build with a message that says what to do.
 */
import { isObjectType, type GraphQLSchema } from 'graphql';
import { discoverSharedFunctions, type DiscoveredResolver, type DiscoveredSharedFunction } from './bundle.js';
import type { Wiring } from './wiring.js';

export class WiringError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`wiring is inconsistent:\n  - ${problems.join('\n  - ')}`);
    this.name = 'WiringError';
  }
}

/**
 * `sharedFunctions` defaults to the files under `resolvers/functions/`: each must be run by some
 * pipeline, every shared step must have its file, and one shared function has one data source.
 */
export function checkWiring(
  wiring: Wiring,
  schema: GraphQLSchema,
  files: readonly DiscoveredResolver[],
  sharedFunctions: readonly DiscoveredSharedFunction[] = discoverSharedFunctions(),
): void {
  const problems: string[] = [];
  const sharedDataSource = new Map<string, string>();
  const byField = new Map(files.map((f) => [f.field, f]));

  const fieldExists = (field: string): boolean => {
    const [typeName, fieldName] = field.split('.');
    const type = schema.getType(typeName ?? '');
    return isObjectType(type) && fieldName !== undefined && fieldName in type.getFields();
  };
  const knownDataSource = (name: string, where: string): void => {
    if (!(name in wiring.dataSources)) problems.push(`${where} uses data source "${name}", which wiring.dataSources does not declare`);
  };

  for (const [name, ds] of Object.entries(wiring.dataSources)) {
    if (ds.kind === 'AMAZON_DYNAMODB' && !wiring.tables.some((t) => t.name === ds.table))
      problems.push(`data source "${name}" names unknown table "${ds.table}"`);
    if (ds.kind === 'AWS_LAMBDA' && !(ds.function in wiring.functions))
      problems.push(`data source "${name}" names unknown function "${ds.function}"`);
  }

  for (const file of files) {
    if (!fieldExists(file.field)) problems.push(`resolvers/${file.field} has no field ${file.field} in schema.graphql`);
    const spec = wiring.resolvers[file.field];
    if (!spec) {
      problems.push(`resolvers/${file.field} is not wired: add "${file.field}" to wiring.resolvers with its data source`);
      continue;
    }
    if (spec.kind !== file.kind) problems.push(`${file.field} is wired as ${spec.kind} but its file is a ${file.kind} resolver`);
    if (spec.kind === 'unit') knownDataSource(spec.dataSource, file.field);
    if (spec.kind === 'pipeline' && file.kind === 'pipeline') {
      const onDisk = file.steps.map((s) => s.file);
      const wired = spec.functions.filter((f) => !f.shared).map((f) => f.file);
      if (onDisk.join(',') !== wired.join(','))
        problems.push(`${file.field} pipeline steps on disk [${onDisk.join(', ')}] differ from wiring [${wired.join(', ')}]`);
      for (const f of spec.functions) knownDataSource(f.dataSource, `${file.field}/${f.file}`);
      for (const f of spec.functions.filter((g) => g.shared)) {
        if (!sharedFunctions.some((s) => s.name === f.file))
          problems.push(`${file.field} runs shared function "${f.file}", which has no file: create resolvers/functions/${f.file}.ts`);
        const seen = sharedDataSource.get(f.file);
        if (seen !== undefined && seen !== f.dataSource)
          problems.push(
            `shared function "${f.file}" is wired with data sources "${seen}" and "${f.dataSource}"; one AppSync function has one data source`,
          );
        sharedDataSource.set(f.file, f.dataSource);
      }
    }
  }
  for (const field of Object.keys(wiring.resolvers)) {
    if (!byField.has(field))
      problems.push(`wiring.resolvers["${field}"] has no file: create resolvers/${field}.ts (or a ${field}/ pipeline folder)`);
    if (!fieldExists(field)) problems.push(`wiring.resolvers["${field}"] names no field of schema.graphql`);
  }
  for (const fn of sharedFunctions) {
    const used = Object.values(wiring.resolvers).some(
      (r) => r.kind === 'pipeline' && r.functions.some((f) => f.shared && f.file === fn.name),
    );
    if (!used)
      problems.push(
        `resolvers/functions/${fn.name}.ts is run by no pipeline: name it with shared('${fn.name}') in wiring.resolvers, or delete it`,
      );
  }
  // Root fields must have a resolver: AppSync would resolve them to null silently.
  for (const root of [schema.getQueryType(), schema.getMutationType()]) {
    if (!root) continue;
    for (const name of Object.keys(root.getFields())) {
      const field = `${root.name}.${name}`;
      if (!wiring.resolvers[field]) problems.push(`${field} has no resolver in the wiring`);
    }
  }
  for (const [name, fn] of Object.entries(wiring.functions)) {
    if (fn.trigger.kind === 'dynamodbStream' && !wiring.tables.some((t) => t.name === (fn.trigger as { table: string }).table))
      problems.push(`function "${name}" streams from an unknown table`);
  }
  if (problems.length > 0) throw new WiringError(problems);
}
