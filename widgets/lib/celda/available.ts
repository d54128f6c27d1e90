/**
 * What a cell can use without imports, for the «Qué hay disponible» list under each cell
 * (Celda.astro prints the entries its `disponible` prop names, the base set by default).
 * Keep in step with celda-runtime.ts's `api`.
 */
export const AVAILABLE: Readonly<Record<string, string>> = {
  print: 'print(…) o console.log(…): escribe texto (y tensores) bajo la celda.',
  show: 'show(x): muestra un tensor con su forma y tipo, o una tabla si x es una lista de objetos.',
  table: 'table(filas): una tabla a partir de una lista de objetos, p. ej. [{x: 1, y: 2}].',
  image: 'image(p, etiqueta?): dibuja una imagen en grises de 28 × 28 (784 valores de 0 a 1 o de 0 a 255).',
  Plot: 'Plot: gráficas de Observable Plot, p. ej. Plot.plot({marks: [Plot.lineY(valores)]}). Las opciones son nombres de columna o números (no funciones).',
  tf: 'tf: TensorFlow.js (tf.tensor, tf.sequential, model.fit…), en el procesador o la tarjeta gráfica.',
  fft: 'fft(x, n?): la FFT real del curso; devuelve {re, im, mag} (n potencia de dos, por defecto la siguiente a x.length).',
  dsp: 'dsp: el motor de señales del curso (mean, makeWindow, amplitudeSpectrum, findPeaks…).',
  quantize: 'quantize(x, paso): redondea x al múltiplo de paso más cercano (lección 13).',
  quant: 'quant: las funciones de cuantización del curso (minMaxEncode, minMaxDecode, minMaxQuantize…).',
  kmeans: 'kmeans(puntos, {k, seed}): K-means del curso; también assignStep, updateStep e inertia.',
  conv: 'conv: convolución y pooling del curso (fromRows, kernelFromRows, conv2d, maxPool2d…).',
  tflite: 'tflite: el conversor del curso, tflite.convert(modelo) y tflite.convertInt8(modelo, muestras) dan los bytes del .tflite; tflite.run(bytes, entrada) lo ejecuta con el intérprete de referencia.',
  mnist: "mnist: 10 000 dígitos. mnist.tensores('train', n) da {xs, ys, etiquetas}; mnist.digito('test', i) da {pixeles, etiqueta}.",
};

export const BASE_AVAILABLE = ['print', 'show', 'table', 'Plot', 'tf'] as const;

/** The list for one cell: the base entries plus the extra names, in this order, without repeats. */
export function availableFor(extra: readonly string[]): { name: string; text: string }[] {
  const names = [...new Set([...BASE_AVAILABLE, ...extra])];
  return names.map((name) => {
    const text = AVAILABLE[name];
    if (!text) throw new Error(`<Celda disponible>: «${name}» no existe (mira widgets/lib/celda/available.ts)`);
    return { name, text };
  });
}
