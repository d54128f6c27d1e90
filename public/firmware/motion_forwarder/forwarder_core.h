// Curso de TinyML: núcleo del sketch motion_forwarder, en C++ sin nada de Arduino.
//
// Aquí está toda la lógica que no depende de la placa, para poder compilarla y probarla en el
// ordenador (tests/firmware/ del repositorio del curso):
//   - g_to_ms2: la escala de g a m/s² (× 9,80665, la gravedad estándar).
//   - format_line: una lectura como "ax,ay,az\n" con 2 decimales, sin printf ni locale.
//   - format_err: una línea "ERR: …\n" de una sola línea.
//   - FixedRateScheduler: el reloj de 100 Hz sobre micros() de 32 bits, sin ráfagas.
//   - Throttle: como mucho un aviso por segundo.
// Solo usa <stdint.h> y <stddef.h>; vale para C++11 o posterior.

#ifndef MOTION_FORWARDER_CORE_H
#define MOTION_FORWARDER_CORE_H

#include <stddef.h>
#include <stdint.h>

namespace motion_fw {

// Gravedad estándar: m/s² por cada g (valor convencional, exacto por definición).
constexpr float kStandardGravity = 9.80665f;

// Se rechaza toda lectura con |valor| >= kMaxAbs (m/s²): las IMU de la placa miden como mucho
// ±16 g (≈ 157 m/s²), así que algo mayor es una lectura rota. El límite mantiene además
// valor × 10^decimales por debajo de 2^32 con 3 decimales o menos. NaN e ±Inf no pasan la
// misma comparación.
constexpr double kMaxAbs = 1.0e6;
constexpr unsigned kMaxDecimals = 3;

// Línea de datos más larga: 3 valores de hasta "-999999.999" (11 caracteres), 2 comas, '\n' y NUL.
constexpr size_t kLineCapacity = 48;

// g (lo que devuelven las bibliotecas de la IMU de Arduino) -> m/s².
inline float g_to_ms2(float g) { return g * kStandardGravity; }

// Escribe `value` con exactamente `decimals` cifras decimales en out[pos..cap).
// Redondeo: la mitad se aleja del cero, sobre el valor exacto del float (en double, así que
// 1.005f, que vale 1,00499999523…, da "1.00"). Un valor que redondea a cero sale "0.00", nunca
// "-0.00". El separador decimal es siempre '.', sea cual sea el locale de la biblioteca de C.
// Devuelve la nueva posición, o 0 si el valor está fuera de rango, no es finito o no cabe.
inline size_t append_fixed(char* out, size_t cap, size_t pos, double value, unsigned decimals) {
  if (decimals > kMaxDecimals) return 0;
  if (!(value > -kMaxAbs && value < kMaxAbs)) return 0;  // también falso con NaN
  uint32_t scale = 1;
  for (unsigned i = 0; i < decimals; i++) scale *= 10;
  const double scaled = value * static_cast<double>(scale);
  const bool negative = scaled < 0;
  // |scaled| < 1e9 < 2^32: el módulo redondeado cabe en un uint32_t.
  const uint32_t magnitude = static_cast<uint32_t>((negative ? -scaled : scaled) + 0.5);
  char digits[12];
  size_t n = 0;
  uint32_t rest = magnitude;
  do {
    digits[n++] = static_cast<char>('0' + rest % 10);
    rest /= 10;
  } while (rest != 0 || n <= decimals);  // al menos una cifra antes del punto
  const size_t needed = (negative && magnitude != 0 ? 1 : 0) + n + (decimals > 0 ? 1 : 0);
  if (pos + needed >= cap) return 0;  // deja sitio para el NUL final
  if (negative && magnitude != 0) out[pos++] = '-';
  while (n > 0) {
    out[pos++] = digits[--n];
    if (n == decimals && decimals > 0) out[pos++] = '.';
  }
  out[pos] = '\0';
  return pos;
}

// Escribe una línea del data forwarder: los valores separados por ',' y terminada en '\n', más
// un NUL. Devuelve su longitud en bytes (sin el NUL), o 0 (con out[0] = '\0') si un valor está
// fuera de rango o no cabe; entonces el sketch envía una línea ERR en su lugar.
inline size_t format_line(char* out, size_t cap, const float* values, size_t count, unsigned decimals) {
  if (cap == 0) return 0;
  out[0] = '\0';
  if (count == 0) return 0;
  size_t pos = 0;
  for (size_t i = 0; i < count; i++) {
    if (i > 0) {
      if (pos + 1 >= cap) { out[0] = '\0'; return 0; }
      out[pos++] = ',';
    }
    pos = append_fixed(out, cap, pos, values[i], decimals);
    if (pos == 0) { out[0] = '\0'; return 0; }
  }
  if (pos + 1 >= cap) { out[0] = '\0'; return 0; }
  out[pos++] = '\n';
  out[pos] = '\0';
  return pos;
}

// Escribe "ERR: <mensaje>\n" (más un NUL). Los caracteres de control del mensaje (CR, LF,
// TAB…) pasan a ser espacios, para que el error ocupe siempre una sola línea; un mensaje largo
// se corta para que quepa en `cap`. Devuelve la longitud en bytes sin el NUL (0 si cap < 7).
inline size_t format_err(char* out, size_t cap, const char* message) {
  static const char kPrefix[] = "ERR: ";
  const size_t prefix_len = sizeof(kPrefix) - 1;
  if (cap < prefix_len + 2) {
    if (cap > 0) out[0] = '\0';
    return 0;
  }
  size_t pos = 0;
  for (size_t i = 0; i < prefix_len; i++) out[pos++] = kPrefix[i];
  // Copia carácter a carácter; un carácter UTF-8 de varios bytes (la «ó» son 2) entra entero o
  // no entra, para no cortar nunca uno por la mitad. Sitio reservado: '\n' y NUL.
  const char* p = message;
  while (p != nullptr && *p != '\0') {
    const unsigned char c = static_cast<unsigned char>(*p);
    size_t len = 1;
    if ((c & 0xE0) == 0xC0) len = 2;
    else if ((c & 0xF0) == 0xE0) len = 3;
    else if ((c & 0xF8) == 0xF0) len = 4;
    if (pos + len + 2 > cap) break;
    if (len == 1) {
      out[pos++] = (c < 0x20 || c == 0x7f) ? ' ' : static_cast<char>(c);
      ++p;
      continue;
    }
    size_t k = 0;
    while (k < len && p[k] != '\0') k++;
    if (k < len) break;  // secuencia incompleta al final del mensaje: se descarta
    for (k = 0; k < len; k++) out[pos++] = *p++;
  }
  out[pos++] = '\n';
  out[pos] = '\0';
  return pos;
}

// Reloj de ritmo fijo sobre un contador de microsegundos de 32 bits (micros() de Arduino, que
// se desborda y vuelve a 0 cada 2^32 µs ≈ 71,6 min). Toda la aritmética es sin signo y módulo
// 2^32, así que el desbordamiento no se nota.
//
// Regla: los instantes de muestreo forman una rejilla fija, inicio + k·periodo. poll(ahora) dice
// «envía una muestra» cuando ha llegado el siguiente instante, y pasa al siguiente. Si el loop
// llega tan tarde que ya han pasado uno o más instantes más, esos se saltan (los cuenta
// skipped()) y no se envían después: poll() devuelve true como mucho una vez por llamada y, tras
// un true, el siguiente instante siempre está en el futuro. Un loop que se retrasa no produce
// nunca una ráfaga, y la rejilla conserva su fase. Un instante al que se llega con menos de un
// periodo de retraso sí se envía (tarde, una vez).
class FixedRateScheduler {
 public:
  explicit FixedRateScheduler(uint32_t period_us) : period_(period_us == 0 ? 1 : period_us) {}

