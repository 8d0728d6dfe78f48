/**
 * JSON output conventions shared by the command line's {@code --format json} reports and the service's
 * HTTP API ({@link dev.setpoint.json.JsonNumbers}).
 */
@NullMarked
package dev.setpoint.json;

import org.jspecify.annotations.NullMarked;
