// Which clips become single WAV files (lesson «muestras», Chromium's fake microphone): from the
// test voices only, «sí» and «no» from a male and a female voice, one «silencio», one «desconocido».
// For each, the test clip with the lowest noise level (ties: lowest index), so the word is clear.

const SLOTS = [
  { file: 'si-1.wav', label: 'sí', gender: '+m' },
  { file: 'si-2.wav', label: 'sí', gender: '+f' },
  { file: 'no-1.wav', label: 'no', gender: '+m' },
  { file: 'no-2.wav', label: 'no', gender: '+f' },
  { file: 'silencio.wav', label: 'silencio', gender: null },
  { file: 'desconocido.wav', label: 'desconocido', gender: null },
];

/** entries: manifest clips. Returns [{ file, index, label, word, voice }] in SLOTS order. */
export function chooseSamples(entries) {
  return SLOTS.map((s) => {
    const pool = entries.filter((e) => e.split === 'test' && e.label === s.label && (s.gender === null || e.voice.includes(s.gender)));
    if (pool.length === 0) throw new Error(`no hay clips de prueba para ${s.file}`);
    const best = pool.reduce((a, b) => (b.noise.levelDb < a.noise.levelDb ? b : a));
    return { file: s.file, index: best.index, label: best.label, word: best.word, voice: best.voice };
  });
}
