/**
 * Course glossary (page /glosario/). Each entry: the Spanish term as the course uses it, the
 * English term a student will meet in documentation, a one-line definition in Spanish that
 * agrees with the lessons (weights w_ji go from input i to neuron j, Net = W x + b, x ≈ Δ (q − Z)),
 * and the slug of the lesson that teaches it (one of the 17 in course-plan.ts).
 * Pure data and helpers: no Astro imports, so the unit test can load it.
 */
export interface GlossaryEntry {
  es: string;
  en: string;
  def: string;
  lesson: string;
}

export const GLOSSARY: readonly GlossaryEntry[] = [
  // 01 ¿Qué es TinyML?
  { es: 'TinyML', en: 'tiny machine learning', lesson: 'que-es-tinyml', def: 'Aprendizaje automático que funciona dentro de dispositivos diminutos, casi siempre microcontroladores, junto a sus sensores y con un consumo de milivatios o menos.' },
  { es: 'Edge AI', en: 'edge AI', lesson: 'que-es-tinyml', def: 'Ejecutar modelos de inteligencia artificial en el propio aparato, en el «borde» de la red, en vez de enviar los datos a un centro de datos; TinyML es su parte de energía ultrabaja.' },
  { es: 'microcontrolador', en: 'microcontroller (MCU)', lesson: 'que-es-tinyml', def: 'Ordenador completo en un solo chip (procesador, memoria y conexiones para sensores) que ejecuta un único programa.' },
  { es: 'latencia', en: 'latency', lesson: 'que-es-tinyml', def: 'Tiempo que pasa desde que el sensor mide hasta que llega la respuesta del modelo.' },
  { es: 'unidad de medida inercial (IMU)', en: 'inertial measurement unit', lesson: 'que-es-tinyml', def: 'Sensor que combina acelerómetro y giroscopio (en la placa del curso, también magnetómetro) para medir movimiento y orientación.' },
  // 02 IA y aprendizaje automático
  { es: 'inteligencia artificial (IA)', en: 'artificial intelligence (AI)', lesson: 'ia-y-aprendizaje-automatico', def: 'La ciencia y la ingeniería de construir máquinas inteligentes, según la definición de John McCarthy (1955).' },
  { es: 'aprendizaje automático', en: 'machine learning (ML)', lesson: 'ia-y-aprendizaje-automatico', def: 'Parte de la IA que estudia programas que mejoran en una tarea a partir de datos, sin que nadie les escriba las reglas.' },
  { es: 'modelo', en: 'model', lesson: 'ia-y-aprendizaje-automatico', def: 'Función con números ajustables, sus parámetros, que convierte una entrada en una salida.' },
  { es: 'entrenamiento', en: 'training', lesson: 'ia-y-aprendizaje-automatico', def: 'Ajustar los parámetros de un modelo con ejemplos y sus etiquetas hasta que sus salidas se parezcan a las correctas.' },
  { es: 'inferencia', en: 'inference', lesson: 'ia-y-aprendizaje-automatico', def: 'Usar un modelo ya entrenado, con los parámetros congelados, para responder ante una entrada nueva.' },
  // 03 La neurona artificial
  { es: 'neurona artificial', en: 'artificial neuron', lesson: 'la-neurona-artificial', def: 'Unidad de cálculo que multiplica cada entrada por su peso, suma los productos y el sesgo, y pasa el resultado por una función de activación.' },
  { es: 'peso', en: 'weight', lesson: 'la-neurona-artificial', def: 'Número que multiplica una entrada; w_ji es el de la conexión que va de la entrada i a la neurona j. Positivo excita, negativo inhibe.' },
  { es: 'sesgo', en: 'bias', lesson: 'la-neurona-artificial', def: 'Número b_j que se suma a la entrada neta sin depender de ninguna entrada; desplaza el punto en que la neurona se activa.' },
  { es: 'entrada neta', en: 'net input', lesson: 'la-neurona-artificial', def: 'Estímulo total de una neurona: net_j = Σ_i w_ji·x_i + b_j.' },
  { es: 'función de activación', en: 'activation function', lesson: 'la-neurona-artificial', def: 'Función φ que convierte la entrada neta en la salida de la neurona, y_j = φ(net_j); aporta la no linealidad.' },
  { es: 'función escalón', en: 'step function', lesson: 'la-neurona-artificial', def: 'Activación de todo o nada: 0 para entradas netas negativas y 1 para positivas.' },
  { es: 'sigmoide', en: 'sigmoid (logistic function)', lesson: 'la-neurona-artificial', def: 'Activación σ(z) = 1 / (1 + e^(−z)): una «S» suave entre 0 y 1 que se lee a menudo como una probabilidad.' },
  { es: 'ReLU', en: 'rectified linear unit', lesson: 'la-neurona-artificial', def: 'Activación φ(z) = max(0, z): cero para entradas negativas y la propia z para las positivas; basta una comparación.' },
  { es: 'tangente hiperbólica', en: 'hyperbolic tangent (tanh)', lesson: 'la-neurona-artificial', def: 'Activación en forma de «S» que va de −1 a 1 y está centrada en cero: tanh(z) = 2σ(2z) − 1.' },
  // 04 Capas y notación matricial
  { es: 'capa', en: 'layer', lesson: 'capas-y-matrices', def: 'Grupo de neuronas que reciben las mismas entradas, trabajan a la vez y no están conectadas entre sí.' },
  { es: 'capa densa', en: 'dense (fully connected) layer', lesson: 'capas-y-matrices', def: 'Capa en la que cada neurona está conectada con todas las entradas: con n entradas y m neuronas tiene n·m pesos y m sesgos.' },
  { es: 'capa oculta', en: 'hidden layer', lesson: 'capas-y-matrices', def: 'Capa entre la entrada y la salida; sus salidas son representaciones intermedias que la red inventa al entrenar.' },
  { es: 'matriz de pesos', en: 'weight matrix', lesson: 'capas-y-matrices', def: 'Tabla W de m × n, una fila por neurona y w_ji en la fila j y la columna i; la capa calcula Net = W x + b.' },
  { es: 'MAC (multiplicar y acumular)', en: 'multiply-accumulate', lesson: 'capas-y-matrices', def: 'Operación básica de una red: multiplicar un peso por una entrada y sumarlo a lo acumulado; una capa densa hace m·n por ejemplo.' },
  // 05 El perceptrón
  { es: 'perceptrón', en: 'perceptron', lesson: 'perceptron-and-xor', def: 'Neurona con activación escalón que aprende sus pesos a partir de ejemplos con la regla del perceptrón (Rosenblatt, 1958).' },
  { es: 'umbral', en: 'threshold', lesson: 'perceptron-and-xor', def: 'Estímulo mínimo Θ para que una neurona escalón se active; equivale a un sesgo b = −Θ.' },
  { es: 'XOR', en: 'exclusive OR', lesson: 'perceptron-and-xor', def: 'Puerta lógica que vale 1 cuando exactamente una de sus dos entradas vale 1; ninguna recta separa sus clases, así que un perceptrón solo no puede aprenderla.' },
  { es: 'perceptrón multicapa (MLP)', en: 'multilayer perceptron', lesson: 'perceptron-and-xor', def: 'Red con una o más capas ocultas entre la entrada y la salida; con una sola capa oculta ya resuelve XOR.' },
  { es: 'función de pérdida', en: 'loss function', lesson: 'perceptron-and-xor', def: 'Número L que mide cuánto se equivoca el modelo con los parámetros actuales y vale 0 si no se equivoca; entrenar es hacerlo bajar.' },
  { es: 'error cuadrático medio (MSE)', en: 'mean squared error', lesson: 'perceptron-and-xor', def: 'Pérdida que promedia el cuadrado de la diferencia entre la salida deseada y la obtenida: L = (1/PM)·Σ_p Σ_k (d_pk − y_pk)².' },
  { es: 'tasa de aprendizaje', en: 'learning rate', lesson: 'perceptron-and-xor', def: 'Número positivo α que fija el tamaño de cada corrección de los pesos: muy pequeña, aprende despacio; muy grande, se pasa de largo o diverge.' },
  { es: 'época', en: 'epoch', lesson: 'perceptron-and-xor', def: 'Una pasada completa por todos los ejemplos de entrenamiento.' },
  { es: 'retropropagación', en: 'backpropagation', lesson: 'perceptron-and-xor', def: 'Método que calcula ∂L/∂w para todos los pesos, también los de las capas ocultas, aplicando la regla de la cadena desde la salida hacia la entrada.' },
  // 06 Descenso de gradiente y regresión
  { es: 'gradiente', en: 'gradient', lesson: 'descenso-de-gradiente', def: 'Vector de las derivadas parciales de la pérdida respecto a cada parámetro; apunta hacia donde la pérdida sube más deprisa.' },
  { es: 'descenso de gradiente', en: 'gradient descent', lesson: 'descenso-de-gradiente', def: 'Método que repite w ← w − α·∇L(w): mueve los parámetros un paso en la dirección en que la pérdida baja más deprisa.' },
  { es: 'regresión', en: 'regression', lesson: 'descenso-de-gradiente', def: 'Tarea supervisada en la que el modelo predice un número continuo, como la temperatura de mañana.' },
  { es: 'conjunto de validación', en: 'validation set', lesson: 'descenso-de-gradiente', def: 'Ejemplos que no se usan para ajustar los pesos, sino para decidir el diseño y vigilar el sobreajuste.' },
  { es: 'sobreajuste', en: 'overfitting', lesson: 'descenso-de-gradiente', def: 'El modelo memoriza sus ejemplos, ruido incluido: la pérdida de entrenamiento sigue bajando y la de validación deja de hacerlo o sube.' },
  { es: 'subajuste', en: 'underfitting', lesson: 'descenso-de-gradiente', def: 'El modelo es demasiado simple o ha entrenado poco: las pérdidas de entrenamiento y de validación se quedan altas.' },
  // 07 Arquitectura del aprendizaje profundo
  { es: 'aprendizaje supervisado', en: 'supervised learning', lesson: 'aprendizaje-profundo', def: 'Aprender con ejemplos que llegan con su respuesta correcta (la etiqueta).' },
  { es: 'aprendizaje no supervisado', en: 'unsupervised learning', lesson: 'aprendizaje-profundo', def: 'Aprender con ejemplos sin etiqueta para descubrir estructura en ellos, como grupos parecidos.' },
  { es: 'aprendizaje por refuerzo', en: 'reinforcement learning', lesson: 'aprendizaje-profundo', def: 'Un agente actúa en un entorno y aprende de las recompensas y castigos que recibe, sin que nadie le diga la acción correcta.' },
  { es: 'clasificación', en: 'classification', lesson: 'aprendizaje-profundo', def: 'Tarea supervisada en la que la salida es una categoría de una lista cerrada, como «calor» o «frío».' },
  { es: 'exactitud', en: 'accuracy', lesson: 'aprendizaje-profundo', def: 'Fracción de ejemplos que el modelo clasifica bien.' },
  { es: 'matriz de confusión', en: 'confusion matrix', lesson: 'aprendizaje-profundo', def: 'Tabla que cuenta, para cada clase real (fila), cuántas veces el modelo respondió cada clase (columna); la diagonal son los aciertos.' },
  { es: 'conjunto de prueba', en: 'test set', lesson: 'aprendizaje-profundo', def: 'Ejemplos guardados bajo llave que se usan una sola vez, al final, para estimar cómo le irá al modelo con datos nuevos.' },
  // 08 ¿Cómo «ve» un ordenador?
  { es: 'filtro (núcleo)', en: 'filter (kernel)', lesson: 'como-ve-un-computador', def: 'Tabla pequeña de pesos, normalmente de 3 × 3, que se desliza sobre la imagen y responde con fuerza a un rasgo, como un borde.' },
  { es: 'pesos compartidos', en: 'weight sharing', lesson: 'como-ve-un-computador', def: 'En una convolución, los mismos pesos del filtro se usan en todas las posiciones de la imagen; por eso tiene tan pocos parámetros.' },
  { es: 'red neuronal convolucional (CNN)', en: 'convolutional neural network', lesson: 'como-ve-un-computador', def: 'Red que desliza filtros aprendidos sobre la entrada y construye rasgos complejos a partir de simples; la base de la visión artificial.' },
  // 09 Convolución, ReLU, pooling y softmax
  { es: 'convolución', en: 'convolution', lesson: 'convolucion-y-pooling', def: 'Operación que desliza un filtro por la entrada y en cada posición suma los productos de sus pesos por los valores de debajo, más un sesgo.' },
  { es: 'paso', en: 'stride', lesson: 'convolucion-y-pooling', def: 'Cuántas celdas avanza el filtro en cada desplazamiento; con paso 2, la salida mide más o menos la mitad en cada dirección.' },
  { es: 'relleno', en: 'padding', lesson: 'convolucion-y-pooling', def: 'Ceros añadidos alrededor de la entrada; con «valid» no hay, y con «same» y paso 1 la salida mide lo mismo que la entrada.' },
  { es: 'mapa de características', en: 'feature map', lesson: 'convolucion-y-pooling', def: 'Salida de un filtro: una imagen en la que cada valor dice cuánto se parece esa zona a lo que el filtro busca.' },
  { es: 'pooling', en: 'pooling', lesson: 'convolucion-y-pooling', def: 'Reduce un mapa quedándose con un número por ventana, el máximo (max pooling) o la media (average pooling); no tiene parámetros.' },
  { es: 'aplanar', en: 'flatten', lesson: 'convolucion-y-pooling', def: 'Poner en fila todos los valores de los mapas (de 7 × 7 × 16 a 784) para que entren en una capa densa; no calcula nada.' },
  { es: 'softmax', en: 'softmax', lesson: 'convolucion-y-pooling', def: 'Convierte las salidas de la última capa (los logits, z) en probabilidades positivas que suman 1: p_i = exp(z_i) / Σ_j exp(z_j), donde exp(z) = e^z.' },
  { es: 'extractor de características', en: 'feature extractor', lesson: 'convolucion-y-pooling', def: 'Parte de una red, como sus bloques convolucionales, que convierte la entrada en un vector de rasgos útiles para decidir.' },
  // 10 Entrenar una CNN en el navegador
  { es: 'entropía cruzada', en: 'cross-entropy', lesson: 'entrenar-una-cnn', def: 'Pérdida de clasificación que, con etiquetas one-hot, vale −ln p_c: castiga dar poca probabilidad a la clase correcta.' },
  { es: 'codificación one-hot', en: 'one-hot encoding', lesson: 'entrenar-una-cnn', def: 'Etiqueta escrita como un vector con un 1 en la posición de la clase correcta y 0 en las demás.' },
  { es: 'lote', en: 'batch', lesson: 'entrenar-una-cnn', def: 'Grupo de B ejemplos con el que se calcula cada paso de entrenamiento; la pérdida del lote es la media de la de sus ejemplos.' },
  // 11 El flujo de trabajo TinyML
  { es: 'aprendizaje por transferencia', en: 'transfer learning', lesson: 'flujo-tinyml-y-edge-impulse', def: 'Reutilizar la base de una red entrenada con muchos datos, congelada, y entrenar solo una cabeza nueva con pocos ejemplos.' },
  { es: 'Edge Impulse Studio', en: 'Edge Impulse Studio', lesson: 'flujo-tinyml-y-edge-impulse', def: 'Plataforma web que recorre el flujo TinyML: adquisición de datos, diseño del impulso, entrenamiento, prueba y despliegue en la placa.' },
  { es: 'característica', en: 'feature', lesson: 'flujo-tinyml-y-edge-impulse', def: 'Número calculado a partir de los datos en bruto que describe algo útil para decidir, como la energía de una señal en una banda.' },
  { es: 'memoria flash', en: 'flash memory', lesson: 'flujo-tinyml-y-edge-impulse', def: 'Memoria que no se borra al apagar, donde viven el programa y los pesos del modelo; la placa del curso tiene 1 MB.' },
  { es: 'RAM', en: 'random-access memory', lesson: 'flujo-tinyml-y-edge-impulse', def: 'Memoria de trabajo, que se borra al apagar; ahí están las activaciones durante la inferencia (256 KB en la placa del curso).' },
  // 12 TensorFlow Lite
  { es: 'TensorFlow Lite', en: 'TensorFlow Lite (TFLite)', lesson: 'tensorflow-lite', def: 'Versión de TensorFlow para ejecutar modelos ya entrenados en dispositivos con pocos recursos; no entrena, solo hace inferencia.' },
  { es: 'LiteRT', en: 'LiteRT (Lite Runtime)', lesson: 'tensorflow-lite', def: 'Nombre que recibe TensorFlow Lite desde 2024; LiteRT.js es su versión para el navegador, compilada a WebAssembly.' },
  { es: 'TFLite Micro', en: 'TensorFlow Lite for Microcontrollers', lesson: 'tensorflow-lite', def: 'Variante de TensorFlow Lite para microcontroladores: su núcleo cabe en unos 16 KB y el modelo se lee directamente de la flash.' },
  { es: 'conversor', en: 'converter', lesson: 'tensorflow-lite', def: 'Programa que traduce un modelo entrenado a un archivo .tflite: capas a operadores, sin lo que solo sirve para entrenar y con operaciones fusionadas.' },
  { es: 'intérprete', en: 'interpreter', lesson: 'tensorflow-lite', def: 'Parte de TFLite que ejecuta un .tflite en el dispositivo en cuatro pasos: reservar los tensores, poner la entrada, invocar y leer la salida.' },
  { es: 'flatbuffer', en: 'FlatBuffer', lesson: 'tensorflow-lite', def: 'Formato binario que se lee en su sitio, sin desempaquetarlo; el de los archivos .tflite, que por eso pueden quedarse en la flash.' },
  { es: 'tensor arena', en: 'tensor arena', lesson: 'tensorflow-lite', def: 'Bloque fijo de RAM en el que TFLite Micro coloca todos los tensores; dos que nunca están vivos a la vez comparten sitio.' },
  // 13 Optimización: cuantización y poda
  { es: 'cuantización', en: 'quantization', lesson: 'optimizacion-cuantizacion-y-poda', def: 'Representar números con menos precisión, por ejemplo con los 256 niveles de un entero de 8 bits, guardando solo el código del nivel más cercano.' },
  { es: 'int8', en: '8-bit integer', lesson: 'optimizacion-cuantizacion-y-poda', def: 'Entero con signo de 8 bits, de −128 a 127: el tipo de los pesos y activaciones de un modelo cuantizado de TensorFlow Lite.' },
  { es: 'cuantización min-max', en: 'min-max quantization', lesson: 'optimizacion-cuantizacion-y-poda', def: 'Lleva el mínimo al código 0 y el máximo al código L = 2^b − 1 y reparte el rango en niveles iguales; el error de ida y vuelta es como mucho medio paso.' },
  { es: 'escala', en: 'scale', lesson: 'optimizacion-cuantizacion-y-poda', def: 'En la cuantización afín, el número real positivo Δ que separa dos códigos consecutivos: x ≈ Δ·(q − Z) (TensorFlow Lite lo llama S, scale).' },
  { es: 'punto cero', en: 'zero point', lesson: 'optimizacion-cuantizacion-y-poda', def: 'En la cuantización afín, el código entero Z que representa exactamente el 0 real.' },
  { es: 'cuantización por canal', en: 'per-channel quantization', lesson: 'optimizacion-cuantizacion-y-poda', def: 'Cada filtro (canal de salida) de una convolución tiene su propia escala, ajustada a su propio rango de pesos.' },
  { es: 'cuantización posterior al entrenamiento (PTQ)', en: 'post-training quantization', lesson: 'optimizacion-cuantizacion-y-poda', def: 'Cuantizar un modelo ya entrenado, sin reentrenarlo, con unos pocos ejemplos de calibración.' },
  { es: 'calibración', en: 'calibration', lesson: 'optimizacion-cuantizacion-y-poda', def: 'Pasar unos cuantos ejemplos reales por la red para medir el rango de cada activación y elegir su escala y su punto cero.' },
  { es: 'poda', en: 'pruning', lesson: 'optimizacion-cuantizacion-y-poda', def: 'Poner a cero los pesos que menos aportan; en la poda por magnitud, los de menor |w|.' },
  { es: 'dispersión', en: 'sparsity', lesson: 'optimizacion-cuantizacion-y-poda', def: 'Fracción de los pesos que valen cero tras la poda.' },
  // 14–17 Aplicaciones
  { es: 'acelerómetro', en: 'accelerometer', lesson: 'clasificacion-de-movimiento', def: 'Sensor que mide la aceleración en uno o varios ejes, en m/s² o en g (1 g = 9,80665 m/s²); en reposo mide la gravedad.' },
  { es: 'RMS (valor eficaz)', en: 'root mean square', lesson: 'clasificacion-de-movimiento', def: 'Raíz cuadrada de la media de los cuadrados de una señal; resume su energía en un solo número.' },
  { es: 'FFT', en: 'fast Fourier transform', lesson: 'clasificacion-de-movimiento', def: 'Algoritmo rápido para descomponer una señal en las frecuencias que la forman (pasarla al dominio de la frecuencia).' },
  { es: 'frecuencia de muestreo', en: 'sampling rate', lesson: 'clasificacion-de-movimiento', def: 'Cuántas lecturas por segundo toma un sensor, f_s, en hercios; la placa del curso envía el acelerómetro a 100 Hz.' },
  { es: 'frecuencia de Nyquist', en: 'Nyquist frequency', lesson: 'clasificacion-de-movimiento', def: 'La mitad de la frecuencia de muestreo, f_s/2: la frecuencia más alta que se puede representar con esas muestras.' },
  { es: 'bin de frecuencia', en: 'frequency bin', lesson: 'clasificacion-de-movimiento', def: 'Cada valor k de una FFT de N puntos; corresponde a la frecuencia k·f_s/N, y la distancia entre bins, f_s/N, es la resolución.' },
  { es: 'periodograma', en: 'periodogram', lesson: 'clasificacion-de-movimiento', def: 'Estimación de la densidad de potencia de una señal a partir de |X[k]|²: cuánta energía hay por hercio alrededor de cada bin.' },
  { es: 'ventana deslizante', en: 'sliding window', lesson: 'clasificacion-de-movimiento', def: 'El último tramo de señal, de longitud fija, que se vuelve a analizar cada salto (hop); dos ventanas seguidas se solapan.' },
  { es: 'WebSerial', en: 'Web Serial API', lesson: 'clasificacion-de-movimiento', def: 'Interfaz del navegador que, con tu permiso, deja a una página leer y escribir en un puerto serie, como el de la placa.' },
  { es: 'K-means', en: 'K-means', lesson: 'deteccion-de-anomalias', def: 'Algoritmo no supervisado que reparte los datos en K grupos, cada uno representado por su centro, el centroide. El curso usa el nombre inglés, el de las herramientas; a veces se traduce como «K-medias».' },
  { es: 'anomalía', en: 'anomaly', lesson: 'deteccion-de-anomalias', def: 'Dato que se aparta de lo habitual; un detector de anomalías aprende solo lo normal y avisa de lo que no se le parece.' },
  { es: 'detección de palabras clave (KWS)', en: 'keyword spotting', lesson: 'deteccion-de-palabras-clave', def: 'Reconocer unas pocas palabras concretas, como la que despierta a un asistente de voz, escuchando siempre con muy poca energía.' },
  { es: 'espectrograma', en: 'spectrogram', lesson: 'deteccion-de-palabras-clave', def: 'Imagen de un sonido: el tiempo en un eje, la frecuencia en el otro y, en cada punto, la energía de esa frecuencia en ese instante.' },
  { es: 'banco de filtros mel', en: 'mel filter bank', lesson: 'deteccion-de-palabras-clave', def: 'Filtros triangulares repartidos en la escala mel, que imita al oído: estrechos en graves y anchos en agudos.' },
  { es: 'MFCC', en: 'mel-frequency cepstral coefficients', lesson: 'deteccion-de-palabras-clave', def: 'Unos pocos coeficientes por trozo de sonido que resumen la forma de su espectro mel, tomado en escala logarítmica; entrada clásica de los modelos de voz.' },
];

