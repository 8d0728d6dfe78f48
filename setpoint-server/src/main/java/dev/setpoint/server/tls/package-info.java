/**
 * The server's certificate chain and private key for TLS ({@link
 * dev.setpoint.server.tls.TlsMaterial}), read from the PEM files operators already have (certbot's
 * {@code fullchain.pem} and {@code privkey.pem}, an internal CA's files, {@code openssl req -x509}
 * output) and checked once, at startup, with messages that name the file and what is wrong. How the
 * server serves them is {@code dev.setpoint.server.http}'s business; this package knows nothing of
 * Jetty.
 */
@NullMarked
package dev.setpoint.server.tls;

import org.jspecify.annotations.NullMarked;
