/**
 * A validation rule that bounds what one operation may ask for before anything runs: the number
 * of fields once fragments are expanded, and the number of introspection roots. AppSync's own
 * limits (depth, resolver count) do not see introspection fields, and one request aliasing
 * `__schema` a thousand times would otherwise make this server build hundreds of megabytes.
 */
import { GraphQLError, Kind, type ASTVisitor, type FragmentDefinitionNode, type SelectionSetNode, type ValidationContext } from 'graphql';

export interface OperationSizeLimits {
  /** Fields per operation after fragment expansion. */
  readonly maxFields: number;
  /** `__schema`/`__type` fields per operation (an introspection client needs one or two). */
  readonly maxIntrospectionFields: number;
}

export const DEFAULT_OPERATION_SIZE: OperationSizeLimits = { maxFields: 10_000, maxIntrospectionFields: 2 };

interface Count {
  fields: number;
  introspection: number;
}

export function operationSizeRule(limits: OperationSizeLimits = DEFAULT_OPERATION_SIZE) {
  return (context: ValidationContext): ASTVisitor => {
    const fragments = new Map<string, FragmentDefinitionNode>();
    for (const def of context.getDocument().definitions) if (def.kind === Kind.FRAGMENT_DEFINITION) fragments.set(def.name.value, def);
    const memo = new Map<string, Count>();

    // Iterative over the selection tree, memoised per fragment: the count itself stays cheap.
    function count(set: SelectionSetNode, visiting: Set<string>): Count {
      const total: Count = { fields: 0, introspection: 0 };
      for (const selection of set.selections) {
        if (selection.kind === Kind.FIELD) {
          total.fields += 1;
          if (selection.name.value === '__schema' || selection.name.value === '__type') total.introspection += 1;
          if (selection.selectionSet) add(total, count(selection.selectionSet, visiting));
        } else if (selection.kind === Kind.INLINE_FRAGMENT) {
          add(total, count(selection.selectionSet, visiting));
        } else {
          const name = selection.name.value;
          const fragment = fragments.get(name);
          if (!fragment || visiting.has(name)) continue; // unknown or cyclic: other rules report it
          let sub = memo.get(name);
          if (!sub) {
            visiting.add(name);
            sub = count(fragment.selectionSet, visiting);
            visiting.delete(name);
            memo.set(name, sub);
          }
          add(total, sub);
        }
        if (total.fields > limits.maxFields) return total;
      }
      return total;
    }

    return {
      OperationDefinition(node) {
        const total = count(node.selectionSet, new Set());
        if (total.fields > limits.maxFields) {
          context.reportError(new GraphQLError(`The operation selects more than ${limits.maxFields} fields.`, { nodes: [node] }));
        } else if (total.introspection > limits.maxIntrospectionFields) {
          context.reportError(
            new GraphQLError(`The operation asks for introspection more than ${limits.maxIntrospectionFields} times.`, { nodes: [node] }),
          );
        }
      },
    };
  };
}

function add(into: Count, from: Count): void {
  into.fields += from.fields;
  into.introspection += from.introspection;
}
