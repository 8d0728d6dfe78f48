/**
 * What every endpoint of the decision service shares, below the route groups that use it ({@code
 * http}, {@code explorer}): who may call ({@link dev.setpoint.server.api.Access}: tokens, roles and
 * the limit on failed authentications) and how a refusal is answered ({@link
 * dev.setpoint.server.api.ApiException}: an RFC 9457 problem).
 */
@NullMarked
package dev.setpoint.server.api;

import org.jspecify.annotations.NullMarked;
