import type { ApolloServerPlugin } from '@apollo/server';
import { Kind, visit, type OperationDefinitionNode } from 'graphql';
import { ErrorCode } from './errors';

const INVALID_VALUE = /^Variable "\$(\w+)" got invalid value .*? at "([^"]+)"/s;
const WHOLE_VARIABLE = /^Variable "\$(\w+)" (?:got invalid value|of required type|of non-null type)/s;
const MISSING_FIELD = /Field "(\w+)" of required type/;

/** The argument a variable is passed to, so an error can name `input.startDate` rather than `$i.startDate`. */
function argumentOf(operation: OperationDefinitionNode | undefined, variable: string): string | undefined {
  let found: string | undefined;
  if (!operation) return undefined;
  visit(operation, {
    Argument(node) {
      if (!found && node.value.kind === Kind.VARIABLE && node.value.name.value === variable) found = node.name.value;
    },
  });
  return found;
}

/**
 * Values that fail GraphQL's own coercion of variables (a date that does not exist, a missing required
 * field) are reported like every other input error: code BAD_USER_INPUT and the field at fault.
 */
export function variableErrorFields(): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didEncounterErrors({ errors, operation }) {
          for (const error of errors) {
            const invalid = INVALID_VALUE.exec(error.message);
            const whole = invalid ? undefined : WHOLE_VARIABLE.exec(error.message);
            const variable = invalid?.[1] ?? whole?.[1];
            if (!variable) continue;
            let path = invalid?.[2] ?? variable;
            const missing = MISSING_FIELD.exec(error.message);
            if (path === variable && missing) path = `${variable}.${missing[1]}`;
            const argument = argumentOf(operation ?? undefined, variable);
            const field = argument ? `${argument}${path.slice(variable.length)}` : `$${path}`;
            const extensions = error.extensions as Record<string, unknown>;
            extensions.code = ErrorCode.BAD_USER_INPUT;
            extensions.field = field;
          }
        },
      };
    },
  };
}
