/**
 * The AppSync API: `schema.graphql` as is, four auth modes, logging, X-Ray, operation limits, and
 * every data source, resolver and pipeline function the wiring names (a shared one once), each with
 * the exact bytes `buildResolvers()` produced (the same bytes the local runtime evaluates).
 */
import { Duration, Expiration } from 'aws-cdk-lib';
import * as appsync from 'aws-cdk-lib/aws-appsync';
import type * as cognito from 'aws-cdk-lib/aws-cognito';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { isObjectType, type GraphQLSchema } from 'graphql';
import type { BuiltResolver } from '../../build/bundle.js';
import type { DataSourceSpec, Wiring } from '../../build/wiring.js';
import { resolveEnvironment, resourceName } from '../../build/wiring.js';
import { API_LIMITS, STOREFRONT_KEY, type StageConfig } from '../stacks/stage.js';
import { CatalogCache } from './catalog-cache.js';

export interface AuthorizerSpec {
  readonly fn: lambda.IFunction;
  readonly resultTtlSeconds: number;
  readonly identityValidationExpression: string;
}

export interface GraphqlApiProps {
  readonly config: StageConfig;
  readonly wiring: Wiring;
  readonly schemaPath: string;
  readonly bundles: ReadonlyMap<string, BuiltResolver>;
  readonly userPool: cognito.IUserPool;
  readonly authorizer?: AuthorizerSpec;
  readonly tableFor: (name: string) => import('aws-cdk-lib/aws-dynamodb').ITable;
  readonly functionFor: (name: string) => lambda.IFunction;
}

export class StockroomApi extends Construct {
  readonly api: appsync.GraphqlApi;
  readonly logGroup: logs.LogGroup;
  readonly logRole: iam.Role;
  readonly dataSources = new Map<string, appsync.BaseDataSource>();
  readonly resolvers = new Map<string, appsync.Resolver>();
  /** Keyed `<Type.field>/<step>`; a shared function appears under every pipeline that runs it. */
  readonly pipelineFunctions = new Map<string, appsync.AppsyncFunction>();

