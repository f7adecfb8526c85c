// `URL` and `URLSearchParams` for custom functions, which QuickJS lacks
// (Node.js and browsers have them; Spectral functions use them to read
// paths and server URLs). Written for oaslint after the WHATWG URL
// Standard's basic URL parser (https://url.spec.whatwg.org/), as Node.js 20
// implements it. Left out, so that such input throws "Invalid URL" rather
// than being read differently: internationalized domain names (a host with
// a non-ASCII character) and `blob:` origins. The setters of `URL`'s parts
// are not provided (the parts read only); `href` and `search` can be set.

const SPECIAL = { "ftp:": 21, "file:": null, "http:": 80, "https:": 443, "ws:": 80, "wss:": 443 };
const isSpecialScheme = (scheme) => Object.hasOwn(SPECIAL, `${scheme}:`);

// As Node.js words it (`input` names the string).
const invalid = (input) => Object.assign(new TypeError("Invalid URL"), { code: "ERR_INVALID_URL", input });

// Percent-encode sets (code point tests).
const c0Control = (c) => c < 0x20 || c > 0x7e;
const fragmentSet = (c) => c0Control(c) || c === 0x20 || c === 0x22 || c === 0x3c || c === 0x3e || c === 0x60;
const querySet = (c) => c0Control(c) || c === 0x20 || c === 0x22 || c === 0x23 || c === 0x3c || c === 0x3e;
const specialQuerySet = (c) => querySet(c) || c === 0x27;
const pathSet = (c) => querySet(c) || c === 0x3f || c === 0x60 || c === 0x7b || c === 0x7d;
const userinfoSet = (c) =>
  pathSet(c) || c === 0x2f || c === 0x3a || c === 0x3b || c === 0x3d || c === 0x40 || (c >= 0x5b && c <= 0x5e) || c === 0x7c;
