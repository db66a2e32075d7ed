// Pocket Diffusion browser demo. The model file is a baked sampler (see docs/baking.md): this page
// only draws the starting noise z ~ N(0, I), calls the model once and plots what comes back. It has
// no sampler code of its own.
/* global ort */

const CARD_KEY = 'pocketdiffusion.card';
const PALETTE = ['#2563eb', '#dc2626', '#16a34a', '#d97706', '#7c3aed', '#0891b2', '#db2777', '#65a30d', '#475569', '#ea580c'];

ort.env.wasm.wasmPaths = new URL('vendor/', location.href).href;
ort.env.wasm.numThreads = 1; // threads need cross-origin isolation, which a plain static host lacks

const $ = (id) => document.getElementById(id);
const params = new URLSearchParams(location.search);
let models = [];
let current = null; // {entry, session, card}

/**
 * The ONNX ModelProto's metadata_props (field 14, StringStringEntryProto {key = 1, value = 2}),
 * read with a minimal protobuf wire-format walker: onnxruntime-web does not expose custom metadata.
 */
export function readMetadata(bytes) {
  const props = {};
  const decoder = new TextDecoder();
  let pos = 0;
  const varint = (buf, end) => {
    let value = 0, scale = 1;
    for (;;) {
      if (pos >= end) throw new Error('truncated protobuf varint');
      const b = buf[pos++];
      value += (b & 0x7f) * scale;
      if (b < 0x80) return value;
      scale *= 128;
      if (scale > 2 ** 63) throw new Error('protobuf varint too long');
    }
  };
  const skip = (buf, wire, end) => {
    if (wire === 0) varint(buf, end);
    else if (wire === 1) pos += 8;
    else if (wire === 2) { const length = varint(buf, end); pos += length; }
    else if (wire === 5) pos += 4;
    else throw new Error('unsupported protobuf wire type ' + wire);
    if (pos > end) throw new Error('truncated protobuf field');
  };
  while (pos < bytes.length) {
    const tag = varint(bytes, bytes.length);
    const field = Math.floor(tag / 8), wire = tag % 8;
    if (field !== 14 || wire !== 2) { skip(bytes, wire, bytes.length); continue; }
    const length = varint(bytes, bytes.length);
    const end = pos + length;
    if (end > bytes.length) throw new Error('truncated metadata_props entry');
    let key = '', value = '';
    while (pos < end) {
      const t = varint(bytes, end);
      if (t === 10 || t === 18) {
        const len = varint(bytes, end);
        if (pos + len > end) throw new Error('truncated metadata string');
        const text = decoder.decode(bytes.subarray(pos, pos + len));
        pos += len;
        if (t === 10) key = text; else value = text;
      } else {
        skip(bytes, t % 8, end);
      }
    }
    props[key] = value;
  }
  return props;
}

/** Mulberry32: a 32-bit seeded uniform generator on [0, 1). */
function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** count standard-normal numbers from seed: Mulberry32 uniforms through Box–Muller (both outputs). */
export function gaussians(seed, count) {
  const uniform = mulberry32(seed);
  const out = new Float32Array(count);
  for (let i = 0; i < count; i += 2) {
    const u1 = 1 - uniform(); // (0, 1]: log stays finite
    const u2 = uniform();
    const r = Math.sqrt(-2 * Math.log(u1));
    out[i] = r * Math.cos(2 * Math.PI * u2);
    if (i + 1 < count) out[i + 1] = r * Math.sin(2 * Math.PI * u2);
  }
  return out;
}

function intParam(value, fallback, min, max) {
  const n = Number(value);
  return Number.isInteger(n) && n >= min && n <= max ? n : fallback;
}