const collator = new Intl.Collator('es', { sensitivity: 'base' });

/**
 * The course's symbols: one meaning each, course-wide (issue 15). `tex` is plain Unicode as the
 * lessons print it; `lesson`: where the symbol is introduced.
 */
export interface SymbolEntry {
  symbol: string;
  meaning: string;
  lesson: string;
}

export const SYMBOLS: readonly SymbolEntry[] = [
  { symbol: 'x, xᵢ', meaning: 'Entrada de una neurona o de una capa; xᵢ es la entrada i.', lesson: 'la-neurona-artificial' },
  { symbol: 'w_ji', meaning: 'Peso de la conexión que va de la entrada i a la neurona j.', lesson: 'la-neurona-artificial' },
  { symbol: 'b, b_j', meaning: 'Sesgo (de la neurona j).', lesson: 'la-neurona-artificial' },
  { symbol: 'net, z', meaning: 'Entrada neta: Σᵢ w_ji·xᵢ + b_j, antes de la activación.', lesson: 'la-neurona-artificial' },
  { symbol: 'σ', meaning: 'La sigmoide, σ(z) = 1 / (1 + e^(−z)). Nunca una desviación típica.', lesson: 'la-neurona-artificial' },
  { symbol: 'W', meaning: 'Matriz de pesos de una capa, de m × n: una fila por neurona, Net = W x + b. Keras la guarda traspuesta, Wᵀ.', lesson: 'capas-y-matrices' },
  { symbol: 'n, m', meaning: 'Entradas (n) y neuronas (m) de una capa densa: n·m pesos y m sesgos.', lesson: 'capas-y-matrices' },
  { symbol: 'ŷ, d', meaning: 'Salida de la red (ŷ, «y gorro») y valor deseado (d).', lesson: 'perceptron-and-xor' },
  { symbol: 'α', meaning: 'Tasa de aprendizaje: w ← w − α ∂L/∂w.', lesson: 'perceptron-and-xor' },
  { symbol: 'L', meaning: 'Pérdida (por ejemplo, el error cuadrático medio o la entropía cruzada).', lesson: 'descenso-de-gradiente' },
  { symbol: 'λ', meaning: 'Curvatura de la pérdida (un valor propio de su hessiana); el descenso es estable con α < 2/λₘₐₓ.', lesson: 'descenso-de-gradiente' },
  { symbol: 'μ, s', meaning: 'Media y desviación típica de una variable; normalizar es z = (x − μ)/s.', lesson: 'aprendizaje-profundo' },
  { symbol: 'K(i, j)', meaning: 'Filtro de la lección 08, indexado desde su centro: i, j de −1 a 1.', lesson: 'como-ve-un-computador' },
  { symbol: 'K, S, P', meaning: 'Tamaño del kernel (K × K), paso (stride) y relleno de una convolución o un pooling.', lesson: 'convolucion-y-pooling' },
  { symbol: 'u, v', meaning: 'Fila y columna dentro del kernel, de 0 a K − 1: w_uv = K(u − 1, v − 1) para K = 3.', lesson: 'convolucion-y-pooling' },
  { symbol: 'N, C, F', meaning: 'Lado de un mapa de N × N, sus canales (C) y los filtros de una convolución (F).', lesson: 'convolucion-y-pooling' },
  { symbol: 'T', meaning: 'Temperatura de la softmax.', lesson: 'convolucion-y-pooling' },
  { symbol: 'Δ, q, Z', meaning: 'Paso de cuantización (escala), código entero y punto cero: x ≈ Δ (q − Z).', lesson: 'optimizacion-cuantizacion-y-poda' },
];

