/* global React, ReactDOM, GraphiQL */
(function () {
  var example = [
    '# Paste a token in the Headers tab below:',
    '#   npm run token -- --role case_manager',
    '# prints one on its last line.',
    '{',
    '  programmes { name }',
    '  people(first: 5) { edges { node { id givenName case { status } } } }',
    '}',
    '',
  ].join('\n');
  var fetcher = GraphiQL.createFetcher({ url: '/graphql' });
  ReactDOM.createRoot(document.getElementById('graphiql')).render(
    React.createElement(GraphiQL, {
      fetcher: fetcher,
      defaultQuery: example,
      defaultHeaders: JSON.stringify({ Authorization: 'Bearer <token>' }, null, 2),
      headerEditorEnabled: true,
      shouldPersistHeaders: false,
      defaultEditorToolsVisibility: 'headers',
    }),
  );
})();
