// The trial page's "Try the model" panel: draw a digit, pick one of the dataset's test images (a sneaker is
// hard to draw) or upload a 28×28 image, and see what the trial's kept model predicts, with every class's
// probability, answered by POST /api/trials/{id}/predict.
// A drawing is reduced to 28×28 the way MNIST's digits were made: the strokes' bounding box scaled to fit
// 20×20 and placed so its centre of mass sits at the centre of the 28×28 field.

import { getJson, postBody } from './api.js';
import { h, redraw } from './dom.js';
import { percent } from './format.js';

const SIDE = 28;
const FIT = 20;
const PAD = 280;
const STROKE = 20;

/** The 784 gray levels (row-major, in [0, 1]) of the pad's drawing as MNIST would hold it; null when blank. */
function mnistPixels(pad) {
  const { data } = pad.getContext('2d').getImageData(0, 0, pad.width, pad.height);
  let [x0, y0, x1, y1, mass, mx, my] = [pad.width, pad.height, -1, -1, 0, 0, 0];
  for (let y = 0; y < pad.height; y += 1) {
    for (let x = 0; x < pad.width; x += 1) {
      const level = data[(y * pad.width + x) * 4];
      if (level === 0) continue;
      x0 = Math.min(x0, x); x1 = Math.max(x1, x);
      y0 = Math.min(y0, y); y1 = Math.max(y1, y);
      mass += level; mx += level * x; my += level * y;
    }
  }
  if (mass === 0) return null;
  const width = x1 - x0 + 1;
  const height = y1 - y0 + 1;
  const scale = FIT / Math.max(width, height);
  const field = document.createElement('canvas');
  field.width = SIDE;
  field.height = SIDE;
  const context = field.getContext('2d');
  context.fillStyle = '#000';
  context.fillRect(0, 0, SIDE, SIDE);
  context.imageSmoothingEnabled = true;
  context.imageSmoothingQuality = 'high';
  const left = SIDE / 2 - (mx / mass - x0) * scale;
  const top = SIDE / 2 - (my / mass - y0) * scale;
  context.drawImage(pad, x0, y0, width, height, left, top, width * scale, height * scale);
  const pixels = context.getImageData(0, 0, SIDE, SIDE).data;
  return Array.from({ length: SIDE * SIDE }, (_, i) => pixels[i * 4] / 255);
}

function probabilityList(prediction, names) {
  const order = prediction.probabilities.map((p, c) => [p, c]);
  return h('ol', { class: 'probabilities', 'aria-label': 'Probability of each class' },
    order.map(([p, c]) => h('li', { class: c === prediction.class && 'predicted' },
      h('span', { class: 'class-name' }, names[c] ?? String(c)),
      h('meter', { min: 0, max: 1, value: p, 'aria-label': `${names[c] ?? c}: ${percent(p, 1)}` }),
      h('span', { class: 'num' }, percent(p, 1)))));
}