async function loadModel(entry) {
  setBusy(true, `Loading ${entry.name}…`);
  const started = performance.now();
  const response = await fetch('models/' + entry.file);
  if (!response.ok) throw new Error(`models/${entry.file}: HTTP ${response.status}`);
  const bytes = new Uint8Array(await response.arrayBuffer());
  const json = readMetadata(bytes)[CARD_KEY];
  if (!json) throw new Error(`${entry.file} has no ${CARD_KEY} metadata`);
  const card = JSON.parse(json);
  if (!card.baked) throw new Error(`${entry.file} is not a baked sampler (its card has no "baked": true)`);
  const session = await ort.InferenceSession.create(bytes, { executionProviders: ['wasm'] });
  // one warm-up call on a single point, so that Run times the steady state, not the first call's set-up
  await session.run(feeds(card, new Float32Array(card.dimension), null, 1));
  current = { entry, session, card };
  showCard(card, bytes.length);
  setupClasses(card, entry);
  setBusy(false, `${entry.name} loaded and warmed up in ${(performance.now() - started).toFixed(0)} ms (${(bytes.length / 1e6).toFixed(2)} MB).`);
}

function showCard(card, size) {
  const rows = [
    ['sampler', `${card.sampler}, ${card.steps} steps${card.spacing ? ', ' + card.spacing + ' spacing' : ''}`],
    ['baked from', card.baked_from ? `${card.baked_from.file} (sha256 ${String(card.baked_from.sha256).slice(0, 12)}…)` : '?'],
    ['process', `${card.process}${card.schedule ? ' ' + card.schedule : ''}, predicts ${card.prediction}`],
    ['dimension', String(card.dimension)],
    ['classes', card.num_classes > 0 ? (card.class_names && card.class_names.length ? card.class_names.join(', ') : String(card.num_classes)) : 'unconditional'],
    ['file', `${(size / 1e6).toFixed(2)} MB`],
  ];
  const dl = $('card-summary');
  dl.replaceChildren();
  for (const [k, v] of rows) {
    const dt = document.createElement('dt'); dt.textContent = k;
    const dd = document.createElement('dd'); dd.textContent = v;
    dl.append(dt, dd);
  }
  $('card').textContent = JSON.stringify(card, null, 2);
}

function setupClasses(card, entry) {
  const conditional = card.num_classes > 0;
  $('class-row').hidden = !conditional;
  $('guidance-row').hidden = !conditional;
  const select = $('class');
  select.replaceChildren(new Option('all classes', 'all'));
  for (let k = 0; k < card.num_classes; k++) {
    select.append(new Option((card.class_names && card.class_names[k]) || `class ${k}`, String(k)));
  }
  const wanted = params.get('class');
  if (wanted !== null && [...select.options].some((o) => o.value === wanted)) select.value = wanted;
  const g = params.has('guidance') ? Number(params.get('guidance')) : entry.guidance;
  $('guidance').value = Number.isFinite(g) && g >= 0 ? g : 1;
}

/** The baked model's inputs: noise [n, D], and for a conditional model label [n] (null: the null label) and guidance [1]. */
function feeds(card, noise, labels, guidance) {
  const n = noise.length / card.dimension;
  const inputs = { noise: new ort.Tensor('float32', noise, [n, card.dimension]) };
  if (card.num_classes > 0) {
    inputs.label = new ort.Tensor('int64', labels || new BigInt64Array(n).fill(BigInt(card.num_classes)), [n]);
    inputs.guidance = new ort.Tensor('float32', Float32Array.of(guidance), [1]);
  }
  return inputs;
}

function setBusy(busy, message) {
  $('run').disabled = busy;
  if (message !== undefined) $('status').textContent = message;
}

