// Curso de TinyML: clasificador de dígitos MNIST en un Arduino Nano 33 BLE Sense
// con TensorFlow Lite para microcontroladores (TFLite Micro).
//
// Qué hace: espera por el puerto serie 784 bytes (una imagen de 28×28 píxeles, fila a fila,
// 0 = fondo y 255 = tinta), la pasa por la red convolucional cuantizada a int8 y responde con la
// clase (0–9), la puntuación de cada clase y el tiempo de inferencia.
//
// Necesita, en la misma carpeta que este archivo, el model_data.h que genera el curso (botón de
// descarga de la lección 12 o `npm run tflite:export -- <carpeta>`): es el modelo con entrada y
// salida int8 guardado como un array de C alineado a 16 bytes.
//
// Biblioteca: la de TFLite Micro para Arduino (repositorio tflite-micro-arduino-examples,
// instalada en la carpeta de bibliotecas con el nombre Arduino_TensorFlowLite). Más detalles en el
// README.md de esta carpeta.

#include <TensorFlowLite.h>

#include "tensorflow/lite/micro/micro_interpreter.h"
#include "tensorflow/lite/micro/micro_log.h"
#include "tensorflow/lite/micro/micro_mutable_op_resolver.h"
#include "tensorflow/lite/micro/system_setup.h"
#include "tensorflow/lite/schema/schema_generated.h"

#include "model_data.h"

namespace {

constexpr int kRows = 28;
constexpr int kCols = 28;
constexpr int kPixels = kRows * kCols;
constexpr int kClasses = 10;

// Memoria de trabajo del intérprete: activaciones, tensores y datos de cada operador.
// Con el modelo por defecto el pico son las activaciones de la primera convolución:
// entrada 28×28×1 (784 B) + salida 28×28×8 (6 272 B) y, durante el pooling, esa salida más
// 14×14×8 (1 568 B): unos 8 KB, más ~2–3 KB de estructuras. 24 KB deja margen para modelos algo
// mayores; el sketch imprime lo que de verdad se usa (arena_used_bytes) para que lo ajustes.
// El Nano 33 BLE Sense tiene 256 KB de RAM.
constexpr int kTensorArenaSize = 24 * 1024;
alignas(16) uint8_t tensor_arena[kTensorArenaSize];

const tflite::Model* model = nullptr;
tflite::MicroInterpreter* interpreter = nullptr;
TfLiteTensor* input = nullptr;
TfLiteTensor* output = nullptr;
uint8_t pixels[kPixels];

}  // namespace

void setup() {
  Serial.begin(115200);
  while (!Serial) {
  }
  tflite::InitializeTarget();

  // GetModel no copia nada: lee el flatbuffer directamente desde la memoria flash.
  model = tflite::GetModel(g_model);
  if (model->version() != TFLITE_SCHEMA_VERSION) {
    MicroPrintf("El modelo usa la versión %d del esquema y esta biblioteca la %d.",
                model->version(), TFLITE_SCHEMA_VERSION);
    return;
  }

  // Solo los operadores que usa el modelo (los lista el comentario de model_data.h); así el
  // programa no incluye el código de los demás. Si conviertes un modelo con otras capas, añade la
  // línea correspondiente y sube el número entre < >:
  //   resolver.AddDepthwiseConv2D();   // DEPTHWISE_CONV_2D
  //   resolver.AddAveragePool2D();     // AVERAGE_POOL_2D
  static tflite::MicroMutableOpResolver<5> resolver;
  resolver.AddConv2D();
  resolver.AddMaxPool2D();
  resolver.AddReshape();
  resolver.AddFullyConnected();
  resolver.AddSoftmax();

  static tflite::MicroInterpreter static_interpreter(model, resolver, tensor_arena, kTensorArenaSize);
  interpreter = &static_interpreter;
  if (interpreter->AllocateTensors() != kTfLiteOk) {
    MicroPrintf("AllocateTensors() falló: sube kTensorArenaSize o revisa los operadores.");
    interpreter = nullptr;
    return;
  }
  input = interpreter->input(0);
  output = interpreter->output(0);
  if (input->type != kTfLiteInt8 || input->bytes != static_cast<size_t>(kPixels) ||
      output->type != kTfLiteInt8 || output->bytes != static_cast<size_t>(kClasses)) {
    MicroPrintf("Se esperaba entrada int8 de 784 valores y salida int8 de 10: usa model_int8_io.");
    interpreter = nullptr;
    return;
  }

  Serial.print("Modelo listo. Memoria de trabajo usada: ");
  Serial.print(static_cast<unsigned long>(interpreter->arena_used_bytes()));
  Serial.print(" de ");
  Serial.print(kTensorArenaSize);
  Serial.println(" bytes.");
  Serial.println("Envía 784 bytes (28x28, fila a fila, 0 = fondo, 255 = tinta).");
}

void loop() {
  if (interpreter == nullptr) {
    delay(1000);
    return;
  }
  if (Serial.available() == 0) return;

  // Espera la imagen completa; si en 5 s no llegan los 784 bytes, la descarta.
  Serial.setTimeout(5000);
  size_t got = Serial.readBytes(reinterpret_cast<char*>(pixels), kPixels);
  if (got != kPixels) {
    Serial.print("Solo llegaron ");
    Serial.print(static_cast<unsigned long>(got));
    Serial.println(" bytes de 784; se descarta la imagen.");
    return;
  }

  // Cuantiza la entrada como en el entrenamiento: x = píxel / 255 y q = round(x / escala) + punto cero.
  const float in_scale = input->params.scale;
  const int in_zero = input->params.zero_point;
  for (int i = 0; i < kPixels; i++) {
    const float x = pixels[i] / 255.0f;
    int q = static_cast<int>(lroundf(x / in_scale)) + in_zero;
    if (q < -128) q = -128;
    if (q > 127) q = 127;
    input->data.int8[i] = static_cast<int8_t>(q);
  }

  const unsigned long start = micros();
  if (interpreter->Invoke() != kTfLiteOk) {
    MicroPrintf("Invoke() falló.");
    return;
  }
  const unsigned long elapsed = micros() - start;

  // La salida del softmax int8 tiene escala 1/256 y punto cero −128: p = (q + 128) / 256.
  const float out_scale = output->params.scale;
  const int out_zero = output->params.zero_point;
  int best = 0;
  for (int c = 1; c < kClasses; c++) {
    if (output->data.int8[c] > output->data.int8[best]) best = c;
  }
  Serial.print("Clase: ");
  Serial.print(best);
  Serial.print("  (inferencia: ");
  Serial.print(elapsed);
  Serial.println(" us)");
  for (int c = 0; c < kClasses; c++) {
    const float p = (output->data.int8[c] - out_zero) * out_scale;
    Serial.print("  ");
    Serial.print(c);
    Serial.print(": ");
    Serial.print(p * 100.0f, 1);
    Serial.println(" %");
  }
}
