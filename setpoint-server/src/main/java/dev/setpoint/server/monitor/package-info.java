/**
 * What the logged decisions say: realised precision and recall per segment and band against each
 * policy version's promise ({@link dev.setpoint.server.monitor.Monitor}), and a candidate policy
 * replayed over the log before it is activated ({@link dev.setpoint.server.monitor.Replay}).
 */
@NullMarked
package dev.setpoint.server.monitor;

import org.jspecify.annotations.NullMarked;
