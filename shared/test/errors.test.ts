import { GraphQLError } from 'graphql';
import { maskError } from '../src/errors';

function masked(error: GraphQLError): { result: ReturnType<typeof maskError>; logged: unknown[] } {
  const logged: unknown[] = [];
  const result = maskError(error.toJSON(), error, 'c0ffee00-0000-4000-8000-000000000000', (err) => logged.push(err));
  return { result, logged };
}

describe('masking errors at the gateway', () => {
  it('says which partner did not answer, and nothing of where it runs', () => {
    const cause = new Error('request to http://10.1.2.3:4003/graphql failed, reason: connect ECONNREFUSED');
    const { result, logged } = masked(new GraphQLError('The training service did not answer', {
      extensions: { code: 'SERVICE_UNAVAILABLE', serviceName: 'training', detail: 'ECONNREFUSED 10.1.2.3' },
      originalError: cause,
    }));
    expect(result).toEqual({
      message: 'The training service did not answer (correlation id c0ffee00-0000-4000-8000-000000000000)',
      extensions: { code: 'SERVICE_UNAVAILABLE', serviceName: 'training', correlationId: 'c0ffee00-0000-4000-8000-000000000000' },
    });
    expect(logged).toEqual([cause]);
  });

  it('keeps the partner’s name on an internal error, and only a name that looks like one', () => {
    const named = masked(new GraphQLError('relation "course" does not exist', { extensions: { code: 'INTERNAL_SERVER_ERROR', serviceName: 'employment-centre' } }));
    expect(named.result.message).toBe('Internal error (correlation id c0ffee00-0000-4000-8000-000000000000)');
    expect(named.result.extensions).toEqual({ code: 'INTERNAL_SERVER_ERROR', serviceName: 'employment-centre', correlationId: 'c0ffee00-0000-4000-8000-000000000000' });
    const odd = masked(new GraphQLError('boom', { extensions: { code: 'SERVICE_UNAVAILABLE', serviceName: 'http://10.1.2.3:4003' } }));
    expect(odd.result.extensions).toEqual({ code: 'INTERNAL_SERVER_ERROR', correlationId: 'c0ffee00-0000-4000-8000-000000000000' });
  });

  it('still masks errors that name no partner', () => {
    const { result } = masked(new GraphQLError('secret detail'));
    expect(result).toEqual({ message: 'Internal error (correlation id c0ffee00-0000-4000-8000-000000000000)', extensions: { code: 'INTERNAL_SERVER_ERROR', correlationId: 'c0ffee00-0000-4000-8000-000000000000' } });
  });
});