async function run() {
  const { entry, session, card } = current;
  const n = intParam($('count').value, 1000, 1, 5000);
  const seed = intParam($('seed').value, 0, 0, 2 ** 32 - 1);
  const d = card.dimension;
  const noise = gaussians(seed, n * d);
  let labels = null, guidance = null;
  if (card.num_classes > 0) {
    const choice = $('class').value;
    labels = new BigInt64Array(n);
    for (let i = 0; i < n; i++) labels[i] = BigInt(choice === 'all' ? i % card.num_classes : Number(choice));
    guidance = Number($('guidance').value);
    if (!(guidance >= 0)) throw new Error('guidance must be a number >= 0');
  }
  setBusy(true, 'Sampling…');
  const started = performance.now();
  const output = await session.run(feeds(card, noise, labels, guidance));
  const ms = performance.now() - started;
  const samples = output.samples.data;
  draw(samples, n, d, card, labels);
  // a browser's clock may read 0 for a fast call (coarsened timers, or headless virtual time)
  const took = ms > 0 ? `${ms.toFixed(1)} ms` : 'under the clock\'s resolution';
  setBusy(false, `1 call · ${took} · ${n} points · ${card.sampler}, ${card.steps} steps`);
  const rows = (flat) => Array.from({ length: n }, (_, i) => Array.from(flat.subarray(i * d, (i + 1) * d)));
  $('result').textContent = JSON.stringify({
    model: entry.name, file: entry.file, seed, n, calls: 1, ms,
    label: labels ? Array.from(labels, Number) : null, guidance,
    noise: rows(noise), samples: rows(samples),
  });
}

/** The plot box: the card's data range (x0 clip box) when it has one, else the samples' extent. */
function bounds(samples, n, d, card) {
  let lo, hi;
  if (Array.isArray(card.x0_clip_min) && card.x0_clip_min.length >= 2) {
    lo = card.x0_clip_min.slice(0, 2); hi = card.x0_clip_max.slice(0, 2);
  } else {
    lo = [Infinity, Infinity]; hi = [-Infinity, -Infinity];
    for (let i = 0; i < n; i++) for (let j = 0; j < 2; j++) {
      const v = samples[i * d + j];
      if (Number.isFinite(v)) { lo[j] = Math.min(lo[j], v); hi[j] = Math.max(hi[j], v); }
    }
  }
  const cx = (lo[0] + hi[0]) / 2, cy = (lo[1] + hi[1]) / 2;
  const half = 0.55 * Math.max(hi[0] - lo[0], hi[1] - lo[1], 1e-6);
  return { x0: cx - half, y0: cy - half, size: 2 * half };
}

function draw(samples, n, d, card, labels) {
  const canvas = $('plot');
  const scale = window.devicePixelRatio || 1;
  const side = Math.round(canvas.clientWidth * scale) || 360;
  canvas.width = side; canvas.height = side;
  const ctx = canvas.getContext('2d');
  ctx.clearRect(0, 0, side, side);
  if (d < 2) return;
  const box = bounds(samples, n, d, card);
  const r = Math.max(1.5, side / 250);
  ctx.globalAlpha = 0.7;
  for (let i = 0; i < n; i++) {
    const px = ((samples[i * d] - box.x0) / box.size) * side;
    const py = side - ((samples[i * d + 1] - box.y0) / box.size) * side;
    ctx.fillStyle = labels ? PALETTE[Number(labels[i]) % PALETTE.length] : PALETTE[0];
    ctx.beginPath(); ctx.arc(px, py, r, 0, 2 * Math.PI); ctx.fill();
  }
}

function fail(error) {
  const message = error && error.message ? error.message : String(error);
  setBusy(false, 'Error: ' + message);
  $('result').textContent = JSON.stringify({ error: message });
}

async function main() {
  const response = await fetch('models/index.json');
  if (!response.ok) throw new Error(`models/index.json: HTTP ${response.status}`);
  models = await response.json();
  const select = $('model');
  for (const m of models) select.append(new Option(m.name, m.name));
  const wanted = params.get('model');
  if (wanted !== null && !models.some((m) => m.name === wanted)) throw new Error(`no model named "${wanted}" in models/index.json`);
  if (wanted !== null) select.value = wanted;
  $('seed').value = intParam(params.get('seed'), 0, 0, 2 ** 32 - 1);
  $('count').value = intParam(params.get('n'), 1000, 1, 5000);
  select.addEventListener('change', () => loadModel(models.find((m) => m.name === select.value)).then(run).catch(fail));
  $('controls').addEventListener('submit', (e) => { e.preventDefault(); run().catch(fail); });
  await loadModel(models.find((m) => m.name === select.value));
  if (params.get('run') === '1') await run();
}

main().catch(fail);
