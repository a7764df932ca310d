/**
 * AppSync's authorization directives, read from the schema (AWS AppSync Developer Guide, "Configuring authorization and authentication to secure your GraphQL APIs"):
 * 1. a field without auth directives falls back to its type's; with none on either, only the
 *    API's default mode is allowed;
 * 2. field directives replace type directives (no merging);
 * 3. once any directive is present, the default mode is not implicitly allowed;
 * 4. every resolved field is checked, nested types included;
 * 5. `cognito_groups` requires one of the listed groups in `cognito:groups`;
 * 6. `@aws_auth` only applies when Cognito is the default mode (not the case here: ignored).
 */
import { isObjectType, type ConstDirectiveNode, type GraphQLField, type GraphQLObjectType, type GraphQLSchema } from 'graphql';

export type AuthMode = 'API_KEY' | 'AMAZON_COGNITO_USER_POOLS' | 'AWS_LAMBDA' | 'AWS_IAM' | 'OPENID_CONNECT';

export interface AuthRule {
  /** Modes allowed on the field. */
  readonly modes: ReadonlySet<AuthMode>;
  /** Cognito groups required (any of them); null means any signed-in user of the pool. */
  readonly cognitoGroups: readonly string[] | null;
}

/** What the field check needs to know of the caller. */
export interface FieldCaller {
  readonly mode: AuthMode;
  readonly groups: readonly string[];
  /** `Type.field` names the Lambda authorizer denied. */
  readonly deniedFields: ReadonlySet<string>;
}

const DIRECTIVE_MODES: Record<string, AuthMode> = {
  aws_api_key: 'API_KEY',
  aws_iam: 'AWS_IAM',
  aws_oidc: 'OPENID_CONNECT',
  aws_lambda: 'AWS_LAMBDA',
  aws_cognito_user_pools: 'AMAZON_COGNITO_USER_POOLS',
};

function authDirectives(nodes: readonly ConstDirectiveNode[] | undefined): ConstDirectiveNode[] {
  return (nodes ?? []).filter((d) => d.name.value in DIRECTIVE_MODES);
}

function ruleOf(directives: ConstDirectiveNode[]): AuthRule {
  const modes = new Set<AuthMode>();
  let groups: string[] | null = null;
  for (const d of directives) {
    modes.add(DIRECTIVE_MODES[d.name.value]!);
    if (d.name.value === 'aws_cognito_user_pools') {
      const arg = d.arguments?.find((a) => a.name.value === 'cognito_groups');
      if (arg && arg.value.kind === 'ListValue') {
        groups = [...(groups ?? []), ...arg.value.values.flatMap((v) => (v.kind === 'StringValue' ? [v.value] : []))];
      }
    }
  }
  return { modes, cognitoGroups: groups };
}

/** The effective rule of one field, per rules 1–3. */
export function fieldRule(type: GraphQLObjectType, field: GraphQLField<unknown, unknown>, defaultMode: AuthMode): AuthRule {
  const onField = authDirectives(field.astNode?.directives);
  if (onField.length > 0) return ruleOf(onField);
  const onType = authDirectives([...(type.astNode?.directives ?? []), ...type.extensionASTNodes.flatMap((n) => n.directives ?? [])]);
  if (onType.length > 0) return ruleOf(onType);
  return { modes: new Set([defaultMode]), cognitoGroups: null };
}

/** Every object field's rule, keyed `Type.field` (introspection types excluded). */
export function authRules(schema: GraphQLSchema, defaultMode: AuthMode): Map<string, AuthRule> {
  const rules = new Map<string, AuthRule>();
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) rules.set(`${type.name}.${field.name}`, fieldRule(type, field, defaultMode));
  }
  return rules;
}

export function isAllowed(rule: AuthRule | undefined, caller: FieldCaller, fieldKey: string): boolean {
  if (!rule || !rule.modes.has(caller.mode)) return false;
  if (caller.mode === 'AMAZON_COGNITO_USER_POOLS' && rule.cognitoGroups !== null) {
    if (!rule.cognitoGroups.some((g) => caller.groups.includes(g))) return false;
  }
  if (caller.mode === 'AWS_LAMBDA' && caller.deniedFields.has(fieldKey)) return false;
  return true;
}
