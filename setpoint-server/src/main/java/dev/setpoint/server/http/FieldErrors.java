package dev.setpoint.server.http;

import dev.setpoint.server.api.ApiException;
import java.util.ArrayList;
import java.util.List;

/**
 * The bad fields of one body, collected so that one answer names them all: a batch with bad requests
 * 17 and 240 hears of both, each with its JSON pointer ({@code /requests/17/score}), instead of fixing
 * one per round trip. The first {@value #LISTED} are listed in the problem's {@code errors[]}; the rest
 * are counted in its {@code detail}, so a batch of 10,000 bad requests does not answer 10,000 errors.
 */
final class FieldErrors {

  /** The most errors one answer lists. */
  static final int LISTED = 100;

  private final List<ApiException.FieldError> listed = new ArrayList<>();
  private int count;

  /**
   * Adds the field errors of {@code refusal}.
   *
   * @throws ApiException {@code refusal} itself when it is not a 400 about fields (a 404 policy, say)
   */
  void add(ApiException refusal) {
    if (refusal.status() != 400 || refusal.errors().isEmpty()) {
      throw refusal;
    }
    for (ApiException.FieldError e : refusal.errors()) {
      count++;
      if (listed.size() < LISTED) {
        listed.add(e);
      }
    }
  }

  /** Whether an error was added. */
  boolean any() {
    return count > 0;
  }

  /**
   * Answers the errors, if any: one is answered as {@link ApiException#field} answers it; more have
   * the detail {@code 3 errors; the first: /requests/17/score: required}, and beyond {@value #LISTED}
   * it adds how many are not listed.
   *
   * @throws ApiException 400 when an error was added
   */
  void throwIfAny() {
    if (count == 0) {
      return;
    }
    ApiException.FieldError first = listed.get(0);
    if (count == 1) {
      throw ApiException.field(first.pointer(), first.message());
    }
    throw ApiException.badRequest(count + " errors; the first: " + first.pointer() + ": "
        + first.message() + (count > LISTED ? "; errors[] lists the first " + LISTED + ", "
        + (count - LISTED) + " more are not listed" : ""), listed);
  }
}
