package dev.setpoint.cli.train;

import dev.setpoint.select.Objective;
import dev.setpoint.stats.Guarantee;
import dev.setpoint.train.data.SplitFractions;
import dev.setpoint.train.fit.TrainingConfig;
import java.util.Optional;
import java.util.function.IntFunction;

/**
 * What {@code setpoint train} was asked for, every option already checked ({@code
 * TrainOptions#request}): what is left can fail only on the data.
 *
 * @param files the files to read
 * @param target the setpoint the epochs are compared by
 * @param guarantee the deployed threshold's guarantee; empty when the target is a rate of 1
 * @param shares FILE's training, validation and calibration shares
 * @param seed the seed of the split (and of the training, in the configuration)
 * @param configFor the configuration for a number of training rows (a per-epoch multiplier step
 *     scales with the batches per epoch), checked with one row already
 */
record TrainRequest(TrainingFiles files, Objective target, Optional<Guarantee> guarantee, SplitFractions shares,
    long seed, IntFunction<TrainingConfig> configFor) {}
