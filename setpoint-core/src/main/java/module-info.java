/**
 * Setpoint's core: exact curves, metrics, selection, calibration, sketches and statistics over scored
 * rows. Every package is API: the readers, the policy, the CLI, the server, Spark and training all
 * build on each of them.
 */
module dev.setpoint.core {
  requires org.apache.commons.statistics.distribution;
  requires static transitive org.jspecify;

  exports dev.setpoint.calibrate;
  exports dev.setpoint.curve;
  exports dev.setpoint.data;
  exports dev.setpoint.select;
  exports dev.setpoint.sketch;
  exports dev.setpoint.spelling;
  exports dev.setpoint.stats;
}
