import { createHash } from 'node:crypto';

/*
 * the question form's small proof of work, as progressive enhancement. The form works
 * without script (such a submission meets the stricter limit of question.limit.ts); with it,
 * this script finds a nonce such that SHA-256(`${challenge}:${nonce}`) starts with the number of
 * zero bits the form names (data-pow-bits, question.pow.ts), puts it in the hidden `pow` field
 * and sends the form.
 *
 * Plain ES2017 in a string, served by the server from the same origin (no bundler, nothing
 * third-party): the ask page's policy allows `script-src 'self'` and nothing more. The SHA-256 is
 * its own, not crypto.subtle: subtle exists only in secure contexts (a plain-http deployment has
 * none) and costs a promise per digest — in Chromium ~40 k digests/s against this loop's 1–2 M
 * (bench/pow.bench.ts) — while this loop also hashes the challenge's first 64 bytes once (the
 * midstate) and only the tail per nonce. question.pow.test.ts checks it against node:crypto.
 */

/** The solver alone (no DOM): `powSearch(prefix, bits, from, count)` → a nonce, or -1. Tested in node against node:crypto. */
export const POW_SOLVER_SOURCE = `
var POW_K = new Int32Array([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
  0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
  0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
  0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
  0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
  0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
  0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
  0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2
]);
var POW_IV = [0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19];

/* One SHA-256 compression of the 16 words in w[0..15] into h (w is scratch for the schedule). */
function powCompress(h, w) {
  var t, x, y;
  for (t = 16; t < 64; t++) {
    x = w[t - 15]; y = w[t - 2];
    w[t] = (w[t - 16] + ((x >>> 7 | x << 25) ^ (x >>> 18 | x << 14) ^ (x >>> 3)) + w[t - 7]
      + ((y >>> 17 | y << 15) ^ (y >>> 19 | y << 13) ^ (y >>> 10))) | 0;
  }
  var a = h[0], b = h[1], c = h[2], d = h[3], e = h[4], f = h[5], g = h[6], k = h[7], t1, t2;
  for (t = 0; t < 64; t++) {
    t1 = (k + ((e >>> 6 | e << 26) ^ (e >>> 11 | e << 21) ^ (e >>> 25 | e << 7)) + ((e & f) ^ (~e & g)) + POW_K[t] + w[t]) | 0;
    t2 = (((a >>> 2 | a << 30) ^ (a >>> 13 | a << 19) ^ (a >>> 22 | a << 10)) + ((a & b) ^ (a & c) ^ (b & c))) | 0;
    k = g; g = f; f = e; e = (d + t1) | 0; d = c; c = b; b = a; a = (t1 + t2) | 0;
  }
  h[0] = (h[0] + a) | 0; h[1] = (h[1] + b) | 0; h[2] = (h[2] + c) | 0; h[3] = (h[3] + d) | 0;
  h[4] = (h[4] + e) | 0; h[5] = (h[5] + f) | 0; h[6] = (h[6] + g) | 0; h[7] = (h[7] + k) | 0;
}

/* The state after the prefix's whole 64-byte blocks; its rest is hashed again with each nonce. ASCII only. */
function powPrefix(prefix) {
  var h = new Int32Array(POW_IV), w = new Int32Array(64), whole = prefix.length - prefix.length % 64, i;
  for (var at = 0; at < whole; at += 64) {
    for (i = 0; i < 16; i++) {
      w[i] = prefix.charCodeAt(at + 4 * i) << 24 | prefix.charCodeAt(at + 4 * i + 1) << 16 | prefix.charCodeAt(at + 4 * i + 2) << 8 | prefix.charCodeAt(at + 4 * i + 3);
    }
    powCompress(h, w);
  }
  return { h: h, rest: prefix.slice(whole), length: prefix.length };
}

/* SHA-256 of prefix + nonce (the prefix as powPrefix left it), into out (8 words). */
function powDigest(state, nonce, out, w, bytes) {
  var tail = state.rest + nonce, n = tail.length, blocks = n + 9 > 64 ? 2 : 1, i, bitLength = (state.length + nonce.length) * 8;
  for (i = 0; i < n; i++) bytes[i] = tail.charCodeAt(i);
  bytes[n] = 0x80;
  for (i = n + 1; i < 64 * blocks - 4; i++) bytes[i] = 0;
  bytes[64 * blocks - 4] = bitLength >>> 24; bytes[64 * blocks - 3] = bitLength >>> 16 & 255;
  bytes[64 * blocks - 2] = bitLength >>> 8 & 255; bytes[64 * blocks - 1] = bitLength & 255;
  out.set(state.h);
  for (var at = 0; at < 64 * blocks; at += 64) {
    for (i = 0; i < 16; i++) w[i] = bytes[at + 4 * i] << 24 | bytes[at + 4 * i + 1] << 16 | bytes[at + 4 * i + 2] << 8 | bytes[at + 4 * i + 3];
    powCompress(out, w);
  }
  return out;
}

/* The first nonce in [from, from + count) whose digest starts with bits zero bits (1..32), or -1. */
function powSearch(prefix, bits, from, count) {
  var state = typeof prefix === 'string' ? powPrefix(prefix) : prefix;
  var out = new Int32Array(8), w = new Int32Array(64), bytes = new Uint8Array(128);
  for (var nonce = from; nonce < from + count; nonce++) {
    if (Math.clz32(powDigest(state, String(nonce), out, w, bytes)[0]) >= bits) return nonce;
  }
  return -1;
}
`;

