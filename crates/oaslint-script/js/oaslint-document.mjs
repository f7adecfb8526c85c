// The documents of one lint as custom functions see them, built once per
// lint (and engine instance) rather than copied into every call:
// `data` are the documents as parsed (`$ref`s kept), `resolved` the same
// documents with every `$ref` that resolves replaced by its target — the
// same object wherever it is used — except the `$ref`s on a cycle, which
// stay as they are (as in Spectral's resolved document, which has no
// cycles). A function's target is found in these by its place (document
// and path), so a large value is never copied or cut.
//
// `resolved` shares with `data` every subtree that holds no `$ref`: only
// the objects on the way to a `$ref` are copied.

const isContainer = (v) => typeof v === "object" && v !== null;

// Sets a member without invoking a setter (`__proto__` is a key like any
// other in a JSON document).
const setMember = (container, key, value) => {
  if (Array.isArray(container)) container[key] = value;
  else Object.defineProperty(container, key, { value, writable: true, enumerable: true, configurable: true });
};

/** The node at `path` below `root` (own members only), or `undefined`. */
export function nodeAt(root, path) {
  let node = root;
  for (const segment of path) {
    if (!isContainer(node) || !Object.hasOwn(node, segment)) return undefined;
    node = node[segment];
  }
  return node;
}

/**
 * The resolved documents: `data` (an array of roots, the linted document
 * first) with each `$ref` in `refs` replaced by its target. `refs` are
 * `[doc, path, targetDoc, targetPath, circular]`, one hop each: a target
 * that is itself a `$ref` is followed; a circular `$ref` is left as it is.
 */
export function resolveDocuments(data, allRefs) {
  const refs = allRefs.filter((ref) => !ref[4]);
  const key = (doc, path) => JSON.stringify([doc, path]);
  const hops = new Map(refs.map(([doc, path, targetDoc, targetPath]) => [key(doc, path), [targetDoc, targetPath]]));
  const finalTarget = (first) => {
    const seen = new Set();
    let target = first;
    for (;;) {
      const k = key(target[0], target[1]);
      const next = hops.get(k);
      if (next === undefined) return target;
      if (seen.has(k)) return undefined;
      seen.add(k);
      target = next;
    }
  };
  // Copy the containers on the way to each `$ref`, so that `data` keeps its
  // `$ref`s.
  const roots = data.slice();
  const copies = new WeakSet();
  const writable = (v) => {
    if (copies.has(v)) return v;
    const copy = Array.isArray(v) ? v.slice() : { ...v };
    copies.add(copy);
    return copy;
  };
  const sites = [];
  for (const [doc, path, targetDoc, targetPath] of refs) {
    const target = finalTarget([targetDoc, targetPath]);
    if (target === undefined) continue;
    if (path.length === 0) {
      sites.push([doc, null, null, target]);
      continue;
    }
    if (!isContainer(roots[doc])) continue;
    let parent = (roots[doc] = writable(roots[doc]));
    let reachable = true;
    for (const segment of path.slice(0, -1)) {
      const child = parent[segment];
      if (!isContainer(child) || !Object.hasOwn(parent, segment)) {
        reachable = false;
        break;
      }
      const copy = writable(child);
      if (copy !== child) setMember(parent, segment, copy);
      parent = copy;
    }
    if (reachable) sites.push([doc, parent, path[path.length - 1], target]);
  }
  // Find every target before replacing anything (a target's path never
  // passes through a `$ref`, but the copies above must be in place).
  const targets = sites.map(([, , , [doc, path]]) => nodeAt(roots[doc], path));
  sites.forEach(([doc, parent, member], i) => {
    if (targets[i] === undefined) return;
    if (parent === null) roots[doc] = targets[i];
    else setMember(parent, member, targets[i]);
  });
  return roots;
}

/**
 * Spectral's `documentInventory.graph` as `unreferencedReusableObject`
 * reads it: `overallOrder()` names each `$ref` target (`file#pointer`) and
 * each document.
 */
export function dependencyGraph(names, refs) {
  const nodes = [];
  const seen = new Set();
  const add = (node) => {
    if (!seen.has(node)) {
      seen.add(node);
      nodes.push(node);
    }
  };
  for (const [, , targetDoc, targetPath] of refs) {
    const pointer = targetPath.map((s) => String(s).replace(/~/g, "~0").replace(/\//g, "~1")).join("/");
    add(`${names[targetDoc]}#${pointer === "" ? "" : `/${pointer}`}`);
  }
  names.forEach(add);
  return { overallOrder: () => nodes.slice() };
}