/**
 * One word (and one unit convention) per concept, course-wide: the choice, and the words the
 * course does not use for it.
 */
export interface WordChoice {
  use: string;
  notUsed: string;
  note: string;
}

export const WORD_CHOICES: readonly WordChoice[] = [
  { use: 'ordenador', notUsed: 'computador, computadora', note: 'El aparato de sobremesa o portátil en el que se entrena.' },
  { use: 'coste', notUsed: 'costo', note: 'Lo que cuesta algo: cálculo, memoria, energía.' },
  { use: 'K-means', notUsed: 'K-medias', note: 'El nombre de las herramientas y la documentación.' },
  { use: 'la arena (de tensores)', notUsed: 'el arena', note: 'El bloque fijo de RAM en el que TFLite Micro coloca los tensores; femenino, como «la arena».' },
  { use: 'KB = 1024 bytes', notUsed: 'KB = 1000 bytes', note: 'Los tamaños de archivo del curso se dan en KB de 1024 bytes, con una cifra decimal (36 392 bytes son 35,5 KB), como los muestran los widgets.' },
];

/** Entries sorted by Spanish term with the Spanish collation (ñ after n, accents ignored). */
export function sortGlossary(entries: readonly GlossaryEntry[]): GlossaryEntry[] {
  return [...entries].sort((a, b) => collator.compare(a.es, b.es) || a.es.localeCompare(b.es, 'es'));
}

