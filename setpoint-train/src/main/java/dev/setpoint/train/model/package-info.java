/**
 * Fitted models and their files: {@link dev.setpoint.train.model.LogisticRegression} (the parameters),
 * {@link dev.setpoint.train.model.TrainedModel} (parameters, feature names, standardisation and {@link
 * dev.setpoint.train.model.TrainingProvenance}; it scores raw rows), and {@link
 * dev.setpoint.train.model.ModelFile} (versioned JSON).
 */
package dev.setpoint.train.model;
