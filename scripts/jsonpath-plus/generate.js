// Evaluates every case of tests/fixtures/jsonpath-plus/cases.json with the
// pinned jsonpath-plus and writes what it selects to expected.json (or to
// the file given as the first argument): for each case the selected nodes
// as JSON pointers, whether the match is a property name (`~`), and the
// value, or the error jsonpath-plus throws.
'use strict';

const fs = require('fs');
const path = require('path');
const { JSONPath } = require('jsonpath-plus');

const fixtures = path.join(__dirname, '..', '..', 'tests', 'fixtures', 'jsonpath-plus');
const out = process.argv[2] || path.join(fixtures, 'expected.json');
const { documents, cases } = JSON.parse(fs.readFileSync(path.join(fixtures, 'cases.json'), 'utf8'));
const version = require('jsonpath-plus/package.json').version;

const results = cases.map(({ document, path: expr }) => {
  const json = documents[document];
  let selected;
  try {
    // The returned list, not the callback: the callback also reports the
    // inner matches of nested filters (`[?(@.a[?(…)])]`) as results.
    selected = JSONPath({ json, path: expr, resultType: 'all' }).map((r) => ({
      pointer: r.pointer,
      // A property name (`~`) is the only result without a parent
      // property besides the root.
      key: r.parentProperty === null && r.pointer !== '',
      value: r.value,
    }));
  } catch (error) {
    return { document, path: expr, error: String(error.message).split('\n')[0] };
  }
  return { document, path: expr, selected };
});

// One case per line keeps the diffs of a version bump readable.
const lines = results.map((r) => '  ' + JSON.stringify(r));
fs.writeFileSync(out, `{"jsonpath_plus": ${JSON.stringify(version)}, "results": [\n${lines.join(',\n')}\n]}\n`);