/** Anchor id for a term: lowercase ASCII with hyphens ("función de activación" → "funcion-de-activacion"). */
export function glossaryId(es: string): string {
  return es
    .toLowerCase()
    .replace(/ñ/g, 'nn')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/** Index letter of a term: first letter, uppercase, accents removed ("Ñ" stays its own letter). */
export function glossaryLetter(es: string): string {
  const first = es.trim().charAt(0).toUpperCase();
  if (first === 'Ñ') return 'Ñ';
  return first.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
}

export interface GlossaryGroup {
  letter: string;
  entries: GlossaryEntry[];
}

/** Sorted entries grouped by index letter, letters in order. */
export function groupGlossary(entries: readonly GlossaryEntry[]): GlossaryGroup[] {
  const groups: GlossaryGroup[] = [];
  for (const e of sortGlossary(entries)) {
    const letter = glossaryLetter(e.es);
    const last = groups[groups.length - 1];
    if (last && last.letter === letter) last.entries.push(e);
    else groups.push({ letter, entries: [e] });
  }
  return groups;
}

export interface DefPart {
  kind: 'text' | 'sub' | 'sup';
  text: string;
}

/**
 * Splits a definition into text, subscripts and superscripts for display: "w_ji" → w + sub(ji),
 * "e^(−z)" → e + sup(−z), "2^b" → 2 + sup(b). Only letters and digits after "_" form a subscript.
 */
export function formatDef(def: string): DefPart[] {
  const parts: DefPart[] = [];
  const re = /_([A-Za-z0-9]+)|\^\(([^)]*)\)|\^([A-Za-z0-9]+)/g;
  let last = 0;
  for (let m = re.exec(def); m; m = re.exec(def)) {
    if (m.index > last) parts.push({ kind: 'text', text: def.slice(last, m.index) });
    if (m[1] !== undefined) parts.push({ kind: 'sub', text: m[1] });
    else parts.push({ kind: 'sup', text: m[2] ?? m[3] ?? '' });
    last = re.lastIndex;
  }
  if (last < def.length) parts.push({ kind: 'text', text: def.slice(last) });
  return parts;
}
