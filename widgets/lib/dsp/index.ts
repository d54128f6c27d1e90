/**
 * Signal engine (pure, Node-tested). Each file's header states its formulas and units.
 *   basic.ts        mean, rms, removeMean, scaleBy (float32 cast), isPow2, nextPow2
 *   window.ts       makeWindow('rectangular' | 'hann', n, periodic?)
 *   fft.ts          rfft(x, n) on fft.js (zero-pad / truncate to n), magnitudes
 *   spectrum.ts     amplitudeSpectrum (textbook, 2|X|/Σw), periodogram (density), bandMean
 *   peaks.ts        findPeaks(values, threshold, count)
 *   butterworth.ts  butterworth(kind, order, cutoffHz, fs) → second-order sections, sosfilt, sosGain
 *   spectral.ts     Edge Impulse's spectral-analysis block v1: analyzeAxis, spectralFeatures,
 *                   spectralFeatureLabels, SPECTRAL_DEFAULTS
 */
export * from './basic';
export * from './window';
export * from './fft';
export * from './spectrum';
export * from './peaks';
export * from './butterworth';
export * from './spectral';
