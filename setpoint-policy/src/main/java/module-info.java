/**
 * Operating policies: the document model, its JSON and YAML forms checked against the published
 * schema, choosing a policy from curves, and the compiled decider. Both packages are API (the CLI, the
 * server, Spark and the benchmarks use them); Jackson's tree types appear in it, so Jackson is read by
 * whoever reads this module.
 */
module dev.setpoint.policy {
  requires transitive dev.setpoint.core;
  requires transitive com.fasterxml.jackson.databind;
  requires com.fasterxml.jackson.dataformat.yaml;
  requires com.networknt.schema;
  // The options package is picocli mixins, and UsageMessages takes picocli's exceptions.
  requires transitive info.picocli;
  requires static transitive org.jspecify;

  exports dev.setpoint.json;
  exports dev.setpoint.policy;
  exports dev.setpoint.policy.tally;
  exports dev.setpoint.policy.options;

  // picocli sets the option fields of the shared mixins by reflection.
  opens dev.setpoint.policy.options to info.picocli;
}
