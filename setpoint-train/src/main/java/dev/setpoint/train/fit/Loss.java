package dev.setpoint.train.fit;

/**
 * A training loss over a batch of logits {@code z_i = f(x_i)} with labels {@code y_i}.
 *
 * <p>{@link #evaluate} returns the loss averaged over the batch and writes {@code ∂loss/∂z_i} for each
 * example (the gradient of the <em>mean</em>, so it already carries the {@code 1/B}). A model turns those
 * into parameter gradients by its own backward pass, so every loss works with every model. Losses whose
 * weights change during training (dual-weighted BCE, the Lagrangian surrogates) are represented by a new
 * {@code Loss} value per step; a {@code Loss} itself is immutable.
 */
interface Loss {

  /**
   * The batch-mean loss and its gradient with respect to each logit.
   *
   * @param logits the first {@code count} entries are the batch's logits, finite
   * @param labels the first {@code count} entries are the batch's labels
   * @param count the batch size B, at least 1
   * @param gradient receives {@code ∂loss/∂z_i} in its first {@code count} entries
   * @return the mean loss over the batch
   */
  double evaluate(double[] logits, boolean[] labels, int count, double[] gradient);

  /** A short name for provenance and progress lines, such as {@code bce}. */
  String name();
}