  // El primer instante es now_us (poll(now_us) devuelve true).
  void start(uint32_t now_us) {
    next_ = now_us;
    skipped_ = 0;
    started_ = true;
  }

  bool poll(uint32_t now_us) {
    if (!started_) return false;
    // Tiempo hasta el siguiente instante, módulo 2^32. Tras start() o tras un true está en
    // (0, periodo] mientras se espera; cualquier otro valor es que ya pasó, hace (now - next).
    const uint32_t ahead = next_ - now_us;
    if (ahead != 0 && ahead <= period_) return false;
    const uint32_t late = now_us - next_;  // aquí, < 2^32 - periodo
    const uint32_t missed = late / period_;
    skipped_ += missed;
    next_ += (missed + 1) * period_;  // (missed + 1)·periodo <= late + periodo < 2^32
    return true;
  }

  uint32_t period_us() const { return period_; }
  uint32_t next_due_us() const { return next_; }
  uint32_t skipped() const { return skipped_; }

 private:
  uint32_t period_;
  uint32_t next_ = 0;
  uint32_t skipped_ = 0;
  bool started_ = false;
};

// Como mucho un aviso por intervalo (por ejemplo, una línea ERR por segundo): ready() es true
// la primera vez y después solo cuando han pasado interval_us desde el último true. Igual de
// inmune al desbordamiento de micros() que el reloj de arriba.
class Throttle {
 public:
  explicit Throttle(uint32_t interval_us) : interval_(interval_us) {}

  bool ready(uint32_t now_us) {
    if (armed_ && now_us - last_ < interval_) return false;
    armed_ = true;
    last_ = now_us;
    return true;
  }

  void reset() { armed_ = false; }

 private:
  uint32_t interval_;
  uint32_t last_ = 0;
  bool armed_ = false;
};

}  // namespace motion_fw

#endif  // MOTION_FORWARDER_CORE_H
