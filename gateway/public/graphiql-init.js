/* global React, ReactDOM, GraphiQL */
(function () {
  // /graphiql?endpoint=public queries the public contract, which needs no token.
  var publicContract = new URLSearchParams(window.location.search).get('endpoint') === 'public';
  var example = publicContract
    ? [
        '# The public contract: no token needed.',
        '{',
        '  programmes { name caseKpis { peopleTakenInCharge suppressed } }',
        '  vacancies(first: 5) { edges { node { title company { name } } } }',
        '}',
        '',
      ].join('\n')
    : [
        '# Paste a token in the Headers tab below:',
        '#   npm run token -- --role case_manager',
        '# prints one on its last line.',
        '{',
        '  programmes { name }',
        '  people(first: 5) { edges { node { id givenName case { status } } } }',
        '}',
        '',
      ].join('\n');
  var fetcher = GraphiQL.createFetcher({ url: publicContract ? '/public/graphql' : '/graphql' });
  // Each endpoint keeps its own tabs and history: a query of one is often invalid at the other.
  var prefix = 'intreccio-public:';
  var publicStorage = {
    getItem: function (key) { return localStorage.getItem(prefix + key); },
    setItem: function (key, value) { localStorage.setItem(prefix + key, value); },
    removeItem: function (key) { localStorage.removeItem(prefix + key); },
    get length() { return Object.keys(localStorage).filter(function (k) { return k.indexOf(prefix) === 0; }).length; },
    clear: function () {
      Object.keys(localStorage).filter(function (k) { return k.indexOf(prefix) === 0; }).forEach(function (k) { localStorage.removeItem(k); });
    },
  };
  ReactDOM.createRoot(document.getElementById('graphiql')).render(
    React.createElement(GraphiQL, {
      fetcher: fetcher,
      storage: publicContract ? publicStorage : undefined,
      defaultQuery: example,
      defaultHeaders: publicContract ? '' : JSON.stringify({ Authorization: 'Bearer <token>' }, null, 2),
      headerEditorEnabled: true,
      shouldPersistHeaders: false,
      defaultEditorToolsVisibility: publicContract ? false : 'headers',
    }),
  );
})();
