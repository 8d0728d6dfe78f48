package dev.setpoint.server.http;

import dev.setpoint.policy.PolicyDocuments;
import dev.setpoint.policy.Validation;
import dev.setpoint.server.store.PolicyEvent;
import dev.setpoint.server.store.Store;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalLong;

/** The worked example policy (examples/policies/card-fraud.yaml), for tests that decide. */
final class CardFraud {

  /** A decide body that the example routes to eu-premium. */
  static final String DECIDE = "{\"policy\": \"card-fraud\", \"score\": 0.9, "
      + "\"attributes\": {\"jurisdiction\": \"EU\", \"tier\": \"premium\", \"amount\": 120}}";

  private CardFraud() {}

  /** Stores the example as version 1 of card-fraud and activates it. */
  static Store activeIn(Store store) {
    Validation.Valid policy;
    try {
      policy = (Validation.Valid) PolicyDocuments.parse(
          Files.readString(Path.of("../examples/policies/card-fraud.yaml")),
          PolicyDocuments.Format.YAML, "card-fraud.yaml");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    store.putPolicy("card-fraud", PolicyDocuments.write(policy.policy(),
        PolicyDocuments.Format.JSON), policy.sha256(), "test", Optional.empty(),
        OptionalLong.empty());
    store.activate("card-fraud", 1, PolicyEvent.Kind.ACTIVATE, "test", "launch");
    return store;
  }
}
