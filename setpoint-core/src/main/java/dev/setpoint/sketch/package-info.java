/**
 * Summaries of scored rows for data larger than memory or spread over machines: {@link
 * dev.setpoint.sketch.ScoreSketch}, a fixed-memory, mergeable histogram over a declared {@link
 * dev.setpoint.sketch.Binning}, exact at every bin edge and with a stated bound everywhere else
 * ({@code docs/definitions.md#score-sketch}). Objectives run on it answer with a {@link
 * dev.setpoint.sketch.SketchSelection}: the chosen edge, exact, and an {@link
 * dev.setpoint.sketch.SketchSelection.ExactBound} on the exact engine's optimum; AP and ROC AUC come
 * as a {@link dev.setpoint.sketch.ScoreSketch.MetricBound} ({@code docs/definitions.md#sketch-bounds}).
 */
@NullMarked
package dev.setpoint.sketch;

import org.jspecify.annotations.NullMarked;
