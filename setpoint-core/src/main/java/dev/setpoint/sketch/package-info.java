/**
 * Summaries of scored rows for data larger than memory or spread over machines: {@link
 * dev.setpoint.sketch.ScoreSketch}, a fixed-memory, mergeable histogram over a declared {@link
 * dev.setpoint.sketch.Binning}, exact at every bin edge and with a stated bound everywhere else
 * ({@code docs/definitions.md#score-sketch}).
 */
package dev.setpoint.sketch;