  constructor(scope: Construct, id: string, props: GraphqlApiProps) {
    super(scope, id);
    const { config, wiring } = props;

    const additional: appsync.AuthorizationMode[] = [
      { authorizationType: appsync.AuthorizationType.USER_POOL, userPoolConfig: { userPool: props.userPool } },
      { authorizationType: appsync.AuthorizationType.IAM },
    ];
    if (props.authorizer) {
      additional.splice(1, 0, {
        authorizationType: appsync.AuthorizationType.LAMBDA,
        lambdaAuthorizerConfig: {
          handler: props.authorizer.fn,
          resultsCacheTtl: Duration.seconds(props.authorizer.resultTtlSeconds),
          validationRegex: props.authorizer.identityValidationExpression,
        },
      });
    }

    // Own logging role, scoped below to this API's log group (not AWSAppSyncPushToCloudWatchLogs).
    this.logRole = new iam.Role(this, 'LogRole', {
      assumedBy: new iam.ServicePrincipal('appsync.amazonaws.com'),
      description: `AppSync ${resourceName(config.stage, 'api')} writes its logs`,
    });

    this.api = new appsync.GraphqlApi(this, 'Api', {
      name: resourceName(config.stage, 'api'),
      definition: appsync.Definition.fromFile(props.schemaPath),
      authorizationConfig: {
        defaultAuthorization: {
          authorizationType: appsync.AuthorizationType.API_KEY,
          apiKeyConfig: {
            // The name becomes the key's construct id: bumping the generation rotates the key.
            name: `Storefront${STOREFRONT_KEY.generation}`,
            description: `Public storefront key (read-only fields), generation ${STOREFRONT_KEY.generation}`,
            expires: Expiration.atDate(new Date(STOREFRONT_KEY.expires)),
          },
        },
        additionalAuthorizationModes: additional,
      },
      xrayEnabled: true,
      introspectionConfig: config.introspection ? appsync.IntrospectionConfig.ENABLED : appsync.IntrospectionConfig.DISABLED,
      queryDepthLimit: API_LIMITS.queryDepthLimit,
      resolverCountLimit: API_LIMITS.resolverCountLimit,
      environmentVariables: resolveEnvironment(config.stage),
    });

    // Logging through the L1 property: the L2 `logConfig` always adds a LogRetention
    // custom-resource Lambda. The log group is declared here with its retention instead.
    (this.api.node.defaultChild as appsync.CfnGraphQLApi).logConfig = {
      fieldLogLevel: appsync.FieldLogLevel.ERROR,
      // Request/response bodies can carry partner keys and customer data: keep them out of logs.
      excludeVerboseContent: true,
      cloudWatchLogsRoleArn: this.logRole.roleArn,
    };
    this.logGroup = new logs.LogGroup(this, 'Logs', {
      logGroupName: `/aws/appsync/apis/${this.api.apiId}`,
      retention: config.logRetention,
      removalPolicy: config.removalPolicy,
    });
    this.logGroup.grant(this.logRole, 'logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:PutLogEvents');

    for (const [name, spec] of Object.entries(wiring.dataSources).sort(([a], [b]) => a.localeCompare(b))) {
      this.dataSources.set(name, this.addDataSource(name, spec, props));
    }

    const resolverScope = new Construct(this, 'Resolvers');
    const functionScope = new Construct(this, 'Functions');
    // Shared pipeline functions (resolvers/functions/, see build/wiring.ts): one AppSync function
    // each, created by the first pipeline that runs it and referenced by the others.
    const sharedScope = new Construct(this, 'SharedFunctions');
    const sharedFunctions = new Map<string, appsync.AppsyncFunction>();
    for (const [field, spec] of Object.entries(wiring.resolvers).sort(([a], [b]) => a.localeCompare(b))) {
      const built = props.bundles.get(field);
      if (!built) throw new Error(`no bundle for wired resolver ${field}: run buildResolvers() over resolvers/`);
      const [typeName, fieldName] = splitField(field);
      const code = appsync.Code.fromInline(built.bundle.code);
      // Construct ids derive from Type.field only: moving a resolver between data sources keeps its id.
      if (spec.kind === 'unit') {
        this.resolvers.set(
          field,
          new appsync.Resolver(resolverScope, field, {
            api: this.api,
            typeName,
            fieldName,
            dataSource: this.dataSource(spec.dataSource),
            code,
            runtime: appsync.FunctionRuntime.JS_1_0_0,
          }),
        );
        continue;
      }
      const steps = spec.functions.map((step) => {
        const stepBundle = built.steps.find((s) => s.file === step.file && !s.shared === !step.shared);
        if (!stepBundle) throw new Error(`no bundle for pipeline step ${field}/${step.file}`);
        const existing = step.shared ? sharedFunctions.get(step.file) : undefined;
        const fn =
          existing ??
          new appsync.AppsyncFunction(step.shared ? sharedScope : functionScope, step.shared ? step.file : `${field}.${step.file}`, {
            api: this.api,
            name: (step.shared ? `shared_${step.file}` : `${typeName}_${fieldName}_${step.file}`).replace(/[^_0-9A-Za-z]/g, '_'),
            dataSource: this.dataSource(step.dataSource),
            code: appsync.Code.fromInline(stepBundle.bundle.code),
            runtime: appsync.FunctionRuntime.JS_1_0_0,
          });
        if (step.shared) sharedFunctions.set(step.file, fn);
        this.pipelineFunctions.set(`${field}/${step.file}`, fn);
        return fn;
      });
      this.resolvers.set(
        field,
        new appsync.Resolver(resolverScope, field, {
          api: this.api,
          typeName,
          fieldName,
          pipelineConfig: steps,
          code,
          runtime: appsync.FunctionRuntime.JS_1_0_0,
        }),
      );
    }
    // catalog (docs/catalog.md): per-resolver caching of the public product reads.
    new CatalogCache(this, 'CatalogCache', { api: this.api, resolvers: this.resolvers, config });
  }

  private dataSource(name: string): appsync.BaseDataSource {
    const ds = this.dataSources.get(name);
    if (!ds) throw new Error(`wiring names unknown data source "${name}"`);
    return ds;
  }

  private addDataSource(name: string, spec: DataSourceSpec, props: GraphqlApiProps): appsync.BaseDataSource {
    const dsName = name.replace(/[^_0-9A-Za-z]/g, '_');
    const id = `DataSource.${name}`;
    switch (spec.kind) {
      // The L2 data sources grant their service role access to this table / function only.
      case 'AMAZON_DYNAMODB':
        return this.api.addDynamoDbDataSource(id, props.tableFor(spec.table), { name: dsName });
      case 'AWS_LAMBDA':
        return this.api.addLambdaDataSource(id, props.functionFor(spec.function), { name: dsName });
      case 'NONE':
        return this.api.addNoneDataSource(id, { name: dsName });
      default: {
        const never: never = spec;
        throw new Error(`infra does not know the data source ${JSON.stringify(never)}`);
      }
    }
  }
}

function splitField(field: string): [string, string] {
  const [typeName, fieldName] = field.split('.');
  if (!typeName || !fieldName) throw new Error(`resolver key "${field}" is not <Type>.<field>`);
  return [typeName, fieldName];
}

/**
 * Mutation fields open to IAM callers (`@aws_iam` on the field or on `Mutation`): what a
 * `graphqlIam` grant allows a function to call (the internal publish mutations), by type name.
 */
export function iamFieldsOf(schema: GraphQLSchema): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const root of [schema.getMutationType()]) {
    if (!root || !isObjectType(root)) continue;
    const typeIam = root.astNode?.directives?.some((d) => d.name.value === 'aws_iam') ?? false;
    const fields = Object.values(root.getFields())
      .filter((f) => typeIam || (f.astNode?.directives?.some((d) => d.name.value === 'aws_iam') ?? false))
      .map((f) => f.name)
      .sort();
    if (fields.length > 0) out.set(root.name, fields);
  }
  return out;
}
