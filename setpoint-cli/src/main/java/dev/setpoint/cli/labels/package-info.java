/**
 * {@code setpoint labels}: labels for the decision service — {@code labels import} sends a CSV or
 * JSON Lines file of labels to a running server, streamed.
 */
@NullMarked
package dev.setpoint.cli.labels;

import org.jspecify.annotations.NullMarked;
