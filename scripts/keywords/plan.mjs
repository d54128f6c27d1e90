// What the keyword set contains, decided from one seed before any audio is made: the voices, the
// split by voice, and every clip's parameters. Pure (rng passed in), imported by the tests.

export const CLASSES = ['sí', 'no', 'silencio', 'desconocido'];
/** «desconocido»: common short Spanish words, some close to the keywords («sin», «mío», «seis»
 * for «sí»; «nos», «nunca», «dos», «uno» for «no»); «si» (same sound as «sí») and words holding
 * «sí» or «no» as a syllable («así», «sino», «noche») are left out. */
export const UNKNOWN_WORDS = ['sin', 'nos', 'mío', 'dos', 'seis', 'nunca', 'casa', 'tú', 'agua', 'verde',
  'sol', 'tres', 'uno', 'ocho', 'luz', 'pan', 'gato', 'mesa', 'perro', 'cinco'];
export const LANGS = ['es', 'es-419'];
/** espeak-ng variants by group: male, female, and the Klatt-synthesizer voices (no gender). */
export const VARIANTS = {
  m: ['m1', 'm2', 'm3', 'm4', 'm5', 'm6', 'm7', 'm8', 'croak'],
  f: ['f1', 'f2', 'f3', 'f4', 'f5'],
  k: ['klatt', 'klatt2', 'klatt3', 'klatt4'],
};
/** Voices per language and group that go to test and to val; the rest train (36 voices: 24/4/8). */
export const HELD_OUT = { m: { test: 2, val: 1 }, f: { test: 1, val: 1 }, k: { test: 1, val: 0 } };
export const SPEEDS = [120, 140, 160, 180, 200, 220]; // espeak-ng -s, words per minute
export const PITCH = [25, 75]; // espeak-ng -p range (0–99), both ends included
export const PEAK_DB = [-12, -2]; // word peak level, dBFS
export const WORD_NOISE_DB = [-70, -35]; // noise RMS under words, dBFS
export const SILENCE_NOISE_DB = [-75, -25]; // noise RMS of «silencio» clips, dBFS
export const NOISE_KINDS = ['white', 'pink', 'brown', 'room'];
export const PER_VOICE = 2; // clips per voice and class

const GROUPS = Object.keys(VARIANTS);

/** Every voice: language × variant, e.g. { id: 'es-419+f3', lang: 'es-419', group: 'f' }. */
export function allVoices() {
  const out = [];
  for (const lang of LANGS) for (const group of GROUPS) for (const v of VARIANTS[group]) out.push({ id: `${lang}+${v}`, lang, group });
  return out;
}

/**
 * Seeded split by voice, stratified by language × group: each group is shuffled, its first
 * HELD_OUT[group].test voices go to test, the next HELD_OUT[group].val to val, the rest to train.
 * Lists keep allVoices() order.
 */
export function splitVoices(voices, rng) {
  const side = new Map();
  for (const lang of LANGS) for (const group of GROUPS) {
    const { test, val } = HELD_OUT[group];
    const members = rng.shuffle(voices.filter((v) => v.lang === lang && v.group === group));
    members.forEach((v, i) => side.set(v.id, i < test ? 'test' : i < test + val ? 'val' : 'train'));
  }
  const pick = (s) => voices.filter((v) => side.get(v.id) === s).map((v) => v.id);
  return { train: pick('train'), val: pick('val'), test: pick('test') };
}

const round1 = (x) => Math.round(x * 10) / 10;
const pickOf = (rng, xs) => xs[rng.int(0, xs.length - 1)];

/**
 * Every clip's parameters, in clips.bin order: per voice (allVoices order) PER_VOICE «sí», «no»
 * and «desconocido» clips; then the «silencio» clips, as many as each other class, split in the
 * same proportion as the voices (voice: null). shiftU in [0, 1) becomes the time shift once the
 * word's length is known. noiseSeed seeds that clip's noise.
 */
export function planClips(rng) {
  const voices = allVoices();
  const split = splitVoices(voices, rng);
  const sideOf = (id) => (split.train.includes(id) ? 'train' : split.val.includes(id) ? 'val' : 'test');
  const nUnknown = voices.length * PER_VOICE;
  let words = [];
  while (words.length < nUnknown) words = words.concat(rng.shuffle(UNKNOWN_WORDS));
  words = words.slice(0, nUnknown);
  const clips = [];
  const noise = (range) => ({ kind: pickOf(rng, NOISE_KINDS), levelDb: round1(rng.uniform(range[0], range[1])) });
  for (const v of voices) {
    for (const label of ['sí', 'no', 'desconocido']) {
      for (let k = 0; k < PER_VOICE; k++) {
        clips.push({
          label,
          word: label === 'desconocido' ? words.shift() : label,
          voice: v.id,
          speed: pickOf(rng, SPEEDS),
          pitch: rng.int(PITCH[0], PITCH[1]),
          peakDb: round1(rng.uniform(PEAK_DB[0], PEAK_DB[1])),
          shiftU: rng.next(),
          noise: noise(WORD_NOISE_DB),
          split: sideOf(v.id),
        });
      }
    }
  }
  for (const side of ['train', 'val', 'test']) {
    for (let k = 0; k < split[side].length * PER_VOICE; k++) {
      clips.push({ label: 'silencio', word: null, voice: null, speed: null, pitch: null, peakDb: null, shiftU: null, noise: noise(SILENCE_NOISE_DB), split: side });
    }
  }
  return { split, clips: clips.map((c, index) => ({ index, ...c, noiseSeed: rng.int(0, 0xffffffff) })) };
}
