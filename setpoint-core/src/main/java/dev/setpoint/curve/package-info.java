/**
 * The exact curve engine: one sort of the scores, ties collapsed, weighted cumulative counts per
 * distinct score; every metric and every curve is then a pass over that compressed form.
 *
 * <ul>
 *   <li>{@link dev.setpoint.curve.CurveBuilder} accumulates rows and builds a {@link
 *       dev.setpoint.curve.Curve} in O(n log n) time, O(n) memory.
 *   <li>{@link dev.setpoint.curve.Curve#ofCounts} builds a curve from rows already counted per distinct
 *       score, in O(k) without sorting (the bootstrap's replicates).
 *   <li>{@link dev.setpoint.curve.Curve} answers the confusion matrix at any threshold in O(log k) (binary
 *       search over the k distinct scores), average precision and ROC AUC in O(k), and the PR and ROC
 *       curves.
 *   <li>{@link dev.setpoint.curve.Confusion} holds the four weighted counts and derives every metric.
 * </ul>
 *
 * <p>The decision rule is {@code score >= t} everywhere; ties are never split. Every definition is
 * written once in {@code docs/definitions.md}; the Javadoc of each metric cites its section there.
 */
@NullMarked
package dev.setpoint.curve;

import org.jspecify.annotations.NullMarked;
