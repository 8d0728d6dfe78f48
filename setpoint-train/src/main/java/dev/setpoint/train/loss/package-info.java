/**
 * Training losses as functions of a batch of logits: each {@link dev.setpoint.train.loss.Loss} returns
 * the batch-mean loss and writes its gradient with respect to every logit, so one model's backward pass
 * serves every loss. {@link dev.setpoint.train.loss.Logistic} holds the stable softplus and sigmoid they
 * share. The maths is in {@code ../shared/notes/constrained_training.md} §1–3.
 */
@NullMarked
package dev.setpoint.train.loss;

import org.jspecify.annotations.NullMarked;