/**
 * The page's glue. The work starts as soon as the page is read, in short slices between which
 * the page stays responsive (~15 ms of every 45): a person takes more than the challenge's 3 s
 * to write, so the nonce is usually ready before she presses "Send" and nothing waits at all. If
 * it is not, the button says "checking…" while the rest is found in longer slices, then the form
 * is sent. A phone too slow to finish within POW_BUDGET_MS of the press (or any error) sends the
 * form without it: the stricter limit, never a lost question.
 */
const GLUE = `
var POW_BUDGET_MS = 8000;
var form = document.querySelector('form[data-pow-bits]');
var field = form && form.querySelector('input[name=pow]');
var challenge = form && form.querySelector('input[name=challenge]');
var button = form && form.querySelector('button[type=submit]');
if (form && field && challenge && button && typeof Int32Array === 'function' && Math.clz32) {
  var label = button.textContent, bits = parseInt(form.getAttribute('data-pow-bits'), 10);
  var state = null, next = 0, solved = null, waiting = false, failed = false;
  /* Searches for sliceMs; true once a nonce is found. */
  var work = function (sliceMs) {
    state = state || powPrefix(challenge.value + ':');
    var sliceStart = performance.now();
    while (performance.now() - sliceStart < sliceMs) {
      var found = powSearch(state, bits, next, 256);
      if (found >= 0) { solved = String(found); return true; }
      next += 256;
    }
    return false;
  };
  var background = function () {
    if (solved !== null || waiting || failed) return;
    try { if (!work(15)) setTimeout(background, 30); } catch (e) { failed = true; }
  };
  /* Once only: a second press would spend the same challenge again and answer "already sent". */
  var send = function () {
    waiting = true;
    if (solved !== null) field.value = solved;
    HTMLFormElement.prototype.submit.call(form);
  };
  form.addEventListener('submit', function (event) {
    event.preventDefault();
    if (waiting) return;
    if (solved !== null || failed) return send();
    waiting = true;
    button.textContent = form.getAttribute('data-pow-checking') || label;
    button.setAttribute('aria-busy', 'true');
    button.disabled = true;
    var started = performance.now();
    var step = function () {
      try {
        if (work(40) || performance.now() - started > POW_BUDGET_MS) return send();
        setTimeout(step, 0);
      } catch (e) { send(); }
    };
    /* A tick first, so the button's "checking…" is painted before the work goes on. */
    setTimeout(step, 16);
  });
  /* Back from the answer page (bfcache): the button is usable again. */
  window.addEventListener('pageshow', function (event) {
    if (!event.persisted) return;
    waiting = false; button.disabled = false; button.removeAttribute('aria-busy'); button.textContent = label;
  });
  setTimeout(background, 0);
}
`;

export const ASK_POW_SCRIPT = `(function () {\n'use strict';${POW_SOLVER_SOURCE}${GLUE}})();\n`;

/** Content-addressed, so it can be cached for a year: a changed script is a new address. */
export const ASK_POW_PATH = `/assets/ask-pow-${createHash('sha256').update(ASK_POW_SCRIPT).digest('hex').slice(0, 12)}.js`;
