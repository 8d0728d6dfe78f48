/** Null-marked: a value is never null unless its type says {@code @Nullable}. */
@NullMarked
package dev.setpoint.bench;

import org.jspecify.annotations.NullMarked;