/** The panel for trial <trialId> of a search on <dataset>; names are the dataset's class names. */
export function predictPanel(trialId, dataset, names, signal) {
  const pad = h('canvas', { width: PAD, height: PAD, class: 'digit-pad', 'aria-label': 'Drawing pad: draw a digit with the mouse, a finger or a pen' });
  const preview = h('canvas', { width: SIDE, height: SIDE, class: 'digit-preview', 'aria-label': 'What the model sees: the drawing at 28×28' });
  const answer = h('div', { class: 'prediction', 'aria-live': 'polite' },
    h('p', { class: 'hint' }, 'Draw in the square; the prediction appears when you lift the pen.'));
  const context = pad.getContext('2d', { willReadFrequently: true });

  function clear() {
    context.fillStyle = '#000';
    context.fillRect(0, 0, PAD, PAD);
    preview.getContext('2d').clearRect(0, 0, SIDE, SIDE);
    answer.replaceChildren(h('p', { class: 'hint' }, 'Draw in the square; the prediction appears when you lift the pen.'));
  }

  function show(prediction, label, warnings = []) {
    const name = (c) => names[c] ?? String(c);
    redraw(answer,
      h('p', { class: 'predicted-class' }, 'Predicted: ', h('strong', {}, name(prediction.class)),
        ` (${percent(prediction.probabilities[prediction.class], 1)})`),
      warnings.map((warning) => h('p', { class: 'warning' }, warning.message)),
      label === undefined ? null : h('p', { class: 'true-class' }, 'True class: ', h('strong', {}, name(label)),
        prediction.class === label ? ' — right' : ' — wrong'),
      probabilityList(prediction, names));
  }

  async function predict(body, label) {
    answer.setAttribute('aria-busy', 'true');
    try {
      const { predictions, warnings } = await postBody(`/api/trials/${trialId}/predict`, body, signal);
      show(predictions[0], label, warnings);
    } catch (error) {
      if (error.name !== 'AbortError') answer.replaceChildren(h('p', { class: 'error' }, `The model could not answer: ${error.message}`));
    } finally {
      answer.removeAttribute('aria-busy');
    }
  }

  function showPreview(pixels) {
    const small = preview.getContext('2d');
    const image = small.createImageData(SIDE, SIDE);
    pixels.forEach((p, i) => image.data.set([p * 255, p * 255, p * 255, 255], i * 4));
    small.putImageData(image, 0, 0);
  }

  function predictDrawing() {
    const pixels = mnistPixels(pad);
    if (!pixels) return;
    showPreview(pixels);
    predict({ images: [pixels] });
  }

  // A test image as it is, enlarged on the pad: predicted from its own pixels, its true class shown beside.
  async function pickTestImage() {
    try {
      const image = await getJson(`/api/datasets/${dataset}/test-images/random`, signal);
      showPreview(image.pixels);
      context.imageSmoothingEnabled = false;
      context.drawImage(preview, 0, 0, PAD, PAD);
      predict({ images: [image.pixels] }, image.label);
    } catch (error) {
      if (error.name !== 'AbortError') answer.replaceChildren(h('p', { class: 'error' }, `No test image: ${error.message}`));
    }
  }

  let last = null;
  const point = (event) => {
    const box = pad.getBoundingClientRect();
    return [(event.clientX - box.left) * (PAD / box.width), (event.clientY - box.top) * (PAD / box.height)];
  };
  pad.addEventListener('pointerdown', (event) => {
    pad.setPointerCapture(event.pointerId);
    last = point(event);
    context.fillStyle = '#fff';
    context.beginPath();
    context.arc(last[0], last[1], STROKE / 2, 0, Math.PI * 2);
    context.fill();
  });
  pad.addEventListener('pointermove', (event) => {
    if (!last) return;
    const next = point(event);
    context.strokeStyle = '#fff';
    context.lineWidth = STROKE;
    context.lineCap = 'round';
    context.beginPath();
    context.moveTo(...last);
    context.lineTo(...next);
    context.stroke();
    last = next;
  });
  const lift = () => {
    if (!last) return;
    last = null;
    predictDrawing();
  };
  pad.addEventListener('pointerup', lift);
  pad.addEventListener('pointercancel', lift);

  const upload = h('input', {
    type: 'file', accept: 'image/*', class: 'visually-hidden', id: `upload-${trialId}`,
    onchange: () => {
      const [file] = upload.files;
      if (!file) return;
      const form = new FormData();
      form.append('images', file, file.name);
      predict(form);
      upload.value = '';
    },
  });

  clear();
  return h('div', { class: 'predict-panel' },
    h('div', { class: 'pad-column' },
      pad,
      h('div', { class: 'actions' },
        h('button', { type: 'button', class: 'button secondary', onclick: clear }, 'Clear'),
        h('button', { type: 'button', class: 'button secondary', onclick: pickTestImage }, 'Pick a test image'),
        h('label', { class: 'button secondary', for: upload.id }, 'Upload a 28×28 image…'), upload),
      h('p', { class: 'hint' }, 'Light strokes on a dark ground, as in the training images; the model sees:'),
      preview),
    answer);
}
