import { GraphQLError, type ValidationRule } from 'graphql';

/**
 * Refuses, as a validation error, an operation whose type the schema does not have: a mutation sent
 * to the public contract, which only reads. graphql-js 16 leaves this to execution, where the gateway
 * would fail it as an internal error.
 */
export const knownOperationTypes: ValidationRule = (context) => ({
  OperationDefinition(node) {
    if (context.getSchema().getRootType(node.operation)) return;
    context.reportError(new GraphQLError(`This schema has no ${node.operation} operations: it only reads`, { nodes: node }));
  },
});
