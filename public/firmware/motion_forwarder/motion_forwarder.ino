// Curso de TinyML: el acelerómetro de un Arduino Nano 33 BLE Sense, por el puerto serie.
//
// Qué hace: lee el acelerómetro 100 veces por segundo y envía cada lectura como una línea de
// texto con los ejes x, y, z en m/s² (el valor en g × 9,80665) y dos decimales:
//
//   -0.12,-6.20,7.90
//
// Es el formato del data forwarder de Edge Impulse, así que la misma placa sirve para las
// lecciones de movimiento del curso (conectando desde el navegador con Web Serial) y para
// `edge-impulse-data-forwarder`. Por el puerto solo salen líneas de datos y, si algo falla,
// líneas que empiezan por "ERR: " (la página del curso las enseña tal cual). Nada más: ni
// mensajes de bienvenida ni cabeceras, que se confundirían con los datos.
//
// ANTES DE SUBIRLO, elige la revisión de tu placa en BOARD_REV, justo debajo. Cada revisión
// lleva un chip de movimiento distinto, y cada chip necesita su biblioteca (instálala desde el
// gestor de bibliotecas del IDE de Arduino):
//   1 = Nano 33 BLE Sense (Rev1): chip LSM9DS1, biblioteca Arduino_LSM9DS1.
//   2 = Nano 33 BLE Sense Rev2: chips BMI270 + BMM150, biblioteca Arduino_BMI270_BMM150.
// Si eliges la que no es, el sketch compila pero la placa envía, una vez por segundo, una línea
// ERR que te dice que cambies BOARD_REV.
//
// Más detalles (placa, subida, permisos en Linux, problemas) en la página «Hardware» del curso.

#ifndef BOARD_REV
#define BOARD_REV 2  // <- 1 si tu placa es la Rev1 (LSM9DS1), 2 si es la Rev2 (BMI270)
#endif

#include <Arduino.h>

#if BOARD_REV == 1
#include <Arduino_LSM9DS1.h>
#define IMU_CHIP "LSM9DS1"
#define THIS_REV "1"
#define OTHER_REV "2"
#elif BOARD_REV == 2
#include <Arduino_BMI270_BMM150.h>
#define IMU_CHIP "BMI270"
#define THIS_REV "2"
#define OTHER_REV "1"
#else
#error "BOARD_REV tiene que ser 1 (Nano 33 BLE Sense Rev1, LSM9DS1) o 2 (Rev2, BMI270)."
#endif

#include "forwarder_core.h"

namespace {

// Velocidad del puerto serie. En esta placa el puerto es USB nativo y la cifra no cambia la
// velocidad real, pero el monitor serie, la página del curso y el data forwarder usan 115200.
constexpr unsigned long kBaudRate = 115200;

// 100 Hz: una lectura cada 10 000 µs.
constexpr uint32_t kRateHz = 100;
constexpr uint32_t kPeriodUs = 1000000UL / kRateHz;

constexpr unsigned kDecimals = 2;
constexpr uint32_t kErrorIntervalUs = 1000000UL;  // como mucho una línea ERR por segundo

const char kInitError[] =
    "no se pudo iniciar el acelerómetro " IMU_CHIP " (BOARD_REV " THIS_REV "). Si tu placa es la Rev"
    OTHER_REV ", pon BOARD_REV " OTHER_REV " en el sketch y vuelve a subirlo.";
const char kReadError[] = "no se pudo leer el acelerómetro " IMU_CHIP "; se salta esta lectura.";
const char kRangeError[] = "lectura del acelerómetro no numérica o fuera de rango; se salta.";

motion_fw::FixedRateScheduler scheduler(kPeriodUs);
motion_fw::Throttle error_throttle(kErrorIntervalUs);
bool imu_ready = false;

uint32_t now_us() { return static_cast<uint32_t>(micros()); }

void send_error(const char* message) {
  char line[160];
  const size_t n = motion_fw::format_err(line, sizeof(line), message);
  Serial.write(reinterpret_cast<const uint8_t*>(line), n);
}

// Intenta iniciar la IMU. Si no puede, avisa (como mucho una vez por segundo) y lo volverá a
// intentar en el siguiente loop() que toque: así el aviso se ve aunque abras el puerto más tarde.
void try_start_imu(uint32_t now) {
  if (!error_throttle.ready(now)) return;
  if (IMU.begin()) {
    imu_ready = true;
    error_throttle.reset();
    scheduler.start(now_us());
  } else {
    send_error(kInitError);
  }
}

}  // namespace

void setup() {
  Serial.begin(kBaudRate);
  // No se espera a que el ordenador abra el puerto (sin `while (!Serial)`): la placa mide desde
  // que arranca y, mientras nadie escucha, el núcleo Mbed descarta lo que se escribe.
  try_start_imu(now_us());
}

void loop() {
  const uint32_t now = now_us();
  if (!imu_ready) {
    try_start_imu(now);
    return;
  }
  if (!scheduler.poll(now)) return;

  // La biblioteca devuelve la última medida del chip, en g. El chip mide a su propio ritmo
  // (119 Hz el LSM9DS1, 100 Hz el BMI270 con esta biblioteca) y el sketch la recoge a 100 Hz
  // con su reloj, así que de vez en cuando una medida del chip se repite o se salta.
  float g[3];
  if (!IMU.readAcceleration(g[0], g[1], g[2])) {
    if (error_throttle.ready(now)) send_error(kReadError);
    return;
  }
  const float ms2[3] = {motion_fw::g_to_ms2(g[0]), motion_fw::g_to_ms2(g[1]), motion_fw::g_to_ms2(g[2])};
  char line[motion_fw::kLineCapacity];
  const size_t n = motion_fw::format_line(line, sizeof(line), ms2, 3, kDecimals);
  if (n == 0) {
    if (error_throttle.ready(now)) send_error(kRangeError);
    return;
  }
  // Una sola escritura por línea: llega al ordenador en un único paquete USB.
  Serial.write(reinterpret_cast<const uint8_t*>(line), n);
}
