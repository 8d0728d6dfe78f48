/**
 * Dense feature tables: {@link dev.setpoint.train.data.FeatureCsv} reads one from CSV, {@link
 * dev.setpoint.train.data.Standardization} is fitted on the training rows only, and {@link
 * dev.setpoint.train.data.StratifiedSplit} splits rows into training, validation and calibration sets
 * with the class proportions kept.
 */
@NullMarked
package dev.setpoint.train.data;

import org.jspecify.annotations.NullMarked;
