/**
 * Fitted models and their files: {@link dev.setpoint.train.model.Network} (the seam the trainer sees:
 * forward and backward over a flat parameter vector, {@link dev.setpoint.train.model.Network#dense}), the
 * fitted parameters as a {@link dev.setpoint.train.model.Model} ({@link
 * dev.setpoint.train.model.Model.LogisticRegression} or {@link
 * dev.setpoint.train.model.Model.MultilayerPerceptron}), {@link dev.setpoint.train.model.TrainedModel}
 * (parameters, feature names, standardisation and {@link dev.setpoint.train.model.TrainingProvenance};
 * it scores raw rows, through {@link dev.setpoint.train.model.Logistic}, and is read from and written
 * to its file, versioned JSON in the package-private {@code ModelFile}).
 */
@NullMarked
package dev.setpoint.train.model;

import org.jspecify.annotations.NullMarked;
