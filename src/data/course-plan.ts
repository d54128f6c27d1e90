import type { PartKey } from '../lib/lesson-schema';

/**
 * The whole course as planned (COURSE-MAP). A lesson is "published" when a file
 * content/lessons/NN-slug.mdx exists; the home page and sidebar list the others as not yet
 * published, without links.
 */
export interface PlannedLesson {
  order: number;
  slug: string;
  title: string;
  part: PartKey;
  /** Estimated study time, minutes. */
  duration: number;
  summary: string;
}

export const COURSE_PLAN: readonly PlannedLesson[] = [
  { order: 1, slug: 'que-es-tinyml', title: '¿Qué es TinyML?', part: 'fundamentos', duration: 35,
    summary: 'Aprendizaje automático en dispositivos diminutos: dónde se usa, con qué hardware y por qué la energía lo decide todo.' },
  { order: 2, slug: 'ia-y-aprendizaje-automatico', title: 'Inteligencia artificial y aprendizaje automático', part: 'fundamentos', duration: 40,
    summary: 'Qué es la IA, qué significa que una máquina aprenda de datos y la diferencia entre entrenar y usar un modelo.' },
  { order: 3, slug: 'la-neurona-artificial', title: 'La neurona artificial', part: 'neuronas', duration: 45,
    summary: 'De la neurona biológica al modelo matemático: pesos, sesgo, entrada neta y funciones de activación.' },
  { order: 4, slug: 'capas-y-matrices', title: 'Capas y notación matricial', part: 'neuronas', duration: 40,
    summary: 'Varias neuronas forman una capa y una capa es un producto de matrices: formas, notación y cálculo.' },
  { order: 5, slug: 'perceptron-and-xor', title: 'El perceptrón: AND y XOR', part: 'neuronas', duration: 50,
    summary: 'La regla de aprendizaje del perceptrón, por qué no puede con XOR y cómo lo resuelve una capa oculta.' },
  { order: 6, slug: 'descenso-de-gradiente', title: 'Descenso de gradiente y regresión', part: 'neuronas', duration: 50,
    summary: 'Cómo aprende una red: la pérdida, su gradiente y el efecto de la tasa de aprendizaje.' },
  { order: 7, slug: 'aprendizaje-profundo', title: 'Arquitectura del aprendizaje profundo', part: 'neuronas', duration: 45,
    summary: 'Tipos de aprendizaje, regresión frente a clasificación y el flujo de trabajo completo de un proyecto.' },
  { order: 8, slug: 'como-ve-un-computador', title: '¿Cómo «ve» un computador?', part: 'vision', duration: 40,
    summary: 'Imágenes como números y filtros como detectores de rasgos: la intuición detrás de las CNN.' },
  { order: 9, slug: 'convolucion-y-pooling', title: 'Convolución, ReLU, pooling y softmax', part: 'vision', duration: 55,
    summary: 'Las piezas de una red convolucional, paso a paso y con sus tamaños de salida.' },
  { order: 10, slug: 'entrenar-una-cnn', title: 'Entrenar una CNN en el navegador', part: 'vision', duration: 50,
    summary: 'Una CNN pequeña entrenada con dígitos reales de MNIST, aquí mismo, y probada con tus propios trazos.' },
  { order: 11, slug: 'flujo-tinyml-y-edge-impulse', title: 'El flujo de trabajo TinyML', part: 'despliegue', duration: 40,
    summary: 'Del flujo de aprendizaje profundo al de TinyML, Edge Impulse Studio y el aprendizaje por transferencia.' },
  { order: 12, slug: 'tensorflow-lite', title: 'TensorFlow Lite', part: 'despliegue', duration: 50,
    summary: 'Convertir un modelo a un archivo .tflite real, ejecutarlo con el intérprete y llevarlo a la placa.' },
  { order: 13, slug: 'optimizacion-cuantizacion-y-poda', title: 'Optimización: cuantización y poda', part: 'despliegue', duration: 55,
    summary: 'Cuantización int8 y poda: cuánto se gana en tamaño y velocidad y cuánto se pierde en precisión.' },
  { order: 14, slug: 'datos-secuenciales', title: 'Datos secuenciales', part: 'aplicaciones', duration: 40,
    summary: 'Voz, sonido y sensores inerciales: ventanas deslizantes y modelos para secuencias.' },
  { order: 15, slug: 'clasificacion-de-movimiento', title: 'Clasificación de movimiento', part: 'aplicaciones', duration: 60,
    summary: 'Del acelerómetro a las 33 características espectrales y a un clasificador en vivo con la placa.' },
  { order: 16, slug: 'deteccion-de-anomalias', title: 'Detección de anomalías', part: 'aplicaciones', duration: 45,
    summary: 'K-means y una puntuación de anomalía para detectar movimientos que nunca se vieron.' },
  { order: 17, slug: 'deteccion-de-palabras-clave', title: 'Detección de palabras clave (KWS)', part: 'aplicaciones', duration: 60,
    summary: 'Micrófono, espectrograma, banco de filtros mel y MFCC para reconocer palabras clave en vivo.' },
];