const formSet = (c) =>
  !((c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c === 0x2a || c === 0x2d || c === 0x2e || c === 0x5f);

const hex = (b) => `%${b.toString(16).toUpperCase().padStart(2, "0")}`;
const utf8 = (s) => {
  const bytes = [];
  for (const ch of s) {
    let c = ch.codePointAt(0);
    if (c >= 0xd800 && c <= 0xdfff) c = 0xfffd; // a lone surrogate
    if (c < 0x80) bytes.push(c);
    else if (c < 0x800) bytes.push(0xc0 | (c >> 6), 0x80 | (c & 63));
    else if (c < 0x10000) bytes.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
    else bytes.push(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 63), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
  }
  return bytes;
};
const encodeCodePoint = (ch, set) => {
  const c = ch.codePointAt(0);
  return c < 0x80 && !set(c) ? ch : utf8(ch).map((b) => (set(b) ? hex(b) : String.fromCharCode(b))).join("");
};
const encode = (s, set) => {
  let out = "";
  for (const ch of s) out += encodeCodePoint(ch, set);
  return out;
};
const percentDecodeBytes = (s) => {
  const bytes = utf8(s);
  const out = [];
  for (let i = 0; i < bytes.length; i++) {
    const h = (k) => String.fromCharCode(bytes[k] ?? 0);
    if (bytes[i] === 0x25 && /^[0-9A-Fa-f]{2}$/.test(h(i + 1) + h(i + 2))) {
      out.push(parseInt(h(i + 1) + h(i + 2), 16));
      i += 2;
    } else out.push(bytes[i]);
  }
  return out;
};
// UTF-8 decoding; an invalid byte becomes U+FFFD.
const decodeUtf8 = (bytes) => {
  let out = "";
  for (let i = 0; i < bytes.length; ) {
    const b = bytes[i];
    const need = b < 0x80 ? 0 : b >= 0xc2 && b < 0xe0 ? 1 : b >= 0xe0 && b < 0xf0 ? 2 : b >= 0xf0 && b < 0xf5 ? 3 : -1;
    let c = need === 0 ? b : need === 1 ? b & 31 : need === 2 ? b & 15 : b & 7;
    let ok = need >= 0 && i + need < bytes.length;
    for (let k = 1; ok && k <= need; k++) {
      const next = bytes[i + k];
      if ((next & 0xc0) !== 0x80) ok = false;
      else c = (c << 6) | (next & 63);
    }
    const overlong = (need === 2 && (c < 0x800 || (c >= 0xd800 && c <= 0xdfff))) || (need === 3 && (c < 0x10000 || c > 0x10ffff));
    if (!ok || overlong) {
      out += "\ufffd";
      i += 1;
    } else {
      out += String.fromCodePoint(c);
      i += need + 1;
    }
  }
  return out;
};

// Hosts.
const FORBIDDEN_HOST = /[\u0000\t\n\r #/:<>?@[\\\]^|]/;
const FORBIDDEN_DOMAIN = /[\u0000-\u001f\t\n\r #%/:<>?@[\\\]^|\u007f]/;

const parseIPv4Number = (s) => {
  if (s === "") return NaN;
  let radix = 10;
  if (/^0[xX]/.test(s)) {
    s = s.slice(2);
    radix = 16;
  } else if (s.length > 1 && s[0] === "0") {
    s = s.slice(1);
    radix = 8;
  }
  if (s === "") return 0;
  const digits = radix === 16 ? /^[0-9A-Fa-f]+$/ : radix === 10 ? /^[0-9]+$/ : /^[0-7]+$/;
  return digits.test(s) ? parseInt(s, radix) : NaN;
};
const endsInANumber = (s) => {
  const parts = s.split(".");
  if (parts[parts.length - 1] === "") {
    if (parts.length === 1) return false;
    parts.pop();
  }
  const last = parts[parts.length - 1];
  return /^[0-9]+$/.test(last) || !Number.isNaN(parseIPv4Number(last));
};
const parseIPv4 = (s) => {
  const parts = s.split(".");
  if (parts[parts.length - 1] === "" && parts.length > 1) parts.pop();
  if (parts.length > 4) return null;
  const numbers = parts.map(parseIPv4Number);
  if (numbers.some(Number.isNaN)) return null;
  if (numbers.slice(0, -1).some((n) => n > 255)) return null;
  if (numbers[numbers.length - 1] >= 256 ** (5 - numbers.length)) return null;
  let ipv4 = numbers[numbers.length - 1];
  numbers.slice(0, -1).forEach((n, i) => {
    ipv4 += n * 256 ** (3 - i);
  });
  return [24, 16, 8, 0].map((shift) => Math.floor(ipv4 / 2 ** shift) % 256).join(".");
};
const parseIPv6 = (input) => {
  const address = [0, 0, 0, 0, 0, 0, 0, 0];
  let piece = 0;
  let compress = null;
  let i = 0;
  const at = (k) => input[k];
  const isHex = (ch) => ch !== undefined && /[0-9A-Fa-f]/.test(ch);
  if (at(i) === ":") {
    if (at(i + 1) !== ":") return null;
    i += 2;
    compress = ++piece;
  }
  while (at(i) !== undefined) {
    if (piece === 8) return null;
    if (at(i) === ":") {
      if (compress !== null) return null;
      i++;
      compress = ++piece;
      continue;
    }
    let value = 0;
    let length = 0;
    while (length < 4 && isHex(at(i))) {
      value = value * 16 + parseInt(at(i), 16);
      i++;
      length++;
    }
    if (at(i) === ".") {
      if (length === 0) return null;
      i -= length;
      if (piece > 6) return null;
      let seen = 0;
      while (at(i) !== undefined) {
        let v4 = null;
        if (seen > 0) {
          if (at(i) === "." && seen < 4) i++;
          else return null;
        }
        if (!/[0-9]/.test(at(i) ?? "")) return null;
        while (/[0-9]/.test(at(i) ?? "")) {
          const n = parseInt(at(i), 10);
          if (v4 === null) v4 = n;
          else if (v4 === 0) return null;
          else v4 = v4 * 10 + n;
          if (v4 > 255) return null;
          i++;
        }
        address[piece] = address[piece] * 256 + v4;
        seen++;
        if (seen === 2 || seen === 4) piece++;
      }
      if (seen !== 4) return null;
      break;
    } else if (at(i) === ":") {
      i++;
      if (at(i) === undefined) return null;
    } else if (at(i) !== undefined) return null;
    address[piece++] = value;
  }
  if (compress !== null) {
    let swaps = piece - compress;
    piece = 7;
    while (piece !== 0 && swaps > 0) {
      [address[piece], address[compress + swaps - 1]] = [address[compress + swaps - 1], address[piece]];
      piece--;
      swaps--;
    }
  } else if (piece !== 8) return null;
  return address;
};
const serializeIPv6 = (address) => {
  let best = null;
  let bestLength = 1;
  for (let i = 0; i < 8; ) {
    if (address[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && address[j] === 0) j++;
    if (j - i > bestLength) {
      best = i;
      bestLength = j - i;
    }
    i = j;
  }
  let out = "";
  let ignore0 = false;
  for (let i = 0; i < 8; i++) {
    if (ignore0 && address[i] === 0) continue;
    ignore0 = false;
    if (best === i) {
      out += i === 0 ? "::" : ":";
      ignore0 = true;
      continue;
    }
    out += address[i].toString(16);
    if (i !== 7) out += ":";
  }
  return `[${out}]`;
};
const parseHost = (input, special) => {
  if (input.startsWith("[")) {
    if (!input.endsWith("]")) return null;
    const address = parseIPv6(input.slice(1, -1));
    return address === null ? null : serializeIPv6(address);
  }
  if (!special) {
    if (FORBIDDEN_HOST.test(input)) return null;
    return encode(input, c0Control);
  }
  const domain = decodeUtf8(percentDecodeBytes(input));
  // Not supported: IDNA (a non-ASCII domain).
  if (/[^\u0000-\u007f]/.test(domain)) return null;
  const ascii = domain.toLowerCase();
  if (ascii === "" || FORBIDDEN_DOMAIN.test(ascii)) return null;
  if (endsInANumber(ascii)) return parseIPv4(ascii);
  return ascii;
};

const isWindowsDriveLetter = (s, normalizedOnly = false) =>
  s.length === 2 && /[A-Za-z]/.test(s[0]) && (s[1] === ":" || (!normalizedOnly && s[1] === "|"));
const startsWithWindowsDriveLetter = (cps, i) =>
  cps.length - i >= 2 &&
  isWindowsDriveLetter(cps[i] + cps[i + 1]) &&
  (cps.length - i === 2 || ["/", "\\", "?", "#"].includes(cps[i + 2]));
const isSingleDot = (s) => s === "." || s.toLowerCase() === "%2e";
const isDoubleDot = (s) => ["..", ".%2e", "%2e.", "%2e%2e"].includes(s.toLowerCase());

const shortenPath = (url) => {
  if (url.scheme === "file" && url.path.length === 1 && isWindowsDriveLetter(url.path[0], true)) return;
  url.path.pop();
};

// The basic URL parser: a record { scheme, username, password, host, port,
// path (array, or a string for an opaque path), query, fragment }, or null.
function parse(rawInput, base) {
  const input = rawInput.replace(/^[\u0000-\u0020]+|[\u0000-\u0020]+$/g, "").replace(/[\t\n\r]/g, "");
  const cps = Array.from(input);
  const url = { scheme: "", username: "", password: "", host: null, port: null, path: [], query: null, fragment: null };
  let state = "scheme start";
  let buffer = "";
  let atSignSeen = false;
  let insideBrackets = false;
  let passwordTokenSeen = false;
  const special = () => isSpecialScheme(url.scheme);
  for (let p = 0; p <= cps.length; p++) {
    const c = cps[p]; // undefined: the end of input
    const rest = (k) => cps[p + k];
    switch (state) {
      case "scheme start":
        if (c !== undefined && /[A-Za-z]/.test(c)) {
          buffer += c.toLowerCase();
          state = "scheme";
        } else {
          state = "no scheme";
          p--;
        }
        break;
      case "scheme":
        if (c !== undefined && /[A-Za-z0-9+\-.]/.test(c)) {
          buffer += c.toLowerCase();
        } else if (c === ":") {
          url.scheme = buffer;
          buffer = "";
          if (url.scheme === "file") state = "file";
          else if (special() && base && base.scheme === url.scheme) state = "special relative or authority";
          else if (special()) state = "special authority slashes";
          else if (rest(1) === "/") {
            state = "path or authority";
            p++;
          } else {
            url.path = "";
            state = "opaque path";
          }
        } else {
          buffer = "";
          state = "no scheme";
          p = -1;
        }
        break;
      case "no scheme":
        if (!base || (typeof base.path === "string" && c !== "#")) return null;
        if (typeof base.path === "string" && c === "#") {
          Object.assign(url, { scheme: base.scheme, path: base.path, query: base.query, fragment: "" });
          state = "fragment";
        } else if (base.scheme !== "file") {
          state = "relative";
          p--;
        } else {
          state = "file";
          p--;
        }
        break;
      case "special relative or authority":
        if (c === "/" && rest(1) === "/") {
          state = "special authority ignore slashes";
          p++;
        } else {
          state = "relative";
          p--;
        }
        break;
      case "path or authority":
        if (c === "/") state = "authority";
        else {
          state = "path";
          p--;
        }
        break;
      case "relative":
        url.scheme = base.scheme;
        if (c === "/") state = "relative slash";
        else if (special() && c === "\\") state = "relative slash";
        else {
          Object.assign(url, { username: base.username, password: base.password, host: base.host, port: base.port });
          url.path = base.path.slice();
          url.query = base.query;
          if (c === "?") {
            url.query = "";
            state = "query";
          } else if (c === "#") {
            url.fragment = "";
            state = "fragment";
          } else if (c !== undefined) {
            url.query = null;
            shortenPath(url);
            state = "path";
            p--;
          }
        }
        break;
      case "relative slash":
        if (special() && (c === "/" || c === "\\")) state = "special authority ignore slashes";
        else if (c === "/") state = "authority";
        else {
          Object.assign(url, { username: base.username, password: base.password, host: base.host, port: base.port });
          state = "path";
          p--;
        }
        break;
      case "special authority slashes":
        if (c === "/" && rest(1) === "/") {
          state = "special authority ignore slashes";
          p++;
        } else {
          state = "special authority ignore slashes";
          p--;
        }
        break;
      case "special authority ignore slashes":
        if (c !== "/" && c !== "\\") {
          state = "authority";
          p--;
        }
        break;
      case "authority":
        if (c === "@") {
          if (atSignSeen) buffer = `%40${buffer}`;
          atSignSeen = true;
          for (const ch of buffer) {
            if (ch === ":" && !passwordTokenSeen) {
              passwordTokenSeen = true;
              continue;
            }
            const encoded = encodeCodePoint(ch, userinfoSet);
            if (passwordTokenSeen) url.password += encoded;
            else url.username += encoded;
          }
          buffer = "";
        } else if (c === undefined || c === "/" || c === "?" || c === "#" || (special() && c === "\\")) {
          if (atSignSeen && buffer === "") return null;
          p -= Array.from(buffer).length + 1;
          buffer = "";
          state = "host";
        } else buffer += c;
        break;
      case "host":
      case "hostname":
        if (c === ":" && !insideBrackets) {
          if (buffer === "") return null;
          const host = parseHost(buffer, special());
          if (host === null) return null;
          url.host = host;
          buffer = "";
          state = "port";
        } else if (c === undefined || c === "/" || c === "?" || c === "#" || (special() && c === "\\")) {
          p--;
          if (special() && buffer === "") return null;
          const host = parseHost(buffer, special());
          if (host === null) return null;
          url.host = host;
          buffer = "";
          state = "path start";
        } else {
          if (c === "[") insideBrackets = true;
          if (c === "]") insideBrackets = false;
          buffer += c;
        }
        break;
      case "port":
        if (c !== undefined && /[0-9]/.test(c)) buffer += c;
        else if (c === undefined || c === "/" || c === "?" || c === "#" || (special() && c === "\\")) {
          if (buffer !== "") {
            const port = parseInt(buffer, 10);
            if (port > 65535) return null;
            url.port = SPECIAL[`${url.scheme}:`] === port ? null : port;
            buffer = "";
          }
          state = "path start";
          p--;
        } else return null;
        break;
      case "file":
        url.scheme = "file";
        url.host = "";
        if (c === "/" || c === "\\") state = "file slash";
        else if (base && base.scheme === "file") {
          url.host = base.host;
          url.path = base.path.slice();
          url.query = base.query;
          if (c === "?") {
            url.query = "";
            state = "query";
          } else if (c === "#") {
            url.fragment = "";
            state = "fragment";
          } else if (c !== undefined) {
            url.query = null;
            if (!startsWithWindowsDriveLetter(cps, p)) shortenPath(url);
            else url.path = [];
            state = "path";
            p--;
          }
        } else {
          state = "path";
          p--;
        }
        break;
      case "file slash":
        if (c === "/" || c === "\\") state = "file host";
        else {
          if (base && base.scheme === "file") {
            url.host = base.host;
            if (!startsWithWindowsDriveLetter(cps, p) && typeof base.path[0] === "string" && isWindowsDriveLetter(base.path[0], true)) {
              url.path.push(base.path[0]);
            }
          }
          state = "path";
          p--;
        }
        break;
      case "file host":
        if (c === undefined || c === "/" || c === "\\" || c === "?" || c === "#") {
          p--;
          if (isWindowsDriveLetter(buffer)) state = "path";
          else if (buffer === "") {
            url.host = "";
            state = "path start";
          } else {
            let host = parseHost(buffer, true);
            if (host === null) return null;
            if (host === "localhost") host = "";
            url.host = host;
            buffer = "";
            state = "path start";
          }
        } else buffer += c;
        break;
      case "path start":
        if (special()) {
          state = "path";
          if (c !== "/" && c !== "\\") p--;
        } else if (c === "?") {
          url.query = "";
          state = "query";
        } else if (c === "#") {
          url.fragment = "";
          state = "fragment";
        } else if (c !== undefined) {
          state = "path";
          if (c !== "/") p--;
        }
        break;
      case "path":
        if (c === undefined || c === "/" || (special() && c === "\\") || c === "?" || c === "#") {
          if (isDoubleDot(buffer)) {
            shortenPath(url);
            if (c !== "/" && !(special() && c === "\\")) url.path.push("");
          } else if (isSingleDot(buffer) && c !== "/" && !(special() && c === "\\")) {
            url.path.push("");
          } else if (!isSingleDot(buffer)) {
            if (url.scheme === "file" && url.path.length === 0 && isWindowsDriveLetter(buffer)) {
              buffer = `${buffer[0]}:`;
            }
            url.path.push(buffer);
          }
          buffer = "";
          if (c === "?") {
            url.query = "";
            state = "query";
          } else if (c === "#") {
            url.fragment = "";
            state = "fragment";
          }
        } else buffer += encodeCodePoint(c, pathSet);
        break;
      case "opaque path":
        if (c === "?") {
          url.query = "";
          state = "query";
        } else if (c === "#") {
          url.fragment = "";
          state = "fragment";
        } else if (c !== undefined) url.path += encodeCodePoint(c, c0Control);
        break;
      case "query":
        if (c === "#" || c === undefined) {
          url.query += encode(buffer, special() ? specialQuerySet : querySet);
          buffer = "";
          if (c === "#") {
            url.fragment = "";
            state = "fragment";
          }
        } else buffer += c;
        break;
      case "fragment":
        if (c !== undefined) url.fragment += encodeCodePoint(c, fragmentSet);
        break;
    }
  }
  return url;
}

const serializePath = (url) => (typeof url.path === "string" ? url.path : url.path.map((s) => `/${s}`).join(""));
const serialize = (url, excludeFragment = false) => {
  let out = `${url.scheme}:`;
  if (url.host !== null) {
    out += "//";
    if (url.username !== "" || url.password !== "") {
      out += url.username;
      if (url.password !== "") out += `:${url.password}`;
      out += "@";
    }
    out += url.host;
    if (url.port !== null) out += `:${url.port}`;
  } else if (typeof url.path !== "string" && url.path.length > 1 && url.path[0] === "") {
    // A path that would read as an authority.
    out += "/.";
  }
  out += serializePath(url);
  if (url.query !== null) out += `?${url.query}`;
  if (!excludeFragment && url.fragment !== null) out += `#${url.fragment}`;
  return out;
};

const formEncode = (s) => encode(s, formSet).replace(/%20/g, "+");
const formDecode = (s) => decodeUtf8(percentDecodeBytes(s.replace(/\+/g, " ")));
const parseForm = (query) =>
  query
    .split("&")
    .filter((part) => part !== "")
    .map((part) => {
      const eq = part.indexOf("=");
      return eq === -1 ? [formDecode(part), ""] : [formDecode(part.slice(0, eq)), formDecode(part.slice(eq + 1))];
    });

// A URL's record, a URLSearchParams' list of pairs, the URL a
// URLSearchParams belongs to, and a URL's URLSearchParams.
const records = new WeakMap();
const lists = new WeakMap();
const owners = new WeakMap();
const paramsOf = new WeakMap();
const replaceList = (params, pairs) => {
  const list = lists.get(params);
  list.splice(0, list.length, ...pairs);
};

export class URLSearchParams {
  constructor(init = "") {
    let list = [];
    if (typeof init === "object" && init !== null) {
      if (typeof init[Symbol.iterator] === "function") {
        for (const pair of init) {
          const items = Array.from(pair);
          if (items.length !== 2) throw new TypeError("Each query pair must be an iterable [name, value] tuple");
          list.push([String(items[0]), String(items[1])]);
        }
      } else {
        list = Object.keys(init).map((k) => [k, String(init[k])]);
      }
    } else {
      const text = String(init);
      list = parseForm(text.startsWith("?") ? text.slice(1) : text);
    }
    lists.set(this, list);
  }
  #update() {
    const url = owners.get(this);
    if (url === undefined) return;
    const text = this.toString();
    records.get(url).query = text === "" ? null : text;
  }
  get size() {
    return lists.get(this).length;
  }
  append(name, value) {
    lists.get(this).push([String(name), String(value)]);
    this.#update();
  }
  delete(name, value) {
    const list = lists.get(this);
    const keep = list.filter(([n, v]) => !(n === String(name) && (value === undefined || v === String(value))));
    list.splice(0, list.length, ...keep);
    this.#update();
  }
  get(name) {
    const found = lists.get(this).find(([n]) => n === String(name));
    return found === undefined ? null : found[1];
  }
  getAll(name) {
    return lists.get(this).filter(([n]) => n === String(name)).map(([, v]) => v);
  }
  has(name, value) {
    return lists.get(this).some(([n, v]) => n === String(name) && (value === undefined || v === String(value)));
  }
  set(name, value) {
    const list = lists.get(this);
    const i = list.findIndex(([n]) => n === String(name));
    if (i === -1) list.push([String(name), String(value)]);
    else {
      list[i] = [String(name), String(value)];
      const keep = list.filter(([n], k) => k <= i || n !== String(name));
      list.splice(0, list.length, ...keep);
    }
    this.#update();
  }
  sort() {
    const list = lists.get(this);
    const sorted = list
      .map((pair, i) => [pair, i])
      .sort(([a, i], [b, k]) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : i - k))
      .map(([pair]) => pair);
    list.splice(0, list.length, ...sorted);
    this.#update();
  }
  forEach(callback, thisArg) {
    for (const [n, v] of lists.get(this).slice()) callback.call(thisArg, v, n, this);
  }
  *entries() {
    for (const [n, v] of lists.get(this)) yield [n, v];
  }
  *keys() {
    for (const [n] of lists.get(this)) yield n;
  }
  *values() {
    for (const [, v] of lists.get(this)) yield v;
  }
  [Symbol.iterator]() {
    return this.entries();
  }
  toString() {
    return lists
      .get(this)
      .map(([n, v]) => `${formEncode(n)}=${formEncode(v)}`)
      .join("&");
  }
}

export class URL {
  constructor(url, base) {
    let baseRecord = null;
    if (base !== undefined) {
      baseRecord = parse(String(base), null);
      if (baseRecord === null) throw invalid(String(base));
    }
    const record = parse(String(url), baseRecord);
    if (record === null) throw invalid(String(url));
    records.set(this, record);
    const params = new URLSearchParams(record.query ?? "");
    owners.set(params, this);
    paramsOf.set(this, params);
  }
  static canParse(url, base) {
    try {
      new URL(url, base);
      return true;
    } catch {
      return false;
    }
  }
  get href() {
    return serialize(records.get(this));
  }
  set href(value) {
    const record = parse(String(value), null);
    if (record === null) throw invalid(String(value));
    records.set(this, record);
    replaceList(paramsOf.get(this), parseForm(record.query ?? ""));
  }
  get origin() {
    const r = records.get(this);
    if (!isSpecialScheme(r.scheme) || r.scheme === "file") return "null";
    return `${r.scheme}://${r.host}${r.port === null ? "" : `:${r.port}`}`;
  }
  get protocol() {
    return `${records.get(this).scheme}:`;
  }
  get username() {
    return records.get(this).username;
  }
  get password() {
    return records.get(this).password;
  }
  get host() {
    const r = records.get(this);
    if (r.host === null) return "";
    return r.port === null ? r.host : `${r.host}:${r.port}`;
  }
  get hostname() {
    return records.get(this).host ?? "";
  }
  get port() {
    const port = records.get(this).port;
    return port === null ? "" : String(port);
  }
  get pathname() {
    return serializePath(records.get(this));
  }
  get search() {
    const q = records.get(this).query;
    return q === null || q === "" ? "" : `?${q}`;
  }
  set search(value) {
    const r = records.get(this);
    let text = String(value);
    if (text === "") {
      r.query = null;
      replaceList(paramsOf.get(this), []);
      return;
    }
    if (text.startsWith("?")) text = text.slice(1);
    r.query = encode(text, isSpecialScheme(r.scheme) ? specialQuerySet : querySet);
    replaceList(paramsOf.get(this), parseForm(text));
  }
  get searchParams() {
    return paramsOf.get(this);
  }
  get hash() {
    const f = records.get(this).fragment;
    return f === null || f === "" ? "" : `#${f}`;
  }
  toString() {
    return this.href;
  }
  toJSON() {
    return this.href;
  }
}
